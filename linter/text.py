"""Text helpers shared by readers and checks."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC (full-width → half-width: ％→%, ：→:, ０→0) with spaces removed, for matching.

    Reports always show the raw text; only matching uses this form.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())
