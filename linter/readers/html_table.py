"""A web page's tables saved as ".xls": what many budget systems and finance-bureau pages export
("导出 Excel" that is an HTML page, or Excel's own "网页" format). Excel opens it; an .xls
reader cannot. The rows of its tables are read like a CSV's, merged cells (rowspan/colspan) as an
.xlsx gives them: the text in the first cell of the range, the others empty.

The page is parsed with the standard library's ``html.parser`` (it takes broken markup as it
comes). A table inside a table's cell gives its own rows, so a layout table around the data
table does not flatten it into one cell.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..limits import current, exceeded, tick
from ..model import Source, Table
from .decode import read_text_file
from .rows import ColumnMap, limited_row, read_sheets

HTML_START = (b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head", b"<body", b"<style")


def looks_like_html(head: bytes) -> bool:
    """The file's first bytes (after a BOM and blanks) open an HTML page or table."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):  # Excel's XML spreadsheet (2003) is not a page of tables
        return b"<html" in head[:4096].lower()
    return start.startswith(HTML_START)


class _Table:
    def __init__(self) -> None:
        self.carry: dict[int, int] = {}  # column → rows a rowspan above still covers
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)  # the open cell's colspan and rowspan


class _Pages(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.limits = current()
        self.rows: list[list[str]] = []
        self.tables: list[_Table] = []
        self.skip = 0  # inside <style>/<script>

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        elif tag == "table":
            self.tables.append(_Table())
        elif not self.tables:
            return
        elif tag == "tr":
            self._end_row()
            self.tables[-1].row = []
        elif tag in ("td", "th"):
            t = self.tables[-1]
            self._end_cell()
            if t.row is None:
                t.row = []
            self._skip_covered(t)
            spans = dict(attrs)
            t.cell = []
            t.span = (self._span(spans.get("colspan"), self.limits.columns), self._span(spans.get("rowspan"), self.limits.rows))
        elif tag == "br" and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip = max(0, self.skip - 1)
        elif not self.tables:
            return
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            self.tables.pop()

    def handle_data(self, data: str) -> None:
        if self.tables and not self.skip and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)

    @staticmethod
    def _span(value: str | None, limit: int) -> int:
        try:
            n = int(str(value).strip())
        except (TypeError, ValueError):
            return 1
        return min(max(n, 1), limit + 1)  # beyond the limit: the row's own check names it

    def _skip_covered(self, t: _Table) -> None:
        """Cells a rowspan above still covers are empty here."""
        while t.carry.get(len(t.row), 0) > 0:
            t.carry[len(t.row)] -= 1
            t.row.append("")

    def _end_cell(self) -> None:
        t = self.tables[-1]
        if t.cell is None:
            return
        colspan, rowspan = t.span
        if len(t.row) + colspan > self.limits.columns + 1:
            raise exceeded(self.path, "columns", self.limits.columns, f"第 {len(self.rows) + 1} 行的列数过多")
        # HTML's own whitespace rule inside each line; a <br> is a line break, as in a cell
        text = "\n".join(" ".join(part.split()) for part in "".join(t.cell).split("\n")).strip()
        start = len(t.row)
        t.row.append(text)
        t.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for col in range(start, start + colspan):
                t.carry[col] = rowspan - 1
        t.cell = None

    def _end_row(self) -> None:
        t = self.tables[-1]
        self._end_cell()
        if t.row is None:
            return
        # rowspans from above that reach past this row's last cell
        width = max((col + 1 for col, n in t.carry.items() if n > 0), default=0)
        while len(t.row) < width:
            if t.carry.get(len(t.row), 0) > 0:
                t.carry[len(t.row)] -= 1
            t.row.append("")
        tick()
        if len(self.rows) >= self.limits.rows:
            raise exceeded(self.path, "rows", self.limits.rows, "行数过多")
        self.rows.append(t.row)
        t.row = None


def read_html_table(path: Path, columns: ColumnMap) -> Table:
    text, _ = read_text_file(path)
    parser = _Pages(path)
    parser.feed(text)
    parser.close()
    while parser.tables:  # a page cut short: its open rows still count
        parser.handle_endtag("table")
    if not parser.rows:
        raise InputError(f"{path}: 这是一个网页（HTML）文件，但其中没有表格；请在 Excel 中打开后另存为 .xlsx 再检查")
    rows = [limited_row(path, r, values, strip=True) for r, values in enumerate(parser.rows, start=1)]
    return read_sheets(path, Table(source=Source(file=str(path)), format="html"), [None], [(None, rows)], columns)
