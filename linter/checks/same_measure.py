"""``same-measure``: one project listing the same measure twice under slightly different names
(设备完好率 / 设备完好率（%）), and — worse — with targets that pull opposite ways (≤95% and ≥95%).

Two names are the same measure when they are equal once what does not change the measure is
removed: a bracketed unit or template slot ("（%）", "(亩)", "(≥**万元)"), a leading template
number ("1、", "指标1:"), spaces and punctuation. A bracket that qualifies the population
("（年审）" / "（新申请）") is kept: those are two measures. Names identical as printed are
CMP006's (duplicate names); the operator conflict is judged on identical names too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from ..rulekit import Check, Context, Hit, Params, register
from ..model import Indicator, Project
from ..text import normalize
from ..values import NAME_BRACKET, TEMPLATE_MARKS, UNIT_LABEL, Reading, canonical_unit, grammar, parse_value

_LEAD = re.compile(r"^(?:指标\s*\d+\s*[:：]|\d{1,3}\s*[、.．)）-](?!\d)|[*＊]+)")
_PUNCT = re.compile(r"[\W_]+")
_SLOT_MARKS = re.compile(r"[≥≤><=≧≦＞＜%％\s]")


def _slot(match: re.Match) -> str:
    """Drop a bracket that holds only a unit or a template slot; keep any other."""
    inner = UNIT_LABEL.sub("", TEMPLATE_MARKS.sub("", match.group(1)))
    if not _SLOT_MARKS.sub("", inner):
        return ""  # "（%）", "(≥**%)"
    g = grammar()
    if g.unit_re.search(inner) and g.bare_slot_re.fullmatch(inner):
        return ""  # "(亩)", "(≥**万元)"
    return match.group(0)


@lru_cache(maxsize=65536)  # names repeat across a city's projects; the grammar is built in
def measure_key(name: str) -> str:
    """The name with what does not change the measure removed (see the module doc)."""
    text = normalize(name or "")
    text = _LEAD.sub("", text.strip())
    text = NAME_BRACKET.sub(_slot, text)
    return _PUNCT.sub("", text)


class SameMeasureParams(Params):
    aspect: Literal["near-duplicate", "conflicting-operators"]


def _readings(ind: Indicator) -> list[Reading]:
    return [parse_value(v) for v in (ind.period_value, ind.annual_value) if v]


def _conflict(a: Indicator, b: Indicator) -> tuple[Reading, Reading] | None:
    """A pair of readings, one from each, on the same unit with opposite directions."""
    for ra in _readings(a):
        for rb in _readings(b):
            if ra.kind != "quantity" or rb.kind != "quantity":
                continue
            if ra.direction * rb.direction >= 0 or ra.percent != rb.percent:
                continue
            if canonical_unit(ra.unit) != canonical_unit(rb.unit) or ra.per != rb.per:
                continue
            return ra, rb
    return None


@register("same-measure", accepts=("project",))
class SameMeasureCheck(Check):
    """Not memoised (no memo_key, no memo_fields): its findings point at lines."""

    Params = SameMeasureParams

    def __call__(self, project: Project, ctx: Context) -> Iterable[Hit]:
        first: dict[str, Indicator] = {}
        for ind in project.indicators:
            key = measure_key(ind.name)
            if not key:
                continue
            prev = first.get(key)
            if prev is None:
                first[key] = ind
                continue
            conflict = _conflict(prev, ind)
            same_name = normalize(prev.name) == normalize(ind.name)
            if self.params.aspect == "near-duplicate":
                if same_name or conflict is not None:
                    continue  # CMP006 (identical names) or the conflict rule says it
                vars = {}
            else:
                if conflict is None:
                    continue
                vars = {"first_reading": conflict[0].describe(), "second_reading": conflict[1].describe()}
            yield Hit(
                vars={"first": prev.number, "second": ind.number, "first_name": prev.name, "second_name": ind.name, **vars},
                field="name", value=ind.name, line=ind.field_lines.get("name") or ind.source.line,
            )
