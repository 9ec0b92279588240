"""`jxlint serve`'s HTTP API, against a real server on 127.0.0.1 (a subprocess)."""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import CLEAN, FIXTURES, SAMPLE
from serve_server import running_server, wait_healthy

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

WORKBOOK = FIXTURES / "formats" / "sample-merged.xlsx"
LIMIT_MB = 3


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    with running_server(work, "--max-upload-mb", str(LIMIT_MB)) as (url, env):
        wait_healthy(url)
        yield url, work


def post(url: str, files: list[tuple[str, Path]] | list[tuple[str, str, bytes]], data=None, fmt: str | None = None):
    parts = []
    for item in files:
        if len(item) == 2:
            field, path = item
            parts.append((field, (path.name, path.read_bytes())))
        else:
            field, name, content = item
            parts.append((field, (name, content)))
    params = {"format": fmt} if fmt else None
    return httpx.post(url + "api/check", files=parts, data=data or {}, params=params, timeout=300)


def key(f: dict) -> tuple:
    return (f["code"], Path(f["file"]).name, f["line"], f["sheet"], f["cell"], f["unit"], f["project"], f["message"])


def test_health_and_page(server):
    url, _ = server
    health = httpx.get(url + "healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    page = httpx.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "绩效目标表检查" in html and 'id="files"' in html and "不通过级别" in html
    # nothing the page shows can load from the internet: no external URL, and a CSP that says so
    assert "http://" not in html and "https://" not in html and "//" not in html.replace("://", "")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "connect-src 'self'" in page.headers["content-security-policy"]


def test_several_files_give_the_cli_result(server):
    """The JSON of one upload of the example and a workbook equals `jxlint check` on the same files."""
    from linter.api import lint_paths
    from linter.config import Settings
    from linter.report.json_doc import document

    url, _ = server
    resp = post(url, [("files", SAMPLE), ("files", WORKBOOK)])
    assert resp.status_code == 200, resp.text
    got = resp.json()
    assert [(f["path"], f["format"], f["units"], f["projects"], f["indicators"]) for f in got["files"]] == [
        (SAMPLE.name, "published-text", 17, 276, 1378),
        (WORKBOOK.name, "xlsx", 17, 276, 1378),
    ]
    want = document(lint_paths([str(SAMPLE), str(WORKBOOK)], Settings()))
    assert got["summary"] == want["summary"]
    for f in want["findings"]:  # the CLI names files as given; the server as uploaded
        f["message"] = f["message"].replace(str(SAMPLE), SAMPLE.name).replace(str(WORKBOOK), WORKBOOK.name)
    assert [key(f) for f in got["findings"]] == [key(f) for f in want["findings"]]
    assert resp.headers["x-jxlint-failed"] == "true"
    assert int(resp.headers["x-jxlint-findings"]) == want["summary"]["total"] == 2662  # 2 x 1145 + the workbook's own 368 + 4: with two copies of the sample the 散装水泥 two-period pair is also copied across files (DUP001/DUP002 report it)
    # the request folder never shows: findings name the uploaded files
    assert "jxlint-serve-" not in resp.text
    assert {f["file"] for f in got["findings"]} == {SAMPLE.name, WORKBOOK.name}


def test_sarif_and_html_formats_and_options(server):
    url, _ = server
    bad = CLEAN.read_text(encoding="utf-8").replace("2、1-产出指\n标；12-质量指标", "2、1-效益指\n标；12-质量指标")
    upload = [("files", "草稿.txt", bad.encode("utf-8"))]
    sarif = post(url, upload, fmt="sarif")
    assert sarif.status_code == 200 and sarif.headers["content-type"].startswith("application/sarif+json")
    doc = sarif.json()
    [run] = doc["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["COD003"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "草稿.txt"
    html = post(url, upload, fmt="html")
    assert html.status_code == 200 and "绩效目标表检查报告" in html.text and "草稿.txt" in html.text
    assert 'data-code="COD003"' in html.text
    # the form fields work like the CLI's options
    never = post(url, upload, data={"fail_on": "never"}).json()
    assert never["summary"]["failed"] is False and never["summary"]["fail_on"] == "never"
    ignored = post(url, upload, data={"ignore": "category-code"}).json()
    assert ignored["summary"]["total"] == 0
    only = post(url, [("files", SAMPLE)], data={"select": "COD003,FMT005"}).json()
    assert {f["code"] for f in only["findings"]} == {"COD003", "FMT005"}
    # a jxlint.toml uploaded with the tables applies to them
    toml = [("files", "jxlint.toml", b'ignore = ["COD"]\n')]
    assert post(url, upload + toml).json()["summary"]["total"] == 0
    assert post(url, upload + [("config", "x.toml", b'fail-on = "never"\n')]).json()["summary"]["failed"] is False


def test_bundle_carries_everything_the_page_offers(server):
    import base64
    import io

    import openpyxl

    url, _ = server
    resp = post(url, [("files", WORKBOOK), ("files", CLEAN)], fmt="bundle")
    assert resp.status_code == 200
    b = resp.json()
    assert set(b) == {"report", "html", "sarif", "reading", "annotated"}
    assert [(r["file"], r["format"], r["projects"], r["indicators"], r["unplaced"]) for r in b["reading"]] == [
        (WORKBOOK.name, "xlsx", 276, 1378, 0), (CLEAN.name, "published-text", 2, 8, 0)]
    assert b["reading"][0]["format_label"] == "Excel 工作簿（.xlsx）"
    [workbook] = b["annotated"]  # only the workbook input is annotated
    assert workbook["name"] == "sample-merged-jxlint标注.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(workbook["data"])))
    assert wb.sheetnames[0] == "jxlint检查结果"
    on_workbook = [f for f in b["report"]["findings"] if f["file"] == WORKBOOK.name]
    assert wb["jxlint检查结果"].max_row == 1 + len(on_workbook)
    assert json.loads(b["sarif"])["version"] == "2.1.0"


def test_unreadable_table_gives_the_cli_message(server, tmp_path, capsys):
    from linter.cli import main

    url, _ = server
    corrupt = tmp_path / "预算表.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    resp = post(url, [("files", corrupt), ("files", CLEAN)])
    assert resp.status_code == 422
    assert main(["check", "--isolated", str(corrupt)]) == 2
    cli = capsys.readouterr().err.strip()
    assert cli.startswith("jxlint: ") and "Traceback" not in cli
    assert resp.json() == {"error": cli.removeprefix("jxlint: ").replace(str(corrupt), corrupt.name)}
    assert resp.json()["error"].startswith("预算表.xlsx: ")
    not_table = post(url, [("files", "说明.txt", "这是一段说明文字，不是绩效目标表。\n".encode())])
    assert not_table.status_code == 422 and not_table.json()["error"].startswith("说明.txt: 没有识别出任何项目")
    config = post(url, [("files", CLEAN), ("files", "jxlint.toml", b"rule-dirs = ['/etc']\n")])
    assert config.status_code == 422 and "rule-dirs" in config.json()["error"]
    assert post(url, [("files", CLEAN)], data={"fail_on": "sometimes"}).status_code == 422
    no_table = httpx.post(url + "api/check", files=[("select", (None, b"VAG"))])
    assert no_table.status_code == 400 and no_table.json()["error"].startswith("没有收到表格文件")
    assert post(url, [], data={"select": "VAG"}).json()["error"].startswith("请求应为 multipart/form-data")
    assert post(url, [("files", CLEAN)], fmt="pdf").status_code == 400
    assert httpx.post(url + "api/check", content=b"{}", headers={"content-type": "application/json"}).status_code == 400


def test_oversized_upload_is_refused(server, tmp_path):
    url, _ = server
    big = b"x" * (LIMIT_MB * 1000 * 1000 + 1)
    resp = post(url, [("files", "big.csv", big)])
    assert resp.status_code == 413
    assert resp.json()["error"].startswith(f"上传的文件合计超过 {LIMIT_MB} MB 的上限")
    # without a Content-Length the stream is counted as it arrives
    chunks = iter([b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\n\r\n",
                   *([b"x" * 1_000_000] * (LIMIT_MB + 1)), b"\r\n--b--\r\n"])
    streamed = httpx.post(url + "api/check", content=chunks, headers={"content-type": "multipart/form-data; boundary=b"}, timeout=60)
    assert streamed.status_code == 413
    assert httpx.get(url + "healthz").status_code == 200  # and the server goes on


def test_concurrent_requests_get_their_own_results(server):
    """Six checks at once give what each gives alone (runs are serialised, folders separate)."""
    url, _ = server
    bad = CLEAN.read_text(encoding="utf-8").replace("2、1-产出指\n标；12-质量指标", "2、1-效益指\n标；12-质量指标")
    kinds = [[("files", "a.txt", bad.encode())], [("files", CLEAN)], [("files", "c.txt", bad.encode()), ("files", CLEAN)]]
    alone = [post(url, files).json() for files in kinds]
    assert [[f["code"] for f in doc["findings"]] for doc in alone[:2]] == [["COD003"], []]
    assert {f["code"] for f in alone[2]["findings"]} >= {"COD003", "DUP001"}  # the two tables are near copies
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(lambda files: post(url, files).json(), kinds * 2))
    assert together == alone * 2


def test_host_header_is_checked(server):
    url, _ = server
    assert httpx.get(url + "healthz", headers={"host": "attacker.example"}).status_code == 400


def test_nothing_left_behind(server):
    """Runs last in this module: every request folder is gone, no table text reached a cache."""
    url, work = server
    assert httpx.get(url + "healthz").status_code == 200
    assert not list((work / "tmp").glob("jxlint-serve-*"))
    assert not any((work / "cache").iterdir())  # the segmentation cache stays off
    assert not (work / "home" / ".cache").exists()
    # what remains in the temp folder is jieba's dictionary cache only (no uploaded text)
    assert {p.name for p in (work / "tmp").iterdir()} <= {"jieba.cache"}


def test_taken_port_is_a_clear_error(capsys):
    import socket

    from linter.cli import main

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        before = os.environ.get("JXLINT_NO_CACHE")
        assert main(["serve", "--port", str(port)]) == 2
        assert os.environ.get("JXLINT_NO_CACHE") == before
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}: 无法监听" in err and "--port" in err


