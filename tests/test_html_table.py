"""A web page's table saved as .xls (budget systems' "导出 Excel", Excel's "网页" format) reads as
the same sheet's CSV: same tables, same findings — merged cells (rowspan/colspan) included."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

import pytest

from conftest import FIXTURES
from linter.api import lint_paths
from linter.config import Settings
from linter.errors import InputError
from linter.readers import read_table
from linter.readers.decode import read_text_file

CSVS = [FIXTURES / "formats" / "sample.csv", *sorted((FIXTURES / "provinces").glob("*.csv"))]
LABEL_COLUMNS = ("一级指标", "二级指标")


def grid(source: Path) -> list[list[str]]:
    text, _ = read_text_file(source)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    width = max(map(len, rows))
    return [r + [""] * (width - len(r)) for r in rows]


def page(rows: list[list[str]], merged: bool, titles_outside: bool = False) -> str:
    """The rows as an HTML table. merged: a title row's one cell spans the row (colspan), and a
    level-1/level-2 label spans the empty cells under it (rowspan), as exported forms do."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    if merged:
        for r, row in enumerate(rows):
            if row[0] and not any(row[1:]):
                spans[(r, 0)] = (len(row), 1)
                covered |= {(r, c) for c in range(1, len(row))}
        header = next((r for r, row in enumerate(rows) if all(label in row for label in LABEL_COLUMNS)), None)
        if header is not None:
            for c in (rows[header].index(label) for label in LABEL_COLUMNS):
                for r in range(header + 1, len(rows)):
                    if not rows[r][c] or (r, c) in covered:
                        continue
                    k = r + 1
                    while k < len(rows) and not rows[k][c] and any(rows[k]) and (k, c) not in covered:
                        k += 1
                    if k - r > 1:
                        spans[(r, c)] = (1, k - r)
                        covered |= {(j, c) for j in range(r + 1, k)}
    out = ["<html><head><meta charset='utf-8'><title>导出</title><style>td { mso-number-format: '\\@'; }</style></head><body><table border=1>"]
    for r, row in enumerate(rows):
        if titles_outside and row[0] and not any(row[1:]):  # a title line as a paragraph between tables
            out.append(f"</table><p>{html.escape(row[0])}</p><table border=1>")
            continue
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            colspan, rowspan = spans.get((r, c), (1, 1))
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(value).replace(chr(10), '<br>')}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def findings(path: Path) -> list[tuple]:
    result = lint_paths([str(path)], Settings(), jobs=1)
    return sorted((f.code, f.line, f.indicator, f.message.replace(str(path), "FILE")) for f in result.findings)


@pytest.mark.parametrize("source", CSVS, ids=[p.stem for p in CSVS])
@pytest.mark.parametrize(("merged", "titles_outside"), [(False, False), (True, False), (False, True)],
                         ids=["plain", "merged", "titles-outside"])
def test_a_page_saved_as_xls_reads_as_its_csv(source, merged, titles_outside, tmp_path):
    path = tmp_path / "export.xls"
    path.write_text(page(grid(source), merged, titles_outside), encoding="utf-8")
    same = tmp_path / "same.csv"
    same.write_bytes(source.read_bytes())
    table, expected = read_table(path), read_table(same)
    assert table.format == "html" and table.counts() == expected.counts()
    assert [p.name for _, p in table.projects()] == [p.name for _, p in expected.projects()]
    assert findings(path) == [(c, l, i, m.replace(str(same), "FILE")) for c, l, i, m in findings(same)]


