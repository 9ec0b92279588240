"""``suppression``: directives in a table that hide nothing (SUP001) or cannot be read (SUP002).

In a lint run these rules need every other rule's findings, so api runs them after the
engine (suppress.Suppressor); the engine never calls this check there. A rule's own test
cases (``jxlint test-rules``) do call it: it then runs the built-in default rules that look
at one table, applies the table's directives and reports like a lint run would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..engine.registry import Check, Context, Hit, Params, register
from ..model import Table


class SuppressionParams(Params):
    kind: Literal["unused", "directive"]


@register("suppression", accepts=("table",))
class SuppressionCheck(Check):
    Params = SuppressionParams

    def __call__(self, table: Table, ctx: Context) -> Iterable[Hit]:
        from ..config import Settings
        from ..engine.runner import run_rules
        from ..engine.schema import load_rules
        from ..engine.selection import select_rules
        from ..suppress import Suppressor, collect, is_post

        rules = load_rules([])
        settings = Settings()
        active = select_rules(rules, settings)
        suppressor = Suppressor(rules, active, settings)
        engine = [ar for ar in active if not is_post(ar) and "tables" not in ar.rule.given]
        directives = collect(table)
        suppressor.apply(run_rules([table], engine), directives)
        for kind, d, values in suppressor.problems(directives):
            if kind == self.params.kind:
                from ..suppress import template_values

                yield Hit(vars={**template_values(d), **values}, value=d.text, field=d.where)
