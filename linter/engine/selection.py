"""Which rules run, at which severity, with which options (select/ignore, config overrides)."""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

from ..config import Settings
from ..errors import ConfigError, RuleError
from ..rulekit import get_check
from .rule_options import EXTEND, check_options
from .runner import ActiveRule
from .schema import Rule


def matches(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    return s == "ALL" or rule.code.startswith(s.upper()) or s in (rule.name, rule.category)


def exact(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    return s.upper() == rule.code or s == rule.name


def _check_selectors(rules: list[Rule], selectors: list[str], where: str) -> None:
    for s in selectors:
        if not any(matches(r, s) for r in rules):
            raise ConfigError(f"{where}: 没有与「{s}」匹配的规则{did_you_mean(rules, s)}（可用编号、编号前缀、规则名或类别名；见 jxlint rules）")


def did_you_mean(rules: list[Rule], key: str, categories: bool = True) -> str:
    """「，是不是 VAG001？」: the closest codes, names (and categories) to a mistyped key — the
    best match and any nearly as close."""
    key = key.strip()
    words = [r.name for r in rules] + ([r.category for r in rules] if categories else [])
    scored = [(difflib.SequenceMatcher(None, key.upper(), r.code).ratio(), r.code) for r in rules]
    scored += [(difflib.SequenceMatcher(None, key, w).ratio(), w) for w in dict.fromkeys(words)]
    scored = sorted((s for s in scored if s[0] >= 0.6), reverse=True)
    close = [w for score, w in scored if score >= scored[0][0] - 0.1][:3] if scored else []
    return f"，是不是 {'、'.join(close)}？" if close else ""


def rule_for_key(rules: list[Rule], key: str) -> Rule | None:
    for r in rules:
        if exact(r, key):
            return r
    return None


def rule_params(rule: Rule, settings: Settings, options: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Merge the rule's defaults with one ``[rules.CODE]`` table; returns (params, severity)."""
    if options:  # the pydantic model of this rule's options (built only when there are any)
        check_options(rule, options, settings.where)
    params = copy.deepcopy(rule.default_params())
    for key, value in options.items():
        if key == "severity":
            continue
        name = key.removeprefix(EXTEND)
        if key == name:
            params[name] = value
        elif isinstance(value, list):
            params[name] = list(params[name]) + value
        else:
            merged = dict(params[name])
            for k, v in value.items():
                merged[k] = (list(merged.get(k, [])) + list(v)) if isinstance(v, list) else v
            params[name] = merged
    return params, options.get("severity")


def select_rules(rules: list[Rule], settings: Settings) -> list[ActiveRule]:
    select = settings.select if settings.select is not None else ["ALL"]
    _check_selectors(rules, select, settings.where("select"))
    _check_selectors(rules, settings.extend_select, settings.where("extend-select"))
    _check_selectors(rules, settings.ignore, settings.where("ignore"))
    for key in settings.severity:
        if rule_for_key(rules, key) is None:
            raise ConfigError(f"{settings.where(f'severity.{key}')}: 没有编号或名称为「{key}」的规则{did_you_mean(rules, key, False)}")
    options_by_code: dict[str, dict[str, Any]] = {}
    for key, options in settings.rule_options.items():
        rule = rule_for_key(rules, key)
        if rule is None:
            raise ConfigError(f"{settings.where(f'rules.{key}')}: 没有编号或名称为「{key}」的规则{did_you_mean(rules, key, False)}")
        options_by_code[rule.code] = options
    active: list[ActiveRule] = []
    for rule in rules:
        chosen = select + settings.extend_select
        on = any(exact(rule, s) for s in chosen) or (rule.enabled and any(matches(rule, s) for s in chosen))
        if not on or any(matches(rule, s) for s in settings.ignore):
            continue
        params, severity = rule_params(rule, settings, options_by_code.get(rule.code, {}))
        sev = severity or next((v for k, v in settings.severity.items() if exact(rule, k)), None) or rule.severity
        if options_by_code.get(rule.code) or rule._checked_defaults is None:  # defaults were validated when loaded
            get_check(rule.check.type, rule.path).validate(params, settings.where(f"rules.{rule.code}"))
        ar = ActiveRule(rule=rule, severity=sev, params=params)
        if options_by_code.get(rule.code):
            _build_with_config(ar, settings, options_by_code[rule.code])
        active.append(ar)
    if not active:  # a run that checks nothing must not pass as clean in CI
        chosen = "、".join(select + settings.extend_select) or "（空）"
        ignored = "、".join(settings.ignore) or "（无）"
        raise ConfigError(
            f"select/ignore: 选择之后没有任何规则会运行（选择 {chosen}，停用 {ignored}）；"
            "请检查 select/ignore，或用 --extend-select 启用默认关闭的规则"
        )
    return active


def _build_with_config(ar: ActiveRule, settings: Settings, options: dict[str, Any]) -> None:
    """Build a check whose options come from the user's config now, before any reading, and
    blame the config (file and key) — not the built-in rule file — for what it added."""
    try:
        ar.check
    except (RuleError, re.error) as exc:
        try:  # the rule's own defaults build: the error is in what the config added
            ActiveRule(rule=ar.rule, severity=ar.severity, params=ar.rule.default_params()).check
        except (RuleError, re.error):
            raise exc from None
        detail = str(exc).removeprefix(f"{ar.rule.path}: ")
        if isinstance(exc, re.error):
            detail = f"正则表达式错误：{exc.pattern!r}（{exc}）"
        keys = "、".join(k for k in options if k != "severity")
        raise ConfigError(f"{settings.where(f'rules.{ar.rule.code}')}（{keys}）: {detail}") from None
