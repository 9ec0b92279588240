"""``arithmetic``: stated totals against the sum of their parts, with rounding tolerance.

Published amounts are rounded to 0.01 (万元); a sum of n rounded items can be off by up to
(n + 1) × 0.005 without any error in the source. Such a difference is a rounding remainder
(尾差, ``kind: rounding``); a larger one is a mismatch (``kind: mismatch``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from ..rulekit import Check, Context, Hit, Params, register
from ..model import Amounts


class ArithmeticParams(Params):
    kind: Literal["mismatch", "rounding"]
    rounding_per_item: float = 0.005


def _fmt(x: Decimal) -> str:
    return f"{x:,.2f}"


@register("arithmetic", accepts=("project", "unit", "table"))
class ArithmeticCheck(Check):
    Params = ArithmeticParams

    def pairs(self, target: Any, ctx: Context) -> list[tuple[str, Decimal, list[Decimal], str]]:
        """(what, stated total, parts, field) to compare."""
        if ctx.project is not None:
            a: Amounts = target.amounts
            if a.total is None or len(a.figures) < 2:
                return []
            return [("项目总计与各资金来源之和", a.total, a.parts, "amounts")]
        if ctx.unit is not None:
            totals = [p.amounts.total for p in target.projects if p.amounts.total is not None]
            if target.amounts.total is None or not totals:
                return []
            return [("单位合计与所属项目总计之和", target.amounts.total, totals, "amounts")]
        table = target
        totals = [u.amounts.total for u in table.units if u.amounts.total is not None]
        if table.total is None or table.total.total is None or not totals:
            return []
        return [("部门合计与各单位合计之和", table.total.total, totals, "amounts")]

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:
        for what, stated, parts, field in self.pairs(target, ctx):
            total = sum(parts, Decimal("0"))
            diff = stated - total
            if diff == 0:
                continue
            tolerance = Decimal(str(self.params.rounding_per_item)) * (len(parts) + 1)
            rounding = abs(diff) <= tolerance
            if rounding != (self.params.kind == "rounding"):
                continue
            line = target.field_lines.get("amounts") if hasattr(target, "field_lines") else None
            yield Hit(
                vars={"what": what, "stated": _fmt(stated), "sum": _fmt(total), "diff": _fmt(abs(diff)),
                      "n": len(parts), "tolerance": _fmt(tolerance)},
                field=field, value=_fmt(stated), line=line,
            )
