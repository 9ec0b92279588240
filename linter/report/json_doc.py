"""``--format json``: one JSON document with files read, findings and a summary."""

from __future__ import annotations

import json

from .. import __version__
from ..result import LintResult
from .summary import file_counts, summary


def document(result: LintResult) -> dict:
    return {
        "tool": {"name": "jxlint", "version": __version__},
        "files": file_counts(result),
        "findings": [f.to_dict() for f in result.findings],
        "summary": summary(result),
        **suppressed_json(result),
    }


def suppressed_json(result: LintResult) -> dict:
    from .suppressed import json_part

    return json_part(result)


PRETTY_LIMIT = 5000  # above this many findings, compact JSON (the C encoder; indent is pure Python)


def render(result: LintResult) -> str:
    indent = 2 if len(result.findings) <= PRETTY_LIMIT else None
    return json.dumps(document(result), ensure_ascii=False, indent=indent) + "\n"


STREAM_CHUNK = 2000  # findings encoded at once when streaming: a few MB of text, not the report


def write(result: LintResult, fh) -> None:
    """The document render() returns, written to a text file finding by finding: a city
    corpus's report (hundreds of thousands of findings) is never one string in memory."""
    if len(result.findings) <= PRETTY_LIMIT:
        fh.write(render(result))
        return
    dump = json.JSONEncoder(ensure_ascii=False).encode  # the separators json.dumps uses without indent
    fh.write('{"tool": ' + dump({"name": "jxlint", "version": __version__}) + ', "files": ' + dump(file_counts(result)) + ', "findings": [')
    findings = result.findings
    for start in range(0, len(findings), STREAM_CHUNK):  # one C encoder call per chunk
        chunk = dump([f.to_dict() for f in findings[start:start + STREAM_CHUNK]])[1:-1]
        fh.write((", " if start else "") + chunk)
    fh.write('], "summary": ' + dump(summary(result)) + "}\n")
