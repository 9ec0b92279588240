"""``measure-fit``: what kind of measure an indicator is — from its name's head and its values'
unit together (vocab/measure-kinds.yaml) — against the level 2 it is filed under.

The name-lexicon rules (``category-fit``) judge the words of a name; this check also reads the
values, so it tells a time limit (响应时间 ≤5秒) from time delivered (动画时长 ≥1200分钟) and sees
a count in a name that does not say so (公平竞争审查表 = 1份). Precision first: no kind, no
finding; a name that carries a term of the category it is filed under is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .. import frameworks as fwlib
from ..rulekit import Check, Context, Hit, Params, register, remember
from ..vocab import load_vocab
from ..model import Indicator
from ..text import normalize
from ..values import Reading, parse_value
from .category_fit import as_meaning, leader, shared_scorer
from .codes import rule_frameworks
from .metrics import MetricLexicon

Kind = Literal["duration", "count", "plain-rate"]

_NOTE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_LEAD = re.compile(r"^(?:指标\s*\d+\s*[:：]|\d{1,3}\s*[、.．)）-]|[*＊]+)")


def bare_name(name: str) -> str:
    """"登录响应时间（秒）" → "登录响应时间"; "1、工作量完成率" → "工作量完成率"."""
    text = normalize(name or "")
    text = _NOTE.sub("", text)
    text = _LEAD.sub("", text)
    return "".join(text.split())


@dataclass
class MeasureVocab:
    duration_heads: re.Pattern
    duration_weak: re.Pattern
    time_units: frozenset[str]
    count_heads: re.Pattern
    count_units: frozenset[str]
    count_not: re.Pattern
    count_not_words: re.Pattern
    reach_units: frozenset[str]
    reach_heads: re.Pattern
    rate_heads: re.Pattern
    time_words: re.Pattern
    time_values: re.Pattern

    @classmethod
    def load(cls, data: dict) -> MeasureVocab:
        d, c, r = data["duration"], data["count"], data["plain_rate"]
        return cls(
            re.compile(d["heads"]), re.compile(d["weak_heads"]), frozenset(d["units"]),
            re.compile(c["heads"]), frozenset(c["units"]), re.compile(c["not_heads"]), re.compile(c["not_words"]),
            frozenset(c["reach_units"]), re.compile(c["reach_heads"]),
            re.compile(r["heads"]), re.compile(r["time_words"]), re.compile(r["time_values"]),
        )


def _readings(ind: Indicator) -> list[tuple[str, Reading]]:
    return [(raw, parse_value(raw)) for raw in dict.fromkeys(v for v in (ind.period_value, ind.annual_value) if v)]


class MeasureKinds:
    """Decides an indicator's kind of measure; None when name and values do not agree."""

    def __init__(self, vocab: MeasureVocab, metrics: MetricLexicon):
        self.v = vocab
        self.metrics = metrics
        self._cache: dict[tuple, tuple[Kind, str] | None] = {}  # the three rules share it
        # any count unit inside the values: one scan instead of one per unit
        units = sorted(vocab.count_units, key=len, reverse=True)
        self._count_unit = re.compile("|".join(map(re.escape, units)) if units else "(?!)")

    def kind(self, ind: Indicator) -> tuple[Kind, str] | None:
        key = (ind.name, ind.period_value, ind.annual_value)
        if key not in self._cache:
            return remember(self._cache, key, self._kind(ind))
        return self._cache[key]

    def _kind(self, ind: Indicator) -> tuple[Kind, str] | None:
        name = bare_name(ind.name)
        if not name:
            return None
        if not self._may_have_kind(name, ind):
            return None  # most indicators: no head word, no count unit; values left unparsed
        readings = _readings(ind)
        if any(r.kind == "placeholder" for _, r in readings):
            return None
        for judge in (self._duration, self._count, self._plain_rate):
            found = judge(name, readings)
            if found is not None:
                return found
        return None

    def _may_have_kind(self, name: str, ind: Indicator) -> bool:
        v = self.v
        if v.duration_weak.search(name) or v.duration_heads.search(name) or v.count_heads.search(name) or v.rate_heads.search(name):
            return True
        values = (ind.period_value or "") + (ind.annual_value or "")
        return self._count_unit.search(values) is not None

    # --- duration: a time limit (≤, 以内, a deadline), never time delivered (≥) ----------------

    def _time_value(self, r: Reading) -> str | None:
        """"limit": a time limit (a deadline, ≤ 5秒, 5个工作日内); "time": a time with no
        direction (10分钟); "other": contradicts a duration (%, ≥, another unit, 每周5天);
        None: says nothing (no number)."""
        if r.kind == "deadline":
            return "limit"
        if r.kind in ("quantity", "range"):
            if r.percent or r.direction > 0 or r.per:
                return "other"
            if r.unit is None:
                return "limit" if r.direction < 0 else "other"
            if r.unit not in self.v.time_units:
                return "other"
            return "limit" if r.direction < 0 or r.kind == "range" or "内" in r.rest + r.op_word else "time"
        if r.kind in ("qualitative", "empty"):
            return None
        return "other"

    def _duration(self, name: str, readings) -> tuple[Kind, str] | None:
        strong = self.v.duration_heads.search(name)
        head = strong or self.v.duration_weak.search(name)
        if not head:
            return None
        verdicts = {self._time_value(r) for _, r in readings}
        if "other" in verdicts:
            return None
        if not strong and "limit" not in verdicts:
            return None  # a bare 时间 name needs a value that confirms a time limit
        return "duration", head.group(0)

    # --- count: outputs delivered (次, 份, 个 …), not a ceiling, not people reached --------------

    def _count(self, name: str, readings) -> tuple[Kind, str] | None:
        if self.v.count_not.search(name) or self.v.count_not_words.search(name):
            return None
        if any(sign < 0 and term in name for term, sign in self.metrics.terms):
            return None  # 故障次数, 投诉件数, 事故: a count of failures measures quality or effect
        head = self.v.count_heads.search(name)
        units = set()
        for _, r in readings:
            if r.kind not in ("quantity", "range"):
                if r.kind in ("qualitative", "empty"):
                    continue
                return None  # a deadline is not a count
            if r.percent or r.direction < 0:
                return None  # a rate, or a ceiling (修改次数 ≤4): a limit, not an output
            if r.unit is not None:
                units.add(r.unit)
        if units & self.v.reach_units or self.v.reach_heads.search(name):
            return None
        if head:
            if units - self.v.count_units:
                return None  # 培训时长 in 小时, 面积 in 亩: not a count of outputs
            return "count", head.group(0)
        if units and units <= self.v.count_units:
            return "count", "、".join(sorted(units))
        return None

    # --- plain rate: work done or covered, nothing about time ---------------------------------

    def _plain_rate(self, name: str, readings) -> tuple[Kind, str] | None:
        head = self.v.rate_heads.search(name)
        if not head or self.v.time_words.search(name):
            return None
        for raw, r in readings:
            if r.kind == "deadline" or self.v.time_values.search(normalize(raw)):
                return None
        return "plain-rate", head.group(0)


