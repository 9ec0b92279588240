"""The JSON report of a large run is written finding by finding (report/json_doc.write):
byte for byte the document render() returns."""

from __future__ import annotations

import io
import json

from conftest import SAMPLE

from linter import cli
from linter.api import lint_paths
from linter.config import Settings
from linter.report import json_doc


def test_streamed_document_equals_the_rendered_one(sample_table):
    result = lint_paths([str(SAMPLE)], Settings())
    result.findings = result.findings * 6  # above PRETTY_LIMIT: the compact form
    assert len(result.findings) > json_doc.PRETTY_LIMIT
    out = io.StringIO()
    json_doc.write(result, out)
    assert out.getvalue() == json_doc.render(result)
    assert json.loads(out.getvalue())["summary"]["total"] == len(result.findings)


def test_small_reports_are_the_pretty_document():
    result = lint_paths([str(SAMPLE)], Settings(select=["DUP"]))
    out = io.StringIO()
    json_doc.write(result, out)
    assert out.getvalue() == json_doc.render(result) and "\n  " in out.getvalue()


def test_cli_streams_large_json_reports_to_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 0)
    streamed, rendered = tmp_path / "streamed.json", tmp_path / "rendered.json"
    assert cli.main(["check", str(SAMPLE), "--isolated", "--format", "json", "-o", str(streamed)]) == 1
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 10**9)
    assert cli.main(["check", str(SAMPLE), "--isolated", "--format", "json", "-o", str(rendered)]) == 1
    assert streamed.read_bytes() == rendered.read_bytes()
    assert len(json.loads(streamed.read_text(encoding="utf-8"))["findings"]) == 1145
