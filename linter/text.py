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


def did_you_mean(key: str, known, sep: str = "；", n: int = 1) -> str:
    """「；是不是 select？」 when ``key`` is close to a known name (difflib), else "". Shared by
    every message that names a misspelt key, option, code or directive."""
    import difflib

    close = difflib.get_close_matches(str(key), list(known), n=n, cutoff=0.6)
    return f"{sep}是不是 {'、'.join(close)}？" if close else ""

