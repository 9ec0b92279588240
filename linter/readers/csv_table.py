"""CSV exports (UTF-8, UTF-8 with BOM, GBK) with the same columns as the Excel exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..model import Source, Table
from .decode import read_text_file
from .rows import Cell, ColumnMap, Row, RowReader, Sheet


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def read_csv(path: Path, columns: ColumnMap) -> Table:
    text, _ = read_text_file(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [
        Row(r, [Cell(v.strip(), f"{_letters(c)}{r}") for c, v in enumerate(values, start=1)])
        for r, values in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    ]
    table = Table(source=Source(file=str(path)), format="csv")
    if not RowReader(str(path), columns, table).read_sheet(Sheet(None, rows)):
        raise InputError(f"{path}: 没有找到表头——没有一行同时含有“项目名称/指标值”和“一级/二级/三级指标”这类列名；"
                         f"可在配置 column-synonyms 中补充本地列名")
    return table
