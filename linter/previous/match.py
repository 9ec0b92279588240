"""Pair this year's units, projects and indicators with last year's.

Stages, each one-to-one over what earlier stages left: the same folded name; the same name
with every year moved by the gap between the budget years ("2023年…" → "2024年…"); a close
name (rapidfuzz ratio ≥ threshold, no other number differing). When several candidates tie,
or several of this year's names claim one of last year's, the result is ``Ambiguous``:
reported, never guessed. Indicators with the same name repeated as often on both sides are
paired in order (the order is all that tells them apart, and it is the same list).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Indicator, Project, Table, Unit
from .names import fold, masked, years_shifted


@dataclass(frozen=True)
class MatchSettings:
    project_threshold: float = 92
    unit_threshold: float = 92
    indicator_threshold: float = 90

    @classmethod
    def builtin(cls) -> MatchSettings:
        from ..readers.labels import builtin_vocab

        data = builtin_vocab("year-over-year.yaml") or {}
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ProjectMatch:
    unit: Unit  # last year's
    project: Project
    table: Table
    how: str  # exact | year | close
    score: float


@dataclass(frozen=True)
class Ambiguous:
    candidates: list[tuple[Unit, Project]]
    score: float
    how: str  # year | close | exact
    claimed_by_several: bool = False  # one of last year's projects is the closest to several of this year's


@dataclass
class IndicatorPairs:
    pairs: list[tuple[Indicator, Indicator]]  # (this year's, last year's)
    added: list[Indicator]
    dropped: list[Indicator]
    _by_this: dict[int, Indicator] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_this = {id(a): b for a, b in self.pairs}

    def counterpart(self, indicator: Indicator) -> Indicator | None:
        return self._by_this.get(id(indicator))


@dataclass
class _Item:
    name: str
    obj: Any
    gap: int = 1  # budget-year gap between this item's table and the other side's


def pair_names(this: list[_Item], last: list[_Item], threshold: float, in_order: bool = False) -> dict[int, tuple]:
    """this index → ("match", last index, how, score) or ("ambiguous", [last indices], how, score, several)."""
    from rapidfuzz import fuzz

    result: dict[int, tuple] = {}
    taken: set[int] = set()
    keys_this = [masked(t.name) for t in this]
    keys_last = [masked(t.name) for t in last]
    folded_this = [fold(t.name) for t in this]
    folded_last = [fold(t.name) for t in last]

    def exact(i: int, j: int) -> float | None:
        return 100.0 if folded_this[i] == folded_last[j] else None

    def year(i: int, j: int) -> float | None:
        (a, ya, _), (b, yb, _) = keys_this[i], keys_last[j]
        return 100.0 if a == b and years_shifted(ya, yb, last[j].gap) else None

    def close(i: int, j: int) -> float | None:
        (a, ya, na), (b, yb, nb) = keys_this[i], keys_last[j]
        # a year added or left out ("物业费" → "物业费（2024年）") does not tell projects apart
        if na != nb or not (ya == yb or not ya or not yb or years_shifted(ya, yb, last[j].gap)):
            return None
        score = fuzz.ratio(a, b)
        return score if score >= threshold else None

    if in_order:  # the same name as often on both sides: pair in order
        groups_this: dict[str, list[int]] = defaultdict(list)
        groups_last: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(folded_this):
            groups_this[key].append(i)
        for j, key in enumerate(folded_last):
            groups_last[key].append(j)
        for key, idx in groups_this.items():
            if len(idx) > 1 and len(groups_last.get(key, [])) == len(idx):
                for i, j in zip(idx, groups_last[key]):
                    result[i] = ("match", j, "exact", 100.0)
                    taken.add(j)
    # candidates by key, so the first two stages need no pass over every pair of names
    by_folded: dict[str, list[int]] = defaultdict(list)
    by_masked: dict[str, list[int]] = defaultdict(list)
    for j in range(len(last)):
        by_folded[folded_last[j]].append(j)
        by_masked[keys_last[j][0]].append(j)
    candidates = {
        "exact": lambda i: by_folded.get(folded_this[i], ()),
        "year": lambda i: by_masked.get(keys_this[i][0], ()),
        "close": lambda i: range(len(last)),
    }
    for how, score_of in (("exact", exact), ("year", year), ("close", close)):
        claims: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for i in range(len(this)):
            if i in result:
                continue
            scored = [(j, s) for j in candidates[how](i) if j not in taken and (s := score_of(i, j)) is not None]
            if not scored:
                continue
            best = max(s for _, s in scored)
            top = [j for j, s in scored if s == best]
            if len(top) > 1:
                result[i] = ("ambiguous", top, how, best, False)
            else:
                claims[top[0]].append((i, best))
        for j, claimers in claims.items():
            if len(claimers) == 1:
                i, s = claimers[0]
                result[i] = ("match", j, how, s)
                taken.add(j)
            else:
                for i, s in claimers:
                    result[i] = ("ambiguous", [j], how, s, True)
    return result


def money(project: Project) -> Decimal | None:
    return project.amounts.total


class YearPair:
    """One table of this year against every table read from last year's path."""

    def __init__(self, table: Table, previous: list[Table], settings: MatchSettings | None = None):
        self.table = table
        self.previous = previous
        self.settings = settings or MatchSettings.builtin()
        self._projects: dict[int, ProjectMatch | Ambiguous] | None = None
        self._indicators: dict[int, IndicatorPairs] = {}

    def gap(self, last: Table) -> int:
        if self.table.budget_year and last.budget_year and self.table.budget_year > last.budget_year:
            return self.table.budget_year - last.budget_year
        return 1

    def project(self, project: Project) -> ProjectMatch | Ambiguous | None:
        if self._projects is None:
            self._projects = self._match_projects()
        return self._projects.get(id(project))

    def indicators(self, project: Project) -> IndicatorPairs | None:
        found = self.project(project)
        if not isinstance(found, ProjectMatch):
            return None
        pairs = self._indicators.get(id(project))
        if pairs is None:
            pairs = self._indicators[id(project)] = match_indicators(project, found.project, self.settings)
        return pairs

    def _match_projects(self) -> dict[int, ProjectMatch | Ambiguous]:
        # last year's units by name, merged across files (a unit may be spread over several)
        groups: dict[str, list[tuple[Table, Unit]]] = defaultdict(list)
        for last in self.previous:
            for unit in last.units:
                groups[fold(unit.name)].append((last, unit))
        names = list(groups)
        unit_pairs = pair_names([_Item(u.name, u) for u in self.table.units],
                                [_Item(n, n) for n in names], self.settings.unit_threshold)
        out: dict[int, ProjectMatch | Ambiguous] = {}
        for i, unit in enumerate(self.table.units):
            found = unit_pairs.get(i)
            if not found or found[0] != "match":
                continue  # a unit without a counterpart: its projects are new, nothing to compare
            last_items = [_Item(p.name, (t, u, p), self.gap(t)) for t, u in groups[names[found[1]]] for p in u.projects]
            this_items = [_Item(p.name, p) for p in unit.projects]
            for k, res in pair_names(this_items, last_items, self.settings.project_threshold).items():
                project = unit.projects[k]
                if res[0] == "match":
                    t, u, p = last_items[res[1]].obj
                    out[id(project)] = ProjectMatch(u, p, t, res[2], res[3])
                else:
                    cands = [(last_items[j].obj[1], last_items[j].obj[2]) for j in res[1]]
                    out[id(project)] = Ambiguous(cands, res[3], res[2], res[4])
        return out


def match_indicators(this: Project, last: Project, settings: MatchSettings) -> IndicatorPairs:
    found = pair_names([_Item(i.name, i) for i in this.indicators], [_Item(i.name, i) for i in last.indicators],
                       settings.indicator_threshold, in_order=True)
    pairs, added, unsure = [], [], set()
    for k, ind in enumerate(this.indicators):
        res = found.get(k)
        if res is None:
            added.append(ind)
        elif res[0] == "match":
            pairs.append((ind, last.indicators[res[1]]))
        else:
            unsure.update(res[1])  # ambiguous: neither compared nor reported as dropped
    matched = {id(b) for _, b in pairs}
    dropped = [ind for j, ind in enumerate(last.indicators) if id(ind) not in matched and j not in unsure]
    return IndicatorPairs(pairs, added, dropped)
