"""Find an indicator grid's header by its labels, not by position, and map its columns.

A header is one label row, possibly with a group row above (金额 over 总计/财政拨款, 中期目标
over a left grid and 年度目标 over a right one; merged cells give their value in the first
cell and blanks elsewhere) and a sub-label row below (指标值 over 实施期/年度). Labels that
repeat (二级/三级/指标值 twice) are side-by-side grids: one indicator per row, the left grid
the implementation period and the right one the budget year unless their labels say otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import ACTUAL_MARK, ColumnMap, label_key, value_side

INDICATOR_KEYS = {"name", "level1", "level2"}
VALUE_FIELDS = {"value", "period_value", "annual_value"}
SUB_FIELDS = INDICATOR_KEYS | VALUE_FIELDS | {"number", "total", "fiscal", "special", "other", "operator", "measure", "weight"}
# Fields that a second grid repeats; a repeat starts the next grid.
GRID_FIELDS = INDICATOR_KEYS | VALUE_FIELDS | {"number", "operator", "measure", "weight", "explanation"}
GROUP_WORD = re.compile(r"指标|金额|资金|目标|单位|值")
SUB_WORD = re.compile(r"实际|预期|目标|计划|完成|年|实施|中期|总体|值")


@dataclass
class Header:
    first: int  # index of the first header row (a group row included) in the sheet's rows
    last: int
    fields: dict[int, str]  # column index → field ("name", "annual_value", "name#2" …)
    labels: dict[int, str]  # column index → the label as printed (group / label / sub-label)
    sides: dict[int, str] = field(default_factory=dict)  # value column → how its side was decided
    grids: int = 1

    def value_sides(self) -> set[str]:
        return {"period" if f.startswith("period") else "annual" for f in self.fields.values() if f.split("#")[0] in ("period_value", "annual_value")}


def _short(text: str) -> bool:
    return 0 < len(label_key(text)) <= 16


def find_headers(rows, columns: ColumnMap, sheet_side: str | None = None, title_side=lambda i: None) -> list[Header]:
    """Every header in a sheet (stacked forms repeat it), in order."""
    labels_of: dict[int, dict[int, str]] = {}

    def labels(i: int) -> dict[int, str]:
        if i not in labels_of:
            found = {}
            if 0 <= i < len(rows):
                for j, c in enumerate(rows[i].cells):
                    f = columns.field_of(c.value)
                    if f:
                        found[j] = f
            labels_of[i] = found
        return labels_of[i]

    def qualifies(fields: dict[int, str]) -> bool:
        found = set(fields.values())
        return bool(found & INDICATOR_KEYS) and bool(found & ({"project"} | VALUE_FIELDS))

    headers: list[Header] = []
    taken = -1
    for i in range(len(rows)):
        if i <= taken:
            continue
        here = labels(i)
        if len(here) < 2:
            continue
        above = labels(i - 1) if i - 1 > taken else {}
        # a label row above (金额 over 总计 …) has only short cells: "年度目标 | <the goal text>"
        # is a form row, not a header
        if len(above) >= 2 and not qualifies(above) and qualifies({**above, **here}) \
                and all(_short(c.value) for c in rows[i - 1].cells if c.value.strip()) \
                and all(columns.field_of(c.value) or GROUP_WORD.search(label_key(c.value))
                        for c in rows[i - 1].cells if c.value.strip()):
            top, row = i - 1, i  # two label rows: 金额 over 总计 …
        elif qualifies(here):
            top, row = i, i
        else:
            labels_of.pop(i - 1, None)
            continue
        group = top - 1 if top - 1 > taken and _group_row(rows[top - 1], columns) else None
        sub = row + 1 if row + 1 < len(rows) and _sub_row(rows[row + 1], rows[row], here, columns) else None
        header = _build(rows, top, row, group, sub, columns, sheet_side, title_side(top))
        headers.append(header)
        taken = header.last
        # memory stays flat on long sheets: only neighbours are looked at again
        for k in [k for k in labels_of if k < i - 1]:
            del labels_of[k]
    return headers


def _group_row(row, columns: ColumnMap) -> bool:
    """中期目标 | 年度目标 (or 绩效指标) above the labels: short cells, at least one side word."""
    texts = [c.value for c in row.cells if c.value.strip()]
    if not texts or not all(_short(t) for t in texts):
        return False
    if not any(value_side(t) for t in texts):
        return False
    return all(columns.field_of(t) or value_side(t) or GROUP_WORD.search(label_key(t)) for t in texts)


def _sub_row(row, label_row, here: dict[int, str], columns: ColumnMap) -> bool:
    """A row of sub-labels (实施期/年度, 2021年实际/2022年预期) under the label row."""
    filled = {j: c.value for j, c in enumerate(row.cells) if c.value.strip()}
    if not filled or not all(_short(t) for t in filled.values()):
        return False
    mapped = {j: columns.field_of(t) for j, t in filled.items()}
    if sum(1 for f in mapped.values() if f in SUB_FIELDS) >= 2:
        return True
    # under the label row's indicator columns nothing may stand (that would be a data row)
    if any(here.get(j) in INDICATOR_KEYS for j in filled):
        return False
    return all(mapped[j] or SUB_WORD.search(t) for j, t in filled.items()) and any(
        _span_field(label_row, here, j) in VALUE_FIELDS for j in filled)


def _span_field(row, fields: dict[int, str], j: int) -> str | None:
    """The field of the merged label covering column j (the nearest label at or left of j)."""
    for k in range(j, -1, -1):
        if k < len(row.cells) and row.cells[k].value.strip():
            return fields.get(k)
    return None


def _span_text(row, j: int) -> str:
    for k in range(min(j, len(row.cells) - 1), -1, -1):
        if row.cells[k].value.strip():
            return row.cells[k].value.strip()
    return ""


def _build(rows, top, row, group, sub, columns, sheet_side, title_side) -> Header:
    label_row = rows[row]
    upper = rows[top] if top != row else None
    here = {j: columns.field_of(c.value) for j, c in enumerate(label_row.cells)}
    width = max(len(r.cells) for r in rows[top: (sub or row) + 1])
    raw: dict[int, tuple[str, str, str]] = {}  # column → (field, printed label, side hint)
    for j in range(width):
        own = label_row.cells[j].value.strip() if j < len(label_row.cells) else ""
        fld, printed, hint = here.get(j), own, ""
        if upper is not None:
            up = upper.cells[j].value.strip() if j < len(upper.cells) else ""
            if not fld:
                fld = columns.field_of(up)
                printed = printed or up
            hint = _span_text(upper, j)
        if sub is not None:
            below = rows[sub].cells[j].value.strip() if j < len(rows[sub].cells) else ""
            if below:
                sub_field = columns.field_of(below)
                span = fld or _span_field(label_row, here, j)
                if sub_field:
                    fld = sub_field
                elif span in VALUE_FIELDS:
                    fld = "actual" if ACTUAL_MARK.search(below) else span
                    hint = below
                printed = f"{_span_text(label_row, j)}/{below}" if not own or own != below else below
        if not fld and group is not None and j < len(rows[group].cells):
            fld = columns.field_of(rows[group].cells[j].value)  # 一级指标 merged down from the group row
            printed = printed or rows[group].cells[j].value.strip()
        if group is not None and not hint:
            hint = _span_text(rows[group], j)
        elif group is not None:
            hint = f"{_span_text(rows[group], j)} {hint}"
        if fld:
            raw[j] = (fld, printed or _span_text(label_row, j), hint)

    # grids: a repeated indicator field starts the next grid
    grid_of: dict[int, int] = {}
    seen: set[str] = set()
    grid = 0
    for j in sorted(raw):
        f = raw[j][0]
        key = f  # 实施周期指标值 next to 年度指标值 is one grid; 指标值 twice is two
        if f in GRID_FIELDS and key in seen:
            grid += 1
            seen = set()
        if f in GRID_FIELDS:
            seen.add(key)
        grid_of[j] = grid
    grids = grid + 1

    # value sides: the label, then a sub-label or group label, the sheet, the title; unmarked
    # side-by-side values are period (left) and annual (right); a lone value is annual.
    sides: dict[int, str] = {}
    how: dict[int, str] = {}
    for j, (f, printed, hint) in raw.items():
        if f == "period_value" or f == "annual_value":
            sides[j], how[j] = f[:-6], "列名"
        elif f == "value":
            side = value_side(printed) or value_side(hint)
            if side:
                sides[j], how[j] = side, "分组标签"
    values = [j for j, (f, *_) in raw.items() if f == "value" and j not in sides]
    for j in values:
        if sheet_side:
            sides[j], how[j] = sheet_side, "工作表名"
        elif title_side:
            sides[j], how[j] = title_side, "标题"
    values = sorted(j for j in values if j not in sides)
    if values:
        taken_sides = {sides[j] for j in sides}
        if len(values) == 1 and len(taken_sides) == 1:
            sides[values[0]], how[values[0]] = ({"period", "annual"} - taken_sides).pop(), "另一侧已标明"
        elif len(values) >= 2:
            for n, j in enumerate(values[:2]):
                sides[j], how[j] = ("period", "annual")[n], "左右并列（左为实施期）"
        else:
            sides[values[0]], how[values[0]] = "annual", "唯一指标值列（按年度）"

    fields: dict[int, str] = {}
    used: set[str] = set()
    for j in sorted(raw):
        f = raw[j][0]
        if j in sides:
            f = f"{sides[j]}_value"
        elif f in VALUE_FIELDS:  # a third value column: kept, not a target
            f = "remark"
        name = f if f in VALUE_FIELDS or grid_of[j] == 0 else f"{f}#{grid_of[j] + 1}"
        n = 2
        base = name.split("#")[0]
        while name in used:
            name = f"{base}#{n}"
            n += 1
        used.add(name)
        fields[j] = name
    return Header(
        first=group if group is not None else top,
        last=sub if sub is not None else row,
        fields=fields,
        labels={j: raw[j][1] for j in raw},
        sides={j: how[j] for j in how},
        grids=grids,
    )
