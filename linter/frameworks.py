"""Category frameworks (rules/vocab/frameworks.yaml): which level names a framework uses,
what they mean, which level 2 sits under which level 1.

Readers use it to place a level 2 whose level-1 cell is blank; rules use it to judge a
name against the table's framework (``view(table)``: inferred once per table and cached).
Domain data only: no engine, no reader imports.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from .vocab import builtin_rules_dir
from .text import nfkc

if TYPE_CHECKING:
    from .model import Category, Table

_NOTE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]\s*分?")
_CUT = re.compile(r"(…|\.\.\.|⋯)+$")  # a cell cut off by the page or the excerpt

LEVEL1_MEANINGS = ("output", "cost", "benefit", "satisfaction")
LEVEL2_MEANINGS = ("quantity", "quality", "timeliness", "cost", "economic", "social", "ecological", "sustainable", "satisfaction")


def bare(name: str) -> str:
    """"数量指标 (必填硬性指标)" → "数量"; "成本指标(0-20)分" → "成本"; "产出 指标" → "产出"."""
    text = nfkc(name or "")
    text = _NOTE.sub("", text)
    text = "".join(text.split())
    text = _CUT.sub("", text)
    text = re.sub(r"^\d{1,2}\s*[-－—–.、]?", "", text)  # a printed code
    return text[:-2] if text.endswith("指标") else text


def is_cut(name: str) -> bool:
    return bool(_CUT.search("".join(nfkc(name or "").split())))


@dataclass
class Entry:
    framework: str
    key: str
    depth: int  # 1 or 2
    name: str
    meaning: str
    code: str | None = None
    parents: tuple[str, ...] = ()  # level-1 keys (parent first, then also_under)
    names: set[str] = field(default_factory=set)


@dataclass
class Framework:
    key: str
    title: str
    level1: dict[str, Entry]
    level2: dict[str, Entry]

    @property
    def coded(self) -> bool:
        """Whether this framework has the code numbers exports print ("1-", "11-")."""
        return any(e.code for e in (*self.level1.values(), *self.level2.values()))

    def entries(self, depth: int) -> list[Entry]:
        return list((self.level1 if depth == 1 else self.level2).values())

    def find(self, name: str, depth: int) -> Entry | None:
        b = bare(name)
        if not b:
            return None
        entries = self.entries(depth)
        for entry in entries:
            if b in entry.names:
                return entry
        if is_cut(name) and len(b) >= 2:  # "数量指…": the one entry whose name starts so
            hits = {e.key: e for e in entries for n in e.names if (n + "指标").startswith(b)}
            if len(hits) == 1:
                return next(iter(hits.values()))
        return None

    def by_code(self, code: str | None, depth: int) -> Entry | None:
        if not code:
            return None
        return next((e for e in self.entries(depth) if e.code == code), None)

    def by_meaning(self, meaning: str, depth: int) -> list[Entry]:
        return [e for e in self.entries(depth) if e.meaning == meaning]

    def parent_meanings(self, entry: Entry) -> set[str]:
        return {self.level1[p].meaning for p in entry.parents if p in self.level1}


def default_path() -> str:
    return str(builtin_rules_dir() / "vocab" / "frameworks.yaml")


class FrameworkError(ValueError):
    """The frameworks vocabulary is malformed (the caller names the file)."""


def parse(data: dict, extra_aliases: dict[str, list[str]] | None = None, depth_of_extra: int | None = None) -> dict[str, Framework]:
    """Frameworks from the YAML mapping. ``extra_aliases`` (a rule option) adds spellings to
    every entry whose code or meaning is the key, at ``depth_of_extra`` (or both levels)."""
    out: dict[str, Framework] = {}
    try:
        for fkey, spec in data["frameworks"].items():
            levels: list[dict[str, Entry]] = [{}, {}]
            for depth in (1, 2):
                for key, e in (spec.get(f"level{depth}") or {}).items():
                    names = {bare(e["name"])} | {bare(a) for a in e.get("aliases", [])}
                    code = str(e["code"]) if e.get("code") is not None else None
                    if extra_aliases and depth_of_extra in (None, depth):
                        for k, spellings in extra_aliases.items():
                            if str(k) in (code, e["meaning"], key):
                                names |= {bare(a) for a in spellings}
                    parents = (e["parent"], *e.get("also_under", [])) if depth == 2 else ()
                    levels[depth - 1][key] = Entry(fkey, key, depth, e["name"], e["meaning"], code, parents, names)
            out[fkey] = Framework(fkey, spec.get("title", fkey), levels[0], levels[1])
    except (KeyError, TypeError, AttributeError) as exc:
        raise FrameworkError(f"指标框架词表格式错误（{exc!r}）") from None
    if not out:
        raise FrameworkError("指标框架词表中没有任何框架")
    return out


@lru_cache(maxsize=8)
def load(path: str | None = None) -> dict[str, Framework]:
    with open(path or default_path(), encoding="utf-8") as fh:
        return parse(yaml.safe_load(fh))


@lru_cache(maxsize=4096)
def level1_meanings(name: str) -> frozenset[str]:
    """Every meaning any framework gives this level-1 name (empty: no framework knows it)."""
    return frozenset(e.meaning for fw in load().values() if (e := fw.find(name, 1)))


@lru_cache(maxsize=4096)
def level2_meanings(name: str) -> frozenset[str]:
    return frozenset(e.meaning for fw in load().values() if (e := fw.find(name, 2)))


@lru_cache(maxsize=4096)
def parent_meanings(level2_name: str) -> frozenset[str]:
    """The level-1 meanings some framework files this level 2 under."""
    out: set[str] = set()
    for fw in load().values():
        entry = fw.find(level2_name, 2)
        if entry:
            out |= fw.parent_meanings(entry)
    return frozenset(out)


def infer(level1_names, level2_names, pinned: str | None = None, coded: bool = False, frameworks: dict[str, Framework] | None = None) -> str | None:
    """The framework whose names account for most of a table's distinct level names (ties:
    a framework with code numbers when the table prints codes, then the order of the
    vocabulary file). ``pinned`` (config) wins when it names a known framework.
    None when no name is known to any framework."""
    frameworks = frameworks if frameworks is not None else load()
    if pinned in frameworks:
        return pinned
    names = {(n, 1) for n in level1_names if n} | {(n, 2) for n in level2_names if n}
    best, best_score = None, (0, False)
    for key, fw in frameworks.items():
        score = (sum(1 for n, depth in names if fw.find(n, depth)), coded and fw.coded)
        if score[0] and score > best_score:
            best, best_score = key, score
    return best


# --- one table's view: its framework, whether it prints codes, which columns it has --------


@dataclass
class Resolved:
    """A printed category read against a table's framework."""

    by_code: Entry | None  # the entry its printed number names (coded frameworks only)
    by_name: Entry | None  # the entry its name names (the table's framework first)

    @property
    def entry(self) -> Entry | None:
        return self.by_code or self.by_name

    @property
    def consistent(self) -> bool:
        return not (self.by_code and self.by_name and self.by_code.meaning != self.by_name.meaning)


