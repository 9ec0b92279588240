"""CSV exports (UTF-8, UTF-8 with BOM, GBK) with the same columns as the Excel exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..limits import current, exceeded, tick
from ..model import Source, Table
from .decode import read_text_file
from .rows import ColumnMap, Row, limited_row, read_sheets


def read_csv(path: Path, columns: ColumnMap, prefer_tab: bool = False) -> Table:
    """The delimiter is sniffed among comma, tab and semicolon; ``prefer_tab`` (a .tsv, a .txt
    found to be a tab-separated grid): a tab whenever the file's head has one, so a comma in
    every line (notes, amounts) cannot win the sniff."""
    text, _ = read_text_file(path)
    limits = current()
    if prefer_tab and "\t" in text[:20000]:
        dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
    # a field longer than cell-chars stops the csv module itself (it would stop at 128 KiB)
    csv.field_size_limit(limits.cell_chars + 1)
    rows: list[Row] = []
    # universal newlines: a bare CR (old Mac line end) ends a row rather than failing the file
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    r = 0
    try:
        for r, values in enumerate(reader, start=1):
            tick()
            if r > limits.rows:
                raise exceeded(path, "rows", limits.rows, "行数过多")
            rows.append(limited_row(path, r, values, strip=True))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise exceeded(path, "cell-chars", limits.cell_chars, "有一个字段过长", f"第 {r + 1} 行附近") from None
        raise InputError(f"{path}: 第 {r + 1} 行附近 CSV 格式错误（{exc}）；请用 Excel 打开后另存为 CSV（UTF-8）或 .xlsx") from None
    return read_sheets(path, Table(source=Source(file=str(path)), format="csv"), [None], [(None, rows)], columns)
