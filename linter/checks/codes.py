"""``category-code``: level-1/level-2 names and codes against the table's category framework
(rules/vocab/frameworks.yaml).

One check type, several aspects, so each defect is its own rule with its own code:
``level1-unknown``, ``level2-unknown``, ``code-name-mismatch``, ``hierarchy`` (per indicator)
and ``mixed-frameworks`` (per table). A name is wrong only when no framework uses it; code
numbers are judged only when the table's framework defines them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from .. import frameworks as fwlib
from ..rulekit import Check, Context, Hit, Params, register
from ..vocab import load_vocab
from ..errors import RuleError
from ..model import Indicator, Table
from ..frameworks import Entry, Framework, TableView


class CodeParams(Params):
    aspect: Literal["level1-unknown", "level2-unknown", "code-name-mismatch", "hierarchy", "mixed-frameworks"]
    frameworks: str = "vocab/frameworks.yaml"
    # extra spellings by code ("1"), meaning ("output") or entry key, added to every framework
    extra_aliases: dict[str, list[str]] = Field(default_factory=dict)


_LOADED: dict[tuple, dict[str, Framework]] = {}


def rule_frameworks(rule, ref: str, extra_aliases: dict[str, list[str]] | None = None, depth: int | None = None) -> dict[str, Framework]:
    """The frameworks a rule names (shared by every rule with the same file and aliases, so
    they share one view of each table)."""
    data = load_vocab(rule, ref)
    key = (id(data), repr(sorted((extra_aliases or {}).items())), depth)
    if key not in _LOADED:
        try:
            _LOADED[key] = fwlib.parse(data, extra_aliases, depth)
        except fwlib.FrameworkError as exc:
            raise RuleError(f"{rule.path}: {ref}: {exc}") from None
    return _LOADED[key]


@register("category-code", accepts=("indicator", "table"))
class CategoryCodeCheck(Check):
    Params = CodeParams

    def __init__(self, params: CodeParams, rule):
        super().__init__(params, rule)
        depth = {"level1-unknown": 1, "level2-unknown": 2}.get(params.aspect)
        self.frameworks = rule_frameworks(rule, params.frameworks, params.extra_aliases, depth)

    def view(self, ctx: Context) -> TableView:
        return fwlib.view(ctx.table, self.frameworks)

    memo_fields = {"indicator": ("level1.raw", "level2.raw")}  # with memo_table: the memo key

    def memo_table(self, table):
        return fwlib.view(table, self.frameworks).key

    def __call__(self, target: Any, ctx: Context) -> Iterable[Hit]:
        if isinstance(target, Table):
            if self.params.aspect == "mixed-frameworks":
                yield from self._mixed(target, fwlib.view(target, self.frameworks))
            return
        if self.params.aspect == "mixed-frameworks":
            return
        yield from getattr(self, "_" + self.params.aspect.replace("-", "_"))(target, self.view(ctx))

    def _level1_unknown(self, ind: Indicator, v: TableView) -> Iterable[Hit]:
        r1, r2 = v.resolve(ind.level1, 1), v.resolve(ind.level2, 2)
        if not ind.level1.raw:
            if not v.has_level1:
                return  # the table has no 一级 column at all
            l2 = r2.entry if r2.consistent else None
            if l2 is not None and len(_parents_in(v, l2)) == 1:
                return  # a blank cell, but the level 2 leaves one place for it
            yield Hit(field="level1", value="", vars={"known": v.known(1), "suggest": _suggest_l1(v, l2)})
        elif r1.by_name is None and (r1.by_code is None or not _names_nothing(ind.level1.name)):
            # no framework uses this name (a bare code with a known number is fine)
            l2 = r2.entry if r2.consistent else None
            yield Hit(field="level1", value=ind.level1.raw, vars={"known": v.known(1), "suggest": _suggest_l1(v, l2)})
        elif ind.level1.code and v.judges_codes and r1.by_code is None:  # known name, unknown number
            yield Hit(field="level1", value=ind.level1.raw, vars={"known": v.known(1), "suggest": v.label(r1.by_name)})

    def _level2_unknown(self, ind: Indicator, v: TableView) -> Iterable[Hit]:
        r1, r2 = v.resolve(ind.level1, 1), v.resolve(ind.level2, 2)
        if not ind.level2.raw:
            if not v.has_level2:
                return  # the table has no 二级 column at all
        elif r2.by_name is not None and not (ind.level2.code and v.judges_codes and r2.by_code is None):
            return
        elif r2.by_name is None and r2.by_code is not None and _names_nothing(ind.level2.name):
            return  # a bare known code
        guess = r2.by_name or _only_child(v, r1.entry if r1.consistent else None)
        yield Hit(field="level2", value=ind.level2.raw, vars={"known": v.known(2), "suggest": v.label(guess) if guess else "按指标内容选择"})

    def _code_name_mismatch(self, ind: Indicator, v: TableView) -> Iterable[Hit]:
        if not v.judges_codes:
            return
        r1, r2 = v.resolve(ind.level1, 1), v.resolve(ind.level2, 2)
        for depth, cat, r, other in ((1, ind.level1, r1, r2), (2, ind.level2, r2, r1)):
            if r.consistent or r.by_code is None or r.by_name is None:
                continue
            suggest = self.pick(v, depth, r, other)
            yield Hit(
                field="level1" if depth == 1 else "level2",
                value=cat.raw,
                vars={"by_number": v.label(r.by_code), "by_name": v.label(r.by_name), "suggest": v.label(suggest)},
            )

    def _hierarchy(self, ind: Indicator, v: TableView) -> Iterable[Hit]:
        # Only when each level is itself consistent; a mismatch is reported by its own rule.
        r1, r2 = v.resolve(ind.level1, 1), v.resolve(ind.level2, 2)
        l1, l2 = r1.entry, r2.entry
        if l1 is None or l2 is None or not r1.consistent or not r2.consistent:
            return
        # A printed level-2 code pins the framework; a name alone may follow any framework
        # that pairs it so (e.g. 满意度 under 效益 in the 2013 lineage).
        strict = r2.by_code is not None
        allowed = v.parents_of(r2.by_code, strict=True) if strict else v.parents_of(l2)
        if l1.meaning in allowed:
            return
        parent = _parent_label(v, l2, allowed)
        yield Hit(
            field="level2",
            value=f"{ind.level1.raw}；{ind.level2.raw}",
            vars={"level1": ind.level1.raw, "level2": ind.level2.raw, "parent": parent},
        )

    def _mixed(self, table: Table, v: TableView) -> Iterable[Hit]:
        if not v.foreign:
            return
        names = "、".join(f"「{n}」" for n in v.foreign)
        others = sorted({k for ks in v.foreign.values() for k in ks})
        yield Hit(
            value="、".join(v.foreign),
            vars={
                "framework": v.fw.title,
                "names": names,
                "others": "、".join(self.frameworks[k].title for k in others),
            },
            data={"framework": v.fw.key, "foreign": dict(v.foreign)},
        )

    # A safe fix for code-name-mismatch when the other level settles which side is wrong.
    fixes = True

    def edit(self, hit: Hit, target: Any, ctx: Context) -> dict | None:
        if self.params.aspect != "code-name-mismatch" or not isinstance(target, Indicator):
            return None
        v = self.view(ctx)
        r1, r2 = v.resolve(target.level1, 1), v.resolve(target.level2, 2)
        depth, cat, r, other = (1, target.level1, r1, r2) if hit.field == "level1" else (2, target.level2, r2, r1)
        right = settled(v, depth, r, other)
        if right is None:
            return None
        from ..autofix import field_edit

        after = respell(cat.raw, right, wrong_code=right is r.by_name)
        return field_edit(hit.field, cat.raw, after) if after else None

    @staticmethod
    def pick(v: TableView, depth: int, r, other) -> Entry:
        """Which reading of a number/name disagreement is probably meant, using the other level."""
        o = other.by_code if (other.by_code and other.consistent) else None
        if depth == 1:
            if o is not None:
                parents = [v.fw.level1[p] for p in o.parents if p in v.fw.level1]
                if parents:
                    return parents[0]
            return r.by_name
        if o is not None:
            if o.meaning in v.parents_of(r.by_name, strict=True):
                return r.by_name
            if o.meaning in v.parents_of(r.by_code, strict=True):
                return r.by_code
        return r.by_name


def _names_nothing(name: str) -> bool:
    return not fwlib.bare(name)


def _parents_in(v: TableView, l2: Entry) -> list[Entry]:
    """The level-1 entries of the table's framework a level 2 may sit under."""
    own = [e for e in v.fw.by_meaning(l2.meaning, 2) if l2.names & e.names] or v.fw.by_meaning(l2.meaning, 2)
    keys = dict.fromkeys(p for e in own for p in e.parents)
    return [v.fw.level1[k] for k in keys if k in v.fw.level1]


