"""``symbol-spelling``: operator, percent and digit spellings that the value grammar reads
exactly like the standard form ("＞95％" and ">95%", "≧90%" and "≥90%").

Only a symbol next to a number is touched (an operator right before one, a percent sign or a
unit's letters right after one, full-width digits): "印发＜建设…＞的通知" keeps its brackets.
Each spelling is replaced only when ``values.parse_value`` reads the value the same before
and after, so the safe fix cannot change what the value means.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..values import parse_value

DIGIT = "0-9０-９"


class SymbolParams(Params):
    # spelling → standard form, right before a number ("＞＝" before "＞": longest first)
    operators: dict[str, str] = Field(default_factory=dict)
    # spelling → standard form, right after a number ("％" → "%")
    after_number: dict[str, str] = Field(default_factory=dict)
    # full-width digits and decimal point in a number, full-width letters of a unit after one
    fold_digits: bool = True
    fold_unit_letters: bool = True


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@register("symbol-spelling", accepts=("text",))
class SymbolCheck(Check):
    Params = SymbolParams
    fixes = True
    memo_by_target = True  # memo_key below, known to the runner

    def __init__(self, params: SymbolParams, rule):
        super().__init__(params, rule)
        parts = []
        if params.operators:
            parts.append(rf"(?P<op>{_alternation(params.operators)})(?=\s*[{DIGIT}])")
        if params.after_number:
            parts.append(rf"(?<=[{DIGIT}])(?P<after>{_alternation(params.after_number)})")
        if params.fold_digits:
            parts.append(r"(?P<digits>[０-９]+|(?<=[0-9０-９])．(?=[0-9０-９]))")
        if params.fold_unit_letters:
            parts.append(rf"(?<=[{DIGIT}%％])(?P<letters>[Ａ-Ｚａ-ｚ]+)")
        self.regex = re.compile("|".join(parts)) if parts else None

    def respelled(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """The text with every spelling replaced, and the (spelling, standard) pairs used."""
        used: list[tuple[str, str]] = []

        def swap(m: re.Match) -> str:
            kind = m.lastgroup
            word = m.group(0)
            new = {"op": lambda: self.params.operators[word], "after": lambda: self.params.after_number[word]}.get(
                kind, lambda: word.translate(_FOLD))()
            if new != word and (word, new) not in used:
                used.append((word, new))
            return new

        return self.regex.sub(swap, text), used

    def memo_key(self, target: str | None, ctx: Context):
        return target

    def __call__(self, target: str | None, ctx: Context) -> Iterable[Hit]:
        if not target or self.regex is None or not self.regex.search(target):
            return
        after, used = self.respelled(target)
        if not used or not same_reading(target, after):
            return
        pairs = "、".join(f"「{a}」" for a, _ in used)
        yield Hit(vars={"symbols": pairs, "after": after, "standard": "、".join(f"「{b}」" for _, b in used)})

    def edit(self, hit: Hit, target: str | None, ctx: Context) -> dict | None:
        from ..autofix import field_edit

        if not target or not ctx.field:
            return None
        after, used = self.respelled(target)
        return field_edit(ctx.field, target, after) if used and same_reading(target, after) else None


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII


def same_reading(before: str, after: str) -> bool:
    a, b = parse_value(before), parse_value(after)
    return dataclasses.replace(a, raw="") == dataclasses.replace(b, raw="")
