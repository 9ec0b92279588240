"""``year-over-year``: this year's project against last year's (matched by linter.previous).

Silent on a table checked without --previous. One check type, one aspect per rule:
``same-targets`` (money grew, count targets unchanged), ``lowered`` (a target eased with the
same or more money), ``dropped`` (an indicator of last year gone), ``goal-copied`` (the goal
word for word while the money changed), ``ambiguous`` (no single counterpart).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..vocab import load_vocab
from ..findings import FIELD_LABEL
from ..model import Indicator, Project
from ..previous import Ambiguous, ProjectMatch, YearPair
from ..previous.names import fold_value, values_equal
from ..values import Reading, parse_value
from .metrics import MetricLexicon
from .value_format import reading_of
from .value_pair import unit_key

SIDES = ("annual_value", "period_value")


class YearParams(Params):
    aspect: Literal["same-targets", "lowered", "dropped", "goal-copied", "ambiguous"]
    lexicon: str = "vocab/metric-lexicon.yaml"
    growth: float = 0.2  # same-targets: money grew by more than this share
    min_change: float = 0.1  # goal-copied: money changed by more than this share
    min_chars: int = 10  # goal-copied: shorter goals are not compared
    # Units of money: a cost ceiling follows the budget, so it is neither a count that should
    # grow with money nor a target eased when it rises.
    money_units: list[str] = Field(default_factory=lambda: ["元", "万元", "亿元", "千元"])
    # Without a direction in the name or an operator, a number with one of these units is a
    # time span (办结时限 15天), not a count: its direction is unknown.
    time_units: list[str] = Field(default_factory=lambda: ["天", "日", "工作日", "小时", "分钟", "个月", "月", "年", "周"])


def _pair(ctx: Context) -> YearPair | None:
    pair = getattr(ctx.table, "_previous", None) if ctx.table is not None else None
    return pair if isinstance(pair, YearPair) else None


def _amount(x: Decimal | None, unit: str) -> str:
    return f"{x:,.2f} {unit}" if x is not None else "（未填）"


def _growth(this: Project, last: Project) -> float | None:
    a, b = this.amounts.total, last.amounts.total
    if a is None or b is None or b <= 0:
        return None
    return float(a / b) - 1


def _pct(share: float) -> str:
    return f"{share:+.0%}"


@register("year-over-year", accepts=("project", "indicator"))
class YearOverYearCheck(Check):
    Params = YearParams

    def __init__(self, params: YearParams, rule):
        super().__init__(params, rule)
        self.lexicon = MetricLexicon(load_vocab(rule, params.lexicon)) if params.aspect in ("lowered", "same-targets") else None
        self.judge = getattr(self, "_" + params.aspect.replace("-", "_"))

    def skips_table(self, table) -> bool:
        return _pair(Context(table=table)) is None  # no last year's table: nothing to compare

    def __call__(self, target, ctx: Context) -> Iterable[Hit]:
        pair = _pair(ctx)
        if pair is None or ctx.project is None:
            return
        found = pair.project(ctx.project)
        if found is None:
            return
        yield from self.judge(target, ctx, pair, found)

    def _money_vars(self, ctx: Context, found: ProjectMatch) -> dict:
        unit = ctx.table.money_unit or "万元"
        growth = _growth(ctx.project, found.project)
        return {
            "money": _amount(ctx.project.amounts.total, unit),
            "previous_money": _amount(found.project.amounts.total, unit),
            "growth": _pct(growth) if growth is not None else "",
            "rise": f"{abs(growth):.0%}" if growth is not None else "",
            "previous_project": found.project.name,
        }

    # -- project aspects ---------------------------------------------------------------

    def _ambiguous(self, project: Project, ctx: Context, pair: YearPair, found) -> Iterable[Hit]:
        if not isinstance(found, Ambiguous):
            return
        names = "；".join(f"「{p.name}」" for _, p in found.candidates)
        why = "去年的这个项目与今年的多个项目同样接近" if found.claimed_by_several else "去年有多个同样接近的项目"
        yield Hit(field="name", value=project.name, previous=names, vars={"candidates": names, "why": why})

    def _dropped(self, project: Project, ctx: Context, pair: YearPair, found) -> Iterable[Hit]:
        if not isinstance(found, ProjectMatch):
            return
        inds = pair.indicators(project)
        if not inds.pairs and len(inds.dropped) > 1:
            # nothing kept: the indicators were rewritten, one finding rather than one per indicator
            names = "".join(f"「{d.name}」" for d in inds.dropped)
            yield Hit(value=names, previous=names,
                      vars={"dropped": f"全部 {len(inds.dropped)} 个指标{names}", **self._money_vars(ctx, found)})
            return
        for last in inds.dropped:
            values = "；".join(f"{FIELD_LABEL[f]} {getattr(last, f)}" for f in ("period_value", "annual_value") if getattr(last, f))
            number = f"第{last.number}个" if last.number is not None else ""
            yield Hit(
                value=last.name,
                previous=f"{last.name}：{values}" if values else last.name,
                vars={"dropped": f"{number}指标「{last.name}」（{values or '未填指标值'}）", **self._money_vars(ctx, found)},
            )

    def _goal_copied(self, project: Project, ctx: Context, pair: YearPair, found) -> Iterable[Hit]:
        if not isinstance(found, ProjectMatch):
            return
        goal = fold_value(project.goal)
        if len(goal) < self.params.min_chars or goal != fold_value(found.project.goal):
            return
        growth = _growth(project, found.project)
        if growth is None or abs(growth) <= self.params.min_change:
            return
        yield Hit(field="goal", value=project.goal, previous=found.project.goal, vars=self._money_vars(ctx, found))

    def _same_targets(self, project: Project, ctx: Context, pair: YearPair, found) -> Iterable[Hit]:
        if not isinstance(found, ProjectMatch):
            return
        growth = _growth(project, found.project)
        if growth is None or growth <= self.params.growth:
            return
        inds = pair.indicators(project)
        if any(self._countable(i) for i in inds.added):
            return  # a new count target may carry the extra money
        counts = [(a, b) for a, b in inds.pairs if self._countable(a) or self._countable(b)]
        if not counts:
            return
        if any(not values_equal(getattr(a, f), getattr(b, f)) for a, b in counts for f in SIDES):
            return
        first = counts[0][0]
        example = f"{first.name}：{first.annual_value or first.period_value}"
        money = self._money_vars(ctx, found)
        yield Hit(field="amounts", value=money["money"], previous=money["previous_money"],
                  vars={**money, "count": len(counts), "example": example})

    def _countable(self, ind: Indicator) -> bool:
        """A count that could grow with money: a number with a unit, not a rate, not money."""
        for f in SIDES:
            r = parse_value(getattr(ind, f))
            if r.kind in ("quantity", "range") and r.unit and not r.percent and (r.number or 0) > 0 \
                    and r.unit not in self.params.money_units and not self.lexicon.is_satisfaction(ind.name):
                return True
        return False

    # -- indicator aspect --------------------------------------------------------------

    def _lowered(self, ind: Indicator, ctx: Context, pair: YearPair, found) -> Iterable[Hit]:
        if not isinstance(found, ProjectMatch):
            return
        growth = _growth(ctx.project, found.project)
        if growth is None or growth < 0:
            return  # less money may justify a lower target
        last = pair.indicators(ctx.project).counterpart(ind)
        if last is None:
            return
        for f in SIDES:
            now, before = getattr(ind, f), getattr(last, f)
            if not now or not before or values_equal(now, before):
                continue
            this_r, last_r = parse_value(now), parse_value(before)
            how = self._eased(ind.name, this_r, last_r)
            if how:
                money = self._money_vars(ctx, found)
                same = "资金与去年相同" if growth == 0 else f"资金比去年增加 {money['rise']}（{money['previous_money']} → {money['money']}）"
                yield Hit(field=f, value=now, previous=before, reading=reading_of(ind),
                          vars={**money, "side": FIELD_LABEL[f], "reading": this_r.describe(),
                                "previous_reading": last_r.describe(), "how": how, "money_phrase": same})
                return  # one finding per indicator: the annual side first

    def _eased(self, name: str, now: Reading, before: Reading) -> str | None:
        if now.kind != "quantity" or before.kind != "quantity" or None in (now.number, before.number):
            return None
        if unit_key(now) != unit_key(before) or now.percent != before.percent or now.approx or before.approx:
            return None
        if now.unit in self.params.money_units:
            return None
        ops = {now.direction, before.direction} - {0}
        if len(ops) > 1:
            return None  # the operator turned round: a value-format question, not a lower target
        op = ops.pop() if ops else 0
        sign, _ = self.lexicon.direction(name)
        if sign and op and sign != op:
            return None  # name and operator disagree (FMT003): the direction is unsure
        lower = "正向指标的下限降低"
        sign = sign or op
        if not sign and now.unit and not now.percent and now.unit not in self.params.time_units:
            sign, lower = 1, "数量减少"  # a bare count ("10个"): fewer is less
        if sign > 0 and now.number < before.number:
            return lower
        if sign < 0 and now.number > before.number:
            return "反向指标的上限提高"
        return None
