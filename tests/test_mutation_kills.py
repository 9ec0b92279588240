"""Behaviour that mutation testing (scripts/mutation.py) found untested: each test pins what
a surviving mutant changed. Grouped by the module the mutants were in."""

from __future__ import annotations

import pytest

from linter import values
from linter.values import canonical_unit, cn_to_int, grammar, parse_value


# ---- linter/values.py
@pytest.mark.parametrize("unit, canonical", [
    ("名", "人"), ("平米", "平方米"), ("元/平米", "元/平方米"), ("万平米", "万平方米"), ("万元/人数", "万元/人"),
    ("个", "个"), ("", ""), (None, ""),
])
def test_canonical_unit(unit, canonical):
    assert canonical_unit(unit) == canonical


@pytest.mark.parametrize("text, number", [
    ("十", 10), ("二十", 20), ("十二", 12), ("三百五十", 350), ("两千零五", 2005), ("一二三", 123), ("百", 100),
    ("十三亿", None), ("", None), ("一" * 13, None),
])
def test_cn_to_int(text, number):
    assert cn_to_int(text) == number


@pytest.mark.parametrize("name, unit", [
    ("实施营造林总面积(亩)", "亩"), ("项目总投入(≥**万元)", "万元"), ("修建作业道长度（公里）", "公里"),
    ("林木采伐监管(万立方米)", "万立方米"), ("受益脱贫(监测)人口", None), ("养殖动物成活率(目标)", None), ("培训人次", None),
])
def test_unit_in_brackets(name, unit):
    assert grammar().unit_in_brackets(name) == unit


def test_a_year_with_whole_year_is_a_span_not_a_deadline():
    r = parse_value("2021年全年")
    assert (r.kind, r.op, r.spans, r.end_year) == ("deadline", None, True, 2021)
    by = parse_value("2021年底前")
    assert (by.kind, by.op, by.spans, by.end_year) == ("deadline", "<=", False, 2021)


@pytest.mark.parametrize("raw", [None, "", "   ", "。", "；"])
def test_nothing_but_blanks_or_end_punctuation_is_empty(raw):
    assert values._parse(raw).kind == "empty"
    assert parse_value(raw).kind == "empty"


@pytest.mark.parametrize("raw, number", [("百分之5", 5.0), ("百分之九十五", 95.0), ("百分之95以上", 95.0)])
def test_percent_written_in_words(raw, number):
    r = values._parse(raw)
    assert (r.kind, r.number, r.unit) == ("quantity", number, "%")


@pytest.mark.parametrize("raw, expected", [
    ("中标通知书发出之日起20日内", {"kind": "deadline", "op": "<=", "number": 20.0, "unit": "日"}),
    ("有效提升", {"kind": "qualitative", "raw": "有效提升", "numbers": 0}),
    ("90个左右", {"kind": "quantity", "number": 90.0, "unit": "个", "approx": True, "rest": ""}),
    ("约90个", {"approx": True}),
    ("2次/年", {"number": 2.0, "unit": "次", "per": "年"}),
    ("3次/每月", {"number": 3.0, "unit": "次", "per": "月"}),
    ("5%以下", {"op": "<=", "op_word": "以下", "number": 5.0}),
    ("90%以上", {"op": ">=", "op_word": "以上"}),
    ("≥95%", {"raw": "≥95%", "op": ">=", "numbers": 1}),
    ("1-2个", {"kind": "range", "number": 1.0, "upper": 2.0, "numbers": 2}),
])
def test_readings(raw, expected):
    r = values._parse(raw)
    assert {k: getattr(r, k) for k in expected} == expected


# ---- linter/checks/: where a finding points and what it says, not only whether it fires
from linter.api import lint_tables  # noqa: E402
from linter.checks.duplicates import indicator_signature  # noqa: E402
from linter.checks.sketches import sketch_keys  # noqa: E402
from linter.checks.value_pair import unit_label  # noqa: E402
from linter.config import Settings  # noqa: E402
from linter.rulecases import case_tables  # noqa: E402
from linter.engine.schema import load_rules  # noqa: E402
from linter.readers.published_text import read_published_text  # noqa: E402

from test_breakages import OTHER, _amount_table, published  # noqa: E402

