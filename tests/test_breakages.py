"""Behaviour that once broke without any test noticing (issue 14). Each test names the
breakage it catches; each was checked by applying that breakage and watching it fail."""

from decimal import Decimal

import pytest

from linter import values
from linter.api import lint_paths, lint_tables
from linter.config import Settings
from linter.readers.published_text import read_published_text


def published(projects: list[dict], unit: str = "示例单位") -> str:
    """A small published-text table (the Guangzhou layout) from project dicts:
    name, amounts (list of figures), goal, indicators [(l1, l2, name, period, annual)]."""
    total = sum(Decimal(str(p["amounts"][0])) for p in projects)
    lines = ["项目支出绩效目标表（含转移支付项目）", "部门名称：示例部门 单位：万元", "",
             "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标", "",
             f"合计 {total:.2f} {total:.2f}", f"{unit} {total:.2f} {total:.2f}", ""]
    for p in projects:
        figures = " ".join(f"{Decimal(str(x)):.2f}" for x in p["amounts"])
        lines += [f"    {p['name']} {figures} {p['goal']}", ""]
        parts = [f"{i}、{l1}；{l2}；{name}；实施周期指标值:{period}；年度指标值:{annual}。"
                 for i, (l1, l2, name, period, annual) in enumerate(p["indicators"], start=1)]
        lines += ["".join(parts), ""]
    lines.append("第 1 页，共 1 页")
    return "\n".join(lines) + "\n"


RATE = ("1-产出指标", "12-质量指标", "验收合格率", "≥90%", "≥95%")
OTHER = [("1-产出指标", "11-数量指标", "维护路段数", "≥10条", "≥10条"),
         ("3-满意度指标", "31-服务对象满意度", "居民满意度", "≥90%", "≥90%")]


def _project(name: str, goal: str, *indicators) -> dict:
    return {"name": name, "amounts": [20, 20], "goal": goal, "indicators": [*indicators, *OTHER]}


@pytest.mark.parametrize("multi_first", [True, False], ids=["multi-year-first", "single-year-first"])
def test_rate_level_judged_per_project_not_per_value_pair(multi_first):
    """Breakage: value-pair's memo key without the multi-year flag. The same two values are
    fine in a multi-year project and a PER004 finding in a single-year one; whichever project
    comes first, the other must still be judged on its own."""
    multi = _project("道路维护经费（2025-2026年）", "完成道路维护10条，验收合格率逐年提高。", RATE)
    single = _project("桥梁检测经费", "完成桥梁检测10座，验收合格率不低于95%。", RATE)
    text = published([multi, single] if multi_first else [single, multi])
    table = read_published_text(text, "small.txt")
    found = [f for f in lint_tables([table], Settings(select=["PER004"])).findings]
    assert [(f.project, f.indicator_name, f.value) for f in found] == [("桥梁检测经费", "验收合格率", "≥90% ｜ ≥95%")]


def _amount_table(unit_total: str, project_totals: list[str]) -> str:
    lines = ["项目支出绩效目标表（含转移支付项目）", "部门名称：示例部门 单位：万元", "",
             "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标", "",
             f"合计 {unit_total} {unit_total}", f"示例单位 {unit_total} {unit_total}", ""]
    for i, amount in enumerate(project_totals, start=1):
        lines += [f"    第{i}号维护项目经费 {amount} {amount} 完成设施维护{i}处。", "",
                  f"1、1-产出指标；11-数量指标；维护设施数；实施周期指标值:≥{i}处；年度指标值:≥{i}处。", ""]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("stated, parts, code, diff", [
    # three parts: tolerance (3 + 1) × 0.005 = 0.02; n × 0.005 would be 0.015
    ("30.02", ["10.00", "10.00", "10.00"], "ARI004", "0.02"),
    ("30.03", ["10.00", "10.00", "10.00"], "ARI002", "0.03"),
    # one part: tolerance 0.01 (a single rounded item and its rounded total)
    ("10.01", ["10.00"], "ARI004", "0.01"),
])
def test_rounding_tolerance_is_n_plus_one_half_cents(stated, parts, code, diff):
    """Breakage: tolerance n × 0.005 instead of (n + 1) × 0.005. A unit total 0.02 off the
    sum of three rounded projects is a rounding remainder (ARI004), not a mismatch (ARI002)."""
    table = read_published_text(_amount_table(stated, parts), "amounts.txt")
    found = lint_tables([table], Settings(select=["ARI"])).findings
    unit_level = [f for f in found if f.project is None and f.unit == "示例单位"]
    assert [(f.code, f.data.get("diff", diff)) for f in unit_level] == [(code, diff)]
    assert f"相差 {diff} 万元" in unit_level[0].message


DUP_GOAL = "完成辖区老旧小区公共设施日常巡查维护，及时处置各类安全隐患，保障居民生活环境安全整洁有序。"


