"""Malformed rule files are clear errors naming the file and the key."""

import textwrap

import pytest

from linter.engine.schema import load_rule_dir, load_rule_file
from linter.rulebook import load_rules
from linter.errors import RuleError

GOOD = textwrap.dedent(
    """\
    code: LOC001
    name: local-rule
    category: vague-target
    severity: info
    summary: 本地规则
    given: indicator.name
    check:
      type: pattern
      families:
        slogan: {label: 口号, patterns: ['口号']}
    message: 「{value}」含{family}
    fix: 改写
    docs: {what: 做什么, why: 为什么, bad: 坏, good: 好, fix: 改}
    tests:
      flag: [这是口号]
      pass: [正常名称]
    """
)


def write(tmp_path, text, name="rule.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rule_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, GOOD))
    assert rule.code == "LOC001" and rule.given == ["indicator.name"]


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("category: vague-target", "category: vagueness", "category"),
        ("severity: info", "severity: fatal", "severity"),
        ("summary: 本地规则\n", "", "summary"),
        ("name: local-rule", "name: Local Rule", "name"),
        ("code: LOC001", "code: loc-1", "code"),
        ("given: indicator.name", "given: indicator.colour", "given"),
        ("type: pattern", "type: no-such-check", "check.type"),
        ("families:", "familys:", "check.familys"),
        ("docs: {what: 做什么, why: 为什么, bad: 坏, good: 好, fix: 改}", "docs: {what: 做什么}", "docs.why"),
        ("  pass: [正常名称]", "  pass: []", "tests.pass"),
        ("fix: 改写", "fix: 改写\ncolour: red", "colour"),
    ],
)
def test_malformed_rule_names_file_and_key(tmp_path, old, new, key):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    message = str(err.value)
    assert str(path) in message
    assert key in message


def test_yaml_syntax_error_names_line(tmp_path):
    path = write(tmp_path, GOOD.replace("summary: 本地规则", "summary: [未闭合"))
    with pytest.raises(RuleError, match="YAML 语法错误"):
        load_rule_file(path)


def test_bad_regex_is_a_rule_error(tmp_path):
    from linter.rulecases import run_rule_cases

    [rule] = load_rule_file(write(tmp_path, GOOD.replace("patterns: ['口号']", "patterns: ['口号(']")))
    with pytest.raises(RuleError, match="正则表达式错误"):
        run_rule_cases(rule)


def test_check_type_must_accept_target(tmp_path):
    path = write(tmp_path, GOOD.replace("given: indicator.name", "given: parse-issue"))
    with pytest.raises(RuleError, match="given"):
        load_rule_file(path)


def test_duplicate_code_with_builtin(tmp_path):
    write(tmp_path, GOOD.replace("LOC001", "VAG001"))
    with pytest.raises(RuleError, match="VAG001"):
        load_rules([tmp_path])


def test_not_a_mapping(tmp_path):
    with pytest.raises(RuleError, match="映射"):
        load_rule_file(write(tmp_path, "- a\n- b\n"))


def test_vocab_files_are_not_rules(tmp_path):
    (tmp_path / "vocab").mkdir()
    write(tmp_path / "vocab", "a: 1\n", "words.yaml")
    write(tmp_path, GOOD)
    assert [r.code for r in load_rule_dir(tmp_path)] == ["LOC001"]


def test_local_rule_can_use_builtin_vocabulary(tmp_path):
    from linter.rulecases import run_rule_cases

    old = "  families:\n    slogan: {label: 口号, patterns: ['口号']}"
    assert old in GOOD
    text = GOOD.replace(old, "  vocab: vocab/vague-phrases.yaml")
    [rule] = load_rule_file(write(tmp_path, text.replace("[这是口号]", "[有效提升服务水平]").replace("[正常名称]", "[服务对象满意度]")))
    assert all(r.ok for r in run_rule_cases(rule))


def test_missing_vocabulary_is_a_rule_error(tmp_path):
    from linter.rulecases import run_rule_cases

    old = "  families:\n    slogan: {label: 口号, patterns: ['口号']}"
    text = GOOD.replace(old, "  vocab: vocab/nope.yaml")
    [rule] = load_rule_file(write(tmp_path, text))
    with pytest.raises(RuleError, match="nope.yaml"):
        run_rule_cases(rule)
