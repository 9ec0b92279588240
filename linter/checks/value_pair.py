"""``value-pair``: 实施周期指标值 against 年度指标值 of the same indicator (period-annual rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from ..engine.registry import Check, Context, Hit, Params, register
from ..model import Indicator, Project
from ..text import normalize
from ..values import Reading, canonical_unit, parse_value
from .value_format import reading_of


_FULL_WIDTH = re.compile(r"[０-９－—–～]")


class PairParams(Params):
    aspect: Literal["kind", "unit", "operator", "rate-level", "cumulative"]
    multi_year_patterns: list[str] = Field(default_factory=list)


def unit_key(r: Reading) -> str:
    unit = canonical_unit(r.unit)
    return f"{unit}/{r.per}" if r.per else unit


def unit_label(r: Reading) -> str:
    if not r.unit and not r.per:
        return "无单位"
    return f"{r.unit or ''}/{r.per}" if r.per else r.unit


@register("value-pair", accepts=("indicator",))
class ValuePairCheck(Check):
    Params = PairParams
    compares_sides = True

    def __init__(self, params: PairParams, rule):
        super().__init__(params, rule)
        from ..engine.regex import compile_one, is_builtin

        shipped = frozenset(rule.default_params().get("multi_year_patterns", [])) if is_builtin(getattr(rule, "path", None)) else frozenset()
        self.multi_year = [compile_one(p, f"{rule.path}: multi_year_patterns", shipped) for p in params.multi_year_patterns]
        self._last: tuple[Project, bool] | None = None

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
        text = project.name + project.goal
        if _FULL_WIDTH.search(text):  # NFKC only when full-width digits or dashes need it
            text = normalize(text)
        for regex in self.multi_year:
            for m in regex.finditer(text):
                years = [int(y) for y in m.groups() if y and y.isdigit()]
                if len(years) < 2 or years[-1] > years[0]:
                    return True
        return False

    def memo_key(self, ind: Indicator, ctx: Context):
        if self.params.aspect in ("rate-level", "cumulative"):
            return (ind.period_value, ind.annual_value, self.is_multi_year(ctx.project))
        return (ind.period_value, ind.annual_value)

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        if not ind.period_value or not ind.annual_value:
            return
        p, a = parse_value(ind.period_value), parse_value(ind.annual_value)
        if "placeholder" in (p.kind, a.kind):
            return
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
        if p.direction != a.direction or p.number == a.number or None in (p.number, a.number):
            return None
        if self.is_multi_year(ctx.project):
            return None  # annual steps of a multi-year target may differ by design
        sign = p.direction if p.direction else 1
        stricter = (a.number - p.number) * sign > 0
        return {"how": "更严" if stricter else "更宽"}

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
