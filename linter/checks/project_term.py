"""How long a project runs, from what the table says: its term (项目期 / 实施期限 / 建设周期,
``Project.term``), a year span in its name or goal ("2024-2025年"), or a 中期 goal label with
one. Period-annual rules use it: a one-year project's 实施周期 is its budget year.

Domain logic only (no engine imports), so rules of several check types share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Project
from ..text import normalize

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# "3年", "三年", "两年期": a term given as a number of years
_YEARS_COUNT = re.compile(r"^(\d{1,2}|[一二两三四五六七八九十])(?:个)?(?:年|周年)(?:期)?$")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def term_years(term: str) -> tuple[int | None, int | None, int | None]:
    """(first year, last year, number of years) a printed term states; None where it does not.
    "2022年3月-2023年11月" → (2022, 2023, None); "3年" → (None, None, 3); "2022年" → (2022, 2022, None)."""
    text = "".join(normalize(term or "").split())
    if not text:
        return None, None, None
    m = _YEARS_COUNT.match(text)
    if m:
        n = m.group(1)
        return None, None, int(n) if n.isdigit() else _CN.get(n)
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None, None, None
    return min(years), max(years), None


def term_is_multi_year(term: str) -> bool | None:
    """True: the term spans several years; False: one year; None: the term says nothing."""
    first, last, count = term_years(term)
    if count is not None:
        return count > 1
    if first is None:
        return None
    return last > first


def spans_years(text: str, patterns: Iterable[re.Pattern]) -> bool:
    """A year span ("2024-2025年", "2024年—2026年") in the text, by the rule's patterns."""
    for regex in patterns:
        for m in regex.finditer(text):
            years = [int(y) for y in m.groups() if y and y.isdigit()]
            if len(years) < 2 or years[-1] > years[0]:
                return True
    return False


_FULL_WIDTH = re.compile(r"[０-９－—–～]")


def is_multi_year(project: Project, patterns: Iterable[re.Pattern]) -> bool:
    """Whether anything the table says makes the project run over several years: its term, or
    a year span in its name, goal or form labels (中期目标(2024年—2026年))."""
    by_term = term_is_multi_year(project.term)
    if by_term is not None:
        return by_term
    text = project.name + project.goal + "".join(project.extra)
    if _FULL_WIDTH.search(text):  # NFKC only when full-width digits or dashes need it
        text = normalize(text)
    return spans_years(text, patterns)


def term_end_year(project: Project | None) -> int | None:
    """The last year the project's printed term names ("2022年3月-2023年11月" → 2023)."""
    if project is None:
        return None
    return term_years(project.term)[1]
