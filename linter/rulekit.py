"""Check types: small registered classes that rules refer to by name (``check.type``).

What the engine and every check type share, below both: the engine runs checks it never
imports; the built-in ones register when ``linter.checks`` is imported (linter.api and the
CLI do that).

A check type declares which targets it accepts, a pydantic model of its parameters, and a
``__call__(target, ctx)`` that yields Hits. Adding a rule that reuses a check type needs
no Python; adding a check type is one class with ``@register``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from dataclasses import field as dc_field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import RuleError

if TYPE_CHECKING:
    from .model import Indicator, Project, Table, Unit


@dataclass(slots=True)
class Context:
    table: Table | None = None
    unit: Unit | None = None
    project: Project | None = None
    indicator: Indicator | None = None
    field: str | None = None  # for text targets: which field the text came from
    tables: list[Table] | None = None
    stage: Any = None  # for the "tables" target: the run's cross-table stage (engine/cross.py)

    def publishes(self, field: str | None) -> bool:
        """Whether the table publishes this value side (实施周期/年度 target column). An
        annual-only table has no period value to miss or compare; unknown sides count as both."""
        return publishes(self.table, field)


VALUE_SIDES = {"period_value": "period", "annual_value": "annual"}

# Entries a check keeps in a per-name cache before it starts again: a worker checks a whole
# city corpus (hundreds of thousands of distinct names), and its memory must not grow with it.
CACHE_LIMIT = 100_000


def remember(cache: dict, key, value):
    """cache[key] = value, emptying the cache first when it holds CACHE_LIMIT entries; the value."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def publishes(table: Table | None, field: str | None) -> bool:
    side = VALUE_SIDES.get(field or "")
    if side is None or table is None or table.value_sides in (None, "both"):
        return True
    return table.value_sides == side


def one_sided(table: Table | None) -> bool:
    return table is not None and table.value_sides in ("period", "annual")


@dataclass(slots=True)
class Hit:
    """One defect found by a check; the engine turns it into a Finding."""

    vars: dict[str, Any] = dc_field(default_factory=dict)  # message template variables
    field: str | None = None  # overrides the target's field (object targets)
    value: str | None = None  # the offending text
    line: int | None = None  # overrides the location's line
    reading: dict[str, str] = dc_field(default_factory=dict)
    data: dict[str, Any] = dc_field(default_factory=dict)
    # Overrides for findings about another object than the target (e.g. a group member).
    context: Context | None = None
    previous: str | None = None  # last year's counterpart of value (year-over-year rules)


