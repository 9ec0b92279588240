"""A suggestion with every vague finding: what a quantified version looks like.

After the rules have run on a table, each finding of a code listed in
rules/vocab/suggestions.yaml gets ``Finding.suggestion``:

- an indicator: the closest well-quantified indicator of the same table under the same
  level 2 (rapidfuzz on the names; its value has an operator, a number and a unit), shown
  with its project and line; else a template for the measure kind read from the name;
- a goal: the project's own quantified indicators (a goal should state them), else a template.

Neighbours come from the same table (one file), so a finding's suggestion does not depend on
which other files are linted in the same run or on how the run is split across processes.
The index of quantified indicators is built once per table (one pass over its indicators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .findings import Finding
from .model import Indicator, Project, Table
from .text import normalize
from .values import parse_value


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    value: str
    project: str
    line: int | None
    key: str  # normalized name, for matching
    head: str  # how the name ends (its head word), which a neighbour must share


@lru_cache(maxsize=1)
def _config() -> dict:
    from .vocab import builtin_rules_dir, cached_yaml as _cached_yaml

    data = _cached_yaml(str(builtin_rules_dir() / "vocab" / "suggestions.yaml")) or {}
    kinds = [(k["kind"], "value" if "value" in k else "name", re.compile(k.get("value") or k["name"]), k["template"])
             for k in data.get("kinds", [])]
    return {**data, "codes": frozenset(data.get("codes", [])), "kinds": kinds}


@lru_cache(maxsize=65536)  # values repeat across a city's tables
def quantified(value: str | None, max_length: int) -> bool:
    """Operator + number + unit, short enough to read as an example ("≥95%", "≤5个工作日")."""
    if not value or len(value) > max_length:
        return False
    reading = parse_value(value)
    return reading.kind == "quantity" and reading.op is not None and reading.number is not None and bool(reading.unit)


_BRACKETS = re.compile(r"[(（][^()（）]*[)）]$")
# the form of a measure, not what it measures: 及时性 and 及时率 measure the same thing
_FORM = re.compile(r"(?:性|率|度|比例|比率|情况)$")


@lru_cache(maxsize=65536)  # names repeat across a city's tables
def head_of(name: str, chars: int) -> str:
    """What the name measures: its last ``chars`` characters once a trailing unit in
    brackets and the measure's form (性, 率, 度) are removed."""
    text = normalize(name)
    text = _BRACKETS.sub("", text) or text
    text = _FORM.sub("", text) or text
    return text[-chars:]


def _level2_key(ind: Indicator) -> str:
    level2 = ind.level2
    return normalize(level2.name or level2.raw or "") or "1:" + normalize(ind.level1.name or ind.level1.raw or "")


def _example_value(ind: Indicator, max_length: int) -> str | None:
    for value in (ind.annual_value, ind.period_value):
        if quantified(value, max_length):
            return value
    return None


class TableIndex:
    """The quantified indicators of one table by level 2, and every indicator by location."""

    def __init__(self, table: Table, max_length: int, head_chars: int = 2):
        self.by_level2: dict[str, list[Example]] = {}
        self.named: dict[tuple, list[Project]] = {}  # (unit, project name) → its projects in order
        self._by_place: dict[tuple, dict[tuple, tuple[Project, Indicator]]] = {}
        self.max_length = max_length
        self.head_chars = head_chars
        for unit in table.units:
            for project in unit.projects:
                self.named.setdefault((unit.name, project.name), []).append(project)
                for ind in project.indicators:
                    value = _example_value(ind, max_length)
                    if value is not None:
                        key = normalize(ind.name)
                        example = Example(ind.name, value, project.name, ind.source.line, key, head_of(key, head_chars))
                        self.by_level2.setdefault(_level2_key(ind), []).append(example)
        self._choices = {k: [e.key for e in v] for k, v in self.by_level2.items()}

    def project(self, unit: str | None, project: str | None) -> Project | None:
        """The last project in table order with this unit and name."""
        named = self.named.get((unit, project))
        return named[-1] if named else None

    def indicator(self, unit: str | None, project: str | None, number: int | None, name: str | None
                  ) -> tuple[Project, Indicator] | None:
        """The last indicator in table order with this place, number and name (a finding names
        its indicator so). Indexed per place when a finding there first asks (most places have
        none), once: a table of many same-named projects costs one pass over them."""
        place = (unit, project)
        index = self._by_place.get(place)
        if index is None:
            index = self._by_place[place] = {(ind.number, ind.name): (p, ind)
                                             for p in self.named.get(place, ()) for ind in p.indicators}
        return index.get((number, name))

    def neighbour(self, ind: Indicator, min_score: float) -> Example | None:
        from rapidfuzz import fuzz, process

        key = _level2_key(ind)
        examples = self.by_level2.get(key)
        if not examples:
            return None
        own = normalize(ind.name)
        head = head_of(own, self.head_chars)
        best = None
        for _, score, i in process.extract_iter(own, self._choices[key], scorer=fuzz.ratio, score_cutoff=min_score):
            example = examples[i]
            if example.line == ind.source.line and example.key == own:
                continue  # the indicator itself (a quantified other side)
            if example.head != head:
                continue  # 编外人员出勤率 is not 编外人员聘用合规率: the measure is in the head
            rank = (score, -abs((example.line or 0) - (ind.source.line or 0)))
            if best is None or rank > best[0]:
                best = (rank, example)
        return best[1] if best else None


