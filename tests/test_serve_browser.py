"""`jxlint serve`'s page in a real headless Chromium: upload, read counts, filter, download."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE
from serve_server import running_server, wait_healthy

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WORKBOOK = FIXTURES / "formats" / "sample-merged.xlsx"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver (installed by .ci/run)")


def chrome(tmp_path: Path, downloads: Path, size: str = "1280,1000"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve-browser")
    with running_server(work) as (url, _):
        wait_healthy(url)
        yield url


@needs_browser
def test_page_checks_uploads_filters_and_downloads(server, tmp_path):
    import openpyxl
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chrome(tmp_path, downloads)
    try:
        driver.get(server)
        assert driver.title == "jxlint 绩效目标表检查"
        assert not driver.find_element(By.ID, "check").is_enabled()  # nothing chosen yet
        driver.find_element(By.ID, "files").send_keys(f"{SAMPLE}\n{WORKBOOK}")
        assert [li.text.split("（")[0] for li in driver.find_elements(By.CSS_SELECTOR, "#chosen li")] == [SAMPLE.name, WORKBOOK.name]
        driver.find_element(By.ID, "check").click()
        wait_for(lambda: driver.find_element(By.ID, "result").is_displayed() or driver.find_element(By.ID, "error").is_displayed(),
                 240, "the report")
        assert not driver.find_element(By.ID, "error").is_displayed()

        rows = {r.get_attribute("data-file"): r for r in driver.find_elements(By.CSS_SELECTOR, "#reading-rows tr")}
        assert list(rows) == [SAMPLE.name, WORKBOOK.name]
        cells = lambda row: [row.find_element(By.CSS_SELECTOR, f"td.{c}").text for c in ("units", "projects", "indicators", "unplaced")]  # noqa: E731
        assert cells(rows[SAMPLE.name]) == ["17", "276", "1,378", "0"]
        assert cells(rows[WORKBOOK.name]) == ["17", "276", "1,378", "0"]
        assert "发布版式文本" in rows[SAMPLE.name].text and "Excel 工作簿" in rows[WORKBOOK.name].text
        verdict = driver.find_element(By.ID, "verdict").text
        assert verdict.startswith("共 2662 条发现（错误 46，") and "未通过" in verdict

        # the report is the --format html page, filters and all
        driver.switch_to.frame("report")
        assert int(driver.find_element(By.ID, "shown").text) == 2662
        assert driver.find_element(By.ID, "count-error").text == "46"
        Select(driver.find_element(By.ID, "f-severity")).select_by_value("error")
        visible = [el for el in driver.find_elements(By.CSS_SELECTOR, "div.finding") if el.is_displayed()]
        assert len(visible) == 46 == int(driver.find_element(By.ID, "shown").text)
        assert all(el.get_attribute("data-severity") == "error" and "错误" in el.text for el in visible)
        assert any(el.find_elements(By.TAG_NAME, "mark") for el in visible)  # offending text highlighted
        driver.execute_script("document.querySelector('.filters').scrollIntoView()")
        driver.switch_to.default_content()
        driver.execute_script("window.scrollTo(0, 0)")
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "serve-page.png"))

        links = {a.get_attribute("data-kind"): a for a in driver.find_elements(By.CSS_SELECTOR, "#download-links a")}
        assert set(links) == {"annotated", "json", "sarif", "html"}
        assert links["annotated"].text == "sample-merged-jxlint标注.xlsx"
        links["annotated"].click()
        path = downloads / "sample-merged-jxlint标注.xlsx"
        wait_for(lambda: path.is_file() and not list(downloads.glob("*.crdownload")), 30, "the annotated workbook")
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[0] == "jxlint检查结果"
        summary = wb["jxlint检查结果"]
        assert summary.max_row > 1 and summary.cell(1, 1).value == "位置"
        commented = [c for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row if c.comment]
        assert commented and all("jxlint" == c.comment.author for c in commented)
        links["json"].click()
        report = downloads / "jxlint-报告.json"
        wait_for(lambda: report.is_file() and not list(downloads.glob("*.crdownload")), 30, "the JSON report")
        import json

        assert json.loads(report.read_text(encoding="utf-8"))["summary"]["by_severity"]["error"] == 46
    finally:
        driver.quit()


@needs_browser
def test_page_shows_input_errors_and_refuses_oversized_files(server, tmp_path):
    from selenium.webdriver.common.by import By

    corrupt = tmp_path / "坏的工作簿.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    driver = chrome(tmp_path, tmp_path)
    try:
        driver.get(server)
        driver.find_element(By.ID, "files").send_keys(str(corrupt))
        driver.find_element(By.ID, "check").click()
        error = driver.find_element(By.ID, "error")
        wait_for(error.is_displayed, 120, "the error message")
        assert error.text.startswith("坏的工作簿.xlsx: 不是有效的 .xlsx 工作簿")
        assert "Traceback" not in driver.page_source and not driver.find_element(By.ID, "result").is_displayed()
        # a type the page does not take is named at once
        odd = tmp_path / "notes.docx"
        odd.write_bytes(b"x")
        driver.find_element(By.ID, "files").send_keys(str(odd))
        assert "不支持的文件类型：notes.docx" in error.text
        # the limit is checked before anything is sent
        big = tmp_path / "big.csv"
        with big.open("wb") as fh:
            fh.truncate(51 * 1000 * 1000)
        driver.find_element(By.ID, "files").send_keys(str(big))
        driver.find_element(By.ID, "check").click()
        assert "超过 50.0 MB 的上限" in error.text
    finally:
        driver.quit()


@needs_browser
def test_page_applies_categories_fail_level_and_config(server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from conftest import CLEAN

    bad = tmp_path / "草稿.txt"
    bad.write_text(CLEAN.read_text(encoding="utf-8").replace("2、1-产出指\n标；12-质量指标", "2、1-效益指\n标；12-质量指标"), encoding="utf-8")
    config = tmp_path / "jxlint.toml"
    config.write_text('[severity]\nCOD003 = "warning"\n', encoding="utf-8")
    driver = chrome(tmp_path, tmp_path)
    try:
        driver.get(server)
        driver.find_element(By.ID, "files").send_keys(str(bad))
        verdict = driver.find_element(By.ID, "verdict")

        def run() -> str:
            driver.find_element(By.ID, "check").click()
            wait_for(lambda: driver.find_element(By.ID, "result").is_displayed(), 120, "the report")
            return verdict.text

        assert run().startswith("共 1 条发现（错误 1，") and "未通过" in verdict.text
        for box in driver.find_elements(By.CSS_SELECTOR, ".cats input"):
            if box.get_attribute("value") == "category-code":
                box.click()  # leave out 类别编号: COD003 is not checked
        assert run().startswith("共 0 条发现") and "— 通过" in verdict.text
        driver.find_element(By.CSS_SELECTOR, ".cats input[value='category-code']").click()
        driver.find_element(By.ID, "config").send_keys(str(config))  # COD003 becomes a warning
        assert driver.find_element(By.ID, "config-name").text == "jxlint.toml"
        assert run().startswith("共 1 条发现（错误 0，警告 1，") and "— 通过" in verdict.text
        Select(driver.find_element(By.ID, "fail_on")).select_by_value("warning")
        assert "未通过（不通过级别：警告）" in run()
    finally:
        driver.quit()
