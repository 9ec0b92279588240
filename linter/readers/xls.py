"""Legacy Excel workbooks (.xls, BIFF) with python-calamine, an optional dependency
(``pip install 'jxlint[xls]'``). Rows go through the same row reader as .xlsx."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Source, Table
from .rows import Cell, ColumnMap, Row, column_letter, read_sheets
from .xlsx import MAX_ROWS, _text



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
    def rows_of(values):
        if len(values) > MAX_ROWS:
            raise InputError(f"{path}: 工作表超过 {MAX_ROWS:,} 行，无法作为一张绩效目标表检查；请按部门拆分")
        return [Row(r, [Cell(_text(v), f"{column_letter(c)}{r}") for c, v in enumerate(row, start=1)]) for r, row in enumerate(values, start=1)]

    table = Table(source=Source(file=str(path)), format="xls")
    return read_sheets(path, table, [name for name, _ in sheets], ((name, rows_of(values)) for name, values in sheets), columns)