def _where(example: Example) -> str:
    line = f"，第 {example.line} 行" if example.line else ""
    return f"（{example.project}{line}）"


_CLAUSE_MARKS = re.compile(r"[，,；;。、]")


@lru_cache(maxsize=16384)  # names and values repeat; the kinds are built in
def template_for(name: str, value: str | None = None) -> str:
    """A template for the measure kind: by the name, or by the vague value (standard without
    a reference, comparative without a baseline); the first kind that matches wins."""
    config = _config()
    texts = {"name": normalize(name), "value": normalize(value or "")}
    activity = config.get("activity_name")
    short = (len(name) <= config.get("max_name_in_template", 12) and not _CLAUSE_MARKS.search(name)
             and not (activity and re.search(activity, texts["name"])))
    for _, on, regex, template in config["kinds"]:
        if texts[on] and regex.search(texts[on]):
            return TEMPLATE + template.format(name=name if short else "__")
    return TEMPLATE + config["default_template"]


TEMPLATE = "可参照的写法（模板，__ 处按实际填写）："


def _for_indicator(index: TableIndex, ind: Indicator, value: str | None) -> str:
    config = _config()
    example = index.neighbour(ind, config.get("min_score", 60))
    if example is not None:
        return f"同类指标的写法：「{example.name} {example.value}」{_where(example)}"
    return template_for(ind.name, value)


def _for_goal(index: TableIndex, project: Project) -> str:
    shown = []
    for ind in project.indicators:
        value = _example_value(ind, index.max_length)
        if value is not None:
            shown.append(f"「{ind.name} {value}」")
        if len(shown) == 3:
            break
    if shown:
        return "把本项目已量化的指标写进目标，如" + "、".join(shown)
    return TEMPLATE + _config()["goal_template"]


def add_suggestions(findings: list[Finding], tables: list[Table]) -> None:
    """Set ``suggestion`` on the findings of the configured codes (in place)."""
    config = _config()
    wanted = [f for f in findings if f.code in config["codes"] and f.suggestion is None]
    if not wanted:
        return
    by_file: dict[str, list[Finding]] = {}
    for f in wanted:
        by_file.setdefault(f.file, []).append(f)
    for table in tables:
        found = by_file.get(table.source.file)
        if not found:
            continue
        index = TableIndex(table, config.get("max_value_length", 24), config.get("head_chars", 2))
        memo: dict[tuple, str] = {}
        for f in found:
            if f.indicator_name is not None:
                hit = index.indicator(f.unit, f.project, f.indicator, f.indicator_name)
                if hit is None:
                    continue
                _, ind = hit
                key = ("i", _level2_key(ind), ind.name, ind.source.line, f.value)
                if key not in memo:
                    memo[key] = _for_indicator(index, ind, f.value)
                f.suggestion = memo[key]
            elif f.project is not None and f.field == "goal":
                project = index.project(f.unit, f.project)
                if project is not None:
                    f.suggestion = _for_goal(index, project)