RULES = {r.code: r for r in load_rules()}


def found(tables, *codes):
    return [(f.code, f.line, f.field, f.indicator_name, f.value, f.message)
            for f in lint_tables(tables, Settings(select=list(codes))).findings]


def test_a_total_mismatch_points_at_the_total_line():
    table = read_published_text(_amount_table("30.05", ["10.00", "10.00", "10.00"]), "a.txt")
    assert found([table], "ARI") == [("ARI002", 7, "amounts", None, "30.05",
                                     "单位合计与所属项目总计之和不符：单位合计 30.05 万元，3 个项目合计 30.00 万元，相差 0.05 万元（超出四舍五入误差 0.02）")]


BRIDGE = {"name": "桥梁检测经费（2023年）", "amounts": [20, 20], "goal": "完成桥梁检测10座。", "indicators": [
    ("1-产出指标", "19-其他指标", "检测桥梁数", "≥10座", "≥10座"),
    ("1-产出指标", "12-数量指标", "检测报告份数", "≥10份", "≥10份"),
    ("1-产出指标", "13-时效指标", "完成时间", "2024年3月底前", "2024年3月底前"),
    ("1-产出指标", "12-质量指标", "验收合格率", "≤90%", "≤90%"),
]}


def test_indicator_findings_name_their_field_and_say_why():
    table = read_published_text(published([BRIDGE]), "b.txt")
    got = {code: (field, name, value, message) for code, _, field, name, value, message in
           found([table], "COD002", "COD003", "PER006", "FMT003")}
    assert got["COD002"][:3] == ("level2", "检测桥梁数", "19-其他指标")
    assert got["COD003"] == ("level2", "检测报告份数", "12-数量指标",
                             "「12-数量指标」编号与名称不一致：编号对应 12-质量指标，名称对应 11-数量指标；结合另一级指标，应为「11-数量指标」")
    assert got["PER006"] == ("annual_value", "完成时间", "2024年3月底前",
                             "年度指标值「2024年3月底前」读作 期限 2024年3月底前，到 2024年3月 才结束，超出了预算年度 2023 年（项目名称中的年度）")
    assert got["FMT003"] == ("period_value", "验收合格率", "≤90%",
                             "「验收合格率」是正向指标（越高越好）（「合格率」），实施周期指标值（年度指标值相同）却读作 ≤ 90 %")
    fix = lint_tables([table], Settings(select=["FMT003"])).findings[0].fix
    assert fix.startswith("改用 ≥ 或 >：")


def test_numbering_gaps_are_bounded_by_the_list_length():
    """Thirteen indicators numbered 1–12 and 30: 30 is within 2 × 13 + 10, so 13–29 are gaps."""
    project = {"indicators": [{"number": n, "name": f"指标{n}"} for n in [*range(1, 13), 30]]}
    [(_, _, _, _, _, message)] = found(case_tables(RULES["CMP005"], project), "CMP005")
    assert message.endswith("：缺少第 " + "、".join(map(str, range(13, 30))) + " 号")
    far = {"indicators": [{"number": n, "name": f"指标{n}"} for n in [1, 2, 20240101]]}
    [(_, _, _, _, _, message)] = found(case_tables(RULES["CMP005"], far), "CMP005")
    assert message.endswith("：第 20240101 号远超指标个数，不在序列中")


def test_a_long_unplaced_line_is_shortened_to_sixty_characters():
    text = "这是一行无法归位的很长的文字" * 6
    [(_, _, field, _, value, message)] = found(case_tables(RULES["PRS001"], {"kind": "unplaced-line", "text": text}), "PRS001")
    assert (field, value) == ("line", text)
    assert message == f"无法归属的行：「{text[:60]}…」"


def test_unscaled_targets_name_the_target_and_point_at_the_larger_project():
    a = {"name": "甲街道巡查经费", "amounts": [20, 20], "goal": "完成甲街道巡查。",
         "indicators": [("1-产出指标", "11-数量指标", "巡查小区数", "≥10个", "≥10个"), *OTHER]}
    b = {**a, "name": "乙街道巡查经费", "amounts": [60, 60], "goal": "完成乙街道巡查。"}
    table = read_published_text(published([a, b]), "c.txt")
    [f] = lint_tables([table], Settings(select=["DUP003"])).findings
    assert (f.project, f.field, f.line) == ("乙街道巡查经费", "amounts", 13)
    assert "（相差 3.0 倍），数量目标却完全相同（如 巡查小区数「≥10个」）" in f.message


