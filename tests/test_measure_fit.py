"""Issue 13 items 3–5: category fit by the kind of measure (FIT008–FIT010), period vs annual for
one-year projects (PER004, PER006–PER008) and the same measure twice / a copied annual goal
(CMP013–CMP015), on the Guangzhou sample and the 19 other-province tables: exact findings,
so every false alarm removed stays removed and every defect found stays found."""

from collections import Counter

import pytest

from conftest import FIXTURES, SAMPLE
from linter.api import lint_paths
from linter.checks.project_term import is_multi_year, term_end_year, term_is_multi_year, term_years
from linter.checks.same_measure import measure_key
from linter.config import Settings
from linter.model import Project

PROVINCES = sorted((FIXTURES / "provinces").glob("*.xlsx"))
CODES = ["FIT003", "FIT008", "FIT009", "FIT010", "PER004", "PER006", "PER007", "PER008", "CMP013", "CMP014", "CMP015"]


@pytest.fixture(scope="module")
def findings():
    paths = [str(p) for p in PROVINCES] + [str(SAMPLE)]
    return lint_paths(paths, Settings(select=CODES), jobs=1).findings


def on_sample(findings, code):
    return [f for f in findings if f.code == code and f.file.endswith(SAMPLE.name)]


def on_provinces(findings):
    return sorted((f.file.split("/")[-1].split("_")[0], f.code, f.indicator_name or f.project) for f in findings if not f.file.endswith(SAMPLE.name))


def test_counts_on_sample(findings):
    counts = Counter(f.code for f in findings if f.file.endswith(SAMPLE.name))
    assert counts == {"FIT003": 24, "FIT008": 11, "FIT009": 23, "FIT010": 18, "PER004": 2, "PER007": 3, "PER008": 2}


def test_findings_on_province_tables(findings):
    """Every finding of these rules on the 19 tables, each read by hand: Lu'an's 实验室仪器维修维护
    ≥4次 is a count under 质量; its three-year project's 年度目标 copies its 中期目标 word for
    word; Nanyue's 逾期发放率 under 质量 (FIT003, as before). Ningxia's 项目完成时间 2023年底 lies within its 项目期 (2022年3月-2023年11月) in a table
    with one value column: not flagged (PER006)."""
    assert on_provinces(findings) == [
        ("anhui-luan", "CMP015", "发展建设类-农产品质检体系建设和“三品一标”发展项目"),
        ("anhui-luan", "FIT009", "实验室仪器维修维护"),
        ("hunan-hengyang-nanyue", "FIT003", "逾期发放率"),
    ]


def test_duration_misfiled_on_sample(findings):
    names = Counter(f.indicator_name for f in on_sample(findings, "FIT008"))
    assert names == {"登录响应时间": 7, "应急响应时间": 1, "故障恢复时间": 1, "普通功能页面响应时间": 1, "响应时间": 1}
    [f] = [f for f in on_sample(findings, "FIT008") if f.line == 1666]
    assert "22-社会效益指标" in f.message and "建议归入 13-时效指标" in f.message
    assert "1-产出指标；13-时效指标" in f.fix


def test_time_words_under_effect_categories_are_fit003s(findings):
    """A name led by a time word (时限, 及时率) under 22/23/24 is FIT003's, once: never FIT008 too."""
    fit3 = Counter(f.indicator_name for f in on_sample(findings, "FIT003") if "社会效益" in f.message)
    assert fit3 == {"采购意向公开时限": 9, "系统故障处理及时率": 2, "应急抢险支持及时性": 1, "项目评审及时性": 1}
    lines3 = {f.line for f in on_sample(findings, "FIT003")}
    assert not lines3 & {f.line for f in on_sample(findings, "FIT008")}
    # a work description that happens to hold 周期 is not a timeliness measure
    assert not [f for f in on_sample(findings, "FIT003") if "，" in f.indicator_name]


def test_duration_must_not_flag(findings):
    # time delivered (≥1200分钟), rates about durations, a time under 质量
    flagged = {f.indicator_name for f in on_sample(findings, "FIT008")}
    for name in ("完成制作动画时长", "驻场服务时长达标率", "平均维修时长合格率", "系统响应速率", "持续工作时间保证率"):
        assert name not in flagged, name


def test_count_misfiled_on_sample(findings):
    names = Counter(f.indicator_name for f in on_sample(findings, "FIT009"))
    assert names["公平竞争审查表"] == 7 and names["检测报告出具次数"] == 3
    assert {"新增信息资源目录数", "功能模块完成", "年度的业务量", "出具意见或报告", "年内信息化培训数量"} <= set(names)
    # failures, accidents, complaints, ceilings, people reached, "情况" names, conformity statements
    for name in ("重大故障次数", "重大安全事故发生次数", "周边居民投诉发生次数", "修缮保护方案修改次数", "系统使用人数",
                 "成果转化情况", "竞赛项目的设置符合建筑业发展趋势", "信息泄露事故数"):
        assert name not in names, name


def test_plain_rate_in_timeliness_on_sample(findings):
    names = Counter(f.indicator_name for f in on_sample(findings, "FIT010"))
    assert names["住房保障家庭新申请资格审核率"] == 4 and names["工作量完成率"] == 4
    assert "概算审核时效" not in names and "员工工资及时发放率" not in names


def test_one_year_period_annual_on_sample(findings):
    per7 = sorted((f.line, f.value) for f in on_sample(findings, "PER007"))
    assert per7 == [(983, "7个 ｜ 3个"), (2940, "≧9宗 ｜ ≧3宗"), (2971, "≥9宗 ｜ ≥3宗")]
    per4 = {f.indicator_name: f.message for f in on_sample(findings, "PER004")}
    assert set(per4) == {"编外人员年度考核完成率", "编外聘用人员适岗率"}
    assert "100 %（未写方向）" in per4["编外聘用人员适岗率"]


def test_value_echoing_the_name_on_sample(findings):
    found = sorted((f.line, f.indicator_name, f.value) for f in on_sample(findings, "PER008"))
    assert found == [(1057, "工作完成及时性", "完成最终成果 ｜ 及时"), (1083, "工作完成及时性", "完成最终成果 ｜ 及时")]


def test_terms():
    assert term_years("2022年3月-2023年11月") == (2022, 2023, None)
    assert term_years("3年") == (None, None, 3) and term_years("三年") == (None, None, 3)
    assert term_years("2024年") == (2024, 2024, None)  # a year, not 2024 years
    assert term_is_multi_year("2022年1月1日-2022年12月31日") is False
    assert term_is_multi_year("长期") is None and term_is_multi_year("") is None
    assert term_end_year(Project(name="x", term="2023年4月-2024年2月")) == 2024
    import re

    span = [re.compile(r"(20\d{2})年?[-—–~至到](20\d{2})")]
    assert is_multi_year(Project(name="道路改造（2024-2025年）"), span)
    assert not is_multi_year(Project(name="道路改造（2024-2025年）", term="2024年"), span)  # the term wins
    assert is_multi_year(Project(name="x", extra={"中期目标(2024年—2026年)": "…"}), span)
    assert not is_multi_year(Project(name="机构运行辅助经费"), span)


def test_measure_key():
    assert measure_key("设备完好率（%）") == measure_key("设备完好率") == measure_key("1、设备完好率")
    assert measure_key("项目总投入(≥**万元)") == "项目总投入"
    assert measure_key("住房补贴发放率（年审）") != measure_key("住房补贴发放率（新申请）")
    assert measure_key("1.5米道路宽度") == "15米道路宽度"  # a decimal is not a template number
