"""``goal-copy``: a multi-year project whose 年度目标 is word for word its 实施期目标 (中期目标).

The annual goal of a project that runs several years is this year's share; copying the whole
period's goal into it leaves the year without a checkable target. The two goals come from the
form's labelled fields (vocab/form-labels.yaml: ``period_goal`` and ``goal``), compared after
NFKC folding without spaces and punctuation. One-year projects are left alone: there the two
goals may rightly be the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..vocab import load_vocab
from ..model import Project
from ..text import normalize
from .project_term import is_multi_year

_NOTE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_PUNCT = re.compile(r"[\W_]+")


def label_key(label: str) -> str:
    """"中期目标(2024年—2026年)" → "中期目标"; "年 度 目 标" → "年度目标"."""
    return "".join(_NOTE.sub("", normalize(label or "")).split()).strip("*＊:：")


def text_key(text: str) -> str:
    return _PUNCT.sub("", normalize(text or ""))


class GoalCopyParams(Params):
    labels: str = "vocab/form-labels.yaml"
    multi_year_patterns: list[str] = Field(default_factory=list)
    min_chars: int = 8  # shorter goals ("无", "见附件") are not judged as copies


@register("goal-copy", accepts=("project",))
class GoalCopyCheck(Check):
    Params = GoalCopyParams

    def __init__(self, params: GoalCopyParams, rule):
        super().__init__(params, rule)
        from ..patterns import compile_one, is_builtin

        shipped = frozenset(rule.default_params().get("multi_year_patterns", [])) if is_builtin(getattr(rule, "path", None)) else frozenset()
        labels = load_vocab(rule, params.labels)
        self.period_labels = {label_key(x) for x in labels.get("period_goal", [])}
        self.annual_labels = {label_key(x) for x in labels.get("goal", [])}
        self.multi_year = [compile_one(p, f"{rule.path}: multi_year_patterns", shipped) for p in params.multi_year_patterns]

    def goals(self, project: Project) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        period = annual = None
        for label, value in project.extra.items():
            key = label_key(label)
            if period is None and key in self.period_labels and value.strip():
                period = (label, value)
            elif annual is None and key in self.annual_labels and value.strip():
                annual = (label, value)
        return period, annual

    def __call__(self, project: Project, ctx: Context) -> Iterable[Hit]:
        period, annual = self.goals(project)
        if period is None or annual is None:
            return
        same = text_key(period[1])
        if len(same) < self.params.min_chars or same != text_key(annual[1]):
            return
        if not is_multi_year(project, self.multi_year):
            return
        term = project.term or "跨多个年度"
        yield Hit(
            field="goal", value=annual[1],
            vars={"period_label": period[0], "annual_label": annual[0], "term": term, "goal_text": annual[1] if len(annual[1]) <= 60 else annual[1][:60] + "…"},
        )
