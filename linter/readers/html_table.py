"""A web page's tables saved as ".xls": what many budget systems and finance-bureau pages export
("导出 Excel" that is an HTML page, or Excel's own "网页" format). Excel opens it; an .xls
reader cannot. The page is read as Excel shows it: each table row a row, merged cells
(rowspan/colspan) as an .xlsx gives them (the text in the first cell of the range, the others
empty), and text outside any table (titles, "项目名称：…" lines in <p> or <div>) as one-cell rows
in page order — nothing on the page is dropped. A table inside a cell ends the row it sits in
and gives its own rows.

The page is parsed with the standard library's ``html.parser`` (it takes broken markup as it
comes), fed in pieces so the run's time limit holds, with the rows, columns and cells limits of
the other row readers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..limits import current, exceeded, tick
from ..model import Source, Table
from .decode import read_text_file
from .rows import ColumnMap, limited_row, read_sheets

FIRST_TAG = re.compile(r"<(?:html|head|body|meta|link|title|style|script|div|p|span|center|font|form|br|h[1-6]|"
                       r"table|caption|thead|tbody|tr|th|td)[\s>/]", re.I)  # a workbook's first byte is never "<"
LONG_CHARREF = re.compile(r"&#(\d{8,})")  # html.unescape calls int() on them: past 4,300 digits a ValueError
LEADING = re.compile(r"(?:\s|<!--.*?-->|<!doctype[^>]*>)*", re.I | re.S)
BREAK = "\x1e"  # a <br> or a block's end inside a cell, until the cell's whitespace is collapsed
SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML's whitespace; a full-width or no-break space is text
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption"}
PIECE = 64 * 1024
# markup still open (a tag, a comment, a <style>) beyond this: html.parser scans it again on every
# piece and holds it whole (a tag of a million attributes: ~800 MB) — not a page; a <style>
# block of an exported page is a few KB
OPEN_LIMIT = 256 * 1024
# at the end, html.parser's close() takes time quadratic in what is still open (120 KB of "<a ":
# 85 s): a page's last unclosed tag is a few bytes, more is refused (a comment to the end is dropped)
END_LIMIT = 4 * 1024


def looks_like_html(head: bytes) -> bool:
    """The file's first bytes open an HTML page or table (after a byte-order mark, blanks,
    comments such as a browser's "saved from url" and a doctype)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "ignore")
    else:  # the tags are ASCII in UTF-8 and GBK alike; the head may end inside a character
        text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    if text.lstrip().startswith("<?xml"):  # Excel's XML spreadsheet (2003) is not a page of tables
        return "<Workbook" not in text and re.search(r"<html[\s>]", text, re.I) is not None
    return FIRST_TAG.match(text, LEADING.match(text).end()) is not None


class _Table:
    def __init__(self) -> None:
        self.ends: dict[int, int] = {}  # column → the row number a rowspan above covers it until
        self.rowno = 0  # rows of this table put out so far
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)  # the open cell's colspan and rowspan


