"""The configuration's shape as pydantic models, and pydantic's errors told in Chinese.

``[tool.jxlint]`` / jxlint.toml is validated by ``ConfigFile``; each ``[rules.CODE]`` table by
a model built from that rule's options (linter/engine/rule_options.py). Every error names the
file and the key, says what is wrong, and guesses the key meant when one is close.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from .text import did_you_mean

FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
TYPE_NAMES = {"list": "数组", "string": "字符串", "dict": "表", "int": "整数", "float": "数字", "bool": "布尔值"}


class ConfigFile(BaseModel):
    """One configuration file; the description of each key is its line in docs/configuration.md."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)  # built when a config file is read

    select: list[str] | None = Field(None, description="启用的规则：编号、编号前缀、规则名或类别名；默认全部默认启用的规则")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select", description="在 select 之外追加启用的规则（可启用默认关闭的规则）")
    ignore: list[str] = Field(default_factory=list, description="停用的规则：编号、前缀、规则名或类别名")
    fail_on: Literal["error", "warning", "info", "never"] = Field(
        "error", alias="fail-on", description="达到此严重程度的发现使退出码为 1：error（默认）、warning、info、never"
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict, description="按规则改严重程度，如 {VAG001 = \"error\"}")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="按规则设置选项，如 [tool.jxlint.rules.FMT006] floor = 90")
    rule_dirs: list[str] = Field(default_factory=list, alias="rule-dirs", description="追加的本地规则目录（相对于配置文件）")
    column_synonyms: dict[str, list[str]] = Field(
        default_factory=dict, alias="column-synonyms", description="Excel/CSV 列名同义词，如 {\"实施周期指标值\" = [\"总体指标值\"]}"
    )
    form_labels: dict[str, list[str]] = Field(
        default_factory=dict, alias="form-labels", description="表单标签同义词（表头上方的“标签｜值”），如 {project = [\"资金项目\"]}"
    )
    framework: str | None = Field(None, description="指定指标框架（fw2015、fw2013、fw2021、completion），不按类别名称推断；见 docs/formats.md")
    previous: str | None = Field(None, description="去年的表格（文件或目录，相对于配置文件），与今年对比（year-over-year 规则）；命令行 --previous 优先")
    per_project_ignores: dict[str, Any] = Field(
        default_factory=dict, alias="per-project-ignores",
        description="按单位/项目忽略规则：键为“单位/项目”通配符（不含 / 时只匹配项目名），值为编号或前缀数组，如 {\"某局本级/*\" = [\"VAG001\"]}；见 docs/suppressions.md",
    )
    limits: dict[str, Any] = Field(default_factory=dict, description="读取每个输入文件的上限（行数、单元格长度、解压大小、嵌套层数、时间等），见 [tool.jxlint.limits]")

    @field_validator("framework")
    @classmethod
    def _known_framework(cls, value: str | None) -> str | None:
        from .frameworks import load

        known = list(load())
        if value is not None and value not in known:
            raise ValueError(f"未知的指标框架 {value!r}；可用：{', '.join(known)}")
        return value


def config_keys() -> dict[str, str]:
    """key → description, in the order of the model."""
    return {f.alias or name: f.description or "" for name, f in ConfigFile.model_fields.items()}


def guess(key: str, known: list[str]) -> str:
    """「，是不是 select？」 for a key close to a known one."""
    return did_you_mean(key, known, sep="，", n=2)


def first_error(exc: ValidationError, order: list[str]) -> ErrorDetails:
    """The error on the key that comes first in the user's table (as they read it)."""
    rank = {key: i for i, key in enumerate(order)}
    return min(exc.errors(), key=lambda e: rank.get(str(e["loc"][0]) if e["loc"] else "", len(rank)))


def explain(error: ErrorDetails, where: Callable[[str], str], known: list[str]) -> str:
    """One Chinese line for a pydantic error: ``where(key)``, then what is wrong. ``known``:
    the keys allowed beside an unknown one."""
    loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
    in_list = any(isinstance(p, int) for p in error["loc"])
    key = ".".join(loc)
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return f"{where(key)}: 未知的配置项{guess(loc[-1], known) or '；'}可用：{', '.join(known)}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return f"{where(key)}: 应为 {' / '.join(allowed)} 之一，实际是 {value!r}"
    if kind == "string_type" and in_list:
        return f"{where(key)}: 数组中应全部是字符串"
    if kind == "value_error":
        return f"{where(key)}: {error['ctx']['error']}"
    base = kind.removesuffix("_type").removesuffix("_parsing")
    if base in TYPE_NAMES:
        return f"{where(key)}: 应为{TYPE_NAMES[base]}，实际是 {value!r}"
    return f"{where(key)}: {error['msg']}"
