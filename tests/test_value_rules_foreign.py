"""Value-format, vague-target and period-annual rules on values copied from tables of other
provinces (tests/fixtures/foreign-*-values.csv: rows of the Anhui, Henan, Hunan, Ningxia,
Shaanxi, Sichuan, Chongqing and Jiangxi tables, one value column). Exact findings: every
false alarm removed by a rule stays removed, every unfilled slot stays found."""

from collections import Counter

from conftest import FIXTURES
from linter.api import lint_tables
from linter.config import Settings
from linter.readers import read_table

def lint(name, annual=False, rules=("FMT", "VAG")):
    table = read_table(FIXTURES / name)
    if annual:  # an annual-only table: the one value column is the 年度指标值
        table.value_sides = "annual"
        for *_, ind in table.indicators():
            if ind.annual_value is None:
                ind.annual_value, ind.period_value = ind.period_value, None
    return lint_tables([table], Settings(select=list(rules))).findings


def found(findings):
    return sorted((f.code, f.indicator_name, f.value) for f in findings)


def test_plain_table_values():
    assert found(lint("foreign-plain-values.csv")) == [
        ("FMT002", "项目(工程)完成及时率", "≥100%"),
        ("FMT005", "指标1:工程验收合格率", "≧ %"),
        ("FMT005", "指标1:新建堤防、护岸长度", "公里"),
        ("FMT005", "指标2:灌区节水改造面积", "万亩"),
        ("VAG001", "指标1:优化安置小区生活环境", "显著提高"),
    ]
    # not flagged: 30只, 3500公斤 (units), "(亩)" = 80000 (unit in the name's brackets),
    # 检测及时率 ≤7工作日 (a time limit under a rate name), dates (2021年12月31日, 2023年底)


def test_typed_export_values():
    # 指标性质 / 指标值 / 度量单位 in their own columns: "≥" + "80" + "人数" reads as ≥80 人
    assert found(lint("foreign-typed-values.csv")) == [
        ("FMT001", "召开食品安委会全体会议", "2"),
        ("FMT001", "完成时限", "1"),
        # the template's choice list left unselected: VAG001 owns it (FMT005 leaves it, one
        # finding per cell)
        ("VAG001", "公众对食品安全满意度", "高中低"),
        ("VAG001", "食品安全整体状况", "高中低"),
    ]


def test_annual_date_past_the_budget_year():
    # (PER006 reads annual values only; whichever column the reader puts a lone 指标值 in,
    # here it is the annual one)
    findings = lint("foreign-plain-values.csv", annual=True, rules=("PER",))
    # 原州区2022年…项目: "2023年底" ends after 2022; 2021 dates in undated projects say nothing
    assert [(f.indicator_name, f.value) for f in findings] == [("项目完成时间", "2023年底")]
    assert "超出了预算年度 2022 年" in findings[0].message


def test_annual_reading_keeps_the_value_findings():
    counts = Counter(f.code for f in lint("foreign-plain-values.csv", annual=True, rules=("FMT", "VAG", "PER")))
    assert counts == {"FMT005": 3, "FMT002": 1, "VAG001": 1, "PER006": 1}
