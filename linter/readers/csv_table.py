"""CSV exports (UTF-8, UTF-8 with BOM, GBK) with the same columns as the Excel exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..model import Source, Table
from .decode import read_text_file
from .rows import Cell, ColumnMap, Row, column_letter, read_sheets


def read_csv(path: Path, columns: ColumnMap) -> Table:
    text, _ = read_text_file(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [
        Row(r, [Cell(v.strip(), f"{column_letter(c)}{r}") for c, v in enumerate(values, start=1)])
        for r, values in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    ]
    return read_sheets(path, Table(source=Source(file=str(path)), format="csv"), [None], [(None, rows)], columns)
