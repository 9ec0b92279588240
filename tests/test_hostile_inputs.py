"""Hostile inputs from issue 12: each ends in findings or a clear InputError/RuleError — never a
traceback, a hang, a memory blow-up or silently dropped rows. Every input is generated here,
small; a regression would show as a hang or an exception, so there are no timing assertions."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import CLEAN, FIXTURES, SAMPLE

from linter.api import lint_paths, lint_tables
from linter.config import Settings, settings_from_mapping
from linter.errors import ConfigError, InputError, ReaderCrash, RuleError
from linter.limits import Limits, reading
from linter.readers import read_table
from linter.readers.published_text import read_published_text

FORMATS = FIXTURES / "formats"
MERGED = FORMATS / "sample-merged.xlsx"


def rewrite_part(src: Path, dst: Path, part: str, change) -> Path:
    """A copy of a workbook with one XML part changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == part else data)
    return dst


def input_error(path: Path, settings: Settings | None = None) -> str:
    with pytest.raises(InputError) as err:
        read_table(path, settings=settings)
    assert not isinstance(err.value, ReaderCrash), err.value  # a known case has its own message
    return str(err.value)


# -- xlsx --------------------------------------------------------------------------------

def test_corrupt_sheet_xml_is_an_input_error(tmp_path):
    bad = rewrite_part(MERGED, tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2])
    with pytest.raises(InputError) as err:
        read_table(bad)
    assert "bad.xlsx" in str(err.value)


def test_docx_pptx_zip_and_pdf_get_their_own_message(tmp_path):
    for name, part, says in (("a.docx", "word/document.xml", "Word"), ("a.pptx", "ppt/presentation.xml", "PowerPoint"),
                             ("a.zip", "readme.txt", "zip 压缩包")):
        with zipfile.ZipFile(tmp_path / name, "w") as z:
            z.writestr(part, "<x/>")
        assert says in input_error(tmp_path / name)
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    message = input_error(tmp_path / "a.pdf")
    assert "PDF" in message and ".txt" in message and "--input-format" not in message


