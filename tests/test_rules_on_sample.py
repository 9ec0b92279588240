"""Exact findings of the first rules on real indicators of the sample, and must-not-flag cases."""

import pytest

from conftest import SAMPLE
from linter.api import lint_tables
from linter.config import Settings


@pytest.fixture(scope="module")
def findings(sample_table):
    return lint_tables([sample_table], Settings()).findings


def at(findings, code, line=None):
    return [f for f in findings if f.code == code and (line is None or f.line == line)]


def test_no_parse_findings_on_real_table(findings):
    assert at(findings, "PRS001") == [] and at(findings, "PRS002") == [] and at(findings, "PRS003") == []


def test_code_name_mismatch_line_1283(findings):
    [f] = at(findings, "COD003")
    assert f.line == 1283 and f.value == "1-效益指标"
    assert "应为「2-效益指标」" in f.message
    assert f.unit and f.project and f.indicator is not None
    assert f.file == str(SAMPLE)


def test_level2_outside_level1_line_2091(findings):
    lines = sorted(f.line for f in at(findings, "COD004"))
    assert lines == [2091, 2100]
    f = at(findings, "COD004", 2091)[0]
    assert "3-满意度指标" in f.message and f.field == "level2"


def test_no_other_code_findings(findings):
    assert at(findings, "COD001") == [] and at(findings, "COD002") == []


def test_missing_annual_value_line_1055(findings):
    [f] = at(findings, "CMP001")
    assert f.line == 1055 and "年度指标值" in f.message and f.indicator_name == "重大安全事故次数"


def test_vague_values_flagged(findings):
    vague = at(findings, "VAG001")
    values = {f.value for f in vague}
    for expected in ("有效提升", "有效提高", "良好", "按需", "确保及时修复", "结合本区工作实际，创新行之有效的工作方式方法"):
        assert expected in values
    first = at(findings, "VAG001", 14)
    assert {f.field for f in first} == set()  # line 14's indicators are quantified ("一年不少于2次")
    # indicator 3 of the first project: the period value starts on line 16, the annual on 17
    [period] = at(findings, "VAG001", 16)
    [annual] = [f for f in at(findings, "VAG001", 17) if f.indicator == 3]
    assert (period.field, annual.field) == ("period_value", "annual_value")
    assert period.indicator == annual.indicator == 3


def test_quantified_values_not_flagged(findings, sample_table):
    flagged = {f.value for f in at(findings, "VAG001")}
    for value in ("≥90%", "一年不少于2次", "零次", "合格", "达成", "成果通过评审验收", "按时完成当年成果结题要求", "二级"):
        assert value not in flagged
    # every flagged value has no Arabic digit: a value with a number is quantified
    assert not any(ch.isdigit() for v in flagged for ch in v)


def test_vague_goal(findings):
    goals = at(findings, "VAG002")
    assert 10 in {f.line for f in goals}  # "…进一步落实物业监管职责、提升监管水平。"
    assert 21 not in {f.line for f in goals}  # the goal with "房屋办证数量≥80%…"
    assert all(f.field == "goal" for f in goals)