def _suggest_l1(v: TableView, l2: Entry | None) -> str:
    if l2 is not None:
        parents = _parents_in(v, l2)
        if parents:
            return "或".join(v.label(p) for p in parents)
    return "按二级指标选择"


def _parent_label(v: TableView, l2: Entry, allowed: set[str]) -> str:
    parents = _parents_in(v, l2)
    if parents:
        return "或".join(v.label(p) for p in parents)
    labels = [v.label(m, 1) for m in sorted(allowed)]
    return "或".join(labels) if labels else "?"


def _only_child(v: TableView, l1: Entry | None) -> Entry | None:
    if l1 is None:
        return None
    children = [c for c in v.fw.entries(2) if v.fw.level1.get(c.parents[0] if c.parents else "") is not None
                and v.fw.level1[c.parents[0]].meaning == l1.meaning]
    return children[0] if len(children) == 1 else None


def settled(v: TableView, depth: int, r, other) -> Entry | None:
    """Which reading of a code/name disagreement the other level proves, or None when it does
    not decide: the other level must print a code that agrees with its own name, and exactly
    one of the two readings may sit with it ("1-效益指标；22-社会效益": 22 sits under 效益, so
    the number 1 is the slip)."""
    if other.by_code is None or other.by_name is None or not other.consistent:
        return None
    o = other.by_code
    if depth == 1:
        fits = [e for e in (r.by_code, r.by_name) if e.meaning in v.fw.parent_meanings(o)]
    else:
        fits = [e for e in (r.by_code, r.by_name) if o.meaning in v.parents_of(e, strict=True)]
    return fits[0] if len(fits) == 1 else None


_CODE = re.compile(r"^(\s*)(\d{1,2})(\s*[-－—–.、．]?\s*)(.*)$", re.S)


def respell(raw: str, right: Entry, wrong_code: bool) -> str | None:
    """The printed category with its wrong half replaced: the number ("1-效益指标" → "2-效益指标")
    or the name ("1-效益指标" → "1-产出指标"); the rest of the spelling is kept."""
    m = _CODE.match(raw)
    if m is None or not right.code:
        return None
    lead, _, sep, name = m.groups()
    if wrong_code:
        return f"{lead}{right.code}{sep}{name}"
    return f"{lead}{m.group(2)}{sep}{right.name}"
