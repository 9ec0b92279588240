"""Output formats: one module each, all taking a LintResult and returning text."""

from __future__ import annotations

from collections.abc import Callable

from ..result import LintResult


def formatters() -> dict[str, Callable[[LintResult], str]]:
    from . import github, html, json_doc, sarif, text

    return {"text": text.render, "json": json_doc.render, "sarif": sarif.render, "github": github.render, "html": html.render}
