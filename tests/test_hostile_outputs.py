"""Issue 12: outputs never harm the inputs, one exit-code contract, cell text is data in every
output, and clear messages for inputs that used to be misread.

Each test builds its own small input from tests/fixtures/clean.txt (2 projects, 8 indicators,
no findings) with one hostile edit."""

from __future__ import annotations

import csv
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import CLEAN

ROOT = Path(__file__).resolve().parent.parent
from linter.cli import main
from linter.outputs import OutputError, safe_write

FORMULA = "=cmd|' /C calc'!A0"


def run(args, capsys):
    args = [str(a) for a in args]
    if "check" in args and "--config" not in args:
        args.append("--isolated")  # no jxlint.toml found above the temporary folder counts
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def hostile_text(tmp_path: Path, name: str = "t.txt", project: str | None = None, value: str = "有效提升") -> Path:
    """clean.txt with the first indicator's period value replaced (a VAG001/PER001 finding)
    and, optionally, the first project renamed."""
    text = CLEAN.read_text(encoding="utf-8")
    text = text.replace("资格审核户数；实施周期指标值:≥1200户", f"资格审核户数；实施周期指标值:{value}")
    if project is not None:
        text = text.replace("住房保障资格审核工作经费", project)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def model_json(tmp_path: Path, name: str = "t.json", **edits) -> Path:
    """The clean table as a jxlint JSON model, with fields of the first project/indicator set."""
    path = tmp_path / name
    assert main(["convert", str(CLEAN), str(path)]) == 0
    doc = json.loads(path.read_text(encoding="utf-8"))
    unit = doc["units"][0]
    project = unit["projects"][0]
    ind = project["indicators"][0]
    for key, value in edits.items():
        target = {"unit": unit, "project": project, "indicator": ind}[key.split("_", 1)[0]]
        target[key.split("_", 1)[1]] = value
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def small_xlsx(tmp_path: Path, name: str = "t.xlsx", **kw) -> Path:
    src = hostile_text(tmp_path, "src.txt", **kw)
    out = tmp_path / name
    assert main(["convert", str(src), str(out)]) == 0
    return out


def link(kind: str, target: Path, at: Path) -> Path:
    """The same file as target under another name: the path itself, a hard link or a symlink."""
    if kind == "same":
        return target
    if kind == "hardlink":
        os.link(target, at)
    else:
        at.symlink_to(target)
    return at


KINDS = ("same", "hardlink", "symlink")


# --- 1. an output never replaces an input -------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_check_output_onto_input_refused(tmp_path, capsys, kind, option):
    src = hostile_text(tmp_path)
    before = src.read_bytes()
    out = link(kind, src, tmp_path / "alias.txt")
    code, stdout, err = run(["check", src, option, out], capsys)
    assert code == 2
    assert src.read_bytes() == before
    assert "拒绝写入" in err and str(out) in err and str(src) in err
    assert err.count("\n") == 1 and stdout == ""  # refused before the run, one line


@pytest.mark.parametrize("kind", KINDS)
def test_annotate_onto_input_refused(tmp_path, capsys, kind):
    src = small_xlsx(tmp_path)
    before = src.read_bytes()
    out = link(kind, src, tmp_path / "alias.xlsx")
    code, _, err = run(["check", src, "--annotate", out], capsys)
    assert code == 2 and "拒绝写入" in err and "标注工作簿" in err
    assert src.read_bytes() == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_convert_onto_input_refused(tmp_path, capsys, kind, suffix):
    src = tmp_path / f"t{suffix}"
    assert main(["convert", str(CLEAN), str(src)]) == 0
    before = src.read_bytes()
    out = link(kind, src, tmp_path / f"alias{suffix}")
    code, _, err = run(["convert", src, out], capsys)
    assert code == 2 and "拒绝写入" in err
    assert src.read_bytes() == before


def test_input_found_in_a_directory_counts(tmp_path, capsys):
    folder = tmp_path / "tables"
    folder.mkdir()
    src = hostile_text(folder)
    before = src.read_bytes()
    code, _, err = run(["check", folder, "-o", src], capsys)
    assert code == 2 and "拒绝写入" in err and src.read_bytes() == before
    os.link(src, tmp_path / "alias.txt")
    code, _, err = run(["check", folder, "--write-baseline", tmp_path / "alias.txt"], capsys)
    assert code == 2 and "拒绝写入" in err and src.read_bytes() == before