def _dup_tables(folder, edited: bool):
    """Two files whose projects copy one goal; after the edit the second file's goal is its own."""
    first = _project("甲街道设施维护经费", DUP_GOAL, RATE)
    second_goal = "编制全市地下管网普查成果图册一套，建立管网信息数据库并向社会公开查询接口。" if edited else DUP_GOAL
    second = _project("乙街道设施维护经费", second_goal, RATE)
    (folder / "a.txt").write_text(published([first]), encoding="utf-8")
    (folder / "b.txt").write_text(published([second], unit="另一单位"), encoding="utf-8")


def test_no_duplicate_group_survives_an_edit_between_runs(tmp_path):
    """Breakage: no cross-table reset between runs. A parallel run prepares each file's
    compared texts; after one file is edited, a second run in the same process must not see
    the first run's texts (the stale group would be reported again)."""
    _dup_tables(tmp_path, edited=False)
    before = lint_paths([str(tmp_path)], Settings(select=["DUP001"]), jobs=2)
    assert [f.data["members"][1]["project"] for f in before.findings] == ["乙街道设施维护经费"]
    _dup_tables(tmp_path, edited=True)
    for jobs in (1, 2):
        after = lint_paths([str(tmp_path)], Settings(select=["DUP001"]), jobs=jobs)
        assert after.findings == [], jobs
    _dup_tables(tmp_path, edited=False)  # and back: the group is found again, not remembered as gone
    assert len(lint_paths([str(tmp_path)], Settings(select=["DUP001"]), jobs=1).findings) == 1


def test_parse_value_survives_a_raising_grammar(monkeypatch):
    """The catch-all in parse_value keeps a run alive when the grammar breaks; the property
    tests in test_values.py call _parse itself so that such a break fails them."""
    def broken(raw):
        raise ValueError("rigged")

    monkeypatch.setattr(values, "_parse", broken)
    values.parse_value.cache_clear()
    try:
        reading = values.parse_value("≥95%")
        assert (reading.kind, reading.raw) == ("qualitative", "≥95%")
    finally:
        values.parse_value.cache_clear()


def test_a_reused_annual_year_finding_shows_its_own_period_value():
    """PER006 reuses its verdict for equal annual values, but each finding's reading also shows
    the indicator's period value: with the period missing from the memo key, the second
    indicator reported the first one's period reading."""
    late = "2025年12月前完成"
    text = published([_project("2024年道路维护项目", "完成道路维护。",
                               ("1-产出指标", "13-时效指标", "设计完成时间", "2026年6月前完成", late),
                               ("1-产出指标", "13-时效指标", "施工完成时间", "2026年12月前完成", late))])
    table = read_published_text(text, "t.txt")
    found = [f for f in lint_tables([table], Settings(select=["PER006"])).findings]
    assert [f.indicator_name for f in found] == ["设计完成时间", "施工完成时间"]
    periods = [next(v for k, v in f.reading.items() if k != "年度") for f in found]
    assert periods == ["期限 2026年6月前", "期限 2026年12月前"]


@pytest.mark.parametrize("late_first", [True, False], ids=["late-first", "in-year-first"])
def test_annual_year_judged_per_project_year_not_per_value(late_first):
    """Breakage: annual-year's memo key without its project part (memo_project: the year the
    project's name states). The same annual value is past a 2024 project's year and within a
    2025 one's; whichever project comes first, the other is judged by its own year."""
    value = ("1-产出指标", "13-时效指标", "设计完成时间", "2025年6月前完成", "2025年6月前完成")
    late = _project("2024年道路维护项目", "完成道路维护。", value)
    in_year = _project("2025年桥梁检测项目", "完成桥梁检测。", value)
    table = read_published_text(published([late, in_year] if late_first else [in_year, late]), "t.txt")
    found = lint_tables([table], Settings(select=["PER006"])).findings
    assert [(f.project, f.indicator_name) for f in found] == [("2024年道路维护项目", "设计完成时间")]


def test_coverage_reused_for_the_same_category_set_still_counts_each_projects_indicators():
    """CMP003's verdict is reused for projects with the same set of category pairs (in any
    order); a key without the number of indicators would report the first project's count."""
    out = [("1-产出指标", "11-数量指标", "维护路段数", "≥10条", "≥10条"), ("2-效益指标", "22-社会效益", "通行效率", "提高", "提高")]
    one = {"name": "道路维护经费", "amounts": [20, 20], "goal": "完成道路维护。", "indicators": out}
    two = {"name": "桥梁检测经费", "amounts": [20, 20], "goal": "完成桥梁检测。", "indicators": [out[1], out[0], out[0]]}
    table = read_published_text(published([one, two]), "t.txt")
    found = lint_tables([table], Settings(select=["CMP003"])).findings
    import re

    counts = [(f.project, re.search(r"(\d+) 个指标", f.message).group(1)) for f in found]
    assert counts == [("道路维护经费", "2"), ("桥梁检测经费", "3")]
