"""``verdict-on-degree``: a yes/no verdict (达成, 是, 合格) as the value of an indicator whose
name denotes a degree or a quality (认可度, 带动作用, 保障水平, 便捷性). The kind is read from
the name's head (the words it ends with), from a shared vocabulary; events (是否按期完成,
系统上线, 通过验收) take a verdict fairly and pass."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..vocab import load_vocab
from ..findings import FIELD_LABEL
from ..model import Indicator
from ..text import normalize

FIELDS = ("period_value", "annual_value")


class VerdictParams(Params):
    vocab: str = "vocab/degree-heads.yaml"
    extra_degree: list[str] = Field(default_factory=list)
    extra_event: list[str] = Field(default_factory=list)
    extra_verdict: list[str] = Field(default_factory=list)


def _any(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class DegreeHeads:
    """Reads a name's head against the degree/event vocabulary."""

    def __init__(self, data: dict, extra_degree=(), extra_event=(), extra_verdict=()):
        self.trailing = [re.compile(p) for p in data.get("trailing", [])]
        # in order: the first that matches names the head (longer words first)
        self.degree = [re.compile(p) for p in [*data.get("degree", []), *extra_degree]]
        self.event = _any([*data.get("event", []), *extra_event])
        self.verdict = _any([*data.get("verdict", []), *extra_verdict])

    def head(self, name: str) -> str:
        text = normalize(name)
        changed = True
        while changed and text:
            changed = False
            for regex in self.trailing:
                cut = regex.sub("", text)
                if cut != text and cut:
                    text, changed = cut, True
        return text

    def degree_head(self, name: str) -> str | None:
        """The degree word the name ends with, or None (not a degree, or an event)."""
        text = self.head(name)
        if self.event is not None and self.event.search(text):
            return None
        for regex in self.degree:
            m = regex.search(text)
            if m:
                return m.group(0)
        return None

    def is_verdict(self, value: str | None) -> bool:
        return bool(value) and self.verdict is not None and bool(self.verdict.search(normalize(value)))


@register("verdict-on-degree", accepts=("indicator",))
class VerdictOnDegreeCheck(Check):
    Params = VerdictParams
    memo_fields = {"indicator": ("name", "period_value", "annual_value")}  # the memo key

    def __init__(self, params: VerdictParams, rule):
        super().__init__(params, rule)
        self.heads = DegreeHeads(load_vocab(rule, params.vocab), params.extra_degree, params.extra_event, params.extra_verdict)

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        if not any(self.heads.is_verdict(getattr(ind, f)) for f in FIELDS):
            return
        head = self.heads.degree_head(ind.name)
        if head is None:
            return
        seen: set[str] = set()
        for field in FIELDS:
            raw = getattr(ind, field)
            if not self.heads.is_verdict(raw) or raw in seen:
                continue
            seen.add(raw)
            same = raw == (ind.annual_value if field == "period_value" else ind.period_value)
            side = FIELD_LABEL[field] + ("（年度指标值相同）" if same else "")
            yield Hit(vars={"head": head, "side": side}, field=field, value=raw)