def test_sketch_keys_cover_every_band():
    keys = sketch_keys(range(1000), bins=32, rows=4)
    # a key packs its band's 4 minima (hash // bins + 1) at 32 bits each: hashes 0..31 fill
    # bins 0..31 with quotient 0, so every field holds 1
    assert keys == tuple(sum(1 << (32 * j) for j in range(4)) for _ in range(8))
    assert sketch_keys(range(32, 64), bins=32, rows=4)[0] == sum(2 << (32 * j) for j in range(4))


def test_indicator_signature_holds_both_values():
    [table] = case_tables(RULES["CMP002"], {"indicators": [
        {"name": "巡查小区数", "period_value": "≥10个", "annual_value": "≥5个"}, {"name": "满意度", "annual_value": "≥90%"}]})
    project = table.units[0].projects[0]
    assert indicator_signature(project) == "巡查小区数:≥10个/≥5个|满意度:/≥90%"


@pytest.mark.parametrize("raw, label", [("10", "无单位"), ("10个", "个"), ("2次/年", "次/年"), ("每年2", "/年")])
def test_unit_label(raw, label):
    assert unit_label(parse_value(raw)) == label


def test_value_pair_findings_show_both_values():
    table = read_published_text(published([{**BRIDGE, "name": "桥梁检测经费", "indicators": [
        ("1-产出指标", "12-质量指标", "验收合格率", "≥90%", "≥95%"), *OTHER]}]), "d.txt")
    [f] = lint_tables([table], Settings(select=["PER004"])).findings
    assert (f.field, f.value) == ("annual_value", "≥90% ｜ ≥95%")


# ---- linter/engine/runner.py: each finding carries its own target's location
from linter.api import lint_paths  # noqa: E402
from linter.engine.runner import render  # noqa: E402
from linter.errors import RuleError  # noqa: E402

from conftest import FIXTURES, ROOT  # noqa: E402


def test_a_workbook_finding_names_sheet_cell_and_indicator():
    path = FIXTURES / "provinces" / "anhui-jinzhai_2021_wuyeguanli.xlsx"
    findings = lint_paths([str(path)], Settings(select=["CMP010", "VAG001"]), jobs=1).findings
    row = lambda f: (f.code, f.sheet, f.cell, f.line, f.unit, f.project, f.indicator, f.field, f.location())  # noqa: E731
    assert [row(f) for f in findings[:3]] == [
        ("CMP010", "Sheet1", "D10", 10, "安徽金寨经济开发区管理委员会", "物业管理", 1, "name", f"{path}:Sheet1!D10"),
        ("CMP010", "Sheet1", "D11", 11, "安徽金寨经济开发区管理委员会", "物业管理", 2, "name", f"{path}:Sheet1!D11"),
        ("VAG001", "Sheet1", "E11", 11, "安徽金寨经济开发区管理委员会", "物业管理", 2, "annual_value", f"{path}:Sheet1!E11"),
    ]
    assert findings[2].indicator_name.startswith("指标1:完成开发区工委")
    assert findings == sorted(findings, key=lambda f: f.sort_key())


def test_a_memoised_hit_is_reported_at_every_target_with_its_own_place():
    """VAG001 judges "有效提升" once; each project still gets its own finding and line."""
    vague = ("2-效益指标", "22-社会效益指标", "服务水平", "有效提升", "有效提升")
    projects = [{"name": f"{n}街道服务经费", "amounts": [20, 20], "goal": f"完成{n}街道服务10次。", "indicators": [vague, *OTHER]}
                for n in "甲乙"]
    table = read_published_text(published(projects), "e.txt")
    got = [(f.project, f.line, f.field, f.indicator, f.message) for f in
           lint_tables([table], Settings(select=["VAG001"])).findings]
    message = "{side}「有效提升」是只有笼统结论词（「有效提升」），年底无法核验是否达成"
    assert got == [("甲街道服务经费", 11, "period_value", 1, message.format(side="实施周期指标值")),
                   ("甲街道服务经费", 11, "annual_value", 1, message.format(side="年度指标值")),
                   ("乙街道服务经费", 15, "period_value", 1, message.format(side="实施周期指标值")),
                   ("乙街道服务经费", 15, "annual_value", 1, message.format(side="年度指标值"))]


