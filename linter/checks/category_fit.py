"""``category-fit``: does the indicator name fit the level-2 category it is filed under?

The name is segmented (jieba, with the lexicon as user dictionary) and each category scores
the weights of its terms. A rule fires only on a clear case: one category leads by a margin,
so a name that fits several categories is never flagged (precision first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from .. import frameworks as fwlib
from ..rulekit import Check, Context, Hit, Params, register, remember
from ..vocab import load_vocab
from ..model import Indicator
from ..text import normalize
from .codes import rule_frameworks


def as_meaning(category: str) -> str:
    """A level-2 meaning ("satisfaction"); a 2015 code ("31") as older rule packs wrote it."""
    category = str(category)
    if category.isdigit():
        for fw in fwlib.load().values():
            entry = fw.by_code(category, 2) or fw.by_code(category, 1)
            if entry is not None:
                return entry.meaning
    return category


class FitParams(Params):
    # Categories are level-2 meanings of vocab/frameworks.yaml (satisfaction, cost, timeliness,
    # quality, quantity, economic, social, ecological, sustainable), so a rule holds in every
    # framework; a 2015 code ("31") is read as its meaning.
    mode: Literal["into", "out-of"]  # into: belongs in `target`; out-of: does not belong in `filed_in`
    target: str | None = None  # into: the category the name points to
    filed_in: list[str] = Field(default_factory=list)  # where a misfit is looked for ([] = anywhere else)
    skip_when_top: list[str] = Field(default_factory=list)  # out-of: leave these to a more specific rule
    need_leader: bool = False  # out-of: flag only when another category clearly leads
    # names that are not measures at all (an aim such as "改善了农民生产生活条件"): their
    # category cannot be judged, and the activity-name rule (CMP007) is where they belong
    skip_names: list[str] = Field(default_factory=list)
    # into: a name holding a term of at least this weight for the category it is filed
    # under speaks of that category too (安全事故…及时率 under 社会效益): not a clear misfit
    own_term_min: float | None = None
    lexicon: str = "vocab/category-lexicon.yaml"
    frameworks: str = "vocab/frameworks.yaml"
    min_score: float = 4
    margin: float = 2.0  # the leading category must score at least margin × the next one
    extra_terms: dict[str, dict[str, float]] = Field(default_factory=dict)


class NameScorer:
    def __init__(self, data: dict, extra: dict[str, dict[str, float]]):
        self.terms: dict[str, dict[str, float]] = {}  # term → {category: weight}
        for source in (data.get("terms", {}), extra):
            for category, terms in source.items():
                for term, weight in terms.items():
                    self.terms.setdefault(term, {})[as_meaning(category)] = float(weight)
        for term, weights in data.get("shared_terms", {}).items():
            for category, weight in weights.items():
                self.terms.setdefault(term, {})[as_meaning(category)] = float(weight)
        self.user_words = list(data.get("user_words", []))
        self._cache: dict[str, tuple[dict[str, float], list[str]]] = {}

    def prepare(self) -> None:
        from ..segment import add_words

        add_words([*self.terms, *self.user_words])

    def term_of(self, token: str) -> str | None:
        """The longest term the token is or ends with (compounds are head-final)."""
        for start in range(len(token)):
            if token[start:] in self.terms:
                return token[start:]
        return None

    def scores(self, name: str) -> tuple[dict[str, float], list[str]]:
        cached = self._cache.get(name)
        if cached is None:
            cached = remember(self._cache, name, self._scores(name))
        return cached

    def _scores(self, name: str) -> tuple[dict[str, float], list[str]]:
        from ..segment import cut

        matched: list[tuple[str, dict[str, float]]] = []
        for token in cut(normalize(name)):
            term = self.term_of(token)
            if term is not None:
                matched.append((term, self.terms[term]))
        scores: dict[str, float] = {}
        for i, (_, weights) in enumerate(matched):
            factor = 2.0 if i == len(matched) - 1 else 1.0  # the head of the name
            for category, weight in weights.items():
                scores[category] = scores.get(category, 0.0) + weight * factor
        return scores, [t for t, _ in matched]


_SCORERS: dict[tuple, NameScorer] = {}


def shared_scorer(rule, params: FitParams) -> NameScorer:
    """Rules that share a lexicon share one scorer, so each name is segmented once."""
    key = (rule.base_dir, params.lexicon, repr(sorted(params.extra_terms.items())))
    if key not in _SCORERS:
        _SCORERS[key] = NameScorer(load_vocab(rule, params.lexicon), params.extra_terms)
        _SCORERS[key].prepare()
    return _SCORERS[key]



def leader(scores: dict[str, float], min_score: float, margin: float) -> str | None:
    """The meaning the name's terms point to: the best score, at least min_score and margin
    times the runner-up's; None when no meaning leads clearly."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < min_score:
        return None
    if len(ranked) > 1 and ranked[0][1] < margin * ranked[1][1]:
        return None
    return ranked[0][0]