def test_gbk_page_named_xlsx_with_a_layout_table_around_it(tmp_path):
    # a page in GBK, its data table inside a layout table's cell, saved as .xlsx
    inner = page(grid(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv"), True)
    inner = inner[inner.index("<table"):inner.rindex("</table>") + len("</table>")]
    path = tmp_path / "export.xlsx"
    path.write_bytes(f"<!DOCTYPE html><html><body><table><tr><td>{inner}</td></tr></table></body></html>".encode("gbk"))
    assert read_table(path).counts() == read_table(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv").counts()


@pytest.mark.parametrize(("markup", "message"), [
    ('<table><tr><td colspan="999999999">一级指标</td></tr></table>', "limits.columns"),
    ("<html><body>没有表格</body></html>", "没有表格"),
    ('<table><tr><td colspan="1000" rowspan="999999999">一级指标</td></tr>' + "<tr>" * 20000 + "</table>", "limits.cells"),
    ("<table><tr><td>一级指标<td>二级指标<td>三级指标<td>指标值<tr><td>1<td>2", "找到表头"),  # never closed: still read
    ("<table><tr><td>一级指标<td>二级指标</td>" + "<a " * 40000, "没有闭合"),  # html.parser's slow path, refused
    ("<table><tr><td>一级指标</td><td>指标值</td><![ x]></tr></table>", "找到表头"),  # an assertion in _markupbase
    ("<table><tr><td>一级指标</td><td title='&#" + "0" * 5000 + "65'>&#" + "9" * 5000 + ";</td></tr></table>",
     "找到表头"),  # html.unescape's int() refuses over 4,300 digits
    ("<table><tr><td>一级指标</td><td " + "a=b " * 100000 + ">x</td></tr></table>", "没有闭合"),  # memory bomb
])
def test_hostile_pages_end_in_a_clear_message(markup, message, tmp_path):
    path = tmp_path / "page.xls"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert type(caught.value) is InputError and str(path) in str(caught.value)  # not a ReaderCrash
    assert message in str(caught.value)


def rows_of(markup: str) -> list[list[str]]:
    from linter.readers.html_table import _Pages

    parser = _Pages(Path("page.xls"))
    parser.feed(markup)
    parser.finish()
    return parser.rows


def test_spans_rows_groups_nesting_and_text_outside_cells():
    assert rows_of("<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td></tr>"
                   "<tr><td>x</td><td>y</td><td>z</td></tr></table>") == [["a", "b", "c"], ["d", "", ""], ["x", "y", "z"]]  # d overlaps b's span; x is not covered
    assert rows_of("<table><thead><tr><td rowspan=3>h</td><td>h2</td></tr></thead>"
                   "<tbody><tr><td>a</td><td>b</td></tr></tbody></table>") == [["h", "h2"], ["a", "b"]]
    assert rows_of("<p>单位：某局</p><table><tr><td>项目名称：X<table><tr><td>i1</td><td>i2</td></tr></table>"
                   "</td></tr></table><div>备注</div>") == [["单位：某局"], ["项目名称：X"], ["i1", "i2"], ["备注"]]
    assert rows_of("<table><tr><td><p>产出指标</p><p>数量指标</p></td><td>a<br>b&nbsp;c\u3000d\n e</td></tr></table>") \
        == [["产出指标\n数量指标", "a\nb\xa0c\u3000d e"]]


def test_random_spans_and_nesting_give_a_table_or_a_clear_message(tmp_path):
    # spans of any value (0, negative, huge, words), tables in cells, rows never closed
    import random

    rnd = random.Random(2026)
    labels = ["一级指标", "二级指标", "三级指标", "指标值", "项目名称", "产出指标", "数量指标", "≥95%", "", "x"]
    spans = ["", ' rowspan="0"', ' colspan="-3"', ' rowspan="99999"', ' colspan="40"', ' rowspan="两行"', ' colspan="2"', ' rowspan="3"']
    for case in range(200):
        parts = ["<table>"]
        for _ in range(rnd.randint(1, 12)):
            parts.append("<tr>" if rnd.random() < 0.9 else "")
            for _ in range(rnd.randint(0, 7)):
                parts.append(f"<td{rnd.choice(spans)}>{rnd.choice(labels)}")
                if rnd.random() < 0.05:
                    parts.append("<table><tr><td>一级指标<td>二级指标<td>三级指标<td>指标值</table>")
                parts.append("</td>" if rnd.random() < 0.8 else "")
            parts.append("</tr>" if rnd.random() < 0.8 else "")
        path = tmp_path / f"page{case}.xls"
        path.write_text("".join(parts), encoding="utf-8")
        try:
            read_table(path)
        except InputError as exc:
            assert type(exc) is InputError and str(exc).strip()  # a ReaderCrash is an InputError too


def test_a_comment_to_the_end_of_the_page_is_dropped_and_titles_first_are_detected(tmp_path):
    from linter.readers.html_table import looks_like_html

    body = page(grid(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv"), True)
    path = tmp_path / "export.xls"
    path.write_text(body + "<!-- " + "x" * 200_000, encoding="utf-8")  # a comment never closed
    assert read_table(path).counts() == read_table(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv").counts()
    for first in ("<h3 align=center>项目支出绩效目标表</h3>", "<!-- saved from url=(0014)about:internet -->\n<center>",
                  "<font size=4>表</font>", "<TD>x</TD>"):
        assert looks_like_html(first.encode("utf-8")), first
    assert looks_like_html("<table>".encode("utf-16"))
    for not_page in (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b'<?xml version="1.0"?><Workbook><html:B>x</html:B>',
                     "一级指标\t二级指标".encode("utf-8")):
        assert not looks_like_html(not_page), not_page
