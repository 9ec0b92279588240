"""``--format json``: one JSON document with files read, findings and a summary."""

from __future__ import annotations

import json

from .. import __version__
from ..api import LintResult
from .summary import file_counts, summary


def document(result: LintResult) -> dict:
    return {
        "tool": {"name": "jxlint", "version": __version__},
        "files": file_counts(result),
        "findings": [f.to_dict() for f in result.findings],
        "summary": summary(result),
    }


def render(result: LintResult) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
