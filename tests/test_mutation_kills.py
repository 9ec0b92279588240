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
