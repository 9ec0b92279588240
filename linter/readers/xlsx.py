"""Excel workbooks (.xlsx) with openpyxl, streaming (read-only) so that large sheets stay linear.

Merged cells need no special case: read-only mode gives a merged range's value in its first
cell and blanks elsewhere, which is exactly how the row reader continues a project (a blank
project name continues the project above) and combines two header rows.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from ..model import ParseIssue, Source, Table
from .rows import Cell, ColumnMap, Row, column_letter, read_sheets

MAX_ROWS = 500_000  # per sheet; a larger sheet is almost certainly not one department's table
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path, columns: ColumnMap) -> Table:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        raise InputError(f"{path}: 读取 Excel 需要 openpyxl（pip install openpyxl）") from None
    head = path.read_bytes()[:8]
    if not head:
        raise InputError(f"{path}: 文件为空，没有可检查的内容")
    if head.startswith(OLE_MAGIC):
        raise InputError(f"{path}: 这是加密的工作簿或旧版 .xls 文件，无法读取；请在 Excel 中取消密码并另存为 .xlsx")
    try:
        # Formulas as written: a sheet without any is read once; a sheet with formulas is read
        # again for the values Excel cached (jxlint does not evaluate formulas).
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: 不是有效的 .xlsx 工作簿（{type(exc).__name__}）；请用 Excel 打开后另存为 .xlsx") from None
    cached_book = None
    table = Table(source=Source(file=str(path)), format="xlsx")

    def sheets():
        nonlocal cached_book
        for name in workbook.sheetnames:
            rows, formulas = _sheet_rows(workbook[name], path, name)
            if formulas:
                cached_book = cached_book or openpyxl.load_workbook(path, read_only=True, data_only=True)
                rows, _ = _sheet_rows(cached_book[name], path, name)
                values = {c.ref: c.value for row in rows for c in row.cells}
                for ref in formulas:
                    if not values.get(ref):
                        table.issues.append(ParseIssue(kind="formula-cell", text=ref, detail="公式单元格没有保存计算结果",
                                                       source=Source(file=str(path), sheet=name, cell=ref)))
            yield name, rows

    try:
        return read_sheets(path, table, workbook.sheetnames, sheets(), columns)
    finally:
        workbook.close()
        if cached_book is not None:
            cached_book.close()


def _sheet_rows(ws, path: Path, name: str) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    formulas: list[str] = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if r > MAX_ROWS:
            raise InputError(f"{path}: 工作表「{name}」超过 {MAX_ROWS:,} 行，无法作为一张绩效目标表检查；请按部门拆分")
        cells = []
        for c, v in enumerate(values, start=1):
            ref = f"{column_letter(c)}{r}"
            if isinstance(v, str) and v.startswith("="):
                formulas.append(ref)
            cells.append(Cell(_text(v), ref))
        rows.append(Row(r, cells))
    return rows, formulas
