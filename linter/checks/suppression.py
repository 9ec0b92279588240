"""``suppression``: directives in a table that hide nothing (SUP001) or cannot be read (SUP002).

These rules need every other rule's findings, so the API runs them after the engine
(suppress.Suppressor) and a rule's own test cases run them the same way (rulecases.run_case);
this class only registers the check type and its parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..rulekit import Check, Context, Hit, Params, register
from ..model import Table


class SuppressionParams(Params):
    kind: Literal["unused", "directive"]


@register("suppression", accepts=("table",))
class SuppressionCheck(Check):
    Params = SuppressionParams

    # The template names the post-pass fills (suppress.template_values, Suppressor.problems),
    # declared here so that the rule-author reference (linter/template_vars.py) lists them.
    vars = {"directive": None, "where": None, "scope": None, "codes": None, "problem": None}

    def __call__(self, table: Table, ctx: Context) -> Iterable[Hit]:
        # Never called by the engine: SUP rules need every other rule's findings, so the API
        # (suppress.Suppressor) and the rule cases (rulecases.run_case) run them afterwards.
        return ()
