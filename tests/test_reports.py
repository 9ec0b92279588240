"""Machine and reviewer formats: SARIF (schema-valid), GitHub annotations, the HTML page in a
real headless Chromium, the annotated workbook, baselines."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, SAMPLE
from linter.cli import main

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def run(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sarif_is_valid_against_the_official_schema(capsys):
    code, out, _ = run(["check", SAMPLE, "--format", "sarif"], capsys)
    doc = json.loads(out)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    run_ = doc["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["COD003"]["shortDescription"]["text"] and rules["COD003"]["fullDescription"]["text"]
    assert "## 为什么" in rules["COD003"]["help"]["markdown"]
    [res] = [r for r in run_["results"] if r["ruleId"] == "COD003"]
    loc = res["locations"][0]
    assert loc["physicalLocation"]["region"]["startLine"] == 1283
    assert loc["logicalLocations"][0]["fullyQualifiedName"].count(" / ") == 2
    assert res["level"] == "error" and res["partialFingerprints"]["jxlintLogicalKey/v1"]
    assert code == 1


def test_sarif_for_a_workbook_points_at_cells(capsys):
    _, out, _ = run(["check", FIXTURES / "formats" / "sample-merged.xlsx", "--format", "sarif", "--select", "COD003"], capsys)
    [res] = json.loads(out)["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 9 and res["properties"]["sheet"] == "绩效目标表"


def swapped_first_projects(tmp_path) -> Path:
    """The sample with its first two projects (lines 10-20 and 21-30) swapped."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[9].strip().startswith("越秀区物业管理工作奖励经费") and lines[20].strip().startswith("马庄巷")
    path = tmp_path / "swapped.txt"
    path.write_text("\n".join(lines[:9] + lines[20:30] + lines[9:20] + lines[30:]) + "\n", encoding="utf-8")
    return path


def test_fingerprints_stable_when_projects_move(tmp_path, capsys):
    moved = swapped_first_projects(tmp_path)

    def fingerprints(path):
        doc = json.loads(run(["check", path, "--format", "sarif"], capsys)[1])
        return sorted(r["partialFingerprints"]["jxlintLogicalKey/v1"] for r in doc["runs"][0]["results"])

    assert fingerprints(SAMPLE) == fingerprints(moved)


def test_github_annotations_and_summary(capsys):
    code, out, _ = run(["check", SAMPLE, "--format", "github", "--select", "COD,VAG001"], capsys)
    lines = out.splitlines()
    assert any(line.startswith(f"::error file={SAMPLE},line=1283,") and "title=COD003 code-name-mismatch::" in line for line in lines)
    assert any(line.startswith("::warning file=") for line in lines)
    assert "::notice title=jxlint VAG001::VAG001 vague-indicator-value：298 条警告" in lines
    assert lines[-1].startswith("jxlint: ")
    assert code == 1