class TableView:
    """What rules need to know about one table's category names, computed once."""

    def __init__(self, table: Table, frameworks: dict[str, Framework]):
        self.frameworks = frameworks
        l1, l2, self.coded, self.has_level1, self.has_level2 = _category_names(table)
        pinned = table.framework if table.framework in frameworks else None
        key = infer(l1, l2, pinned, self.coded, frameworks)
        self.inferred = key is not None
        if key is not None and table.framework is None:
            table.framework = key  # rules share it; reports can show it
        self.fw = frameworks[key] if key else next(iter(frameworks.values()))
        # names this framework does not use but another does: a table mixing frameworks
        self.foreign: dict[str, list[str]] = {}
        for depth, names in ((1, l1), (2, l2)):
            for n in sorted(names):
                if self.fw.find(n, depth) is None:
                    others = [k for k, fw in frameworks.items() if fw.find(n, depth)]
                    if others:
                        self.foreign[n] = others
        self._cache: dict[tuple[str, str | None, int], Resolved] = {}
        self._key = (self.fw.key, self.coded, self.has_level1, self.has_level2)  # asked per indicator

    @property
    def key(self) -> tuple[str, bool, bool, bool]:
        """What a check's memo key must include: results differ by framework, coding and
        which category columns the table has."""
        return self._key

    @property
    def judges_codes(self) -> bool:
        """Code numbers are judged only against a framework that defines them."""
        return self.fw.coded

    def find(self, name: str, depth: int) -> Entry | None:
        """The entry for a name: the table's framework first, then any other."""
        entry = self.fw.find(name, depth)
        if entry is None:
            entry = next((e for fw in self.frameworks.values() if (e := fw.find(name, depth))), None)
        return entry

    def resolve(self, cat: Category, depth: int) -> Resolved:
        k = (cat.name, cat.code, depth)
        r = self._cache.get(k)
        if r is None:
            by_code = self.fw.by_code(cat.code, depth) if self.judges_codes else None
            r = self._cache[k] = Resolved(by_code, self.find(cat.name, depth) if cat.name else None)
        return r

    def meaning(self, cat: Category, depth: int) -> str | None:
        r = self.resolve(cat, depth)
        return r.entry.meaning if r.entry and r.consistent else None

    def parents_of(self, entry: Entry, strict: bool = False) -> set[str]:
        """Level-1 meanings this level 2 may sit under: in its own framework when ``strict``
        (a printed code pins the framework), else wherever any framework files its meaning
        (satisfaction under 满意度 or 效益, cost under 产出 or 成本)."""
        own = self.frameworks.get(entry.framework)
        meanings = own.parent_meanings(entry) if own else set()
        if not strict:
            for fw in self.frameworks.values():
                for e in fw.by_meaning(entry.meaning, 2):
                    meanings |= fw.parent_meanings(e)
        return meanings

    def own(self, meaning: str, depth: int) -> Entry | None:
        """The table framework's entry for a meaning (its first, when several)."""
        found = self.fw.by_meaning(meaning, depth)
        return found[0] if found else None

    def label(self, entry_or_meaning: Entry | str, depth: int | None = None) -> str:
        """A category as this table would print it: "31-服务对象满意度指标" in a coded 2015
        table, "社会公众或服务对象满意度指标" in a 2013 one."""
        if isinstance(entry_or_meaning, Entry):
            entry = entry_or_meaning
            if entry.framework != self.fw.key:
                entry = self.own(entry.meaning, entry.depth) or entry
        else:
            entry = self.own(entry_or_meaning, depth or 2)
            if entry is None:
                return entry_or_meaning
        if self.coded and entry.code and entry.framework == self.fw.key:
            return f"{entry.code}-{entry.name}"
        return entry.name

    def place(self, meaning: str) -> str:
        """Where an indicator of this meaning goes, as "一级；二级" in the table's spelling."""
        l2 = self.own(meaning, 2)
        if l2 is not None:
            parent = self.fw.level1.get(l2.parents[0]) if l2.parents else None
            return f"{self.label(parent)}；{self.label(l2)}" if parent else self.label(l2)
        l1 = self.own(meaning, 1)
        return self.label(l1) if l1 else meaning

    def known(self, depth: int) -> str:
        return "、".join(self.label(e) for e in self.fw.entries(depth))


