"""Category frameworks (rules/vocab/frameworks.yaml): which level names a framework uses,
what they mean, which level 2 sits under which level 1.

Readers use it to place a level 2 whose level-1 cell is blank; rules use it to judge a
name against the table's framework. Domain data only: no engine, no reader imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

_NOTE = re.compile(r"[(（][^()（）]*[)）]\s*分?")


def bare(name: str) -> str:
    """"数量指标 (必填硬性指标)" → "数量"; "成本指标(0-20)分" → "成本"; "产出 指标" → "产出"."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _NOTE.sub("", text)
    text = "".join(text.split())
    text = re.sub(r"^\d{1,2}\s*[-－—–.、]?", "", text)  # a printed code
    return text[:-2] if text.endswith("指标") else text


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

    def find(self, name: str, depth: int) -> Entry | None:
        b = bare(name)
        for entry in (self.level1 if depth == 1 else self.level2).values():
            if b in entry.names:
                return entry
        return None


def _rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


@lru_cache(maxsize=8)
def load(path: str | None = None) -> dict[str, Framework]:
    with open(path or _rules_dir() / "vocab" / "frameworks.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out: dict[str, Framework] = {}
    for fkey, spec in data["frameworks"].items():
        levels: list[dict[str, Entry]] = [{}, {}]
        for depth in (1, 2):
            for key, e in (spec.get(f"level{depth}") or {}).items():
                names = {bare(e["name"])} | {bare(a) for a in e.get("aliases", [])}
                parents = (e["parent"], *e.get("also_under", [])) if depth == 2 else ()
                levels[depth - 1][key] = Entry(fkey, key, depth, e["name"], e["meaning"], e.get("code"), parents, names)
        out[fkey] = Framework(fkey, spec.get("title", fkey), levels[0], levels[1])
    return out


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
            out |= {fw.level1[p].meaning for p in entry.parents if p in fw.level1}
    return frozenset(out)


def infer(level1_names, level2_names, pinned: str | None = None) -> str | None:
    """The framework whose names account for most of a table's level names (ties: the order
    of the vocabulary file). ``pinned`` (config) wins when it names a known framework.
    None when no name is known to any framework."""
    frameworks = load()
    if pinned in frameworks:
        return pinned
    names = [(n, 1) for n in level1_names if n] + [(n, 2) for n in level2_names if n]
    best, best_score = None, 0
    for key, fw in frameworks.items():
        score = sum(1 for n, depth in names if fw.find(n, depth))
        if score > best_score:
            best, best_score = key, score
    return best
