"""What a rule reports: one Finding per defect, with where, what and how to fix."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from operator import attrgetter
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

FIELD_LABEL = {
    "name": "指标名称",
    "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
    "level1": "一级指标",
    "level2": "二级指标",
    "goal": "绩效目标",
    "amounts": "金额",
    "line": "行",
}


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    category: str
    severity: str
    message: str
    fix: str
    file: str
    line: int | None = None
    end_line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    unit: str | None = None
    project: str | None = None
    indicator: int | None = None  # the indicator's number as printed
    indicator_name: str | None = None
    field: str | None = None
    value: str | None = None
    # How jxlint read the value(s) that led to the finding, e.g. {"实施周期": "≥ 98 %"}.
    reading: dict[str, str] = dc_field(default_factory=dict)
    # Anything a check wants to pass to reports (group members, similarity, ...).
    data: dict[str, Any] = dc_field(default_factory=dict)
    # What a quantified version looks like (a neighbour indicator or a template); vague findings.
    suggestion: str | None = None
    # Last year's counterpart of value ("≥95%"), from a check run with --previous.
    previous: str | None = None

    def __reduce__(self):
        # pickled as its field values, in order: the dataclass's own __getstate__ calls fields()
        # for each finding (many findings travel as columns instead: to_columns)
        return (Finding, field_values(self))

    def location(self) -> str:
        if self.cell:
            return f"{self.file}:{self.sheet + '!' if self.sheet else ''}{self.cell}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file

    def to_dict(self) -> dict[str, Any]:
        # shallow: asdict() deep-copies every nested value, which dominates large reports
        return dict(zip(FINDING_FIELDS, field_values(self)))

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.code)

    def logical_key(self) -> str:
        """Where and what, without line or row numbers: survives reordering projects and
        edits elsewhere (baselines, SARIF fingerprints). A group finding is keyed by its
        members, whatever order they come in."""
        members = self.data.get("members") if isinstance(self.data, dict) else None
        if members:
            where = sorted(f"{m.get('unit')}/{m.get('project')}" for m in members)
        else:
            where = [self.unit or "", self.project or "", self.indicator_name or "", self.field or ""]
        text = "\x1f".join([self.code, *where, self.value or ""])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


FINDING_FIELDS = Finding.__slots__
field_values = attrgetter(*FINDING_FIELDS)  # every field, in the order __init__ takes them


def to_columns(findings: list[Finding]) -> list[tuple]:
    """The findings' field values as columns, one tuple per field in Finding's order (none
    without findings): how a worker sends its findings (plain tuples pickle without a call
    per finding) and how a report encodes them field by field."""
    return list(zip(*map(field_values, findings)))


# Texts that repeat across a city corpus's findings (a fix, a value, an indicator name, a
# suggestion, many messages): from_columns keeps one string object for each.
SHARED_TEXT = ("message", "fix", "value", "indicator_name", "suggestion")
_SHARED_AT = frozenset(FINDING_FIELDS.index(name) for name in SHARED_TEXT)


def from_columns(columns: list[tuple], strings: dict[str | None, str | None]) -> list[Finding]:
    """The findings of to_columns(), with one string object per distinct shared text across
    every call given the same ``strings`` (hundreds of thousands of copies after unpickling
    would otherwise each be their own)."""
    if not columns:
        return []
    intern = strings.setdefault  # None maps to itself
    columns = [list(map(intern, column, column)) if i in _SHARED_AT else column for i, column in enumerate(columns)]
    return list(map(Finding, *columns))


def cell_position(cell: str | None) -> tuple[int, int] | None:
    """(row, column), both from 1, of a spreadsheet cell name such as "K12"; None for anything
    else. SARIF regions and fixed copies point at cells this way."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col