class MeasureParams(Params):
    kind: Kind
    target: str  # the level-2 meaning the kind belongs to (vocab/frameworks.yaml)
    filed_in: list[str] = Field(default_factory=list)  # where a misfit is looked for
    # filed categories where a name-lexicon rule already reports names whose words point to
    # the target (FIT003 for time words under 数量/质量, FIT005 for count words under 效益)
    lexicon_covers: list[str] = Field(default_factory=list)
    vocab: str = "vocab/measure-kinds.yaml"
    metrics: str = "vocab/metric-lexicon.yaml"
    lexicon: str = "vocab/category-lexicon.yaml"
    frameworks: str = "vocab/frameworks.yaml"
    # a name holding a lexicon term of this weight for the category it is filed under says
    # something of that category (事故 under 社会效益) and is left alone; context words
    # such as 群众 (2) do not
    own_score: float = 3


_KINDS: dict[tuple, MeasureKinds] = {}


@register("measure-fit", accepts=("indicator",))
class MeasureFitCheck(Check):
    Params = MeasureParams

    def __init__(self, params: MeasureParams, rule):
        super().__init__(params, rule)
        key = (rule.base_dir, params.vocab, params.metrics)
        if key not in _KINDS:
            vocab = MeasureVocab.load(load_vocab(rule, params.vocab))
            _KINDS[key] = MeasureKinds(vocab, MetricLexicon(load_vocab(rule, params.metrics), [], []))
        self.kinds = _KINDS[key]
        self.frameworks = rule_frameworks(rule, params.frameworks)
        self.target = as_meaning(params.target)
        self.filed_in = {as_meaning(c) for c in params.filed_in}
        self.lexicon_covers = {as_meaning(c) for c in params.lexicon_covers}
        # the name lexicon of the category-fit rules (same thresholds as their defaults)
        from .category_fit import FitParams

        self.fit = FitParams(mode="into", lexicon=params.lexicon, frameworks=params.frameworks)
        self._rule = rule
        self._scorer = None

    @property
    def scorer(self):
        if self._scorer is None:
            self._scorer = shared_scorer(self._rule, self.fit)
        return self._scorer

    # with memo_table: the memo key
    memo_fields = {"indicator": ("name", "period_value", "annual_value", "level1.raw", "level2.raw")}

    def memo_table(self, table):
        return fwlib.view(table, self.frameworks).key

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        v = fwlib.view(ctx.table, self.frameworks)
        filed = v.meaning(ind.level2, 2)
        if filed is None or filed == self.target or filed not in self.filed_in:
            return
        found = self.kinds.kind(ind)
        if found is None or found[0] != self.params.kind:
            return
        scores, terms = self.scorer.scores(ind.name)
        if max((self.scorer.terms[t].get(filed, 0) for t in terms), default=0) >= self.params.own_score:
            return  # the name speaks of where it is filed (事故 under 社会效益): not clear
        if filed in self.lexicon_covers and leader(scores, self.fit.min_score, self.fit.margin) == self.target:
            return  # the name-lexicon rule reports it
        yield Hit(
            field="level2", value=ind.level2.raw,
            vars={"filed": v.label(filed, 2), "suggest": v.label(self.target, 2), "place": v.place(self.target), "evidence": found[1]},
        )

