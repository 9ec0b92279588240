"""Output formats: one module each, all taking a LintResult and returning text."""

from __future__ import annotations

from collections.abc import Callable

from ..result import LintResult


def formatters() -> dict[str, Callable[[LintResult], str]]:
    return {"text": _lazy("text"), "json": _lazy("json_doc"), "sarif": _lazy("sarif"), "github": _lazy("github"), "html": _lazy("html")}


def _lazy(module: str) -> Callable[[LintResult], str]:
    """A report module is imported only when its format is written (a cold run pays for one)."""

    def render(result: LintResult) -> str:
        from importlib import import_module

        return import_module(f".{module}", __name__).render(result)

    return render
