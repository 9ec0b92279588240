"""Counts shared by the reports."""

from __future__ import annotations

from collections import Counter

from ..result import LintResult


def file_counts(result: LintResult) -> list[dict]:
    return [
        {"path": t.source.file, "format": t.format, "department": t.department, **t.counts()}
        for t in result.tables
    ]


def summary(result: LintResult) -> dict:
    by_sev = Counter(f.severity for f in result.findings)
    by_rule = Counter(f.code for f in result.findings)
    names = {ar.rule.code: ar.rule.name for ar in result.active}
    return {
        "total": len(result.findings),
        "by_severity": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": [{"code": c, "name": names.get(c, ""), "count": n} for c, n in sorted(by_rule.items())],
        "failed": result.failed(),
        "fail_on": result.settings.fail_on,
        **baseline_summary(result),
        **suppressed_summary(result),
    }


def suppressed_summary(result: LintResult) -> dict:
    from .suppressed import summary_part

    return summary_part(result)


def baseline_summary(result: LintResult) -> dict:
    b = result.baseline
    if b is None:
        return {}
    return {"baseline": {"suppressed": b.baselined, "gone": b.gone}}
