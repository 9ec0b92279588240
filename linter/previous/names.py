"""Name keys for matching across years: folded text, the years in it, its other numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..values import CN_NUMERAL_CHARS
from ..text import nfkc

# A year with its 年/年度 ("2024年-2025年" and "2024-2025年" fold alike).
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?:年度|年)?")
OTHER_NUMBER = re.compile(rf"\d+|[{CN_NUMERAL_CHARS}]+")
YEAR_MASK = "Y"  # upper case: folded text is lower case, so the mask never collides


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, lower case, no whitespace and no punctuation: "（2024年）" and "(2024 年)" agree."""
    return _strip(nfkc(text or "").lower())


def _strip(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))


@lru_cache(maxsize=65536)
def masked(text: str) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """(folded name with years masked, the years in order, the other numbers in order)."""
    name = nfkc(text or "").lower()
    years = tuple(int(y) for y in YEAR.findall(name))  # before punctuation goes: "2023-2024"
    rest = _strip(YEAR.sub(YEAR_MASK, name))
    return rest, years, tuple(OTHER_NUMBER.findall(rest))


def years_shifted(this: tuple[int, ...], last: tuple[int, ...], gap: int) -> bool:
    """Every year of last year's name moved by the gap between the budget years."""
    return len(this) == len(last) and bool(this) and all(a - b == gap for a, b in zip(this, last))


def values_equal(a: str | None, b: str | None) -> bool:
    return fold_value(a) == fold_value(b)


def fold_value(text: str | None) -> str:
    return "".join(nfkc(text or "").split())
