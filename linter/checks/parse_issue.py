"""``parse-issue``: report what the reader could not place (nothing is dropped silently)."""

from __future__ import annotations

from collections.abc import Iterable

from ..rulekit import Check, Context, Hit, Params, register
from ..model import ParseIssue


class ParseIssueParams(Params):
    kinds: list[str]


@register("parse-issue", accepts=("parse-issue",))
class ParseIssueCheck(Check):
    Params = ParseIssueParams

    def __call__(self, issue: ParseIssue, ctx: Context) -> Iterable[Hit]:
        if issue.kind in self.params.kinds:
            text = issue.text if len(issue.text) <= 60 else issue.text[:60] + "…"
            yield Hit(vars={"text": text, "detail": issue.detail}, value=issue.text, field="line")
