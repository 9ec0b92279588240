"""Legacy Excel workbooks (.xls, BIFF) with python-calamine, an optional dependency
(``pip install 'jxlint[xls]'``). Rows go through the same row reader as .xlsx."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Source, Table
from .rows import Cell, ColumnMap, Row, RowReader, Sheet, side_of_sheet
from .xlsx import MAX_ROWS, _text


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def read_xls(path: Path, columns: ColumnMap) -> Table:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise InputError(f"{path}: 读取旧版 .xls 需要 python-calamine（pip install 'jxlint[xls]'），或在 Excel 中另存为 .xlsx") from None
    if not path.read_bytes()[:8]:
        raise InputError(f"{path}: 文件为空，没有可检查的内容")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [(name, workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own error types for corrupt or encrypted files
        raise InputError(f"{path}: 不是可读取的 .xls 工作簿（{type(exc).__name__}），可能已加密或损坏；请在 Excel 中另存为 .xlsx") from None
    table = Table(source=Source(file=str(path)), format="xls")
    sides = {name: side_of_sheet(name) for name, _ in sheets}
    reader = RowReader(str(path), columns, table, sheet_is_unit=len(sheets) > 1 and not any(sides.values()))
    read_any = False
    for name, values in sheets:
        if len(values) > MAX_ROWS:
            raise InputError(f"{path}: 工作表「{name}」超过 {MAX_ROWS:,} 行，无法作为一张绩效目标表检查；请按部门拆分")
        rows = [Row(r, [Cell(_text(v), f"{_letters(c)}{r}") for c, v in enumerate(row, start=1)]) for r, row in enumerate(values, start=1)]
        read_any = reader.read_sheet(Sheet(name, rows), sides.get(name)) or read_any
    if not read_any:
        raise InputError(f"{path}: 没有找到表头——工作簿中没有一行同时含有“项目名称/指标值”和“一级/二级/三级指标”这类列名")
    return table
