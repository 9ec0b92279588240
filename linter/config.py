"""Configuration: ``[tool.jxlint]`` in pyproject.toml or a ``jxlint.toml``, found by walking
up from the first checked path, or given with ``--config``. Command-line flags win.

Unknown keys and bad values are ConfigErrors naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .limits import Limits, limits_from_mapping

FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")

# key → (type, description) — also the reference in docs/configuration.md
KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "select": (list, "启用的规则：编号、编号前缀、规则名或类别名；默认全部默认启用的规则"),
    "extend-select": (list, "在 select 之外追加启用的规则（可启用默认关闭的规则）"),
    "ignore": (list, "停用的规则：编号、前缀、规则名或类别名"),
    "fail-on": (str, "达到此严重程度的发现使退出码为 1：error（默认）、warning、info、never"),
    "severity": (dict, "按规则改严重程度，如 {VAG001 = \"error\"}"),
    "rules": (dict, "按规则设置选项，如 [tool.jxlint.rules.FMT006] floor = 90"),
    "rule-dirs": (list, "追加的本地规则目录（相对于配置文件）"),
    "column-synonyms": (dict, "Excel/CSV 列名同义词，如 {\"实施周期指标值\" = [\"总体指标值\"]}"),
    "form-labels": (dict, "表单标签同义词（表头上方的“标签｜值”），如 {project = [\"资金项目\"]}"),
    "framework": (str, "指定指标框架（fw2015、fw2013、fw2021、completion），不按类别名称推断；见 docs/formats.md"),
    "limits": (dict, "读取每个输入文件的上限（行数、单元格长度、解压大小、嵌套层数、时间等），见 [tool.jxlint.limits]"),
    "per-project-ignores": (dict, "按单位/项目忽略规则：键为“单位/项目”通配符（不含 / 时只匹配项目名），值为编号或前缀数组，如 {\"某局本级/*\" = [\"VAG001\"]}；见 docs/suppressions.md"),
}


@dataclass
class Settings:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    column_synonyms: dict[str, list[str]] = field(default_factory=dict)
    form_labels: dict[str, list[str]] = field(default_factory=dict)
    framework: str | None = None  # a key of rules/vocab/frameworks.yaml; None: inferred per table
    limits: Limits = field(default_factory=Limits)
    source: Path | None = None  # the config file these came from
    per_project_ignores: list = field(default_factory=list)  # suppress.Directive entries (scope "config")

    def where(self, key: str) -> str:
        return f"{self.source}: 键 {key}" if self.source else f"选项 {key}"


def _check_type(value: Any, expected: type | tuple[type, ...], where: str) -> None:
    if not isinstance(value, expected):
        names = {list: "数组", str: "字符串", dict: "表", int: "整数", float: "数字", bool: "布尔值"}
        want = names.get(expected, str(expected)) if isinstance(expected, type) else "/".join(names.get(t, str(t)) for t in expected)
        raise ConfigError(f"{where}: 应为{want}，实际是 {value!r}")


def settings_from_mapping(data: dict[str, Any], source: Path | None) -> Settings:
    settings = Settings(source=source)
    base = source.parent if source else Path.cwd()
    for key, value in data.items():
        where = settings.where(key)
        if key not in KEYS:
            raise ConfigError(f"{where}: 未知的配置项；可用：{', '.join(KEYS)}")
        _check_type(value, KEYS[key][0], where)
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: 数组中应全部是字符串")
        if key == "select":
            settings.select = list(value)
        elif key == "extend-select":
            settings.extend_select = list(value)
        elif key == "ignore":
            settings.ignore = list(value)
        elif key == "fail-on":
            if value not in FAIL_LEVELS:
                raise ConfigError(f"{where}: 应为 {' / '.join(FAIL_LEVELS)} 之一，实际是 {value!r}")
            settings.fail_on = value
        elif key == "severity":
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    raise ConfigError(f"{settings.where(f'severity.{code}')}: 应为 error / warning / info 之一，实际是 {sev!r}")
            settings.severity = dict(value)
        elif key == "rules":
            for code, options in value.items():
                _check_type(options, dict, settings.where(f"rules.{code}"))
            settings.rule_options = {k: dict(v) for k, v in value.items()}
        elif key == "rule-dirs":
            settings.rule_dirs = [(base / v).resolve() for v in value]
        elif key == "column-synonyms":
            for col, syns in value.items():
                _check_type(syns, list, settings.where(f"column-synonyms.{col}"))
            settings.column_synonyms = {k: list(v) for k, v in value.items()}
        elif key == "form-labels":
            for label, syns in value.items():
                _check_type(syns, list, settings.where(f"form-labels.{label}"))
            settings.form_labels = {k: list(v) for k, v in value.items()}
        elif key == "framework":
            from .frameworks import load

            known = list(load())
            if value not in known:
                raise ConfigError(f"{where}: 未知的指标框架 {value!r}；可用：{', '.join(known)}")
            settings.framework = value
        elif key == "limits":
            settings.limits = limits_from_mapping(value, settings.where)
        elif key == "per-project-ignores":
            from .suppress import config_directives

            settings.per_project_ignores = config_directives(value, settings.where)
    return settings


def load_config_file(path: Path) -> Settings:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: 配置文件不存在") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc.strerror or exc}）") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("jxlint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: 键 tool.jxlint: 应为表")
    return settings_from_mapping(data, path)


def find_config(start: Path) -> Path | None:
    """The closest jxlint.toml, or pyproject.toml with a [tool.jxlint] table, at or above start."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        own = candidate / "jxlint.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                with pyproject.open("rb") as fh:
                    if "jxlint" in tomllib.load(fh).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def resolve_settings(config: Path | None, first_input: Path | None, overrides: dict[str, Any]) -> Settings:
    """Config file (explicit or discovered) with command-line overrides on top."""
    path = config or (find_config(first_input) if first_input is not None else None)
    settings = load_config_file(path) if path else Settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    if "rule_dirs" in changes:
        changes["rule_dirs"] = settings.rule_dirs + changes["rule_dirs"]
    if "extend_select" in changes:
        changes["extend_select"] = settings.extend_select + changes["extend_select"]
    if "ignore" in changes:
        changes["ignore"] = settings.ignore + changes["ignore"]
    return replace(settings, **changes)