def test_too_small_declared_dimension_drops_nothing(tmp_path):
    small = rewrite_part(MERGED, tmp_path / "small.xlsx", "xl/worksheets/sheet1.xml",
                         lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C20"', d))
    assert read_table(small).counts() == {"units": 17, "projects": 276, "indicators": 1378}


def test_huge_declared_dimension_is_not_allocated(tmp_path):
    huge = rewrite_part(MERGED, tmp_path / "huge.xlsx", "xl/worksheets/sheet1.xml",
                        lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', d))
    table = read_table(huge)
    assert table.counts() == {"units": 17, "projects": 276, "indicators": 1378}


def test_cell_far_away_hits_the_row_or_column_limit(tmp_path):
    far = rewrite_part(MERGED, tmp_path / "far.xlsx", "xl/worksheets/sheet1.xml",
                       lambda d: d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    message = input_error(far, Settings(limits=Limits(rows=5000)))
    assert "limits.rows = 5000" in message and "[tool.jxlint.limits]" in message


def test_shared_strings_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.xlsx"
    body = b"<si><t>a</t></si>" * 3_000_000
    sst = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + body + b"</sst>"
    rewrite_part(MERGED, path, "xl/workbook.xml", lambda d: d)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", sst)
    assert path.stat().st_size < 400_000  # a small file...
    message = input_error(path)  # ...whose part inflates 200 times and more
    assert "limits.compression-ratio" in message or "limits.shared-strings" in message
    message = input_error(path, Settings(limits=Limits(compression_ratio=10_000)))
    assert "limits.shared-strings = 2000000" in message


# -- csv ---------------------------------------------------------------------------------

CSV_HEAD = "单位,项目名称,总计,财政拨款,绩效目标,序号,一级指标,二级指标,三级指标,实施周期指标值,年度指标值\n"


def test_csv_nan_and_infinite_amounts_are_read_without_a_figure(tmp_path):
    path = tmp_path / "nan.csv"
    path.write_text(CSV_HEAD + "甲单位,乙项目,NaN,Infinity,目标。,1,1-产出指标,11-数量指标,户数,≥10户,≥10户\n"
                    "甲单位,丙项目,-inf,1e999999,目标。,1,1-产出指标,11-数量指标,户数,≥10户,≥10户\n", encoding="utf-8")
    table = read_table(path)
    projects = [p for u in table.units for p in u.projects]
    assert [p.amounts.total for p in projects] == [None, None]
    lint_paths([str(path)], Settings())  # and the rules run on it


def test_csv_128kb_field_is_the_cell_limit(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(CSV_HEAD + "甲单位,乙项目,1.00,1.00,\"" + "长" * 131_073 + "\",1,1-产出指标,11-数量指标,户数,≥10户,≥10户\n", encoding="utf-8")
    message = input_error(path)
    assert "limits.cell-chars = 32767" in message
    # raised in config, the same file reads
    table = read_table(path, settings=Settings(limits=Limits(cell_chars=200_000)))
    assert len(table.units[0].projects[0].goal) == 131_073


def test_csv_bare_cr_ends_a_row(tmp_path):
    path = tmp_path / "cr.csv"
    row = "甲单位,乙项目,1.00,1.00,目标。,1,1-产出指标,11-数量指标,户数,≥10户,≥10户"
    path.write_bytes((CSV_HEAD + row + "\r" + row.replace("乙项目", "丙项目") + "\n").encode())
    table = read_table(path)
    assert [p.name for p in table.units[0].projects] == ["乙项目", "丙项目"]


# -- json / yaml -------------------------------------------------------------------------

def test_json_nested_100k_deep(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"units": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "limits.depth = 64" in input_error(path)


def test_json_lone_surrogate_escape_is_an_input_error(tmp_path):
    """"\\ud800" in a JSON string is a character no report can write: refused where it sits
    (it used to reach the duplicate stage and the report writers as an internal error)."""
    path = tmp_path / "s.json"
    path.write_text('{"units": [{"name": "甲单位", "projects": [{"name": "巡查\\ud800项目"}]}]}', encoding="utf-8")
    message = input_error(path)
    assert "「巡查\\ud800项目」" in message and "孤立的代理字符 \\ud800" in message
    path.write_text('{"units": [{"name": "甲单位\\u4e2d", "projects": []}]}', encoding="utf-8")  # a proper escape
    assert read_table(path).units[0].name == "甲单位中"


def test_json_and_yaml_5000_digit_integer(tmp_path):
    (tmp_path / "big.json").write_text('{"units": [], "n": ' + "9" * 5000 + "}")
    assert "limits.int-digits = 100" in input_error(tmp_path / "big.json")
    (tmp_path / "big.yaml").write_text("units: []\nn: " + "9" * 5000 + "\n")
    assert "limits.int-digits = 100" in input_error(tmp_path / "big.yaml")


def test_yaml_alias_bomb(tmp_path):
    lines = ["units: []", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size < 2000
    assert "limits.nodes = 5000000" in input_error(path)


def test_yaml_deep_nesting(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("units: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "limits.depth" in input_error(path)


# -- text and regexes --------------------------------------------------------------------

HEAD = "部门名称：某局 单位：万元\n合计 1.00 1.00\n某单位 1.00 1.00\n  某项目 1.00 1.00 目标。\n"


@pytest.mark.parametrize("line", [
    " " * 200_000,
    "a" + " " * 200_000 + "b",
    "    名称" + " " * 200_000 + "x",
    "1、1-" + " " * 200_000 + "指标；x；y",
    "部门名称：甲" + " " * 200_000 + "乙",
    "1、1-产出指标；" + "总体 " * 60_000,
])
def test_long_space_runs_read_in_linear_time(line):
    text = HEAD + line + "\n"
    with reading("x.txt", Limits(cell_chars=10**7)):  # the reader itself must be linear
        table = read_published_text(text, "x.txt")
    assert table.units and table.units[0].projects


def test_200k_space_line_is_over_the_cell_limit_through_read_table(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_text(HEAD + "a" + " " * 200_000 + "b\n", encoding="utf-8")
    assert "limits.cell-chars" in input_error(path)


def test_flat_layout_long_paragraph_is_linear():
    text = "某单位 1.00 1.00\n某项目 1.00 1.00 目标。\n1、1-产出指标；11-数量指标；x\n" + "续行文字\n" * 50_000
    table = read_published_text(text, "x.txt")
    assert table.counts()["indicators"] == 1


def builtin_patterns() -> set[str]:
    found: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("patterns", "unless", "multi_year_patterns", "implied_units", "default") and isinstance(v, list):
                    found.update(p for p in v if isinstance(p, str))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in (Path(__file__).parent.parent / "rules").rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_builtin_rule_patterns_are_linear_on_long_runs():
    patterns = builtin_patterns()
    assert len(patterns) > 20
    for p in patterns:
        try:
            regex = re.compile(p)
        except re.error:
            continue
        chars = {ch for ch in p if ch not in "()[]{}?*+|^$\\.:=<!"} | {" ", "a", "1", ",", "，"}
        for ch in chars:
            regex.search(ch * 40_000)  # quadratic would be ~10^9 steps per string: a visible hang


def test_user_pattern_runs_in_linear_time():
    text = CLEAN.read_text(encoding="utf-8").replace("实施周期指标值:≥1200户", "实施周期指标值:" + "a" * 32 + "b")
    table = read_published_text(text, "x.txt")
    settings = Settings(rule_options={"VAG001": {"extra_patterns": {"bare-verdict": ["(a+)+$"]}}})
    assert not [f for f in lint_tables([table], settings).findings if f.code == "VAG001"]
    settings = Settings(rule_options={"VAG001": {"extra_patterns": {"bare-verdict": ["(a|aa)+b"]}}})
    [hit] = [f for f in lint_tables([table], settings).findings if f.code == "VAG001"]
    assert "a" * 32 + "b" in hit.message


def test_user_pattern_with_backreference_is_refused():
    table = read_published_text(CLEAN.read_text(encoding="utf-8"), "x.txt")
    # from config, the RuleError is reported as the config's error (naming its key)
    with pytest.raises((RuleError, ConfigError), match="此正则表达式可能很慢/不受支持"):
        lint_tables([table], Settings(rule_options={"VAG001": {"extra_patterns": {"bare-verdict": [r"(a)\1"]}}}))


def test_user_rule_file_pattern_runs_on_re2(tmp_path):
    from linter.patterns import is_builtin
    from linter.engine.schema import load_rule_file
    from linter.checks.pattern import reviewed_patterns

    rule_text = (Path(__file__).parent / "test_rule_loading.py").read_text(encoding="utf-8")
    good = re.search(r'GOOD = textwrap.dedent\(\n    """\\\n(.*?)"""', rule_text, re.S)[1]
    path = tmp_path / "r.yaml"
    path.write_text(re.sub(r"(?m)^    ", "", good).replace("patterns: ['口号']", "patterns: ['(x+x+)+y']"), encoding="utf-8")
    [rule] = load_rule_file(path)
    assert not is_builtin(rule.path) and not reviewed_patterns(rule, type("P", (), {"vocab": None, "unless_vocab": None})())


# -- numbering ---------------------------------------------------------------------------

@pytest.mark.parametrize("big", [20240101, 99_999_999_999])
def test_big_sequence_number_is_out_of_sequence_not_enumerated(big):
    table = read_published_text(CLEAN.read_text(encoding="utf-8"), "x.txt")
    project = table.units[0].projects[0]
    assert [i.number for i in project.indicators] == [1, 2, 3, 4]
    project.indicators[1].number = big  # a date typed into 序号 (rows readers keep any integer)
    [hit] = [f for f in lint_tables([table], Settings()).findings if f.code == "CMP005"]
    assert hit.message.endswith(f"缺少第 2 号，第 {big} 号远超指标个数，不在序列中")


# -- files that are not regular ----------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "不是普通文件" in input_error(fifo)
    with pytest.raises(InputError, match="不是普通文件"):
        lint_paths([str(fifo)], Settings())


def test_directory_where_a_file_is_expected(tmp_path):
    assert "是目录" in input_error(tmp_path)


# -- limits in configuration -------------------------------------------------------------

def test_limits_are_validated_in_config():
    assert settings_from_mapping({"limits": {"rows": 10, "seconds": 2.5}}, None).limits.rows == 10
    for bad in ({"rowz": 1}, {"rows": 0}, {"rows": "10"}, {"rows": True}, {"seconds": -1}):
        with pytest.raises(ConfigError, match="limits"):
            settings_from_mapping({"limits": bad}, None)


def test_indicator_limit_and_time_budget(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(SAMPLE.read_bytes())
    assert "limits.indicators = 3" in input_error(path, Settings(limits=Limits(indicators=3)))
    assert "limits.seconds = 1e-06" in input_error(path, Settings(limits=Limits(seconds=1e-6)))


# -- jobs 1 vs 2 with yaml/json among the inputs ------------------------------------------

def test_jobs_1_and_2_agree_with_yaml_and_json_tables(tmp_path):
    for name in ("sample.yaml", "sample.json"):
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())
    (tmp_path / "sample.txt").write_bytes(SAMPLE.read_bytes())
    key = lambda f: (f.code, f.file, f.line, f.cell, f.message, f.value, json.dumps(f.data, sort_keys=True, default=str))  # noqa: E731
    one = sorted(map(key, lint_paths([str(tmp_path)], Settings(), jobs=1).findings))
    two = sorted(map(key, lint_paths([str(tmp_path)], Settings(), jobs=2).findings))
    assert one == two
    assert sum(1 for k in one if k[0] == "DUP001") == 226  # was 203 with --jobs 2


def test_every_limit_is_documented_with_its_default():
    from dataclasses import fields

    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    defaults = Limits()
    for key, name in Limits.keys().items():
        value = getattr(defaults, name)
        assert f"| `{key}` | {value:g} |" in doc if isinstance(value, float) else f"| `{key}` | {value} |" in doc, key
    assert len(fields(Limits)) == len(Limits.keys())


def test_rule_file_alias_bomb_is_a_rule_error(tmp_path):
    from linter.engine.schema import load_rule_file

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(RuleError, match="limits.nodes"):
        load_rule_file(path)


def test_xls_that_aborts_calamine_is_an_input_error():
    """This mutant of sample.xls makes python-calamine abort (SIGABRT, exit 134): in-process it
    took the interpreter down; now the child process dies and the file is an InputError."""
    pytest.importorskip("python_calamine")
    crasher = FIXTURES / "crashers" / "xls-6e357a3c845e.xls"
    assert "异常退出" in input_error(crasher)
    assert read_table(FORMATS / "sample.xls").counts() == {"units": 17, "projects": 276, "indicators": 1378}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_inside_a_directory_is_named_and_skipped(tmp_path, capsys):
    (tmp_path / "clean.txt").write_bytes(CLEAN.read_bytes())
    os.mkfifo(tmp_path / "pipe.csv")
    result = lint_paths([str(tmp_path)], Settings())
    assert [t.source.file for t in result.tables] == [str(tmp_path / "clean.txt")]
    assert "pipe.csv（不是普通文件" in capsys.readouterr().err
