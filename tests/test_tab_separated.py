"""A spreadsheet saved as tab-separated text — Excel's and WPS's "文本文件(制表符分隔)" is a .txt,
a .tsv from elsewhere — reads as its CSV export does: same tables, same findings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from linter.api import lint_paths
from linter.config import Settings
from linter.readers import collect_inputs, read_table
from linter.readers.decode import read_text_file

CSVS = [FIXTURES / "formats" / "sample.csv", *sorted((FIXTURES / "provinces").glob("*.csv"))]
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"


def tabbed(source: Path, target: Path) -> Path:
    """The CSV's rows, cells joined by tabs (a cell with a tab, quote or line break quoted)."""
    text, _ = read_text_file(source)
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(csv.reader(io.StringIO(text, newline="")))
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def findings(path: Path) -> list[tuple]:
    result = lint_paths([str(path)], Settings(), jobs=1)
    return sorted((f.code, f.line, f.indicator, f.message.replace(str(path), "FILE")) for f in result.findings)


@pytest.mark.parametrize("source", CSVS, ids=[p.stem for p in CSVS])
@pytest.mark.parametrize("suffix", [".txt", ".tsv"])
def test_tab_separated_text_reads_as_its_csv(source, suffix, tmp_path):
    path = tabbed(source, tmp_path / f"table{suffix}")
    assert "\t" in path.read_text(encoding="utf-8")
    table, expected = read_table(path), read_table(source)
    assert table.format == "csv" and table.counts() == expected.counts()
    assert [p.name for _, p in table.projects()] == [p.name for _, p in expected.projects()]
    same = tmp_path / "same.csv"
    same.write_bytes(source.read_bytes())
    assert findings(path) == [(c, l, i, m.replace(str(same), "FILE")) for c, l, i, m in findings(same)]


def test_the_published_layout_is_still_read_as_published_text():
    table = read_table(SAMPLE)
    assert table.format != "csv" and table.counts()["indicators"] == 1378


def test_a_folder_takes_a_tab_separated_text_and_skips_a_readme(tmp_path):
    tabbed(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv", tmp_path / "saved-from-excel.txt")
    (tmp_path / "README.txt").write_text("说明\t见附件\n第二行\t无\n", encoding="utf-8")  # tabs, but no table
    assert [p.name for p in collect_inputs([str(tmp_path)])] == ["saved-from-excel.txt"]


def test_an_explicit_input_format_is_obeyed(tmp_path):
    path = tabbed(FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv", tmp_path / "t.txt")
    codes = {f.code for f in lint_paths([str(path)], Settings(), input_format="published-text", jobs=1).findings}
    assert "PRS001" in codes  # the published reader, as asked: its lines cannot be placed


def test_excel_unicode_text_utf16_with_tabs(tmp_path):
    # Excel's "Unicode 文本(*.txt)": UTF-16 LE with a BOM, cells joined by tabs
    source = FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv"
    text = tabbed(source, tmp_path / "utf8.txt").read_text(encoding="utf-8")
    path = tmp_path / "unicode.txt"
    path.write_text(text, encoding="utf-16")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert read_table(path).counts() == read_table(source).counts()
    assert [f[:3] for f in findings(path)] == [f[:3] for f in findings(source)]
