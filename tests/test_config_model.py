"""Configuration errors from the pydantic models (linter/config_model.py, engine/rule_options.py):
each names the file and the key, says what is wrong, and guesses a mistyped key."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import KEYS, Settings, settings_from_mapping
from linter.config_model import ConfigFile
from linter.engine.selection import select_rules
from linter.errors import ConfigError
from linter.rulebook import load_rules

SRC = Path("/cfg/jxlint.toml")
RULES = load_rules()
AVAILABLE = "可用：select, extend-select, ignore, fail-on, severity, rules, rule-dirs, column-synonyms, form-labels, framework, previous, per-project-ignores, limits"


def error_of(data: dict) -> str:
    with pytest.raises(ConfigError) as err:
        select_rules(RULES, settings_from_mapping(data, SRC))
    return str(err.value)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"selct": ["VAG"]}, f"键 selct: 未知的配置项，是不是 select？{AVAILABLE}"),
        ({"zzz": 1}, f"键 zzz: 未知的配置项；{AVAILABLE}"),
        ({"fail-on": "sometimes"}, "键 fail-on: 应为 error / warning / info / never 之一，实际是 'sometimes'"),
        ({"select": "VAG"}, "键 select: 应为数组，实际是 'VAG'"),
        ({"select": ["VAG", 3]}, "键 select: 数组中应全部是字符串"),
        ({"severity": {"VAG001": "fatal"}}, "键 severity.VAG001: 应为 error / warning / info 之一，实际是 'fatal'"),
        ({"severity": "error"}, "键 severity: 应为表，实际是 'error'"),
        ({"rules": {"VAG001": 3}}, "键 rules.VAG001: 应为表，实际是 3"),
        ({"column-synonyms": {"实施周期指标值": "总体指标值"}}, "键 column-synonyms.实施周期指标值: 应为数组，实际是 '总体指标值'"),
        ({"framework": "fw2099"}, "键 framework: 未知的指标框架 'fw2099'；可用：fw2015, fw2013, fw2021, completion"),
        ({"framework": 3}, "键 framework: 应为字符串，实际是 3"),
        ({"limits": {"rows": "many"}}, "键 limits.rows: 应为正整数，实际是 'many'"),
        ({"rules": {"VAG001": {"unles": ["x"]}}}, "键 rules.VAG001.unles: 规则 VAG001 没有此选项，是不是 unless？可用：severity, unless, extra_patterns, extend-unless, extend-extra_patterns"),
        ({"rules": {"FMT006": {"floor": "high"}}}, "键 rules.FMT006.floor: 类型应与默认值 85 一致，实际是 'high'"),
        ({"rules": {"FMT006": {"floor": True}}}, "键 rules.FMT006.floor: 类型应与默认值 85 一致，实际是 True"),
        ({"rules": {"VAG001": {"extend-unless": "x"}}}, "键 rules.VAG001.extend-unless: extend- 只能用于数组或表类型的选项，且值类型要一致"),
        ({"rules": {"FIT001": {"extend-min_score": 5}}}, "键 rules.FIT001.extend-min_score: extend- 只能用于数组或表类型的选项，且值类型要一致"),
        ({"rules": {"VAG001": {"severity": "fatal"}}}, "键 rules.VAG001.severity: 应为 error / warning / info 之一，实际是 'fatal'"),
        ({"rules": {"VAG00": {"x": 1}}}, "键 rules.VAG00: 没有编号或名称为「VAG00」的规则，是不是 VAG003、VAG002、VAG001？"),
    ],
)
def test_bad_config_message(data, message):
    assert error_of(data) == f"{SRC}: {message}"


def test_first_error_follows_the_users_order():
    """Two bad keys: the one the user wrote first is reported (not the model's field order)."""
    assert "键 fail-on" in error_of({"fail-on": "x", "select": "x", "selct": 1})
    assert "键 selct" in error_of({"selct": 1, "select": "x", "fail-on": "x"})


def test_good_config_gives_settings():
    s = settings_from_mapping(
        {"select": ["VAG", "FMT006"], "fail-on": "warning", "severity": {"VAG001": "error"}, "rule-dirs": ["local"],
         "rules": {"FMT006": {"floor": 90.5}}, "framework": "fw2013"},
        SRC,
    )
    assert (s.select, s.fail_on, s.severity, s.framework) == (["VAG", "FMT006"], "warning", {"VAG001": "error"}, "fw2013")
    assert s.rule_dirs == [(SRC.parent / "local").resolve()]
    [fmt] = [a for a in select_rules(RULES, s) if a.rule.code == "FMT006"]
    assert fmt.params["floor"] == 90.5  # a float where the default is an int is the same kind
    assert settings_from_mapping({}, SRC).limits == Settings().limits


def test_extend_adds_to_the_defaults():
    s = settings_from_mapping({"select": ["VAG001"], "rules": {"VAG001": {"extend-unless": ["有效"], "severity": "info"}}}, SRC)
    [ar] = select_rules(RULES, s)
    assert ar.params["unless"][-1] == "有效" and len(ar.params["unless"]) > 1 and ar.severity == "info"


def test_keys_come_from_the_model():
    assert list(KEYS) == [f.alias or n for n, f in ConfigFile.model_fields.items()]
    assert all(KEYS.values())
