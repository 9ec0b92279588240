"""``project-structure``: what a project's indicator list must hold as a whole — category
coverage, numbering, no duplicate names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from ..engine.registry import Check, Context, Hit, Params, register
from ..engine.schema import load_vocab
from ..model import Project
from ..text import normalize
from .codes import CodeTable


class StructureParams(Params):
    aspect: Literal["coverage", "numbering", "duplicate-names"]
    # coverage: label → codes; satisfied when any indicator has one of the codes (level 1 or 2)
    require: dict[str, list[str]] = Field(default_factory=dict)
    codes: str = "vocab/category-codes.yaml"


@register("project-structure", accepts=("project",))
class ProjectStructureCheck(Check):
    Params = StructureParams

    def __init__(self, params: StructureParams, rule):
        super().__init__(params, rule)
        self.codes = CodeTable(load_vocab(rule, params.codes), {}, rule.path)

    def categories(self, project: Project) -> set[str]:
        found: set[str] = set()
        for ind in project.indicators:
            for depth, cat in ((1, ind.level1), (2, ind.level2)):
                code = self.codes.get(cat.code, depth) or self.codes.by_name(cat.name, depth)
                if code is not None:
                    found.add(code.code)
        return found

    def memo_key(self, project: Project, ctx: Context):
        # coverage and numbering depend on the categories or numbers only; duplicate names
        # point at a line, so they are not memoised
        if self.params.aspect == "coverage":
            return ("c", tuple((i.level1.raw, i.level2.raw) for i in project.indicators))
        if self.params.aspect == "numbering":
            return ("n", tuple(i.number for i in project.indicators))
        return None

    def __call__(self, project: Project, ctx: Context) -> Iterable[Hit]:
        if not project.indicators:
            if self.params.aspect == "coverage":
                yield Hit(vars={"missing": "任何指标", "count": 0}, field="name")
            return
        getattr_ = getattr(self, "_" + self.params.aspect.replace("-", "_"))
        yield from getattr_(project)

    def _coverage(self, project: Project) -> Iterable[Hit]:
        found = self.categories(project)
        missing = [label for label, codes in self.params.require.items() if not found & set(codes)]
        if missing:
            yield Hit(vars={"missing": "、".join(missing), "count": len(project.indicators)}, field="name")

    def _numbering(self, project: Project) -> Iterable[Hit]:
        numbers = [i.number for i in project.indicators if i.number is not None]
        expected = list(range(1, len(numbers) + 1))
        if numbers == expected:
            return
        repeats = sorted(n for n, c in Counter(numbers).items() if c > 1)
        # Gaps only up to a bound set by the list's length: a typo such as 20240101 must not
        # make the check enumerate twenty million numbers; it is named as out of sequence.
        bound = 2 * len(numbers) + 10
        present = set(numbers)
        top = max((n for n in present if n <= bound), default=0)
        gaps = [n for n in range(1, top + 1) if n not in present]
        strays = sorted(n for n in present if n > bound)
        parts = []
        if gaps:
            parts.append("缺少第 " + "、".join(map(str, gaps)) + " 号")
        if repeats:
            parts.append("重复第 " + "、".join(map(str, repeats)) + " 号")
        if strays:
            parts.append("第 " + "、".join(map(str, strays)) + " 号远超指标个数，不在序列中")
        if not parts:
            parts.append("编号顺序错乱")
        yield Hit(vars={"numbers": "、".join(map(str, numbers)), "problem": "，".join(parts)}, field="name")

    def _duplicate_names(self, project: Project) -> Iterable[Hit]:
        seen: dict[str, int] = {}
        for ind in project.indicators:
            key = normalize(ind.name)
            if not key:
                continue
            if key in seen:
                yield Hit(
                    vars={"name": ind.name, "first": seen[key], "second": ind.number},
                    field="name", value=ind.name, line=ind.field_lines.get("name") or ind.source.line,
                )
            else:
                seen[key] = ind.number