class Params(BaseModel):
    # validators are built on first validation: a run whose rules come from the rule cache
    # with their default parameters validates none (see ActiveRule.check)
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Check:
    name: ClassVar[str]
    accepts: ClassVar[tuple[str, ...]]
    Params: ClassVar[type[Params]] = Params
    # A check that compares the two value sides (实施周期 vs 年度) says nothing on a table
    # that publishes one side; findings on a side the table does not publish are dropped
    # for every check (see runner.run_rules).
    compares_sides: ClassVar[bool] = False
    # A vocabulary file (rules/vocab/…) of user options, ``name: {default, doc}``, that every
    # rule of this type offers; the engine adds them to each rule's own ``options``.
    shared_options: ClassVar[str | None] = None
    # The hits depend on the target alone (a text): the runner uses it as the memo key
    # without calling memo_key for each of half a million targets.
    memo_by_target: ClassVar[bool] = False

    def __init__(self, params: Any, rule: Any):  # rule: the engine's Rule (code, base_dir, …)
        self.params = params
        self.rule = rule

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:  # pragma: no cover
        raise NotImplementedError

    # Whether ``edit`` can propose a safe fix (a rule may then declare ``autofix:``).
    fixes: ClassVar[bool] = False

    def edit(self, hit: Hit, target: Any, ctx: Context) -> dict | None:
        """The safe fix of one hit as ``linter.autofix.field_edit`` builds it, or None when the
        table does not settle the right text."""
        return None

    def memo_key(self, target: Any, ctx: Context) -> Any:
        """A hashable key of everything the hits depend on, or None (no memoisation).

        Hits are then reused for every target with the same key, so they must not hold
        anything specific to one target (no ``line``, no ``context``). By default the
        ``memo_fields`` of the target's kind with ``memo_table``: a check that declares
        those needs no memo_key of its own."""
        paths = self.memo_fields.get(type(target).__name__.lower()) if self.memo_fields else None
        if paths is None:
            return None
        key = (self.memo_table(ctx.table) if ctx.table is not None else None, attrgetter(*paths)(target))
        if self.memo_project is not None:
            return (*key, self.memo_project(ctx.project, ctx.table))
        return key

    # Checks whose memo_key gives every target the same key say so with the same memo_shape
    # (any hashable naming the key function and what it reads, e.g. the frameworks): the
    # runner then computes those keys once per target for all their rules. None: not shared.
    memo_shape: Any = None
    # The cheap form of memo_key, used instead of it where given: by target kind, the target's
    # attributes the hits depend on (paths as operator.attrgetter reads them, "level2.raw"),
    # plus memo_table(table), what they depend on that is the same for a whole table. The
    # runner groups a table's targets by those attributes once for every rule reading them.
    memo_fields: dict[str, tuple[str, ...]] = {}

    def memo_table(self, table: Table) -> Hashable:
        return None

    # With memo_fields: what the hits also depend on that is the same for every target of one
    # project, ``memo_project(project, table)`` (the year a project's name states, whether it
    # runs over several years); the runner asks it once per project, not once per indicator.
    # Checks with the same memo_shape must give the same answers. None: nothing of the kind.
    memo_project: Callable[[Project | None, Table | None], Hashable] | None = None

    def skips_table(self, table: Table) -> bool:
        """Whether the check has nothing to say on this table at all (e.g. no last year's
        table to compare with): the runner then does not walk its targets."""
        return False

    @classmethod
    def validate(cls, params: dict[str, Any], path: Path | str) -> Any:
        try:
            return cls.Params.model_validate(params)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            msg = "未知的参数" if err["type"] == "extra_forbidden" else "缺少此参数" if err["type"] == "missing" else err["msg"]
            raise RuleError(f"{path}: 键 check.{loc}: {msg}（检查类型 {cls.name}）") from None


_REGISTRY: dict[str, type[Check]] = {}


def register(name: str, accepts: tuple[str, ...]):
    def deco(cls: type[Check]) -> type[Check]:
        cls.name = name
        cls.accepts = accepts
        _REGISTRY[name] = cls
        return cls

    return deco


def get_check(name: str, path: Path | str = "") -> type[Check]:
    if not _REGISTRY:  # a library caller that loads rules through the engine directly
        raise RuleError(f"{path}: 键 check.type: 检查类型尚未注册（请先 import linter.checks，或用 linter.rulebook.load_rules）")
    try:
        return _REGISTRY[name]
    except KeyError:
        raise RuleError(f"{path}: 键 check.type: 未知的检查类型 {name!r}；可用：{', '.join(sorted(_REGISTRY))}") from None


def check_types() -> dict[str, type[Check]]:
    return dict(_REGISTRY)


class CrossTableCheck(Check):
    """A check over all tables of a run (engine/cross.py runs it in the run's CrossStage).
    Subclasses register with ``accepts=("tables",)``."""

    def table_parts(self) -> dict[Hashable, Callable[[Table], dict]]:
        return {}

    def stage_jobs(self, tables: list[Table], ctx: Context) -> dict[Hashable, tuple]:
        """The run-wide computations this check reads with ``ctx.stage.shared(key, compute)``,
        each as (a rough weight, a callable returning a module-level function and its picklable
        arguments) whose result is what the memo holds. A parallel run makes and starts the
        heaviest in a side process before the stage runs (engine/cross.py
        ``CrossStage.precompute``); any other is computed when a check first needs it, with the
        same key and the same function. (Making a job can cost: only the one sent is made.)"""
        return {}
