"""Configuration: ``[tool.jxlint]`` in pyproject.toml or a ``jxlint.toml``, found by walking
up from the first checked path, or given with ``--config``. Command-line flags win.

Unknown keys and bad values are ConfigErrors naming the file and the key (the file's shape is
the pydantic model in config_model.py).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .config_model import FAIL_LEVELS, SEVERITIES, ConfigFile, config_keys, explain, first_error  # noqa: F401  (re-exported)
from .errors import ConfigError
from .limits import Limits, limits_from_mapping

# key → description — also the reference in docs/configuration.md
KEYS: dict[str, str] = config_keys()


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
    previous: Path | None = None  # last year's table(s): --previous or the config's previous
    per_project_ignores: list = field(default_factory=list)  # suppress.Directive entries (scope "config")

    def where(self, key: str) -> str:
        return f"{self.source}: 键 {key}" if self.source else f"选项 {key}"


def settings_from_mapping(data: dict[str, Any], source: Path | None) -> Settings:
    settings = Settings(source=source)
    base = source.parent if source else Path.cwd()
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(explain(first_error(exc, list(data)), settings.where, list(KEYS))) from None
    settings = replace(
        settings,
        select=config.select,
        extend_select=config.extend_select,
        ignore=config.ignore,
        fail_on=config.fail_on,
        severity=config.severity,
        rule_options=config.rules,
        rule_dirs=[(base / v).resolve() for v in config.rule_dirs],
        column_synonyms=config.column_synonyms,
        form_labels=config.form_labels,
        framework=config.framework,
    )
    if config.previous is not None:
        settings.previous = (base / config.previous).resolve()
    if "limits" in config.model_fields_set:  # limits.py validates its own table
        settings.limits = limits_from_mapping(config.limits, settings.where)
    if config.per_project_ignores:
        from .directives import config_directives

        settings.per_project_ignores = config_directives(config.per_project_ignores, settings.where)
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


def config_candidates(start: Path) -> list[Path]:
    """Every file config discovery looks at, nearest first: jxlint.toml and pyproject.toml in
    start's folder and each folder above it (the result cache watches them all)."""
    folder = (start if start.is_dir() else start.parent).resolve()
    return [d / name for d in (folder, *folder.parents) for name in ("jxlint.toml", "pyproject.toml")]


def find_config(start: Path) -> Path | None:
    """The closest jxlint.toml, or pyproject.toml with a [tool.jxlint] table, at or above start."""
    for candidate in config_candidates(start):
        if not candidate.is_file():
            continue
        if candidate.name == "jxlint.toml":
            return candidate
        try:
            with candidate.open("rb") as fh:
                if "jxlint" in tomllib.load(fh).get("tool", {}):
                    return candidate
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
