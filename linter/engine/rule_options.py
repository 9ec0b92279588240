"""A ``[rules.CODE]`` table as a pydantic model built from that rule's own options.

Each option takes a value of its default's kind (a number for a number, a list for a list…);
``extend-NAME`` adds to a list or table option; ``severity`` sets the rule's level.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError, create_model

from ..config_model import explain, first_error, guess
from ..errors import ConfigError
from .schema import Rule

EXTEND = "extend-"


def _kind(default: Any) -> Any:
    """The type a value must have to replace ``default`` (None: anything)."""
    if isinstance(default, bool):
        return StrictBool
    if isinstance(default, (int, float)):
        return StrictInt | StrictFloat
    if isinstance(default, str):
        return StrictStr
    if isinstance(default, (list, dict)):
        return type(default)
    return Any


def options_model(rule: Rule) -> type[BaseModel]:
    fields: dict[str, Any] = {"severity": (Literal["error", "warning", "info"] | None, Field(None, alias="severity"))}
    for i, (name, option) in enumerate(rule.options.items()):
        fields[f"o{i}"] = (_kind(option.default) | None, Field(None, alias=name))
        if isinstance(option.default, (list, dict)):
            fields[f"e{i}"] = (type(option.default) | None, Field(None, alias=EXTEND + name))
    return create_model(f"Options{rule.code}", __config__=ConfigDict(extra="forbid", strict=True), **fields)


def known_keys(rule: Rule) -> list[str]:
    extend = [EXTEND + k for k, o in rule.options.items() if isinstance(o.default, (list, dict))]
    return ["severity", *rule.options, *extend]


def check_options(rule: Rule, options: dict[str, Any], where) -> None:
    """Raise a ConfigError (file, key, what is wrong) for the first bad key of ``options``."""
    try:
        options_model(rule).model_validate(options)
    except ValidationError as exc:
        error = first_error(exc, list(options))
        key = str(error["loc"][0])
        here = lambda k: where(f"rules.{rule.code}.{k}")  # noqa: E731
        name = key.removeprefix(EXTEND)
        if key.startswith(EXTEND) and name in rule.options:
            raise ConfigError(f"{here(key)}: extend- 只能用于数组或表类型的选项，且值类型要一致") from None
        if error["type"] == "extra_forbidden":
            raise ConfigError(f"{here(key)}: 规则 {rule.code} 没有此选项{guess(key, known_keys(rule)) or '；'}可用：{', '.join(known_keys(rule))}") from None
        if key in rule.options:
            raise ConfigError(f"{here(key)}: 类型应与默认值 {rule.options[key].default!r} 一致，实际是 {options[key]!r}") from None
        raise ConfigError(explain(error, here, known_keys(rule))) from None

