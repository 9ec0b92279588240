"""`jxlint fix`: safe fixes written into a copy in the input's format (issue 17 item 2).

A second check of the fixed copy has none of the fixed findings and every other finding
unchanged; the input's bytes never change; SARIF results carry schema-valid `fixes` that
produce the same bytes as the fixed copy."""

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, SAMPLE
from linter.api import lint_paths
from linter.cli import main
from linter.config import Settings
from linter.engine.schema import load_rules, parse_rule
from linter.errors import RuleError
from linter.readers import read_table
from linter.writers import write_xlsx

WITH_SYMBOLS = Settings(extend_select=["FMT007"])


def run(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key(f):
    return (f.code, f.line, f.cell, f.unit, f.project, f.indicator, f.field)


def test_fix_on_the_sample_changes_exactly_two_things_by_default(tmp_path, capsys):
    before = digest(SAMPLE)
    out = tmp_path / "fixed.txt"
    code, stdout, err = run(["fix", SAMPLE, "-o", out], capsys)
    assert code == 0 and digest(SAMPLE) == before
    assert stdout.splitlines() == [
        f"{SAMPLE}:1283  COD003  第5个指标 一级指标「1-效益指标」→「2-效益指标」",
        f"{SAMPLE}:2136  CMP010  第4个指标 指标名称「00-投诉有效处理率」→「投诉有效处理率」",
    ]
    assert "修改 2 处（CMP010 1 处，COD003 1 处）" in err
    old, new = SAMPLE.read_bytes().split(b"\n"), out.read_bytes().split(b"\n")
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(old) == len(new) and changed == [1283, 2136]
    assert new[1282] == old[1282].replace("。5、1-效益指标".encode(), "。5、2-效益指标".encode())
    assert new[2135] == old[2135].replace("益；00-投诉".encode(), "益；投诉".encode())


@pytest.fixture(scope="module")
def sample_xlsx(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "sample.xlsx"
    write_xlsx(read_table(SAMPLE), path)
    return path


@pytest.mark.parametrize("which", ["txt", "xlsx"])
def test_second_check_of_the_fixed_copy(tmp_path, capsys, sample_xlsx, which):
    source = SAMPLE if which == "txt" else sample_xlsx
    before = digest(source)
    out = tmp_path / f"fixed.{which}"
    code, stdout, _ = run(["fix", source, "-o", out, "--extend-select", "FMT007", "--isolated"], capsys)
    assert code == 0 and digest(source) == before
    first = lint_paths([str(source)], WITH_SYMBOLS).findings
    fixed = Counter(key(f) for f in first if f.data.get("safe_fix"))
    assert Counter(f.code for f in first if f.data.get("safe_fix")) == {"FMT007": 106, "COD003": 1, "CMP010": 1}
    assert len(stdout.splitlines()) == 108 and "未修改" not in stdout
    second = lint_paths([str(out)], WITH_SYMBOLS).findings
    assert len(first) == 1251 and len(second) == 1143  # the sample's 1145 + 106 FMT007, less the 108 fixed
    assert Counter(key(f) for f in second) == Counter(key(f) for f in first) - fixed
    assert not any(f.data.get("safe_fix") for f in second)


def test_fixed_workbook_changes_only_the_fixed_cells(tmp_path, capsys, sample_xlsx):
    import openpyxl

    out = tmp_path / "fixed.xlsx"
    assert run(["fix", sample_xlsx, "-o", out], capsys)[0] == 0
    a, b = openpyxl.load_workbook(sample_xlsx).active, openpyxl.load_workbook(out).active
    diffs = {(c.coordinate, c.value, b[c.coordinate].value) for row in a.iter_rows() for c in row if c.value != b[c.coordinate].value}
    assert {(cell, after) for cell, _, after in diffs} == {(d, v) for d, v in diffs_expected(a)}
    assert a.merged_cells.ranges == b.merged_cells.ranges


def diffs_expected(ws):
    found = set()
    for row in ws.iter_rows():
        for c in row:
            if c.value == "00-投诉有效处理率":
                found.add((c.coordinate, "投诉有效处理率"))
            if c.value == "1-效益指标":
                found.add((c.coordinate, "2-效益指标"))
    assert len(found) == 2
    return found


def test_csv_fix_keeps_every_other_byte(tmp_path, capsys):
    source = FIXTURES / "formats" / "sample.csv"
    out = tmp_path / "fixed.csv"
    assert run(["fix", source, "-o", out, "--extend-select", "FMT007", "--isolated"], capsys)[0] == 0
    old, new = source.read_text(encoding="utf-8-sig"), out.read_text(encoding="utf-8-sig")
    assert source.read_bytes()[:3] == out.read_bytes()[:3]  # the BOM (or its absence) is kept
    assert len(old) - len(new) == 3  # "00-" deleted; every other fix is one character for one
    assert old.replace("＞", ">").replace("＜", "<").replace("≧", "≥").replace("﹥", ">").replace("00-投诉", "投诉") \
        .replace("1-效益指标", "2-效益指标", 1) == new or _only_value_cells_differ(old, new)


def _only_value_cells_differ(old: str, new: str) -> bool:
    a, b = list(csv.reader(old.splitlines())), list(csv.reader(new.splitlines()))
    return len(a) == len(b) and all(len(x) == len(y) for x, y in zip(a, b))


def test_output_equal_to_input_or_missing_is_refused(tmp_path, capsys):
    copy = tmp_path / "t.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    before = digest(copy)
    code, _, err = run(["fix", copy, "-o", copy], capsys)
    assert code == 2 and "拒绝写入" in err and digest(copy) == before
    code, _, err = run(["fix", copy], capsys)
    assert code == 2 and "-o" in err and "--diff" in err
    code, _, err = run(["fix", copy, "-o", tmp_path / "t.xlsx"], capsys)
    assert code == 2 and "扩展名应为 .txt" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]


def test_diff_lists_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "never.txt"
    code, stdout, err = run(["fix", SAMPLE, "--diff", "-o", out], capsys)
    assert code == 1 and len(stdout.splitlines()) == 2 and "未写文件" in err and not out.exists()


def test_nothing_to_fix_is_exit_zero_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "fixed.txt"
    code, stdout, err = run(["fix", FIXTURES / "clean.txt", "-o", out], capsys)
    assert code == 0 and stdout == "" and "没有可自动修复的问题" in err and not out.exists()


def test_xls_input_needs_an_xlsx_output(tmp_path, capsys):
    source = FIXTURES / "formats" / "sample.xls"
    code, _, err = run(["fix", source, "-o", tmp_path / "x.xls"], capsys)
    assert code == 2 and "扩展名应为 .xlsx" in err and len(err.strip().splitlines()) == 1
    out = tmp_path / "x.xlsx"
    code, stdout, _ = run(["fix", source, "-o", out], capsys)
    assert code == 0 and out.exists() and "COD003" in stdout
    assert not any(f.code in ("COD003", "CMP010") for f in lint_paths([str(out)], Settings()).findings)


def test_sarif_fixes_are_valid_and_give_the_fixed_bytes(tmp_path, capsys):
    code, stdout, _ = run(["check", SAMPLE, "--format", "sarif", "--extend-select", "FMT007", "--isolated"], capsys)
    doc = json.loads(stdout)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    results = [r for r in doc["runs"][0]["results"] if "fixes" in r]
    assert Counter(r["ruleId"] for r in results) == {"FMT007": 106, "COD003": 1, "CMP010": 1}
    [cod] = [r for r in results if r["ruleId"] == "COD003"]
    [rep] = cod["fixes"][0]["artifactChanges"][0]["replacements"]
    assert rep == {"deletedRegion": {"startLine": 1283, "startColumn": 46, "endLine": 1283, "endColumn": 47}, "insertedContent": {"text": "2"}}
    # applying every replacement to the input gives the fixed copy
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    reps = [rp for r in results for ch in r["fixes"][0]["artifactChanges"] for rp in ch["replacements"]]
    for rp in sorted(reps, key=lambda x: (x["deletedRegion"]["startLine"], x["deletedRegion"]["startColumn"]), reverse=True):
        reg = rp["deletedRegion"]
        line = lines[reg["startLine"] - 1]
        lines[reg["startLine"] - 1] = line[: reg["startColumn"] - 1] + rp["insertedContent"]["text"] + line[reg["endColumn"] - 1:]
    out = tmp_path / "fixed.txt"
    assert run(["fix", SAMPLE, "-o", out, "--extend-select", "FMT007", "--isolated"], capsys)[0] == 0
    assert "\n".join(lines) == out.read_text(encoding="utf-8")


def test_json_findings_carry_the_fix(capsys):
    code, stdout, _ = run(["check", SAMPLE, "--format", "json", "--select", "COD,CMP010"], capsys)
    found = {f["code"]: f["data"].get("safe_fix") for f in json.loads(stdout)["findings"]}
    assert found["COD003"] == {"field": "level1", "before": "1-效益指标", "after": "2-效益指标",
                               "changes": [{"start": 0, "end": 1, "text": "2"}]}
    assert found["CMP010"]["after"] == "投诉有效处理率" and found["CMP010"]["kind"] == "list-number"
    assert found["COD004"] is None  # 2-效益指标；31-服务对象满意度；信访回复率: which level is wrong is not settled


HEADER = ["单位", "项目名称", "总计", "财政拨款", "绩效目标", "序号", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]


def fixes_of(tmp_path, rows, settings=WITH_SYMBOLS):
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER] + [["甲中心", "项目一", "10", "10", "完成。", str(i + 1), *r] for i, r in enumerate(rows)])
    return [(f.code, f.data["safe_fix"]["after"] if f.data.get("safe_fix") else None)
            for f in lint_paths([str(path)], settings).findings if f.code in ("COD003", "CMP010", "FMT007")]