class _Pages(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.limits = current()
        self.rows: list[list[str]] = []
        self.cells = 0
        self.tables: list[_Table] = []
        self.loose: list[str] = []  # text outside any cell, until a block ends
        self.skip = 0  # inside <style>, <script>, <head>'s <title>

    # -- tags ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        t = self.tables[-1] if self.tables else None
        if tag in ("style", "script", "title"):
            self.skip += 1
        elif tag == "table":
            if t is not None:
                self._end_row(t)  # a table in a cell: the row it sits in ends here
            self._open_table()
        elif tag in ("thead", "tbody", "tfoot") and t is not None:
            self._end_row(t)
            t.ends.clear()  # a rowspan does not leave its row group
        elif tag == "tr":
            t = t or self._open_table()  # a row with no table around it: a table of its own
            self._end_row(t)
            t.row = []
        elif tag in ("td", "th"):
            t = t or self._open_table()
            self._end_cell(t)
            if t.row is None:
                self._flush_loose()
                t.row = []
            self._skip_covered(t)
            spans = dict(attrs)
            t.cell = []
            t.span = (self._span(spans.get("colspan"), self.limits.columns), self._span(spans.get("rowspan"), self.limits.rows))
        elif tag == "br" or tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        t = self.tables[-1] if self.tables else None
        if tag in ("style", "script", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS or tag == "br":
            self._break()
        elif t is None:
            return
        elif tag in ("td", "th"):
            self._end_cell(t)
        elif tag == "tr":
            self._end_row(t)
        elif tag == "table":
            self._end_row(t)
            self._flush_loose()
            self.tables.pop()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        t = self.tables[-1] if self.tables else None
        if t is not None and t.cell is not None:
            t.cell.append(data)
        elif data.strip():
            self.loose.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # "<![" not followed by a name ("<![ x]>") fails an assertion in _markupbase: read it
        # as a bogus comment, as browsers do
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    # -- cells and rows -----------------------------------------------------------------

    @staticmethod
    def _span(value: str | None, limit: int) -> int:
        try:
            n = int(str(value).strip())
        except (TypeError, ValueError):
            return 1
        return min(max(n, 1), limit + 1)  # beyond the limit: the row's own check names it

    def _open_table(self) -> _Table:
        self._flush_loose()  # text before the table comes before its rows
        t = _Table()
        self.tables.append(t)
        return t

    def _break(self) -> None:
        t = self.tables[-1] if self.tables else None
        if t is not None and t.cell is not None:
            t.cell.append(BREAK)
        else:
            self._flush_loose()

    def _skip_covered(self, t: _Table) -> None:
        """Cells a rowspan above still covers are empty here."""
        while t.ends.get(len(t.row), 0) > t.rowno:
            t.row.append("")

    def _end_cell(self, t: _Table) -> None:
        if t.cell is None:
            return
        colspan, rowspan = t.span
        if len(t.row) + colspan > self.limits.columns + 1:
            raise exceeded(self.path, "columns", self.limits.columns, f"第 {len(self.rows) + 1} 行的列数过多")
        lines = (SPACES.sub(" ", part).strip() for part in "".join(t.cell).split(BREAK))
        text = "\n".join(line for line in lines if line)
        start = len(t.row)
        t.row.append(text)
        t.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for col in range(start, start + colspan):
                t.ends[col] = t.rowno + rowspan
        t.cell = None

    def _end_row(self, t: _Table) -> None:
        self._end_cell(t)
        if t.row is None:
            return
        # rowspans from above that reach past this row's last cell
        width = max((col + 1 for col, end in t.ends.items() if end > t.rowno), default=0)
        t.row.extend([""] * (width - len(t.row)))
        self._put(t.row)
        t.row = None
        t.rowno += 1
        if t.ends and min(t.ends.values()) <= t.rowno:  # spans that ended: not looked at again
            t.ends = {col: end for col, end in t.ends.items() if end > t.rowno}

    def _flush_loose(self) -> None:
        if self.loose:
            text = SPACES.sub(" ", "".join(self.loose)).strip()
            self.loose = []
            if text:
                self._put([text])

    def _put(self, row: list[str]) -> None:
        tick()
        self.cells += len(row)
        if self.cells > self.limits.cells:
            raise exceeded(self.path, "cells", self.limits.cells, "单元格过多（含合并单元格展开后的空格）")
        if len(self.rows) >= self.limits.rows:
            raise exceeded(self.path, "rows", self.limits.rows, "行数过多")
        self.rows.append(row)

    def check_open(self, limit: int = OPEN_LIMIT) -> None:
        if len(self.rawdata) > limit and not self.rawdata.startswith("<!--"):
            raise InputError(f"{self.path}: 网页中有一段约 {len(self.rawdata):,} 个字符的标记没有闭合，无法读取；"
                             "请在 Excel 中打开后另存为 .xlsx 再检查")

    def finish(self) -> None:
        if self.rawdata.startswith("<!--"):  # a comment running to the end of the file, as browsers read it
            self.rawdata = ""
        self.check_open(END_LIMIT)
        self.close()
        while self.tables:  # a page cut short: its open rows still count
            self.handle_endtag("table")
        self._flush_loose()


def _short_charref(m: re.Match) -> str:
    digits = m.group(1).lstrip("0") or "0"
    return "&#" + (digits if len(digits) <= 7 else "65533")  # out of range: U+FFFD, as unescape gives


def read_html_table(path: Path, columns: ColumnMap) -> Table:
    text, _ = read_text_file(path)
    parser = _Pages(path)
    text = LONG_CHARREF.sub(_short_charref, text)
    for start in range(0, len(text), PIECE):  # in pieces: the time limit is looked at between them
        tick(every=1)
        parser.feed(text[start:start + PIECE])
        parser.check_open()
    parser.finish()
    if not any(len(row) > 1 for row in parser.rows):
        raise InputError(f"{path}: 这是一个网页（HTML）文件，但其中没有表格（没有多于一列的表格行）；请在 Excel 中打开后另存为 .xlsx 再检查")
    rows = [limited_row(path, r, values, strip=True) for r, values in enumerate(parser.rows, start=1)]
    return read_sheets(path, Table(source=Source(file=str(path)), format="html"), [None], [(None, rows)], columns)
