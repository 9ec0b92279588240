"""Write a Table in the exchange formats (jxlint convert, fixtures, benchmarks).

Excel layouts: ``merged`` — one sheet, a title row, two header rows (group labels 金额 and
绩效指标 over their columns) and the project-level cells merged over the project's rows;
``two-sheet`` — the 实施周期 values on a sheet 总体 and the 年度 values on a sheet 年度.
CSV: one row per indicator, project-level cells only on the project's first row.

Every writer goes through ``outputs.safe_write`` (never onto the table's own source file,
never half a file) and treats cell text as data (``safe_text``: no formulas, no CSV
injection).
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import yaml

from .model import Table
from .outputs import safe_write
from .safe_text import append_row, csv_field

AMOUNT_COLUMNS = ("总计", "财政拨款", "财政专户拨款", "其他资金")
INDICATOR_COLUMNS = ("序号", "一级指标", "二级指标", "三级指标")


def _amounts(project) -> list[str]:
    return _amounts_of(project.amounts)


def _amounts_of(a) -> list[str]:
    named = [a.total, a.fiscal, a.special, a.other]
    if a.figures and a.fiscal is None and a.special is None and a.other is None:
        named = [a.total, *a.figures[1:4]] + [None] * (4 - len(a.figures))
    return ["" if x is None else f"{Decimal(x):.2f}" for x in named[:4]]


def rows(table: Table, sides=("period", "annual")):
    """(unit, project, first row of project?, indicator) in reading order."""
    for unit in table.units:
        for project in unit.projects:
            if not project.indicators:
                yield unit, project, True, None
            for k, ind in enumerate(project.indicators):
                yield unit, project, k == 0, ind


def value_columns(sides) -> list[str]:
    return [{"period": "实施周期指标值", "annual": "年度指标值"}[s] for s in sides]


def _values(ind, sides) -> list[str]:
    out = []
    for side in sides:
        v = ind.period_value if side == "period" else ind.annual_value
        out.append("" if v is None else v)
    return out


def _inputs(table: Table, inputs) -> list:
    return [*([table.source.file] if table.source.file else []), *inputs]


def write_csv(table: Table, path: Path, encoding: str = "utf-8-sig", inputs=()) -> None:
    header = ["单位", "项目名称", *AMOUNT_COLUMNS, "绩效目标", *INDICATOR_COLUMNS, *value_columns(("period", "annual"))]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
            writer.writerow(header)
            unit_seen = None
            for unit, project, first, ind in rows(table):
                for label, amounts in totals_rows(table, unit, unit_seen):
                    writer.writerow([csv_field(v) for v in [label, "", *amounts] + [""] * 7])
                unit_seen = unit
                lead = [unit.name, project.name, *_amounts(project), project.goal] if first else ["", "", "", "", "", "", ""]
                tail = [ind.number_raw or str(ind.number or ""), ind.level1.raw, ind.level2.raw, ind.name, *_values(ind, ("period", "annual"))] if ind else [""] * 6
                writer.writerow([csv_field(v) for v in lead + tail])

    safe_write(path, write, _inputs(table, inputs))


def write_xlsx(table: Table, path: Path, layout: str = "merged", inputs=()) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    sheets = [("绩效目标表", ("period", "annual"))] if layout == "merged" else [("总体", ("period",)), ("年度", ("annual",))]
    wb.remove(wb.active)
    for title, sides in sheets:
        ws = wb.create_sheet(title)
        append_row(ws, [f"部门名称：{table.department} 单位：{table.money_unit}"])
        values = value_columns(sides)
        top = ["单位", "项目名称", "金额", "", "", "", "绩效目标", "绩效指标", "", "", "", *([""] * len(values))]
        sub = ["", "", *AMOUNT_COLUMNS, "", *INDICATOR_COLUMNS, *values]
        ws.append(top)
        ws.append(sub)
        ws.merge_cells(start_row=2, start_column=3, end_row=2, end_column=6)
        ws.merge_cells(start_row=2, start_column=8, end_row=2, end_column=11 + len(values))
        for col in (1, 2, 7):
            ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        for cell in ws[2] + ws[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        start, unit_seen = None, None
        last = 3  # the last row written: ws.max_row scans every cell, so n rows would cost O(n^2)
        for unit, project, first, ind in rows(table):
            for label, amounts in totals_rows(table, unit, unit_seen):
                if start is not None:
                    _merge_project(ws, start, last)
                    start = None
                append_row(ws, [label, None, *[float(x) if x else None for x in amounts]])
                last += 1
            unit_seen = unit
            r = last + 1
            if first:
                if start is not None:
                    _merge_project(ws, start, r - 1)
                start = r
                lead = [unit.name, project.name, *[float(x) if x else None for x in _amounts(project)], project.goal]
            else:
                lead = [None] * 7
            tail = [ind.number, ind.level1.raw, ind.level2.raw, ind.name, *_values(ind, sides)] if ind else [None] * (4 + len(sides))
            append_row(ws, lead + tail)
            last += 1
        if start is not None:
            _merge_project(ws, start, last)
        for col, width in zip("ABCDEFGHIJKLM", (22, 30, 10, 10, 10, 10, 50, 6, 12, 16, 30, 18, 18)):
            ws.column_dimensions[col].width = width
    safe_write(path, wb.save, _inputs(table, inputs))


def totals_rows(table: Table, unit, previous) -> list[tuple[str, list[str]]]:
    """The rows of amounts alone written before a unit's first project: the department 合计
    (before the first unit) and the unit's own total, so a converted table keeps what the
    arithmetic rules compare (readers/rows.py reads them back)."""
    if unit is previous:
        return []
    out = []
    if previous is None and table.total is not None and table.total.total is not None:
        out.append(("合计", _amounts_of(table.total)))
    if unit.amounts.total is not None:
        out.append((unit.name, _amounts_of(unit.amounts)))
    return out


def _merge_project(ws, first: int, last: int) -> None:
    if last > first:
        for col in range(1, 8):
            _merge(ws, first, col, last, col)


def _merge(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """``ws.merge_cells`` without its check against every range merged before (O(n) per merge,
    O(n^2) per sheet: 20 of the 25 s a two-sheet copy of the sample took). The ranges written
    here never overlap; the rest is what merge_cells does."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.merge import MergedCellRange

    mcr = MergedCellRange(ws, f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}")
    ws.merged_cells.ranges.add(mcr)
    ws._clean_merge_range(mcr)  # the cells under the top left become MergedCells, as merge_cells leaves them


def table_data(table: Table) -> dict:
    return table.model_dump(mode="json", exclude={"issues"})


def write_yaml(table: Table, path: Path, inputs=()) -> None:
    safe_write(path, yaml.safe_dump(table_data(table), allow_unicode=True, sort_keys=False), _inputs(table, inputs))


def write_json(table: Table, path: Path, inputs=()) -> None:
    safe_write(path, json.dumps(table_data(table), ensure_ascii=False, indent=1), _inputs(table, inputs))


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx, ".yaml": write_yaml, ".yml": write_yaml, ".json": write_json}
