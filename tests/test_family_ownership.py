"""Two rule options of issue 13's structural work: a ``strict`` pattern family that the
``unless`` exceptions do not excuse, and ``leave_to`` on FMT005 (a value another rule owns)."""

import textwrap

import pytest

from linter.engine.schema import load_rule_file
from linter.errors import RuleError
from linter.rulecases import run_rule_cases

STRICT = textwrap.dedent(
    """\
    code: LOC002
    name: local-strict
    category: completeness
    severity: info
    summary: 本地规则
    given: indicator.name
    check:
      type: pattern
      families:
        verb: {label: 动词, patterns: ['^提高']}
        adverb: {label: 评语, strict: STRICT, patterns: ['^有效提高']}
    options:
      unless: {default: ['率$'], doc: 可计量的结尾}
    message: 「{value}」含{family}
    fix: 改写
    docs: {what: 做什么, why: 为什么, bad: 坏, good: 好, fix: 改}
    tests:
      flag: [提高水平, {input: 有效提高合格率, message_contains: 评语}]
      pass: [提高合格率]
    """
)


def write(tmp_path, text):
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_strict_family_is_not_excused_by_unless(tmp_path):
    [rule] = load_rule_file(write(tmp_path, STRICT.replace("STRICT", "true")))
    assert all(r.ok for r in run_rule_cases(rule))


def test_plain_family_is_excused_by_unless(tmp_path):
    [rule] = load_rule_file(write(tmp_path, STRICT.replace("STRICT", "false")))
    failed = [r for r in run_rule_cases(rule) if not r.ok]
    assert len(failed) == 1  # 有效提高合格率 ends in 率: excused, so its flag case fails


FMT = textwrap.dedent(
    """\
    code: LOC003
    name: local-placeholder
    category: value-format
    severity: error
    summary: 本地规则
    given: indicator
    check:
      type: value-format
      aspect: placeholder
      leave_to: {vocab/vague-phrases.yaml: [FAMILY]}
    message: '{side}「{value}」是占位符'
    fix: 填写
    docs: {what: 做什么, why: 为什么, bad: 坏, good: 好, fix: 改}
    tests:
      flag: [{input: {name: 完成数量, annual_value: '**个'}}, {input: {name: 状况, annual_value: 优/良/中/差}}]
      pass: [{input: {name: 状况, annual_value: 高中低}}, {input: {name: 状况, annual_value: 高/中/低}}]
    """
)


def test_leave_to_hands_a_grade_list_to_its_owner(tmp_path):
    [rule] = load_rule_file(write(tmp_path, FMT.replace("FAMILY", "unselected-options")))
    assert all(r.ok for r in run_rule_cases(rule))


def test_leave_to_unknown_family_is_a_rule_error(tmp_path):
    [rule] = load_rule_file(write(tmp_path, FMT.replace("FAMILY", "no-such-family")))
    with pytest.raises(RuleError, match="no-such-family"):
        run_rule_cases(rule)
