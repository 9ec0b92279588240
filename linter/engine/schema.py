"""The shape of a rule file, validated with pydantic, and loading rule packs from folders.

A rule is one YAML document (see docs/rule-authoring.md). A malformed file is a RuleError
naming the file and the key, never a traceback.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from ..errors import InputError, RuleError
from ..model import plain_dump, plain_load, plain_types
from ..rulekit import get_check
from ..text import did_you_mean
from ..vocab import YAML_LOADER as _Loader
from ..vocab import builtin_rules_dir, cached_yaml, load_vocab  # noqa: F401  (re-exported)
from ..yaml_guard import scan_yaml
from .rule_cache import Codec, cached

CATEGORIES = (
    "parse",
    "vague-target",
    "period-annual",
    "category-code",
    "category-fit",
    "value-format",
    "completeness",
    "arithmetic",
    "boilerplate",
    "year-over-year",
    "suppression",
)
Category = Literal[
    "parse",
    "vague-target",
    "period-annual",
    "category-code",
    "category-fit",
    "value-format",
    "completeness",
    "arithmetic",
    "boilerplate",
    "year-over-year",
    "suppression",
]
Severity = Literal["error", "warning", "info"]

# Where a rule applies ("given"): a field of an indicator or project (the check gets the
# text), or a whole object (the check gets the model object).
TEXT_TARGETS = {
    "indicator.name": ("indicator", "name"),
    "indicator.period_value": ("indicator", "period_value"),
    "indicator.annual_value": ("indicator", "annual_value"),
    "project.goal": ("project", "goal"),
    "project.name": ("project", "name"),
}
OBJECT_TARGETS = ("indicator", "project", "unit", "table", "tables", "parse-issue")
TARGETS = tuple(TEXT_TARGETS) + OBJECT_TARGETS

class _Strict(BaseModel):
    # built on first validation: rules from the rule cache are never validated again
    model_config = ConfigDict(extra="forbid", defer_build=True)


class RuleDocs(_Strict):
    what: str
    why: str
    bad: str
    good: str
    fix: str
    options: str = ""
    notes: str = ""


class RuleOption(_Strict):
    default: Any
    doc: str


class RuleCase(_Strict):
    """One test case: ``input`` (text or an object in model shape) and, for cases that must
    be flagged, optional expectations on the finding."""

    input: Any
    message_contains: str | None = None
    count: int | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    note: str = ""


class RuleTests(_Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
    flag: list[RuleCase]
    pass_: list[RuleCase] = Field(alias="pass")

    @field_validator("flag", "pass_", mode="before")
    @classmethod
    def _wrap_scalars(cls, cases: Any) -> Any:
        if not isinstance(cases, list):
            return cases
        return [c if isinstance(c, dict) and "input" in c else {"input": c} for c in cases]

    @field_validator("flag", "pass_")
    @classmethod
    def _not_empty(cls, cases: list[RuleCase]) -> list[RuleCase]:
        if not cases:
            raise ValueError("至少需要一个测试用例")
        return cases


class AutoFix(_Strict):
    """A rule's safe fix (``jxlint fix``): what it changes, in Chinese, for the rule page and
    reports; ``only`` narrows it to some kinds of hit (a pattern check's family keys)."""

    summary: str
    only: list[str] = Field(default_factory=list)


class CheckSpec(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)
    type: str

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Rule(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2,4}\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    category: Category
    severity: Severity
    summary: str
    given: list[str]
    check: CheckSpec
    message: str
    fix: str
    docs: RuleDocs
    tests: RuleTests
    options: dict[str, RuleOption] = Field(default_factory=dict)
    autofix: AutoFix | None = None  # a fix that cannot change meaning (see linter/autofix.py)
    enabled: bool = True  # on by default; a default-off rule runs only when selected by code
    needs: list[str] = Field(default_factory=list)  # heavy resources, e.g. ["jieba"]
    path: str = ""  # the file it came from (set by the loader)
    base_dir: str = ""  # its folder, for shared vocabulary files
    # the check's parameters with their defaults, validated at load (kept by the rule cache)
    _checked_defaults: Any = PrivateAttr(default=None)

    @field_validator("given", mode="before")
    @classmethod
    def _given_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("given")
    @classmethod
    def _given_known(cls, value: list[str]) -> list[str]:
        for target in value:
            if target not in TARGETS:
                raise ValueError(f"未知的适用对象 {target!r}；可用：{', '.join(TARGETS)}")
        return value

    def default_params(self) -> dict[str, Any]:
        params = self.check.params
        params.update({k: opt.default for k, opt in self.options.items()})
        return params


def _describe(error: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in error["loc"]) or "(顶层)"
    msg = error["msg"]
    if error["type"] == "missing":
        msg = "缺少此键"
    elif error["type"] == "extra_forbidden":
        msg = "未知的键"
    return f"键 {loc}: {msg}"


def _keys_at(loc: tuple) -> list[str]:
    """The keys the rule schema allows in the mapping that holds ``loc``'s last key."""
    from typing import get_args

    model: Any = Rule
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        if field is None:
            return []
        todo, model = [field.annotation], None
        while todo and model is None:
            t = todo.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                model = t
            else:
                todo += list(get_args(t))
        if model is None:
            return []
    return sorted(f.alias or n for n, f in model.model_fields.items() if n not in ("path", "base_dir"))


def parse_rule(data: Any, path: Path) -> Rule:
    if not isinstance(data, dict):
        raise RuleError(f"{path}: 规则文件应是一个 YAML 映射（键: 值），实际是 {type(data).__name__}")
    try:
        rule = Rule.model_validate({**data, "path": str(path), "base_dir": str(path.parent)})
    except ValidationError as exc:
        errors = exc.errors()
        # a misspelt key is both "unknown" and "missing": name the misspelling, not the gap
        unknown = [e for e in errors if e["type"] == "extra_forbidden"]
        first = unknown[0] if unknown else errors[0]
        hint = did_you_mean(str(first["loc"][-1]), _keys_at(first["loc"])) if unknown else ""
        more = f"（另有 {exc.error_count() - 1} 处错误）" if exc.error_count() > 1 else ""
        raise RuleError(f"{path}: {_describe(first)}{hint}{more}") from None
    check = get_check(rule.check.type, path)
    if check.shared_options:
        rule.options = {**shared_options(rule, check.shared_options), **rule.options}
    known = list(check.Params.model_fields)
    for key in rule.default_params():
        if key not in known:
            where = "check" if key in rule.check.params else "options"
            raise RuleError(f"{path}: 键 {where}.{key}: 未知的参数（检查类型 {check.name}）{did_you_mean(key, known)}")
    for target in rule.given:
        kind = "text" if target in TEXT_TARGETS else target
        if kind not in check.accepts:
            raise RuleError(
                f"{path}: 键 given: 检查类型 {check.name!r} 不能用于 {target!r}（它适用于 {', '.join(check.accepts)}）"
            )
    rule._checked_defaults = check.validate(rule.default_params(), path)
    if rule.autofix is not None and not getattr(check, "fixes", False):
        raise RuleError(f"{path}: 键 autofix: 检查类型 {check.name!r} 不提供自动修复")
    from .templates import check_template

    check_template(rule.message, "message", path)
    check_template(rule.fix, "fix", path)
    from .case_keys import case_input_problem

    given = rule.given[0]
    for kind, cases in (("flag", rule.tests.flag), ("pass", rule.tests.pass_)):
        for i, case in enumerate(cases):
            problem = case_input_problem(given, given in TEXT_TARGETS, case.input, f"tests.{kind}.{i}.input")
            if problem:
                raise RuleError(f"{path}: 键 {problem}")
    return rule


def shared_options(rule: Rule, ref: str) -> dict[str, RuleOption]:
    data = load_vocab(rule, ref)
    try:
        return {name: RuleOption.model_validate(copy.deepcopy(spec)) for name, spec in (data or {}).items()}
    except (AttributeError, ValidationError) as exc:
        raise RuleError(f"{rule.path}: 选项词表 {ref} 格式错误（每项应为 {{default, doc}}）：{exc}") from None


def load_rule_file(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
        if not path.resolve().is_relative_to(builtin_rules_dir().resolve()):  # shipped rule files are trusted like the code
            scan_yaml(text, path, _Loader)  # depth, huge integers, alias bombs: before building
        docs = [d for d in yaml.load_all(text, Loader=_Loader) if d is not None]
    except InputError as exc:
        raise RuleError(str(exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise RuleError(f"{path}: YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: 无法读取规则文件（{exc}）") from None
    return [parse_rule(d, path) for d in docs]


def load_rule_dir(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise RuleError(f"{directory}: 规则目录不存在")
    rules: list[Rule] = []
    for path in sorted(directory.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or path.parent.name == "vocab" or "vocab" in path.parts:
            continue
        rules.extend(load_rule_file(path))
    return rules


def load_rule_pack(directory: Path) -> list[Rule]:
    """A folder of rules to test or use on its own (``jxlint test-rules DIR``): it must hold
    rules, and a local pack must not reuse a built-in code or name — caught here, at load,
    not first when the pack is used in a check."""
    rules = load_rule_dir(directory)
    if not rules:
        raise RuleError(f"{directory}: 规则目录中没有规则文件（*.yaml / *.yml，vocab 目录除外）；请检查路径")
    if directory.resolve() != builtin_rules_dir().resolve():
        builtin = load_rule_dir(builtin_rules_dir())
        codes = {r.code: r for r in builtin}
        names = {r.name: r for r in builtin}
        for rule in rules:
            if rule.code in codes:
                raise RuleError(f"{rule.path}: 键 code: 规则编号 {rule.code} 已被内置规则 {codes[rule.code].name} 使用；本地规则请用新的编号")
            if rule.name in names:
                raise RuleError(f"{rule.path}: 键 name: 规则名 {rule.name} 已被内置规则 {names[rule.name].code} 使用")
    return rules


# -- the compiled rule cache's JSON form (engine/rule_cache.py) ---------------------------------

def encode_rules(rules: list[Rule]) -> list[dict]:
    """Each rule's fields and its validated default check parameters, as JSON data."""
    out = []
    for rule in rules:
        defaults = rule._checked_defaults
        out.append({"rule": plain_dump(rule), "defaults": None if defaults is None else plain_dump(defaults)})
    return out


def decode_rules(data: list[dict]) -> list[Rule]:
    """The rules encode_rules gave ``data`` for, without validation (they were validated when
    stored: a cache entry is keyed by the rule files and by jxlint's code)."""
    rules = []
    for entry in data:
        rule = plain_load(Rule, entry["rule"])
        if entry["defaults"] is not None:  # the check type's parameters, validated when stored
            params = get_check(rule.check.type, rule.path).Params
            rule._checked_defaults = plain_load(params, entry["defaults"])
        rules.append(rule)
    return rules


def same_rules(a: list[Rule], b: list[Rule]) -> bool:
    """Equal rules and check parameters, with the same names given and of the same types
    (1 == 1.0 == True for ==): what a rule cache entry must give back to be kept."""
    def form(rule: Rule):
        dumped = [plain_dump(rule), plain_dump(rule._checked_defaults)]
        return dumped, plain_types(dumped)

    # pydantic's == compares the private attributes (the check parameters) too
    return len(a) == len(b) and all(x == y and form(x) == form(y) for x, y in zip(a, b))


RULES_JSON = Codec(encode_rules, decode_rules, same_rules)


def load_rules(extra_dirs: list[Path] | None = None, vet: Callable[[Rule], None] | None = None) -> list[Rule]:
    """The built-in rules and those of ``extra_dirs``; ``vet`` checks each of the latter
    further (linter.rulebook runs their flag cases). Check types must be registered. Each
    folder is parsed and validated once per content (engine/rule_cache.py)."""
    from ..rulekit import check_types

    if not check_types():  # cached rules skip get_check: say it here, as an uncached load would
        get_check("", builtin_rules_dir())
    rules = list(cached(builtin_rules_dir(), load_rule_dir, RULES_JSON))
    for directory in extra_dirs or []:
        rules.extend(cached(directory, lambda d: _load_local_dir(d, vet), RULES_JSON, salt="local"))
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in seen:
            raise RuleError(f"{rule.path}: 键 code: 规则编号 {rule.code} 与 {seen[rule.code].path} 重复")
        if rule.name in names:
            raise RuleError(f"{rule.path}: 键 name: 规则名 {rule.name} 与 {names[rule.name].path} 重复")
        seen[rule.code] = rule
        names[rule.name] = rule
    return sorted(rules, key=lambda r: r.code)


def _load_local_dir(directory: Path, vet: Callable[[Rule], None] | None) -> list[Rule]:
    local = load_rule_dir(directory)
    for rule in local:
        if vet is not None:
            vet(rule)
    return local