def _category_names(table: Table) -> tuple[set[str], set[str], bool, bool, bool]:
    """The level-1 and level-2 names a table prints, whether any carries a code, and whether
    it has each column. Rules ask with several sets of frameworks, one table after another:
    the table's indicators are walked once for all of them (the last table is kept)."""
    last = _SCANNED[0]
    if last is not None and last[0] is table:
        return last[1]
    l1, l2 = set(), set()
    coded = has_level1 = has_level2 = False
    seen: set[int] = set()  # categories are shared objects: each pair is read once
    for unit in table.units:
        for project in unit.projects:
            for ind in project.indicators:
                level1, level2 = ind.level1, ind.level2
                pair = (id(level1), id(level2))
                if pair in seen:
                    continue
                seen.add(pair)
                if level1.raw:
                    has_level1 = True
                    l1.add(level1.name or level1.raw)
                if level2.raw:
                    has_level2 = True
                    l2.add(level2.name or level2.raw)
                coded = coded or bool(level1.code or level2.code)
    found = (l1, l2, coded, has_level1, has_level2)
    _SCANNED[0] = (table, found)
    return found


_SCANNED: list = [None]
_VIEWS: OrderedDict[tuple[int, int], tuple[Table, TableView]] = OrderedDict()
_LAST: list = [None]


def view(table: Table, frameworks: dict[str, Framework] | None = None) -> TableView:
    """The table's framework view, computed once per table and set of frameworks (a small
    identity cache: rules walk one table at a time)."""
    frameworks = frameworks if frameworks is not None else load()
    last = _LAST[0]
    if last is not None and last[0] is table and last[1] is frameworks:
        return last[2]  # the common case: the same table as the call before
    k = (id(table), id(frameworks))
    hit = _VIEWS.get(k)
    if hit is not None and hit[0] is table:
        _VIEWS.move_to_end(k)
        _LAST[0] = (table, frameworks, hit[1])
        return hit[1]
    v = TableView(table, frameworks)
    _VIEWS[k] = (table, v)
    _LAST[0] = (table, frameworks, v)
    if len(_VIEWS) > 64:
        _VIEWS.popitem(last=False)
    return v