def test_fixes_only_where_the_table_settles_them(tmp_path):
    rows = [
        ["1-效益指标", "22-社会效益", "群众知晓率", "≥90%", "≥90%"],  # 22 sits under 效益: the 1 is the slip
        ["1-效益指标", "11-数量指标", "培训人次", "≥100人次", "≥100人次"],  # 11 sits under 产出: the name is the slip
        ["1-产出指标", "11-质量指标", "验收合格率", "≥95%", "≥95%"],  # 11 and 12 both sit under 产出: not settled
        ["1-产出指标", "11-数量指标", "★核心指标完成率", "100%", "100%"],  # a marker may mean a core indicator
        ["1-产出指标", "11-数量指标", "指标2：课程数量", "＞＝5门", "5门"],
        ["1-产出指标", "12-质量指标", "文件规范性", "符合《印发＜建设标准＞的通知》", "＜1"],
    ]
    assert fixes_of(tmp_path, rows) == [
        ("COD003", "2-效益指标"),
        ("COD003", "1-产出指标"),
        ("COD003", None),
        ("CMP010", None),
        ("CMP010", "课程数量"),
        ("FMT007", "≥5门"),
        ("FMT007", "<1"),
    ]


def test_autofix_needs_a_check_type_that_can_fix():
    rule = next(r for r in load_rules() if r.code == "FMT001")
    data = rule.model_dump(exclude={"path", "base_dir"}, by_alias=True)
    data["autofix"] = {"summary": "x"}
    with pytest.raises(RuleError, match="autofix: 检查类型 .* 不提供自动修复"):
        parse_rule(data, Path(rule.path))


