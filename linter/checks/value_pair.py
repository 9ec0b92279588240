"""``value-pair``: 实施周期指标值 against 年度指标值 of the same indicator (period-annual rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..model import Indicator, Project
from ..text import normalize
from ..values import Reading, canonical_unit, parse_value
from .project_term import is_multi_year
from .value_format import reading_of


class PairParams(Params):
    aspect: Literal["kind", "unit", "operator", "rate-level", "cumulative", "count-level", "echo"]
    multi_year_patterns: list[str] = Field(default_factory=list)


_DEGREE = re.compile(r"(?:性|度|程度)$")
_PUNCT = re.compile(r"[\W_]+")


def _bare(text: str | None) -> str:
    return _PUNCT.sub("", normalize(text or ""))


def same_way(p: Reading, a: Reading) -> bool:
    """The same direction, or one side without one (100% vs ≥90%: both ask for at least)."""
    return p.direction == a.direction or 0 in (p.direction, a.direction)


def unit_key(r: Reading) -> str:
    unit = canonical_unit(r.unit)
    return f"{unit}/{r.per}" if r.per else unit


def unit_label(r: Reading) -> str:
    if not r.unit and not r.per:
        return "无单位"
    return f"{r.unit or ''}/{r.per}" if r.per else r.unit


# aspects whose judgement depends on whether the project runs over several years
MULTI_YEAR_ASPECTS = ("rate-level", "cumulative", "count-level")


@register("value-pair", accepts=("indicator",))
class ValuePairCheck(Check):
    Params = PairParams
    compares_sides = True

    def __init__(self, params: PairParams, rule):
        super().__init__(params, rule)
        from ..patterns import compile_one, is_builtin

        shipped = frozenset(rule.default_params().get("multi_year_patterns", [])) if is_builtin(getattr(rule, "path", None)) else frozenset()
        self.multi_year = [compile_one(p, f"{rule.path}: multi_year_patterns", shipped) for p in params.multi_year_patterns]
        self._last: tuple[Project, bool] | None = None
        self.memo_shape = ("value-pair", params.aspect in MULTI_YEAR_ASPECTS, tuple(params.multi_year_patterns))
        self.memo_fields = {"indicator": ("period_value", "annual_value")}  # = memo_key, cheaper
        if params.aspect in MULTI_YEAR_ASPECTS:  # with whether the project runs over several years
            self.memo_project = self.project_runs_years

    def is_multi_year(self, project: Project | None) -> bool:
        """Asked once per indicator, answered once per project: the runner walks a project's
        indicators one after another. Only the last project is kept (a cache of every project
        held each one, and its indicators, alive in a worker for the whole run)."""
        if project is None:
            return False
        last = self._last
        if last is not None and last[0] is project:
            return last[1]
        result = self._is_multi_year(project)
        self._last = (project, result)
        return result

    def _is_multi_year(self, project: Project) -> bool:
        return is_multi_year(project, self.multi_year)

    def project_runs_years(self, project: Project | None, table) -> bool:
        return self.is_multi_year(project)

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        if not ind.period_value or not ind.annual_value:
            return
        p, a = parse_value(ind.period_value), parse_value(ind.annual_value)
        if "placeholder" in (p.kind, a.kind):
            return
        if self.params.aspect == "echo":
            result = self._echo(ind, p, a)
        else:
            result = getattr(self, "_" + self.params.aspect.replace("-", "_"))(p, a, ctx)
        if result is not None:
            vars = {"period": ind.period_value, "annual": ind.annual_value, "p_reading": p.describe(), "a_reading": a.describe(), **result}
            yield Hit(field="annual_value", value=f"{ind.period_value} ｜ {ind.annual_value}", vars=vars, reading=reading_of(ind))

    def _kind(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        if p.quantitative != a.quantitative:
            return {}
        return None

    def _unit(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        if p.kind not in ("quantity", "range") or a.kind not in ("quantity", "range"):
            return None
        if not (p.unit or p.per) or not (a.unit or a.per):
            return None  # a missing unit is a value-format finding
        if unit_key(p) != unit_key(a):
            return {"p_unit": unit_label(p), "a_unit": unit_label(a)}
        return None

    def _operator(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        if p.kind != "quantity" or a.kind != "quantity":
            return None
        if p.direction * a.direction < 0:
            return {}
        return None

    def _rate_level(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        if p.kind != "quantity" or a.kind != "quantity" or not (p.percent and a.percent):
            return None
        if not same_way(p, a) or p.number == a.number or None in (p.number, a.number):
            return None
        if self.is_multi_year(ctx.project):
            return None  # annual steps of a multi-year target may differ by design
        sign = p.direction or a.direction or 1
        stricter = (a.number - p.number) * sign > 0
        return {"how": "更严" if stricter else "更宽"}

    def _echo(self, ind: Indicator, p: Reading, a: Reading) -> dict | None:
        """One side only repeats the quality word of a degree name (工作完成及时性: "及时"), the
        other states a result ("完成最终成果"): the two values are not one target. A number on
        the other side is PER001's (kind)."""
        if p.quantitative or a.quantitative:
            return None
        stem = _DEGREE.sub("", _bare(ind.name))
        if stem == _bare(ind.name):
            return None  # not a degree name
        for echo, other, side in ((a, p, "年度"), (p, a, "实施周期")):
            word = _bare(echo.raw)
            if 2 <= len(word) <= 4 and stem.endswith(word) and _bare(other.raw) != word:
                return {"side": side, "echo": echo.raw, "other_side": "实施周期" if side == "年度" else "年度", "other": other.raw}
        return None

    def _count_level(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        """A one-year project's period count above its annual count (≧9宗 vs ≧3宗): the
        period is the budget year, so the two must agree. An annual count above the period
        one is PER005's."""
        if p.kind != "quantity" or a.kind != "quantity" or p.percent or a.percent:
            return None
        if p.per != a.per or unit_key(p) != unit_key(a) or not p.unit:
            return None
        if not same_way(p, a) or None in (p.number, a.number) or p.number <= a.number:
            return None
        if p.direction < 0 or a.direction < 0:
            return None  # a ceiling (≤3次) may be looser over the period
        if self.is_multi_year(ctx.project):
            return None
        return {}

    def _cumulative(self, p: Reading, a: Reading, ctx: Context) -> dict | None:
        if p.kind != "quantity" or a.kind != "quantity" or p.percent or a.percent:
            return None
        if p.per or a.per or unit_key(p) != unit_key(a) or not p.unit:
            return None
        if p.direction < 0 or a.direction < 0 or None in (p.number, a.number):
            return None
        if a.number > p.number:
            multi = self.is_multi_year(ctx.project)
            return {"why": "项目跨多个年度，实施周期的累计数应不小于当年数" if multi else "实施周期包含本年度，累计数应不小于当年数"}
        return None
