"""What an indicator name measures (direction, implied unit), from a shared lexicon file."""

from __future__ import annotations

import re

from ..rulekit import remember
from ..text import normalize


class MetricLexicon:
    def __init__(self, data: dict, extra_positive: list[str] = (), extra_negative: list[str] = ()):
        terms = [(t, 1) for t in [*data.get("positive", []), *extra_positive]]
        terms += [(t, -1) for t in [*data.get("negative", []), *extra_negative]]
        # longest first so that "不合格率" wins over "合格率" at the same place
        self.terms = sorted(terms, key=lambda x: -len(x[0]))
        self.growth_re = re.compile("|".join(re.escape(t) for t in data.get("growth", []))) if data.get("growth") else None
        self.implied_res = [re.compile(p) for p in data.get("implied_units", [])]
        self.satisfaction_re = re.compile(data.get("satisfaction", "满意(?:度|率)"))
        score = data.get("score") or {}
        self.score_re = re.compile(score["names"]) if score.get("names") else None
        self.score_units = frozenset(score.get("units", []))
        rev = data.get("reversal", {})
        measures = "|".join(map(re.escape, sorted(rev.get("measures", []), key=len, reverse=True)))
        decrease = "|".join(map(re.escape, sorted(rev.get("decrease", []), key=len, reverse=True)))
        # "…下降比例": the decrease itself is measured; "…下降": it may be the level aimed at
        self.decrease_measure_re = re.compile(f"(?:{decrease})(?:{measures})") if decrease and measures else None
        self.decrease_re = re.compile(decrease) if decrease else None
        self.recovered = list(rev.get("recovered", []))
        self.aimed = list(rev.get("aimed", []))
        self._direction: dict[str, tuple[int, str]] = {}

    def direction(self, name: str) -> tuple[int, str]:
        cached = self._direction.get(name)
        if cached is None:
            cached = remember(self._direction, name, self._find_direction(name))
        return cached

    def _find_direction(self, name: str) -> tuple[int, str]:
        """(+1 positive / -1 negative / 0 unknown, the deciding term): the term that ends
        rightmost in the name wins; at the same end, the longer term."""
        text = normalize(name)
        best = (-1, 0, 0, "")  # (end, length, sign, term)
        for term, sign in self.terms:
            pos = text.rfind(term)
            if pos >= 0 and (pos + len(term), len(term)) > best[:2]:
                best = (pos + len(term), len(term), sign, term)
        end, length, sign, term = best
        return self._turned(text, end - length, end, sign, term) if sign else (sign, term)

    def _turned(self, text: str, start: int, end: int, sign: int, term: str) -> tuple[int, str]:
        """A word that turns the deciding term around: a decrease measured after it
        ("事故起数下降比例": the opposite direction), a bare decrease after it ("投诉率下降": the
        value may be the decrease or the level, unknown); before a less-is-better term, a
        verb that recovers it ("挽回粮食损失": more is better) or only names the aim
        ("减少损失", "降低事故率": the value may be the amount or the ceiling, unknown)."""
        tail = text[end:]
        if self.decrease_measure_re and (m := self.decrease_measure_re.search(tail)):
            return -sign, m.group(0)
        if self.decrease_re and self.decrease_re.search(tail):
            return 0, ""
        if sign < 0:
            head = text[:start]
            for word in self.recovered:
                if word in head:
                    return 1, word
            if any(word in head for word in self.aimed):
                return 0, ""
        return sign, term

    def is_growth(self, name: str) -> bool:
        return bool(self.growth_re and self.growth_re.search(normalize(name)))

    def implies_unit(self, name: str) -> bool:
        text = normalize(name)
        return any(r.search(text) for r in self.implied_res)

    def is_satisfaction(self, name: str) -> bool:
        text = normalize(name)
        return bool(self.satisfaction_re.search(text)) and "不满意" not in text

    def is_score(self, name: str, unit: str | None) -> bool:
        """A points-scale score: the name says so and the value is in a score unit (≥90分)."""
        return unit in self.score_units and bool(self.score_re and self.score_re.search(normalize(name)))

    def is_rate(self, name: str) -> bool:
        text = normalize(name)
        return text.endswith(("率", "比例", "比率", "占比", "满意度")) or self.is_satisfaction(text)