def test_rule_pages_say_whether_a_safe_fix_exists(capsys):
    fixable = {r.code for r in load_rules() if r.autofix}
    assert fixable == {"COD003", "CMP010", "FMT007"}
    assert run(["rule", "COD003"], capsys)[1].count("安全修复：有") == 1
    page = run(["rule", "COD004"], capsys)[1]
    assert "安全修复：无" in page and "## 自动修复" not in page
    rows = json.loads(run(["rules", "--format", "json"], capsys)[1])
    assert {r["code"] for r in rows if r["fixable"]} == fixable


def test_a_shared_category_cell_is_fixed_only_when_every_indicator_under_it_agrees(tmp_path, capsys):
    rows = [["甲中心", "项目一", "10", "10", "完成。", "1", "1-效益指标", "22-社会效益", "群众知晓率", "≥90%", "≥90%"],
            ["", "", "", "", "", "2", "", "社会效益", "培训人次", "≥100人次", "≥100人次"]]
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    out = tmp_path / "fixed.csv"
    code, stdout, _ = run(["fix", path, "-o", out, "--isolated"], capsys)
    # the carried-down 1-效益指标 is settled by 22-社会效益 on the first row, not by a level 2
    # without a code on the second: changing the shared cell would decide for the second too
    assert code == 0 and stdout.count("未修改") == 1 and "共用" in stdout and not out.exists()
    rows[1][6:8] = ["1-效益指标", "22-社会效益"]  # each row its own cells, each settled: both fixed
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    code, stdout, _ = run(["fix", path, "-o", out, "--isolated"], capsys)
    assert code == 0 and "未修改" not in stdout and out.read_text(encoding="utf-8").count("1-效益指标") == 0


def test_text_report_counts_the_fixable_findings(capsys):
    code, stdout, _ = run(["check", SAMPLE, "--isolated"], capsys)
    assert "其中 2 条可以安全地自动修复" in stdout
    code, stdout, _ = run(["check", SAMPLE, "--isolated", "--select", "VAG"], capsys)
    assert "自动修复" not in stdout


def test_published_text_fix_across_a_wrapped_line(tmp_path, capsys):
    """A value wrapped after its operator, a spaced template number, a two-character operator:
    only those characters change, the line break stays where it was."""
    source = FIXTURES / "fix-wrapped.txt"
    out = tmp_path / "fixed.txt"
    code, stdout, _ = run(["fix", source, "-o", out, "--extend-select", "FMT007", "--isolated"], capsys)
    assert code == 0 and len(stdout.splitlines()) == 4
    old, new = source.read_text(encoding="utf-8").splitlines(), out.read_text(encoding="utf-8").splitlines()
    assert old[:9] == new[:9]
    assert new[9] == "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥100人次；年度指标值:≥"
    assert new[10] == "100人次。2、2-效益指标；22-社会效益；群众知晓率；实施周期指标值:≥90%；年度指标值:≥90%。"
    assert not any(f.data.get("safe_fix") for f in lint_paths([str(out)], WITH_SYMBOLS).findings)
