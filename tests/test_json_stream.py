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
    monkeypatch.setattr(json_doc, "PRETTY_LIMIT", 0)  # the sample's 1,145 findings as a large report's
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 0)
    streamed, rendered = tmp_path / "streamed.json", tmp_path / "rendered.json"
    assert cli.main(["check", str(SAMPLE), "--isolated", "--format", "json", "-o", str(streamed)]) == 1
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 10**9)
    assert cli.main(["check", str(SAMPLE), "--isolated", "--format", "json", "-o", str(rendered)]) == 1
    assert streamed.read_bytes() == rendered.read_bytes()
    assert len(json.loads(streamed.read_text(encoding="utf-8"))["findings"]) == 1145


def test_findings_encoded_field_by_field_are_their_dicts_encoded():
    """encode_findings encodes each field's distinct values once: equal values must give equal
    text, and values that compare equal but encode apart (1, 1.0, True) must not share one;
    a text holding a NUL (the separator between values) or quotes stays one value; a plain
    field holding a list or dict falls back to encoding each finding's dict."""
    from linter.findings import Finding

    def f(**kw):
        base = dict(code="VAG001", name="n", category="c", severity="warning", message="m", fix="x", file="a.txt")
        return Finding(**{**base, **kw})

    dump = json.JSONEncoder(ensure_ascii=False).encode
    chunks = [
        [f(line=1), f(line=True), f(line=1.0), f(line=None), f(line=1)],
        [f(value="a\x00b"), f(value='引号"与\\反斜杠'), f(value="a\x00b"), f(value=None), f(value="\u2028")],
        [f(reading={"实施周期": "≥ 98 %"}), f(reading={}), f(data={"members": [{"a": 1}, {"b": None}]}), f()],
        [f(value=["a", "b"]), f(value="a")],  # not what the reader makes; still the same text
        [f(unit={"x": 1, "y": 2}), f()],
    ]
    for chunk in chunks:
        assert json_doc.encode_findings(chunk, dump) == dump([x.to_dict() for x in chunk])[1:-1]
    assert json_doc.encode_findings([], dump) == ""


def test_streamed_document_lists_suppressed_findings_as_the_rendered_one(tmp_path, monkeypatch):
    """--show-suppressed puts a "suppressed" list after the summary; the streamed writer left it
    out (a city corpus's report lost it)."""
    cfg = tmp_path / "jxlint.toml"
    cfg.write_text('[per-project-ignores]\n"*" = ["VAG001"]\n', encoding="utf-8")
    streamed, rendered = tmp_path / "streamed.json", tmp_path / "rendered.json"
    args = ["check", str(SAMPLE), "--config", str(cfg), "--show-suppressed", "--format", "json", "-o"]
    monkeypatch.setattr(json_doc, "PRETTY_LIMIT", 0)  # the sample's findings as a large report's
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 0)
    cli.main([*args, str(streamed)])
    monkeypatch.setattr(cli, "STREAM_FINDINGS", 10**9)
    cli.main([*args, str(rendered)])
    assert streamed.read_bytes() == rendered.read_bytes()
    document = json.loads(streamed.read_text(encoding="utf-8"))
    assert document["suppressed"] and all(s["code"] == "VAG001" for s in document["suppressed"])