def test_serve_help_lists_its_options(capsys):
    from linter.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert all(opt in out for opt in ("--host", "--port", "--open", "--max-upload-mb"))
    assert shutil.which("jxlint") or True


def test_upload_names_stay_inside_the_request_folder(tmp_path):
    import asyncio

    from linter.serve.uploads import receive_form, safe_name

    body = (b'--b\r\nContent-Disposition: form-data; name="files"; filename=""\r\n\r\n\r\n'  # a file input left empty
            b'--b\r\nContent-Disposition: form-data; name="files"; filename="../../etc/x.txt"\r\n\r\nabc\r\n'
            b'--b\r\nContent-Disposition: form-data; name="select"\r\n\r\nVAG\r\n--b--\r\n')

    async def stream():
        yield body

    form = asyncio.run(receive_form(stream(), "multipart/form-data; boundary=b", tmp_path, 1000))
    assert [(f.name, f.path.parent.parent, f.path.read_bytes()) for f in form.files] == [("x.txt", tmp_path, b"abc")]
    assert form.fields == {"select": ["VAG"]}
    assert [safe_name(n, 3) for n in ("..", "C:\\表\\预算.xlsx", ".hidden.csv", "a\x00b.txt")] == ["file3", "预算.xlsx", "hidden.csv", "ab.txt"]