def test_baseline_round_trip(tmp_path, capsys):
    base = tmp_path / "baseline.json"
    code, _, err = run(["check", SAMPLE, "--write-baseline", base], capsys)
    assert code == 0 and "记入基线" in err
    code, out, _ = run(["check", SAMPLE, "--baseline", base, "--format", "json"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["findings"] == [] and doc["summary"]["baseline"]["gone"] == []
    assert doc["summary"]["baseline"]["suppressed"] > 900


def test_baseline_ignores_reordering_and_unrelated_edits(tmp_path, capsys):
    base = tmp_path / "baseline.json"
    run(["check", SAMPLE, "--write-baseline", base], capsys)
    moved = swapped_first_projects(tmp_path)
    # and an edit inside one project: its quantified 税费清缴数量 becomes vague
    text = moved.read_text(encoding="utf-8")
    edit = "实施周期指标值:≥10套；年度指标值 :≥10套"
    assert text.count(edit) == 1
    moved.write_text(text.replace(edit, "实施周期指标值:有效提升；年度指标值 :有效提升"), encoding="utf-8")
    code, out, _ = run(["check", moved, "--baseline", base, "--format", "json"], capsys)
    doc = json.loads(out)
    new = {(f["code"], f["project"], f["indicator_name"]) for f in doc["findings"]}
    assert new == {("VAG001", "马庄巷地块选用珠光路拆迁安置房税费", "税费清缴数量")}
    assert doc["summary"]["baseline"]["gone"] == []
    assert code == 0


def test_baseline_reports_fixed_entries(tmp_path, capsys):
    base = tmp_path / "baseline.json"
    run(["check", SAMPLE, "--write-baseline", base, "--select", "COD"], capsys)
    fixed = tmp_path / "fixed.txt"
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("5、1-效益指标；") == 1
    fixed.write_text(text.replace("5、1-效益指标；", "5、2-效益指标；"), encoding="utf-8")
    code, out, _ = run(["check", fixed, "--baseline", base, "--select", "COD"], capsys)
    assert code == 0
    assert "基线中有 1 条已不再出现" in out and "已消失：COD003" in out


def test_bad_baseline_file(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--baseline", bad], capsys)
    assert code == 2 and "不是 jxlint 的基线文件" in err
    code, _, err = run(["check", SAMPLE, "--baseline", tmp_path / "none.json"], capsys)
    assert code == 2 and "--write-baseline" in err


def test_annotated_workbook(tmp_path, capsys):
    import openpyxl

    out = tmp_path / "annotated.xlsx"
    code, _, err = run(["check", FIXTURES / "formats" / "sample-merged.xlsx", "--annotate", out, "--select", "COD,CMP001,FMT005"], capsys)
    assert "标注工作簿" in err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "jxlint检查结果"
    summary = wb["jxlint检查结果"]
    assert summary.max_row == 1 + 5  # COD003, COD004 ×2, CMP001, FMT005
    sheet = wb["绩效目标表"]
    commented = [c for row in sheet.iter_rows() for c in row if c.comment]
    assert len(commented) == 5
    cod003 = next(c for c in commented if "COD003" in c.comment.text)
    assert cod003.fill.fgColor.rgb.endswith("FFC7CE") and "2-效益指标" in cod003.comment.text


def test_annotate_needs_one_workbook(capsys):
    code, _, err = run(["check", SAMPLE, "--annotate", "/tmp/x.xlsx"], capsys)
    assert code == 2 and "--annotate" in err


EXPECTED_TOTAL = 1145  # findings on the sample with the default rules (997 + CMP010 1 + CMP012 2; issue 13: vague +55, fit +68, CMP007 activity names +25, CMP008 checkable end states -1, DUP001/DUP002 renewals -2)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver (installed by .ci/run)")
def test_html_report_in_headless_chromium(tmp_path, capsys):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "report.html"
    code, out, _ = run(["check", SAMPLE, "--format", "html", "--output", page], capsys)
    html = page.read_text(encoding="utf-8")
    assert out == "" and "http://" not in html and "https://" not in html  # nothing to fetch
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(page.as_uri())
        total = int(driver.find_element(By.ID, "shown").text)
        assert total == len(driver.find_elements(By.CSS_SELECTOR, "div.finding")) == EXPECTED_TOTAL
        assert driver.find_element(By.ID, "count-error").text == "23"
        Select(driver.find_element(By.ID, "f-severity")).select_by_value("error")
        visible = [el for el in driver.find_elements(By.CSS_SELECTOR, "div.finding") if el.is_displayed()]
        assert len(visible) == 23 == int(driver.find_element(By.ID, "shown").text)
        assert all("错误" in el.text for el in visible)
        Select(driver.find_element(By.ID, "f-category")).select_by_value("category-code")
        visible = [el for el in driver.find_elements(By.CSS_SELECTOR, "div.finding") if el.is_displayed()]
        assert {el.get_attribute("data-code") for el in visible} == {"COD003", "COD004"}
        units = [el for el in driver.find_elements(By.CSS_SELECTOR, "details.unit") if el.is_displayed()]
        assert sum(int(el.find_element(By.CSS_SELECTOR, ".n").text) for el in units) == 3
        assert "2-效益指标" in visible[0].text or "3-满意度指标" in visible[0].text
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "html-report-filtered.png"))
    finally:
        driver.quit()
