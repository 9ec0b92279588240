"""Safe fixes: the text edits a rule may offer with ``autofix:`` in its YAML.

A check type that can settle the right text sets ``fixes = True`` and returns, from
``Check.edit``, a ``field_edit``: which field of the object, its text as read (``before``),
the corrected text (``after``) and the minimal character changes between them. The engine
keeps it on the finding as ``data["safe_fix"]`` (JSON, SARIF ``fixes``); ``jxlint fix``
(linter/fixed_copy.py) writes it into a copy of the input. Only fixes that cannot change
what a target means belong here — the rule page says what each one does and why it is safe.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

# Fields an edit may change, and the label reports use for them.
FIELDS = {"name": "指标名称", "period_value": "实施周期指标值", "annual_value": "年度指标值",
          "level1": "一级指标", "level2": "二级指标"}


def field_edit(field: str, before: str, after: str, kind: str = "") -> dict | None:
    """An edit of ``field`` from ``before`` to ``after``, as the changed spans of ``before``
    (so a writer touches only those characters). None when nothing changes."""
    if before == after or not before:
        return None
    changes = [
        {"start": i1, "end": i2, "text": after[j1:j2]}
        for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        if op != "equal"
    ]
    edit = {"field": field, "before": before, "after": after, "changes": changes}
    if kind:
        edit["kind"] = kind
    return edit


def field_text(obj: Any, field: str) -> str | None:
    """The text of a field as read: a category's raw text, else the attribute."""
    if obj is None:
        return None
    value = getattr(obj, field, None)
    if field in ("level1", "level2"):
        value = getattr(value, "raw", None)
    return value if isinstance(value, str) else None


def offered(check, autofix, hit, target, ctx) -> dict | None:
    """The check's edit for this hit, if the rule's ``autofix`` covers its kind and the edit
    still matches the text as read."""
    edit = check.edit(hit, target, ctx)
    if edit is None:
        return None
    if autofix.only and edit.get("kind") not in autofix.only:
        return None
    owner = ctx.indicator if ctx.indicator is not None else ctx.project
    if field_text(owner, edit["field"]) != edit["before"]:
        return None
    return edit


def planned(findings) -> list[tuple[Any, dict]]:
    """(finding, edit) for every finding that carries a safe fix."""
    return [(f, f.data["safe_fix"]) for f in findings if isinstance(f.data, dict) and f.data.get("safe_fix")]