def test_render_keeps_unknown_names_and_fills_known_ones():
    assert render("「{value}」{unknown}{{x}}", {"value": "≥90%"}) == "「≥90%」{unknown}{x}"


def test_a_template_that_cannot_be_filled_is_a_rule_error(tmp_path):
    from linter.rulecases import run_rule_cases
    from linter.engine.schema import load_rule_file

    import yaml as _yaml

    data = _yaml.safe_load((ROOT / "rules/value-format/FMT004-bare-percentage.yaml").read_text(encoding="utf-8"))
    data.update(code="LOC201", name="local-vague-format", message="{value:d}")
    (tmp_path / "r.yaml").write_text(_yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [rule] = load_rule_file(tmp_path / "r.yaml")
    with pytest.raises(RuleError, match="键 message: 模板无法填入（ValueError"):
        run_rule_cases(rule)


def test_every_common_template_variable_is_filled(tmp_path):
    """A local rule may use every variable the engine fills (docs/check-types.md)."""
    import yaml as _yaml

    from linter.engine.schema import load_rule_file

    data = _yaml.safe_load((ROOT / "rules/value-format/FMT004-bare-percentage.yaml").read_text(encoding="utf-8"))
    data.update(code="LOC202", name="local-all-vars",
                message="{unit}/{project}/{indicator}/{indicator_name}/{field}/{field_label}/{value}/{suggest}")
    (tmp_path / "r.yaml").write_text(_yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [rule] = load_rule_file(tmp_path / "r.yaml")
    from linter.engine.runner import ActiveRule, run_rules

    table = read_published_text(published([{**BRIDGE, "name": "审查经费", "indicators": [
        ("1-产出指标", "12-质量指标", "期满审查率", "90%", "≥90%"), *OTHER]}]), "f.txt")
    [f] = run_rules([table], [ActiveRule(rule=rule, severity="info", params=rule.default_params())])
    assert f.message == "示例单位/审查经费/1/期满审查率/period_value/实施周期指标值/90%/≥90%"


def test_a_value_on_the_second_line_of_a_paragraph_points_at_that_line():
    text = published([{**BRIDGE, "name": "服务经费", "indicators": [
        ("1-产出指标", "11-数量指标", "服务次数", "≥10次", "≥10次"),
        ("2-效益指标", "22-社会效益指标", "服务水平", "≥90%", "有效提升"), *OTHER]}])
    # wrap the paragraph inside the second indicator, as published tables do
    text = text.replace("实施周期指标值:≥90%；年度指标值:有效提升", "实施周期指标值:≥90%；年度\n指标值:有效提升")
    table = read_published_text(text, "g.txt")
    [f] = lint_tables([table], Settings(select=["VAG001"])).findings
    assert (f.indicator, f.field, f.line) == (2, "annual_value", 12)


def test_a_finding_carries_its_rule_category_and_how_the_values_read():
    table = read_published_text(published([{**BRIDGE, "name": "服务经费", "indicators": [
        ("1-产出指标", "12-质量指标", "期满审查率", "90%", "≥90%"), *OTHER]}]), "h.txt")
    [f] = lint_tables([table], Settings(select=["FMT004"])).findings
    assert (f.category, f.severity, f.file, f.unit) == ("value-format", "info", "h.txt", "示例单位")
    assert f.reading == {"实施周期": "90 %（未写方向）", "年度": "≥ 90 %"}


def test_a_parse_issue_finding_names_the_unit_and_project_it_was_found_in():
    issue = {"kind": "unplaced-line", "text": "无法归位的一行", "unit": "甲单位", "project": "乙项目"}
    [f] = lint_tables(case_tables(RULES["PRS001"], issue), Settings(select=["PRS001"])).findings
    assert (f.unit, f.project, f.indicator, f.value) == ("甲单位", "乙项目", None, "无法归位的一行")
