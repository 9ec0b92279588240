"""``annual-year``: an annual target (年度指标值) whose date runs past the budget year.

A 实施周期 value may span years ("2023年4月-2024年2月"); the 年度 value is what this budget
year buys, so "2024年2月底前完成" in a 2023 table cannot be checked at the 2023 year end.
The budget year is the table's (title or form, ``Table.budget_year``); without it, the one
year a project name states ("2023年…经费"); a name spanning years ("2024-2025年") or no
year at all: nothing is said. A table with one target column says nothing either when the
date lies within the project's own printed term (项目期), which then runs past the budget year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, one_sided, register, remember
from ..model import Indicator, Project, Table
from ..text import normalize
from ..values import parse_value
from .project_term import term_end_year
from .value_format import reading_of


class AnnualYearParams(Params):
    name_year_pattern: str = r"(?<![\d.])((?:19|20)\d{2})年"
    name_span_patterns: list[str] = Field(default_factory=lambda: [r"((?:19|20)\d{2})年?度?[-—–―~至到]{1,2}((?:19|20)\d{2})"])


@register("annual-year", accepts=("indicator",))
class AnnualYearCheck(Check):
    Params = AnnualYearParams

    def __init__(self, params: AnnualYearParams, rule):
        super().__init__(params, rule)
        self.year_re = re.compile(params.name_year_pattern)
        self.span_res = [re.compile(p) for p in params.name_span_patterns]
        self._names: dict[str, int | None] = {}

    def name_year(self, project: Project | None) -> int | None:
        """The single year a project name states, or None (no year, several, or a span)."""
        if project is None:
            return None
        name = project.name
        if name not in self._names:
            text = normalize(name)
            years = {int(y) for y in self.year_re.findall(text)}
            spans = any(r.search(text) for r in self.span_res)
            return remember(self._names, name, years.pop() if len(years) == 1 and not spans else None)
        return self._names[name]

    def budget_year(self, table: Table | None, project: Project | None) -> tuple[int | None, str]:
        if table is not None and table.budget_year:
            return table.budget_year, "表格所属预算年度"
        return self.name_year(project), "项目名称中的年度"

    def own_term_end(self, table: Table | None, project: Project | None) -> int | None:
        """A table with one target column and a project whose printed term runs past the budget
        year (项目期 2022年3月-2023年11月): that column cannot be told from the project's own
        target, so a date within the term is not past what the column covers."""
        return term_end_year(project) if one_sided(table) else None

    # the values, with the year and term of the indicator's project (once per project)
    memo_fields = {"indicator": ("period_value", "annual_value")}  # as value-pair: one grouping for both

    def memo_project(self, project: Project | None, table: Table | None):
        return (self.budget_year(table, project), self.own_term_end(table, project))

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        if not ind.annual_value:
            return
        reading = parse_value(ind.annual_value)
        if reading.end_year is None:
            return
        year, source = self.budget_year(ctx.table, ctx.project)
        if year is None or reading.end_year <= year:
            return
        term_end = self.own_term_end(ctx.table, ctx.project)
        if term_end is not None and reading.end_year <= term_end:
            return
        end = f"{reading.end_year}年{reading.end_month}月" if reading.end_month else f"{reading.end_year}年"
        yield Hit(field="annual_value", value=ind.annual_value, reading=reading_of(ind),
                  vars={"end": end, "year": year, "source": source, "reading": reading.describe()})
