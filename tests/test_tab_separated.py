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


JINZHAI = FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.csv"


def local_labels_table(tmp_path: Path) -> Settings:
    """The Jinzhai form as tab-separated local.txt in tmp_path, its header in local labels that
    only the returned settings' column-synonyms know."""
    local = {"一级指标": "甲类", "二级指标": "乙类", "三级指标": "绩效指标内容", "指标值": "目标数值"}
    text, _ = read_text_file(JINZHAI)
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(
        [[local.get(cell, cell) for cell in row] if "三级指标" in row else row for row in csv.reader(io.StringIO(text, newline=""))])
    (tmp_path / "local.txt").write_text(out.getvalue(), encoding="utf-8")
    return Settings(column_synonyms={k: [v] for k, v in local.items()})


def test_a_grid_cell_in_published_words_does_not_make_it_published_text(tmp_path):
    # a value cell "年度指标值：≥95%" is what the published layout's label looks like; the grid
    # around it (lines with tabs) is still a grid
    text = tabbed(JINZHAI, tmp_path / "t.txt").read_text(encoding="utf-8")
    cell = next(line.split("\t")[-1] for line in reversed(text.splitlines()) if line.count("\t") >= 3 and line.split("\t")[-1])
    assert cell != "指标值"  # a value of the grid's last row, not its header
    path = tmp_path / "cell.txt"
    path.write_text(text.replace(cell, "年度指标值：" + cell, 1), encoding="utf-8")
    assert read_table(path).format == "csv" and read_table(path).counts() == read_table(JINZHAI).counts()


def test_commas_in_every_line_of_a_tab_separated_text(tmp_path):
    # the delimiter is known once tabs were found: a comma in every line must not win the sniff
    rows = [line.split("\t") for line in tabbed(JINZHAI, tmp_path / "t.txt").read_text(encoding="utf-8").splitlines()]
    text = "\r\n".join("\t".join([*cells, "备注,说明"]) for cells in rows)
    for suffix in (".txt", ".tsv"):
        path = tmp_path / f"commas{suffix}"
        path.write_text(text, encoding="utf-8")
        assert read_table(path).counts() == read_table(JINZHAI).counts(), suffix


def test_a_header_only_text_gets_the_grid_readers_message(tmp_path):
    path = tmp_path / "header.txt"
    path.write_text("一级指标\t二级指标\t三级指标\t指标值\n", encoding="utf-8")
    from linter.errors import InputError

    with pytest.raises(InputError, match="第 1 行找到表头"):
        read_table(path)


def test_a_folder_skips_a_tsv_without_a_grid_header(tmp_path, capsys):
    tabbed(JINZHAI, tmp_path / "form.tsv")
    (tmp_path / "data.tsv").write_text("id\tvalue\n1\t2\n", encoding="utf-8")
    assert [p.name for p in collect_inputs([str(tmp_path)])] == ["form.tsv"]
    assert "data.tsv" in capsys.readouterr().err


def test_a_folder_uses_the_configs_column_labels(tmp_path):
    # a header known only through [tool.jxlint.column-synonyms]: the folder takes the file too
    settings = local_labels_table(tmp_path)
    from linter.errors import InputError

    with pytest.raises(InputError, match="没有可检查的表格文件"):  # built-in labels alone: no table here
        collect_inputs([str(tmp_path)])
    assert [p.name for p in collect_inputs([str(tmp_path)], settings=settings)] == ["local.txt"]
    found = lint_paths([str(tmp_path)], settings, jobs=1)
    assert sum(t.counts()["indicators"] for t in found.tables) == read_table(JINZHAI).counts()["indicators"]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_tsv_without_tabs_is_sniffed_as_before(tmp_path, delimiter):
    # a comma- or semicolon-separated export named .tsv: no tab in it, so no tab is forced
    text, _ = read_text_file(JINZHAI)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(csv.reader(io.StringIO(text, newline="")))
    path = tmp_path / "export.tsv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert read_table(path).counts() == read_table(JINZHAI).counts()


def test_a_note_row_in_published_words_does_not_make_a_grid_published_text(tmp_path):
    # one tab-free row ("填报说明：年度指标值：按年度填写") is a note, not the published layout
    text = tabbed(JINZHAI, tmp_path / "t.txt").read_text(encoding="utf-8")
    path = tmp_path / "noted.txt"
    path.write_text("填报说明：年度指标值：按年度填写\r\n" + text, encoding="utf-8")
    table = read_table(path)
    assert table.format == "csv" and table.counts() == read_table(JINZHAI).counts()


def test_inspect_uses_the_configs_column_labels_in_a_folder(tmp_path):
    from linter.readers.inspect_files import inspect_paths

    settings = local_labels_table(tmp_path)
    [layout] = inspect_paths([str(tmp_path)], settings)
    assert layout.path.endswith("local.txt") and not layout.error
