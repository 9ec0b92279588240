"""Suppressions on real data: per-project-ignores on the Guangzhou sample, jxlint: ignore in a
备注 column and in cell comments of its workbook export, in CSV/JSON/YAML, SUP001/SUP002,
--show-suppressed in every report, and how select/ignore, suppressions and the baseline
compose (docs/suppressions.md)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import jsonschema
import pytest
import yaml

from conftest import CLEAN, FIXTURES, SAMPLE
from linter.cli import main
from linter.suppress import parse

UNIT = "广州市住房保障办公室"


def run(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def check_json(args, capsys) -> tuple[int, dict]:
    code, out, err = run(["check", *args, "--format", "json"], capsys)
    assert code in (0, 1), err
    return code, json.loads(out)


def config(tmp_path, body: str, name: str = "jxlint.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# -- directive syntax ---------------------------------------------------------------------

@pytest.mark.parametrize("text, codes", [
    ("jxlint: ignore VAG001", ["VAG001"]),
    ("jxlint:忽略 VAG001,FMT004", ["VAG001", "FMT004"]),
    ("jxlint：忽略 VAG001，FMT004", ["VAG001", "FMT004"]),
    ("JXLINT: IGNORE vag001、fmt004 评审同意保留", ["vag001", "fmt004"]),
    ("已复核。jxlint:忽略VAG", ["VAG"]),
    ("jxlint: ignore vague-indicator-value -- reviewed", ["vague-indicator-value"]),
])
def test_directive_forms(text, codes):
    [(_, got, problem)] = parse(text)
    assert got == codes and problem == ""


@pytest.mark.parametrize("text, problem", [
    ("jxlint: ingore VAG001", "是不是 ignore"),
    ("jxlint: ignore", "没有写出"),
    ("jxlint：", "（空）"),
])
def test_malformed_directives(text, problem):
    [(_, codes, got)] = parse(text)
    assert codes == [] and problem in got


def test_text_that_is_not_a_directive():
    assert parse("按 jxlint 规则复核；备注：无") == []


# -- per-project-ignores on the sample ---------------------------------------------------

def test_per_project_ignores_for_one_unit_on_the_sample(tmp_path, capsys):
    _, before = check_json([SAMPLE, "--isolated"], capsys)
    assert before["summary"]["total"] == 1145
    mine = Counter(f["code"] for f in before["findings"] if f["unit"] == UNIT)
    assert sum(n for c, n in mine.items() if c.startswith(("VAG", "CMP"))) == 28
    cfg = config(tmp_path, f'[per-project-ignores]\n"{UNIT}/*" = ["VAG", "CMP"]\n')
    _, after = check_json([SAMPLE, "--config", cfg], capsys)
    assert after["summary"]["total"] == 1117
    s = after["summary"]["suppressed"]
    assert s["total"] == 28 and s["by_kind"] == {"inSource": 0, "external": 28}
    assert {r["code"]: r["count"] for r in s["by_rule"]} == {"CMP003": 11, "CMP008": 6, "VAG002": 7, "VAG001": 4}
    left = Counter(f["code"] for f in after["findings"] if f["unit"] == UNIT)
    assert left == {c: n for c, n in mine.items() if not c.startswith(("VAG", "CMP"))}  # ARI004, COD003 … stay
    assert not any(f["code"].startswith("SUP") for f in after["findings"])  # unused config entries are not findings
    assert "suppressed" not in after  # listed only with --show-suppressed


def test_per_project_ignores_in_pyproject_with_a_project_glob(tmp_path, capsys):
    cfg = config(tmp_path, '[tool.jxlint.per-project-ignores]\n"*物业管理*" = ["VAG001"]\n', "pyproject.toml")
    _, before = check_json([SAMPLE, "--isolated"], capsys)
    expected = [f for f in before["findings"] if f["code"] == "VAG001" and "物业管理" in (f["project"] or "")]
    assert len(expected) == 24
    _, after = check_json([SAMPLE, "--config", cfg, "--show-suppressed"], capsys)
    assert after["summary"]["total"] == 1121
    hidden = after["suppressed"]
    assert sorted((f["project"], f["line"], f["field"]) for f in hidden) == sorted((f["project"], f["line"], f["field"]) for f in expected)
    assert all(h["suppressed_by"] == [{"kind": "external", "scope": "config", "codes": ["VAG001"], "text": "*物业管理* = VAG001",
                                       "where": "*物业管理*", "file": None, "sheet": None, "cell": None, "line": None}] for h in hidden)


def test_unknown_code_in_per_project_ignores_is_a_config_error(tmp_path, capsys):
    cfg = config(tmp_path, '[per-project-ignores]\n"*/*" = ["VAG01"]\n')
    code, _, err = run(["check", SAMPLE, "--config", cfg], capsys)
    assert code == 2 and "per-project-ignores.*/*" in err and "是不是 VAG001" in err
    cfg = config(tmp_path, '[per-project-ignores]\n"*/*" = 3\n')
    code, _, err = run(["check", SAMPLE, "--config", cfg], capsys)
    assert code == 2 and "应为规则编号的数组" in err


def test_exit_code_counts_only_unsuppressed_findings(tmp_path, capsys):
    code, out, _ = run(["check", SAMPLE, "--isolated", "--select", "FMT005"], capsys)
    assert code == 1 and "共 1 条发现：错误 1" in out
    cfg = config(tmp_path, '[per-project-ignores]\n"广州市住房城乡建设行业监测与研究中心/办公场地改造项目" = ["FMT005"]\n')
    code, out, _ = run(["check", SAMPLE, "--config", cfg, "--select", "FMT005"], capsys)
    assert code == 0 and "共 0 条发现" in out and "已抑制 1 条发现（配置 per-project-ignores 1）" in out


# -- in the table: the sample's workbook export with a 备注 column and cell comments -------

@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    import openpyxl
    from openpyxl.comments import Comment

    folder = tmp_path_factory.mktemp("suppress")
    plain = folder / "plain.xlsx"
    assert main(["convert", str(SAMPLE), str(plain)]) == 0
    wb = openpyxl.load_workbook(plain)
    ws = wb.active
    # convert writes the department 合计 and the unit's total rows first (rows 4-5)
    assert ws["A4"].value == "合计" and ws["B5"].value in (None, "")
    # the rows this test writes on, as exported (asserted so a writer change fails here, loudly)
    assert ws["K7"].value == "重视物业管理工作，研究、布置物业管理工作" and ws["L7"].value == "一年不少于2次"
    assert ws["K8"].value == "区房屋行政主管部门物业管理工作成效"
    assert ws["B10"].value == "马庄巷地块选用珠光路拆迁安置房税费" and ws["K11"].value == "税费送审申报数量"
    ws["N2"] = "备注"
    ws["N8"] = "jxlint: ignore VAG001"  # its two vague values (L8, M8)
    ws["N7"] = "jxlint:忽略 FMT004，VAG001"  # nothing of the kind on that indicator: SUP001
    ws["B10"].comment = Comment("jxlint：ignore VAG002，CMP", "审核人")  # project cell: CMP003 of the project; VAG002 unused
    ws["K11"].comment = Comment("jxlint: ignore VAG01", "审核人")  # a typo: SUP002
    remarks = folder / "remarks.xlsx"
    wb.save(remarks)
    return plain, remarks


def test_remark_column_and_cell_comments_in_a_workbook(workbooks, capsys):
    plain, remarks = workbooks
    _, before = check_json([plain, "--isolated"], capsys)
    _, after = check_json([remarks, "--isolated", "--show-suppressed"], capsys)
    assert before["summary"]["total"] == 1145 and after["summary"]["total"] == 1145  # 3 hidden, 3 SUP findings added
    hidden = [(s["code"], s["cell"], [b["text"] for b in s["suppressed_by"]]) for s in after["suppressed"]]
    assert hidden == [
        ("VAG001", "L8", ["jxlint: ignore VAG001"]),
        ("VAG001", "M8", ["jxlint: ignore VAG001"]),
        ("CMP003", "B10", ["jxlint：ignore VAG002，CMP"]),
    ]
    assert all(b["kind"] == "inSource" for s in after["suppressed"] for b in s["suppressed_by"])
    sup = sorted((f["code"], f["cell"], f["indicator"], f["message"]) for f in after["findings"] if f["code"].startswith("SUP"))
    assert sup == [
        ("SUP001", "B10", None, "项目批注中的「jxlint：ignore VAG002，CMP」要忽略 VAG002，但该项目没有这些规则的发现"),
        ("SUP001", "N7", 2, "备注中的「jxlint:忽略 FMT004，VAG001」要忽略 FMT004、VAG001，但该指标没有这些规则的发现"),
        ("SUP002", "K11", 2, "批注中的「jxlint: ignore VAG01」无法生效：「VAG01」不是任何规则的编号、编号前缀（大写）或规则名，是不是 VAG001？"),
    ]
    gone = {(f["code"], f["cell"]) for f in before["findings"]} - {(f["code"], f["cell"]) for f in after["findings"]}
    assert gone == {("VAG001", "L8"), ("VAG001", "M8"), ("CMP003", "B10")}


def test_show_suppressed_text_report(workbooks, capsys):
    _, remarks = workbooks
    code, out, _ = run(["check", remarks, "--isolated"], capsys)
    assert "已抑制 3 条发现（表内指令 3），不计入退出码；用 --show-suppressed 列出" in out
    assert "[已抑制]" not in out
    code, out, _ = run(["check", remarks, "--isolated", "--show-suppressed"], capsys)
    assert out.count("[已抑制]") == 3
    assert out.count("        抑制：备注中的「jxlint: ignore VAG001」") == 2
    assert "抑制：项目批注中的「jxlint：ignore VAG002，CMP」" in out


def test_sarif_marks_suppressed_results_and_is_schema_valid(workbooks, tmp_path, capsys):
    _, remarks = workbooks
    cfg = config(tmp_path, f'[per-project-ignores]\n"{UNIT}/*" = ["VAG", "CMP"]\n')
    code, out, _ = run(["check", remarks, "--config", cfg, "--format", "sarif"], capsys)
    doc = json.loads(out)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    results = doc["runs"][0]["results"]
    marked = [r for r in results if r.get("suppressions")]
    assert doc["runs"][0]["properties"]["suppressed"] == len(marked) == 31
    kinds = Counter(s["kind"] for r in marked for s in r["suppressions"])
    assert kinds == {"inSource": 3, "external": 28}
    in_source = [r for r in marked if r["suppressions"][0]["kind"] == "inSource"]
    assert {(r["ruleId"], r["suppressions"][0]["location"]["physicalLocation"]["region"]["startColumn"]) for r in in_source} == {
        ("VAG001", 14), ("CMP003", 2)}  # the directive's cell: N8, B10
    assert all(s["status"] == "accepted" and s["justification"] for r in marked for s in r["suppressions"])
    assert len(results) - len(marked) == 1145 - 28


def test_html_report_counts_and_lists_suppressed(workbooks, capsys):
    _, remarks = workbooks
    _, page, _ = run(["check", remarks, "--isolated", "--format", "html"], capsys)
    assert "已抑制 3 条发现" in page and "finding-suppressed" not in page and 'id="shown">1145<' in page
    _, page, _ = run(["check", remarks, "--isolated", "--format", "html", "--show-suppressed"], capsys)
    assert page.count('<div class="finding-suppressed ') == 3 and 'id="shown">1145<' in page


# -- composition: select/ignore → suppressions → baseline → exit code -------------------

def test_a_directive_for_a_rule_that_did_not_run_is_not_unused(workbooks, capsys):
    _, remarks = workbooks
    _, doc = check_json([remarks, "--isolated", "--select", "VAG,SUP"], capsys)
    sup = sorted((f["code"], f["cell"], f["message"].split("要忽略 ")[-1]) for f in doc["findings"] if f["code"].startswith("SUP"))
    # N7 names FMT004 (not run: not unused) and VAG001 (ran, nothing there: unused); B10's CMP did not run
    assert sup == [("SUP001", "B10", "VAG002，但该项目没有这些规则的发现"), ("SUP001", "N7", "VAG001，但该指标没有这些规则的发现"),
                   ("SUP002", "K11", "批注中的「jxlint: ignore VAG01」无法生效：「VAG01」不是任何规则的编号、编号前缀（大写）或规则名，是不是 VAG001？")]
    assert doc["summary"]["suppressed"]["total"] == 2  # the two VAG001 of row 6; CMP003 did not run


def test_ignoring_sup_rules_and_ignored_rules_in_directives(workbooks, capsys):
    _, remarks = workbooks
    _, doc = check_json([remarks, "--isolated", "--ignore", "SUP001,VAG001"], capsys)
    codes = Counter(f["code"] for f in doc["findings"])
    assert "SUP001" not in codes and codes["SUP002"] == 1 and "VAG001" not in codes
    # VAG001 did not run: the N8 directive hides nothing and is not reported either
    assert [s["code"] for s in doc["summary"]["suppressed"]["by_rule"]] == ["CMP003"]


def test_baseline_applies_after_suppressions(workbooks, tmp_path, capsys):
    plain, remarks = workbooks
    base = tmp_path / "base.json"
    code, _, err = run(["check", remarks, "--isolated", "--write-baseline", base], capsys)
    assert code == 0 and "已把 1145 条发现记入基线" in err  # suppressed findings are not recorded; SUP findings are
    # the directives removed: what they hid is new, the SUP findings are gone from the table
    _, doc = check_json([plain, "--isolated", "--baseline", base], capsys)
    assert sorted((f["code"], f["cell"]) for f in doc["findings"]) == [("CMP003", "B10"), ("VAG001", "L8"), ("VAG001", "M8")]
    assert sorted(e["code"] for e in doc["summary"]["baseline"]["gone"]) == ["SUP001", "SUP001", "SUP002"]
    # and the other way round: a baseline of the plain table, directives added
    base2 = tmp_path / "plain.json"
    run(["check", plain, "--isolated", "--write-baseline", base2], capsys)
    code, doc = check_json([remarks, "--isolated", "--baseline", base2], capsys)
    assert sorted(f["code"] for f in doc["findings"]) == ["SUP001", "SUP001", "SUP002"]
    assert doc["summary"]["baseline"]["suppressed"] == 1142 and len(doc["summary"]["baseline"]["gone"]) == 3
    assert doc["summary"]["suppressed"]["total"] == 3
    assert code == 0  # SUP001 is info, SUP002 a warning


def test_parallel_run_sees_directives_of_slimmed_tables(workbooks, tmp_path, capsys):
    plain, remarks = workbooks
    _, serial = check_json([remarks, plain, "--isolated", "--jobs", "1", "--show-suppressed"], capsys)
    _, parallel = check_json([remarks, plain, "--isolated", "--jobs", "2", "--show-suppressed"], capsys)
    assert len(serial["suppressed"]) == 3
    assert parallel["suppressed"] == serial["suppressed"] and parallel["findings"] == serial["findings"]


# -- CSV, JSON, YAML ------------------------------------------------------------------------

def test_remark_column_in_csv(tmp_path, capsys):
    plain = tmp_path / "sample.csv"
    assert main(["convert", str(SAMPLE), str(plain)]) == 0
    capsys.readouterr()
    rows = list(csv.reader(plain.open(encoding="utf-8-sig")))
    header = next(i for i, r in enumerate(rows) if "三级指标" in r)
    name = rows[header].index("三级指标")
    target = next(i for i, r in enumerate(rows) if len(r) > name and r[name] == "区房屋行政主管部门物业管理工作成效")
    for i, r in enumerate(rows):
        r.append("备注" if i == header else "jxlint:忽略 VAG001" if i == target else "")
    edited = tmp_path / "remarks.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    _, before = check_json([plain, "--isolated"], capsys)
    _, after = check_json([edited, "--isolated", "--show-suppressed"], capsys)
    assert after["summary"]["total"] == before["summary"]["total"] - 2
    assert [(s["code"], s["indicator_name"], s["field"]) for s in after["suppressed"]] == [
        ("VAG001", "区房屋行政主管部门物业管理工作成效", "period_value"), ("VAG001", "区房屋行政主管部门物业管理工作成效", "annual_value")]


def test_extra_fields_in_json_and_yaml(tmp_path, capsys):
    doc_path = tmp_path / "sample.json"
    assert main(["convert", str(SAMPLE), str(doc_path)]) == 0
    data = json.loads(doc_path.read_text(encoding="utf-8"))
    project = next(p for u in data["units"] for p in u["projects"] if p["name"] == "马庄巷地块选用珠光路拆迁安置房税费")
    project["extra"] = {"备注": "jxlint: ignore CMP003"}
    doc_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, doc = check_json([doc_path, "--isolated", "--show-suppressed"], capsys)
    assert [(s["code"], s["project"]) for s in doc["suppressed"]] == [("CMP003", "马庄巷地块选用珠光路拆迁安置房税费")]
    assert not any(f["code"].startswith("SUP") for f in doc["findings"])

    small = tmp_path / "clean.yaml"
    assert main(["convert", str(CLEAN), str(small)]) == 0
    data = yaml.safe_load(small.read_text(encoding="utf-8"))
    first = data["units"][0]["projects"][0]["indicators"][0]
    first["extra"] = {"备注": "jxlint: ignore FMT004"}  # ≥1200户: nothing to hide
    small.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, doc = check_json([small, "--isolated"], capsys)
    assert [(f["code"], f["indicator"], f["field"]) for f in doc["findings"]] == [("SUP001", 1, "备注")]
    assert code == 0


def test_remark_on_a_project_row_covers_the_project(tmp_path, capsys):
    """A project's own row (name and goal, no indicator) with a 备注: the project's directive
    (before, the reader dropped that cell)."""
    source = FIXTURES / "suppress" / "project-row-remark.csv"
    code, doc = check_json([source, "--isolated", "--show-suppressed"], capsys)
    assert code == 0 and doc["findings"] == []
    [hidden] = doc["suppressed"]
    assert hidden["code"] == "CMP003" and hidden["suppressed_by"][0]["scope"] == "project"
    assert hidden["suppressed_by"][0]["cell"] == "J2"
    without = tmp_path / "p.csv"
    without.write_text(source.read_text(encoding="utf-8").replace("jxlint: ignore CMP003", "jxlint: ignore CMP004"), encoding="utf-8")
    _, doc = check_json([without, "--isolated", "--extend-select", "CMP004"], capsys)
    # CMP004 (no cost indicator) ran and was hidden; CMP003 is back
    assert sorted(f["code"] for f in doc["findings"]) == ["CMP003"]
    assert doc["summary"]["suppressed"]["by_rule"] == [{"code": "CMP004", "count": 1}]


def test_an_annotated_copy_reads_the_reviewers_comments_not_jxlints(workbooks, tmp_path, capsys):
    """--annotate writes findings (SUP002 quotes the directive, its fix the syntax) under a
    marker line in cell comments; checking that copy must not read them as directives."""
    _, remarks = workbooks
    annotated = tmp_path / "annotated.xlsx"
    code, _, err = run(["check", remarks, "--isolated", "--annotate", annotated], capsys)
    assert "已写出标注工作簿" in err
    _, first = check_json([remarks, "--isolated"], capsys)
    _, again = check_json([annotated, "--isolated"], capsys)
    def key(doc, path):  # group findings name the file in their message
        return sorted((f["code"], f["cell"], f["message"].replace(str(path), "F")) for f in doc["findings"])

    assert len(first["findings"]) == 1145 and key(again, annotated) == key(first, remarks)
    assert again["summary"]["suppressed"] == first["summary"]["suppressed"]


def test_words_of_a_reason_do_not_hide_rule_families(tmp_path, capsys):
    """Written in a table, "per" or "fit" after the codes is not the PER or FIT prefix: it is
    reported (SUP002), and hides nothing; in config, prefixes work like --ignore."""
    source = FIXTURES / "suppress" / "project-row-remark.csv"
    edited = tmp_path / "p.csv"
    edited.write_text(source.read_text(encoding="utf-8").replace("jxlint: ignore CMP003", "jxlint: ignore CMP003 per review"),
                      encoding="utf-8")
    _, doc = check_json([edited, "--isolated", "--show-suppressed"], capsys)
    assert [s["code"] for s in doc["suppressed"]] == ["CMP003"]
    [sup] = doc["findings"]
    assert sup["code"] == "SUP002" and "「per」不是任何规则" in sup["message"] and "「review」不是任何规则" in sup["message"]
    # a whole code in lower case is still a code
    edited.write_text(source.read_text(encoding="utf-8").replace("jxlint: ignore CMP003", "jxlint: ignore cmp003"), encoding="utf-8")
    _, doc = check_json([edited, "--isolated", "--show-suppressed"], capsys)
    assert [s["code"] for s in doc["suppressed"]] == ["CMP003"] and doc["findings"] == []


def test_a_directive_on_a_header_cell_is_reported_not_dropped(workbooks, tmp_path, capsys):
    import openpyxl
    from openpyxl.comments import Comment

    plain, _ = workbooks
    wb = openpyxl.load_workbook(plain)
    wb.active["K3"].comment = Comment("jxlint: ignore VAG001", "审核人")  # the 三级指标 header
    wb.active["K6"].comment = Comment("请核实", "审核人")  # a note without a directive on an indicator: kept, nothing said
    edited = tmp_path / "header.xlsx"
    wb.save(edited)
    _, doc = check_json([edited, "--isolated"], capsys)
    [sup] = [f for f in doc["findings"] if f["code"].startswith("SUP")]
    assert (sup["code"], sup["cell"], sup["line"]) == ("SUP002", "K3", 3)
    assert "表头或标题批注中的「jxlint: ignore VAG001」无法生效：它所在的单元格不属于任何指标或项目" in sup["message"]
    assert doc["summary"]["total"] == 1146 and doc["summary"]["suppressed"]["total"] == 0
