"""``project-structure``: what a project's indicator list must hold as a whole — category
coverage, numbering, no duplicate names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from .. import frameworks as fwlib
from ..rulekit import Check, Context, Hit, Params, register
from ..model import Project
from ..text import normalize
from .category_fit import as_meaning
from .codes import rule_frameworks


class StructureParams(Params):
    aspect: Literal["coverage", "numbering", "duplicate-names"]
    # coverage: label → meanings (vocab/frameworks.yaml: output, benefit, satisfaction, cost,
    # quantity …; a 2015 code "31" is read as its meaning); satisfied when any indicator's
    # level 1 or level 2 means one of them, wherever the table's framework files it
    require: dict[str, list[str]] = Field(default_factory=dict)
    frameworks: str = "vocab/frameworks.yaml"


# The coverage rules (CMP002–CMP004) ask the same projects of the same table one rule after
# another: the meanings a project covers are worked out once, for the last table's view only.
_COVERED: list = [None, {}]  # [view, {id(project): (project, meanings)}]


def _covered(project: Project, v: fwlib.TableView) -> set[str]:
    if _COVERED[0] is not v:
        _COVERED[0], _COVERED[1] = v, {}
    hit = _COVERED[1].get(id(project))
    if hit is None or hit[0] is not project:
        hit = _COVERED[1][id(project)] = (project, ProjectStructureCheck.categories(project, v))
    return hit[1]


@register("project-structure", accepts=("project",))
class ProjectStructureCheck(Check):
    Params = StructureParams

    def __init__(self, params: StructureParams, rule):
        super().__init__(params, rule)
        self.frameworks = rule_frameworks(rule, params.frameworks) if params.aspect == "coverage" else None
        self.memo_shape = ("project-structure", params.aspect, id(self.frameworks))
        self.require = {label: {as_meaning(m) for m in meanings} for label, meanings in params.require.items()}

    @staticmethod
    def categories(project: Project, v: fwlib.TableView) -> set[str]:
        """Meanings the project's indicators cover: each level's own meaning, and the level-1
        meaning a level 2 implies in its framework (a 22 under a misnumbered level 1 is still
        a benefit)."""
        found: set[str] = set()
        for ind in project.indicators:
            for depth, cat in ((1, ind.level1), (2, ind.level2)):
                entry = v.resolve(cat, depth).entry  # a printed number wins over the name
                if entry is None:
                    continue
                found.add(entry.meaning)
                if depth == 2 and entry.parents:  # its own parent, not an also_under
                    own = v.frameworks.get(entry.framework)
                    parent = own.level1.get(entry.parents[0]) if own else None
                    if parent is not None:
                        found.add(parent.meaning)
        return found

    def memo_key(self, project: Project, ctx: Context):
        # coverage and numbering depend on the categories or numbers only; duplicate names
        # point at a line, so they are not memoised
        if self.params.aspect == "coverage":
            # what is covered is a set: the distinct category pairs, in any order, and how
            # many indicators there are (the finding says so) make the key
            key = fwlib.view(ctx.table, self.frameworks).key
            indicators = project.indicators
            return ("c", key, len(indicators), frozenset([(i.level1.raw, i.level2.raw) for i in indicators]))
        if self.params.aspect == "numbering":
            return ("n", tuple(i.number for i in project.indicators))
        return None

    def __call__(self, project: Project, ctx: Context) -> Iterable[Hit]:
        if not project.indicators:
            if self.params.aspect == "coverage":
                yield Hit(vars={"missing": "任何指标", "count": 0, "suggest": self.suggest(fwlib.view(ctx.table, self.frameworks), list(self.require))}, field="name")
            return
        if self.params.aspect == "coverage":
            yield from self._coverage(project, fwlib.view(ctx.table, self.frameworks))
            return
        getattr_ = getattr(self, "_" + self.params.aspect.replace("-", "_"))
        yield from getattr_(project)

    def _coverage(self, project: Project, v: fwlib.TableView) -> Iterable[Hit]:
        if not (v.has_level1 or v.has_level2):
            return  # a table without category columns (指标/权重/指标值 only): nothing to cover
        found = _covered(project, v)
        missing = [label for label, meanings in self.require.items() if not found & meanings]
        if missing:
            yield Hit(vars={"missing": "、".join(missing), "count": len(project.indicators), "suggest": self.suggest(v, missing)}, field="name")

    def suggest(self, v: fwlib.TableView, missing: list[str]) -> str:
        """Where the missing categories go, as the table's framework spells them."""
        places = []
        for label in missing:
            meanings = sorted(self.require[label], key=lambda m: (m not in fwlib.LEVEL2_MEANINGS, m))
            if meanings:
                places.append(v.place(meanings[0]))
        return "”“".join(dict.fromkeys(places))

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
