"""``category-code``: level-1/level-2 codes against a code table (a shared vocabulary file).

One check type, several aspects, so each defect is its own rule with its own code:
``level1-unknown``, ``level2-unknown``, ``code-name-mismatch``, ``hierarchy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from ..engine.registry import Check, Context, Hit, Params, register
from ..engine.schema import load_vocab
from ..errors import RuleError
from ..model import Category, Indicator
from ..text import normalize


class CodeParams(Params):
    aspect: Literal["level1-unknown", "level2-unknown", "code-name-mismatch", "hierarchy"]
    codes: str = "vocab/category-codes.yaml"
    extra_aliases: dict[str, list[str]] = Field(default_factory=dict)


@dataclass
class Code:
    code: str
    name: str
    parent: str | None
    names: set[str]  # accepted spellings, normalised, without the trailing 指标
    also_under: set[str]


def _bare(name: str) -> str:
    name = normalize(name)
    return name[:-2] if name.endswith("指标") else name


class CodeTable:
    def __init__(self, data: dict, extra_aliases: dict[str, list[str]], where: str):
        self.codes: dict[str, Code] = {}
        try:
            for level in ("level1", "level2"):
                for code, spec in data[level].items():
                    code = str(code)
                    names = {_bare(spec["name"])} | {_bare(a) for a in spec.get("aliases", [])}
                    names |= {_bare(a) for a in extra_aliases.get(code, [])}
                    self.codes[code] = Code(
                        code=code,
                        name=spec["name"],
                        parent=str(spec["parent"]) if "parent" in spec else None,
                        names=names,
                        also_under={str(x) for x in spec.get("also_under", [])},
                    )
        except (KeyError, TypeError, AttributeError) as exc:
            raise RuleError(f"{where}: 代码表格式错误（{exc}）") from None

        self._levels = {d: [c for c in self.codes.values() if (c.parent is None) == (d == 1)] for d in (1, 2)}
        self._by_name: dict[tuple[str, int], Code | None] = {}

    def level(self, depth: int) -> list[Code]:
        return self._levels[depth]

    def by_name(self, name: str, depth: int) -> Code | None:
        key = (name, depth)
        if key not in self._by_name:  # names repeat across a table: resolve each spelling once
            bare = _bare(name)
            self._by_name[key] = next((c for c in self.level(depth) if bare in c.names), None)
        return self._by_name[key]

    def get(self, code: str | None, depth: int) -> Code | None:
        c = self.codes.get(code or "")
        if c is None or (c.parent is None) != (depth == 1):
            return None
        return c

    def label(self, c: Code) -> str:
        return f"{c.code}-{c.name}"


@register("category-code", accepts=("indicator",))
class CategoryCodeCheck(Check):
    Params = CodeParams

    def __init__(self, params: CodeParams, rule):
        super().__init__(params, rule)
        self.table = CodeTable(load_vocab(rule, params.codes), params.extra_aliases, rule.path)

    def resolve(self, cat: Category, depth: int) -> tuple[Code | None, Code | None]:
        """(code by number, code by name); either may be None."""
        return self.table.get(cat.code, depth), self.table.by_name(cat.name, depth)

    def memo_key(self, ind: Indicator, ctx: Context):
        return (ind.level1.raw, ind.level2.raw)

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        aspect = self.params.aspect
        t = self.table
        l1_num, l1_name = self.resolve(ind.level1, 1)
        l2_num, l2_name = self.resolve(ind.level2, 2)
        if aspect == "level1-unknown":
            if not ind.level1.raw:
                yield Hit(field="level1", value="", vars={"known": _known(t, 1), "suggest": _suggest_l1(l2_num or l2_name, t)})
            elif l1_num is None and l1_name is None:
                yield Hit(field="level1", value=ind.level1.raw, vars={"known": _known(t, 1), "suggest": _suggest_l1(l2_num or l2_name, t)})
            elif ind.level1.code and l1_num is None:  # the name is known, the number is not
                yield Hit(field="level1", value=ind.level1.raw, vars={"known": _known(t, 1), "suggest": t.label(l1_name)})
        elif aspect == "level2-unknown":
            if not ind.level2.raw or (l2_num is None and l2_name is None) or (ind.level2.code and l2_num is None):
                guess = l2_name or _only_child(t, l1_num or l1_name)
                yield Hit(field="level2", value=ind.level2.raw, vars={"known": _known(t, 2), "suggest": t.label(guess) if guess else "按指标内容选择"})
        elif aspect == "code-name-mismatch":
            for depth, cat, num, byname, field in ((1, ind.level1, l1_num, l1_name, "level1"), (2, ind.level2, l2_num, l2_name, "level2")):
                if num is None or byname is None or num.code == byname.code:
                    continue
                suggest = self.pick(depth, num, byname, l1_num, l1_name, l2_num, l2_name)
                yield Hit(
                    field=field,
                    value=cat.raw,
                    vars={"by_number": t.label(num), "by_name": t.label(byname), "suggest": t.label(suggest)},
                )
        elif aspect == "hierarchy":
            # Only when each level is itself consistent; a mismatch is reported by its own rule.
            l1 = l1_num or l1_name
            l2 = l2_num or l2_name
            if l1 is None or l2 is None or (l1_num and l1_name and l1_num is not l1_name) or (l2_num and l2_name and l2_num is not l2_name):
                return
            if l2.parent == l1.code:
                return
            if l1.code in l2.also_under and not ind.level2.code:
                return  # an older template's spelling (e.g. 满意度 under 效益 without a 3x code)
            parent = t.codes.get(l2.parent or "")
            yield Hit(
                field="level2",
                value=f"{ind.level1.raw}；{ind.level2.raw}",
                vars={"level1": ind.level1.raw, "level2": ind.level2.raw, "parent": t.label(parent) if parent else "?"},
            )

    def pick(self, depth, num, byname, l1_num, l1_name, l2_num, l2_name) -> Code:
        """Which reading of a number/name disagreement is probably meant, using the other level."""
        t = self.table
        if depth == 1:
            l2 = l2_num if (l2_num and (not l2_name or l2_num is l2_name)) else None
            if l2 is not None:
                return t.codes[l2.parent] if l2.parent in t.codes else byname
            return byname
        l1 = l1_num if (l1_num and (not l1_name or l1_num is l1_name)) else None
        if l1 is not None:
            if byname.parent == l1.code:
                return byname
            if num.parent == l1.code:
                return num
        return byname


def _known(t: CodeTable, depth: int) -> str:
    return "、".join(t.label(c) for c in t.level(depth))


def _suggest_l1(l2: Code | None, t: CodeTable) -> str:
    if l2 is not None and l2.parent in t.codes:
        return t.label(t.codes[l2.parent])
    return "按二级指标选择"


def _only_child(t: CodeTable, l1: Code | None) -> Code | None:
    if l1 is None:
        return None
    children = [c for c in t.level(2) if c.parent == l1.code]
    return children[0] if len(children) == 1 else None
