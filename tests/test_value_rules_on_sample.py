"""Period-annual and value-format rules on real indicators of the sample."""

import pytest

from linter.api import lint_tables
from linter.config import Settings


@pytest.fixture(scope="module")
def findings(sample_table):
    return lint_tables([sample_table], Settings(select=["PER", "FMT"])).findings


def codes_at(findings, line):
    return sorted(f.code for f in findings if f.line == line)


def test_counts_per_rule(findings):
    from collections import Counter

    assert Counter(f.code for f in findings) == {
        "FMT004": 73, "PER001": 20, "FMT001": 19, "FMT006": 17, "PER002": 2, "PER004": 2, "PER007": 3, "PER008": 2, "FMT005": 1,
    }


def test_domain_period_annual_cases(findings):
    # DOMAIN §4.2, project at line 1453
    kind = [f for f in findings if f.code == "PER001" and f.value.startswith("所有系统和软件设备")]
    assert len(kind) == 1 and kind[0].reading == {"实施周期": "文本（无数字）", "年度": "100 %（未写方向）"}
    units = {f.value: f for f in findings if f.code == "PER002"}
    assert "99% ｜ 高峰时段响应时间低于2秒" in units
    assert "低于3次 ｜ 系统故障频率低于每月1次，不发生灾难性故障" in units
    assert "次/月" in units["低于3次 ｜ 系统故障频率低于每月1次，不发生灾难性故障"].message


def test_same_quantity_in_other_words_not_flagged(findings, sample_table):
    lines = [i.source.line for *_, i in sample_table.indicators() if i.period_value and i.period_value.startswith("推进老旧小区")]
    assert lines
    flagged = {f.line for f in findings if f.code.startswith("PER")}
    assert not flagged & set(lines)


def test_missing_unit_real_cases(findings):
    units = {f.value for f in findings if f.code == "FMT001"}
    assert {"4", "＜1", "≥20"} <= units
    # names that imply their unit, and zero counts, are not flagged
    assert not any(f.indicator_name.endswith("次数") for f in findings if f.code == "FMT001")
    assert "0" not in units


def test_placeholder_real_case(findings):
    [f] = [f for f in findings if f.code == "FMT005"]
    assert f.value == "大于或等于XXXX平方" and f.severity == "error" and f.line == 3025


def test_satisfaction_floor_is_configurable(sample_table):
    default = [f for f in lint_tables([sample_table], Settings(select=["FMT006"])).findings]
    strict = lint_tables([sample_table], Settings(select=["FMT006"], rule_options={"FMT006": {"floor": 90}})).findings
    loose = lint_tables([sample_table], Settings(select=["FMT006"], rule_options={"FMT006": {"floor": 80}})).findings
    assert len(loose) < len(default) < len(strict)
    assert all("不是百分比" in f.message for f in loose)


def test_reading_in_text_report(capsys):
    from conftest import SAMPLE
    from linter.cli import main

    main(["check", str(SAMPLE), "--select", "PER002"])
    out = capsys.readouterr().out
    assert "读作：实施周期 99 %（未写方向）；年度 < 2 秒" in out