@register("category-fit", accepts=("indicator",))
class CategoryFitCheck(Check):
    Params = FitParams
    shared_options = "vocab/category-fit-options.yaml"  # min_score, margin, extra_terms

    def __init__(self, params: FitParams, rule):
        super().__init__(params, rule)
        self.scorer = shared_scorer(rule, params)
        self.frameworks = rule_frameworks(rule, params.frameworks)
        self.target = as_meaning(params.target) if params.target else None
        self.filed_in = {as_meaning(c) for c in params.filed_in}
        self.skip_when_top = {as_meaning(c) for c in params.skip_when_top}
        self.skip_names = [re.compile(p) for p in params.skip_names]

    def filed(self, ind: Indicator, v: fwlib.TableView) -> str | None:
        """The level-2 meaning the indicator is filed under; a level 1 that is itself a
        level-2 meaning (满意度指标, 成本指标 as level 1) counts when the level 2 says nothing."""
        meaning = v.meaning(ind.level2, 2)
        if meaning is None and not ind.level2.raw:
            l1 = v.meaning(ind.level1, 1)
            meaning = l1 if l1 in fwlib.LEVEL2_MEANINGS else None
        return meaning

    def leader(self, scores: dict[str, float]) -> str | None:
        return leader(scores, self.params.min_score, self.params.margin)

    memo_fields = {"indicator": ("name", "level1.raw", "level2.raw")}  # with memo_table: the memo key

    def memo_table(self, table):
        return fwlib.view(table, self.frameworks).key

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        v = fwlib.view(ctx.table, self.frameworks)
        filed = self.filed(ind, v)
        if filed is None or not ind.name:
            return
        p = self.params
        target = self.target
        # cheap filters first: most indicators are filed where this rule does not look
        if p.mode == "into" and (filed == target or (self.filed_in and filed not in self.filed_in)):
            return
        if p.mode == "out-of" and filed not in self.filed_in:
            return
        if self.skip_names and any(r.search(normalize(ind.name)) for r in self.skip_names):
            return
        scores, terms = self.scorer.scores(ind.name)
        top = self.leader(scores)
        vars = {"filed": v.label(filed, 2), "terms": "、".join(dict.fromkeys(terms)) or "（无）"}
        if p.mode == "into":
            if top != target:
                return
            if p.own_term_min is not None and any(self.scorer.terms[t].get(filed, 0) >= p.own_term_min for t in terms):
                return
            # the message names what points to the target, not every term the name has
            own = [t for t in terms if target in self.scorer.terms.get(t, {})]
            vars["terms"] = "、".join(dict.fromkeys(own)) or vars["terms"]
            yield Hit(field="level2", value=ind.level2.raw, vars={**vars, "suggest": v.label(target, 2), "place": v.place(target)})
            return
        if scores.get(filed, 0) > 0:
            return
        if top in self.skip_when_top:
            return
        if top is None and p.need_leader:
            return
        suggest = f"建议归入 {v.label(top, 2)}" if top else "按指标内容改选二级指标"
        yield Hit(field="level2", value=ind.level2.raw, vars={**vars, "suggest": suggest, "place": v.place(top) if top else ""})