def test_config_and_baseline_are_inputs_too(tmp_path, capsys):
    src = hostile_text(tmp_path)
    config = tmp_path / "jxlint.toml"
    config.write_text('fail-on = "warning"\n', encoding="utf-8")
    code, _, err = run(["check", src, "--config", config, "-o", config], capsys)
    assert code == 2 and "拒绝写入" in err and config.read_text(encoding="utf-8") == 'fail-on = "warning"\n'
    base = tmp_path / "b.json"
    assert run(["check", src, "--write-baseline", base], capsys)[0] == 0
    before = base.read_bytes()
    code, _, err = run(["check", src, "--baseline", base, "-o", base], capsys)
    assert code == 2 and base.read_bytes() == before


def test_two_outputs_onto_one_file_refused(tmp_path, capsys):
    src = hostile_text(tmp_path)
    code, _, err = run(["check", src, "-o", tmp_path / "x.json", "--write-baseline", tmp_path / "x.json"], capsys)
    assert code == 2 and "另一个输出" in err


def test_writing_through_a_symlink_to_a_non_input_keeps_the_link(tmp_path, capsys):
    src = hostile_text(tmp_path)
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    alias = tmp_path / "alias.json"
    alias.symlink_to(real)
    code, _, _ = run(["check", src, "--format", "json", "-o", alias], capsys)
    assert code == 0 and alias.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["summary"]["total"] == 2


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old report", encoding="utf-8")
    os.chmod(out, 0o640)

    def half(tmp: Path) -> None:
        tmp.write_text("half of a new rep", encoding="utf-8")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        safe_write(out, half)
    assert out.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    safe_write(out, "new report")
    assert out.read_text(encoding="utf-8") == "new report"
    assert out.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions
    with pytest.raises(OutputError):
        safe_write(tmp_path, "x")  # a folder is not a file
    fresh = tmp_path / "fresh.txt"
    mask = os.umask(0o022)
    try:
        safe_write(fresh, b"x")
    finally:
        os.umask(mask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # a new file gets the usual permissions, not mkstemp's 0600


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_output_to_a_device_is_written_in_place(tmp_path, capsys):
    code, _, err = run(["check", hostile_text(tmp_path), "--format", "json", "-o", "/dev/null"], capsys)
    assert code == 0 and err == ""


def test_interrupted_convert_leaves_no_partial_file(tmp_path, capsys, monkeypatch):
    import openpyxl

    out = tmp_path / "t.xlsx"

    def broken_save(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    code, _, err = run(["convert", CLEAN, out], capsys)
    assert code == 2 and "内部错误：RuntimeError: killed mid-write" in err
    assert list(tmp_path.iterdir()) == []


# --- 2. one exit-code contract -------------------------------------------------------------

def _explode(self, target, ctx):
    raise RuntimeError("boom in a check")


@pytest.mark.parametrize("jobs", [1, 2])
def test_crash_is_exit_2_with_one_line(tmp_path, capsys, monkeypatch, jobs):
    from linter.checks.pattern import PatternCheck

    hostile_text(tmp_path, "a.txt")
    hostile_text(tmp_path, "b.txt")
    monkeypatch.setattr(PatternCheck, "__call__", _explode)  # forked workers inherit the patch
    code, out, err = run(["check", tmp_path, "--jobs", jobs], capsys)
    assert code == 2 and out == ""
    assert err == "jxlint: 内部错误：RuntimeError: boom in a check（请附上输入文件和此信息报告问题）\n"
    code, _, err = run(["check", tmp_path, "--jobs", jobs, "--debug"], capsys)
    assert code == 2 and "Traceback (most recent call last)" in err and "_explode" in err
    assert err.rstrip().endswith("（请附上输入文件和此信息报告问题）")
    code, _, err = run(["--debug", "check", tmp_path, "--jobs", jobs], capsys)  # global flag too
    assert code == 2 and "Traceback" in err


def test_worker_start_failure_is_exit_2_with_one_line(tmp_path, capsys, monkeypatch):
    import linter.api

    hostile_text(tmp_path, "a.txt")
    hostile_text(tmp_path, "b.txt")

    def broken(settings, input_format, previous=None):
        raise OSError("no rules in the worker")

    monkeypatch.setattr(linter.api, "_setup_worker", broken)
    code, _, err = run(["check", tmp_path, "--jobs", 2], capsys)
    assert code == 2 and err == "jxlint: 内部错误：OSError: no rules in the worker（请附上输入文件和此信息报告问题）\n"


def _rule_pack(tmp_path: Path, message: str) -> Path:
    import yaml

    from linter.engine.schema import builtin_rules_dir

    data = yaml.safe_load((builtin_rules_dir() / "vague-target" / "VAG001-vague-indicator-value.yaml").read_text(encoding="utf-8"))
    data.update(code="LOC901", name="local-vague", message=message)
    # a local pack's patterns run on RE2: keep the copy free of lookarounds
    data["check"]["families"]["long-sentence"]["patterns"] = ["^.{25,}$"]
    data["options"]["unless"]["default"] = [r"\d", "百分之"]
    data["tests"]["flag"] = [c for c in data["tests"]["flag"] if not isinstance(c, str) or len(c) < 25]
    pack = tmp_path / "pack"
    pack.mkdir(parents=True)
    (pack / "LOC901.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return pack


@pytest.mark.parametrize("template", ["}", "未闭合 {value", "{0} 位置参数", "{value.upper}"])
def test_bad_message_template_is_a_rule_error_at_load(tmp_path, capsys, template):
    pack = _rule_pack(tmp_path, template)
    code, out, err = run(["check", CLEAN, "--rules", pack], capsys)
    assert code == 2 and out == ""
    assert str(pack / "LOC901.yaml") in err and "键 message" in err and "内部错误" not in err


def test_unknown_template_name_is_a_rule_error(tmp_path, capsys):
    pack = _rule_pack(tmp_path, "「{value}」{unknwon}")
    code, out, err = run(["check", CLEAN, "--rules", pack], capsys)
    assert code == 2 and out == "" and f"{pack / 'LOC901.yaml'}: 键 message: 模板中 {{unknwon}} 没有对应的值" in err
    code, out, _ = run(["test-rules", pack], capsys)
    assert code == 1 and "{unknwon} 没有对应的值" in out
    good = _rule_pack(tmp_path / "ok", "「{value}」{match}{family}")  # names the check provides
    assert run(["check", CLEAN, "--rules", good], capsys)[0] == 0


def test_baseline_version_and_entries_checked(tmp_path, capsys):
    src = hostile_text(tmp_path)
    base = tmp_path / "b.json"
    assert run(["check", src, "--write-baseline", base], capsys)[0] == 0
    doc = json.loads(base.read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["count"] == 2
    assert run(["check", src, "--baseline", base], capsys)[0] == 0
    base.write_text(json.dumps({**doc, "version": 99}), encoding="utf-8")
    code, _, err = run(["check", src, "--baseline", base], capsys)
    assert code == 2 and str(base) in err and "版本为 99" in err
    base.write_text(json.dumps({**doc, "entries": [doc["entries"][0], 7]}), encoding="utf-8")
    code, _, err = run(["check", src, "--baseline", base], capsys)
    assert code == 2 and str(base) in err and "entries[1]" in err
    base.write_text(json.dumps({**doc, "entries": [{"code": "VAG001"}]}), encoding="utf-8")
    code, _, err = run(["check", src, "--baseline", base], capsys)
    assert code == 2 and "entries[0]" in err and "'key'" in err and "内部错误" not in err


# --- 3. cell text is data ---------------------------------------------------------------------

def test_convert_xlsx_stores_formula_text_as_text(tmp_path):
    import openpyxl

    out = small_xlsx(tmp_path, project=FORMULA)
    ws = openpyxl.load_workbook(out)["绩效目标表"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    plain = next(c for row in ws.iter_rows() for c in row if c.value == "示例市住房局")
    assert not plain.quotePrefix  # ordinary text keeps its plain style


def test_convert_csv_neutralises_formulas(tmp_path, capsys):
    src = model_json(tmp_path, project_name=FORMULA, indicator_name="@SUM(A1)", indicator_period_value=" =1+1",
                     indicator_annual_value="-5")
    out = tmp_path / "t.csv"
    assert run(["convert", src, out], capsys)[0] == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    first = dict(zip(rows[0], next(r for r in rows[1:] if r[1])))  # after the 合计 and unit total rows
    assert first["项目名称"] == "'" + FORMULA
    assert first["三级指标"] == "'@SUM(A1)"
    assert first["实施周期指标值"] == "' =1+1"
    assert first["年度指标值"] == "-5"  # a plain signed number is not a formula
    assert first["单位"] == "示例市住房局"
    assert out.read_text(encoding="utf-8-sig").startswith('"单位","项目名称"')  # every field quoted


def test_annotate_summary_and_comments_are_data_and_keep_reviewer_comments(tmp_path, capsys):
    import openpyxl
    from openpyxl.comments import Comment

    src = small_xlsx(tmp_path, project=FORMULA)
    wb = openpyxl.load_workbook(src)
    ws = wb["绩效目标表"]
    first = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value)  # after the 合计 and unit rows
    value_cell = f"L{first}"
    ws[value_cell].comment = Comment("审核意见：请补充依据", "张审核")
    wb.save(src)
    out = tmp_path / "annotated.xlsx"
    code, _, err = run(["check", src, "--annotate", out], capsys)
    assert code == 0 and "2 个单元格有批注" in err
    wb = openpyxl.load_workbook(out)
    summary = wb["jxlint检查结果"]
    projects = [summary.cell(r, 5) for r in range(2, summary.max_row + 1)]
    assert len(projects) == 2 and all(c.value == FORMULA and c.data_type == "s" and c.quotePrefix for c in projects)
    assert "jxlint_summary" in wb.defined_names
    comment = wb["绩效目标表"][value_cell].comment
    assert comment.text.startswith("审核意见：请补充依据") and "VAG001" in comment.text and comment.author == "张审核"
    # annotating the annotated copy again replaces jxlint's part, keeps the reviewer's
    again = tmp_path / "again.xlsx"
    assert run(["check", out, "--annotate", again], capsys)[0] != 2
    wb2 = openpyxl.load_workbook(again)
    text = wb2["绩效目标表"][value_cell].comment.text
    assert text.startswith("审核意见：请补充依据") and text.count("——jxlint——") == 1 and text.count("[VAG001") == 1
    assert wb2.sheetnames.count("jxlint检查结果") == 1


def test_annotate_xlsm_keeps_macros(tmp_path, capsys):
    import openpyxl

    xlsx = small_xlsx(tmp_path)
    xlsm = tmp_path / "macro.xlsm"
    wb = openpyxl.load_workbook(xlsx)
    wb.save(xlsm)
    vba = b"fake VBA project \x00\x01"
    with zipfile.ZipFile(xlsm, "a") as z:
        z.writestr("xl/vbaProject.bin", vba)
    before = xlsm.read_bytes()
    code, _, err = run(["check", xlsm, "--annotate", tmp_path / "out.xlsx"], capsys)
    assert code == 2 and ".xlsm" in err  # a macro workbook's copy must stay .xlsm
    out = tmp_path / "out.xlsm"
    assert run(["check", xlsm, "--annotate", out], capsys)[0] == 0
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert "macroEnabled" in z.read("[Content_Types].xml").decode()
    assert xlsm.read_bytes() == before


ESC = "\x1b]0;pwned\x07\x1b[2J"


def test_escape_sequences_are_visible_in_text_output(tmp_path, capsys):
    src = model_json(tmp_path, project_name=f"经费{ESC}", indicator_period_value="有效提升\x1b[K\x9b\u202e")
    code, out, _ = run(["check", src], capsys)
    assert code == 0 and "VAG001" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    assert "经费\\x1b]0;pwned\\x07\\x1b[2J" in out and "有效提升\\x1b[K\\x9b\\u202e" in out


def _command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_newline_in_a_cell_cannot_start_a_workflow_command(tmp_path, capsys):
    src = model_json(tmp_path, unit_name="局\n::add-mask::secret", project_name="经费\r\n::error::x",
                     indicator_period_value="有效提升\n  ::error file=a::injected")
    code, out, _ = run(["check", src], capsys)
    assert "VAG001" in out and "injected" in out
    assert _command_lines(out) == []
    code, out, _ = run(["check", src, "--format", "github"], capsys)
    lines = out.splitlines()
    findings = [line for line in lines if line.startswith(("::warning ", "::error "))]
    assert len(findings) == 2  # VAG001 and PER001, nothing injected
    assert all(line.startswith(("::warning ", "::error ", "::notice ", "jxlint: ")) for line in lines)
    assert "有效提升%0A  ::error file=a::injected" in out


def test_terminal_text_marks_command_lines_only():
    from linter.safe_text import terminal_text

    assert terminal_text("a\n  ::error::x\n##[add-mask]y\nb::c\n") == "a\n↳   ::error::x\n↳ ##[add-mask]y\nb::c\n"
    assert terminal_text("tab\tkept\x7f\x85") == "tab\tkept\\x7f\\x85"


def test_github_escaping_follows_the_spec():
    from linter.report.github import _escape_data, _escape_prop

    assert _escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert _escape_prop("C:\\t,a.txt%\n") == "C%3A\\t%2Ca.txt%25%0A"
    assert _escape_data("\x1b[31m") == "\\x1b[31m"


def test_stderr_messages_are_escaped(tmp_path, capsys):
    code, _, err = run(["check", tmp_path / "a\x1b[2Jb\n::error::x.txt"], capsys)
    assert code == 2 and "\x1b" not in err and _command_lines(err) == []


def test_html_escapes_cell_text(tmp_path, capsys):
    src = model_json(tmp_path, project_name="<script>alert(1)</script>", unit_name='"><img src=x onerror=alert(2)>',
                     indicator_period_value="有效提升<b>")
    code, out, _ = run(["check", src, "--format", "html"], capsys)
    assert "VAG001" in out
    assert "<script>alert(1)" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<img" not in out and "有效提升<b>" not in out


# --- 4. clear messages ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_bom_is_read(tmp_path, capsys, encoding):
    src = tmp_path / "t.txt"
    text = CLEAN.read_text(encoding="utf-8")
    data = text.encode(encoding)
    src.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    code, out, err = run(["check", src], capsys)
    assert code == 0 and "1 个单位，2 个项目，8 个指标" in out and "二进制" not in err


def test_bad_regex_in_config_names_the_config(tmp_path, capsys):
    config = tmp_path / "jxlint.toml"
    config.write_text('[rules.VAG001]\nextend-unless = ["(未闭合"]\n', encoding="utf-8")
    code, _, err = run(["check", CLEAN, "--config", config], capsys)
    assert code == 2 and str(config) in err and "rules.VAG001" in err and "extend-unless" in err
    assert "(未闭合" in err and "vague-target" not in err
    config.write_text('[rules.PER004]\nextend-multi_year_patterns = ["[abc"]\n', encoding="utf-8")
    code, _, err = run(["check", CLEAN, "--config", config], capsys)
    assert code == 2 and str(config) in err and "rules.PER004" in err and "[abc" in err


def test_bad_regex_in_a_rule_pack_still_names_the_rule_file(tmp_path, capsys):
    import yaml

    pack = _rule_pack(tmp_path, "「{value}」")
    rule = pack / "LOC901.yaml"
    data = yaml.safe_load(rule.read_text(encoding="utf-8"))
    data["options"]["unless"]["default"] = ["(未闭合"]
    rule.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run(["check", CLEAN, "--rules", pack, "--select", "LOC901"], capsys)
    assert code == 2 and str(rule) in err and "内部错误" not in err


def test_unknown_column_synonym_names_the_config(tmp_path, capsys):
    src = tmp_path / "t.csv"
    assert main(["convert", str(CLEAN), str(src)]) == 0
    config = tmp_path / "jxlint.toml"
    config.write_text('[column-synonyms]\n"不存在的列" = ["总体指标值"]\n', encoding="utf-8")
    code, _, err = run(["check", src, "--config", config], capsys)
    assert code == 2 and f"{config}: 键 column-synonyms" in err and "不存在的列" in err


def test_reports_written_into_the_checked_folder_are_skipped(tmp_path, capsys):
    hostile_text(tmp_path)
    for fmt, name in (("json", "report.json"), ("sarif", "report.sarif.json")):
        assert run(["check", tmp_path, "--format", fmt, "-o", tmp_path / name], capsys)[0] == 0
    assert run(["check", tmp_path, "--write-baseline", tmp_path / "baseline.json"], capsys)[0] == 0
    code, out, err = run(["check", tmp_path, "--format", "json"], capsys)
    assert code == 0
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "t.txt")]
    for name in ("report.json", "report.sarif.json", "baseline.json"):
        assert f"跳过 {tmp_path / name}（这是 jxlint 的检查报告或基线文件" in err
    # a table in JSON is still read
    model_json(tmp_path, "table.json")
    code, out, _ = run(["check", tmp_path, "--format", "json"], capsys)
    assert len(json.loads(out)["files"]) == 2


def test_annotated_copy_reads_as_the_table_without_its_summary_sheet(tmp_path, capsys):
    # re-checking an annotated workbook (or a folder holding it and the original) must not read
    # jxlint's own summary sheet as table rows: same counts, same findings
    src = tmp_path / "book.xlsx"
    shutil.copy(ROOT / "tests" / "fixtures" / "formats" / "sample-merged.xlsx", src)
    out = tmp_path / "book-checked.xlsx"
    run(["check", src, "--annotate", out, "--fail-on", "never"], capsys)
    from linter.readers import read_table

    original, annotated = read_table(src), read_table(out)
    assert annotated.counts() == original.counts() == {"units": 17, "projects": 276, "indicators": 1378}
    assert not annotated.issues
    _, first, _ = run(["check", src, "--format", "json", "--fail-on", "never"], capsys)
    _, again, err = run(["check", out, "--format", "json", "--fail-on", "never"], capsys)
    assert "jxlint检查结果" in err
    strip = lambda doc: sorted((f["code"], f["unit"], f["project"], f.get("indicator"), f["message"].replace("book-checked.xlsx", "book.xlsx"))
                               for f in json.loads(doc)["findings"])
    assert strip(first) == strip(again)
