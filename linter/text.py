"""Text helpers shared by readers and checks."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC (full-width → half-width: ％→%, ：→:, ０→0) with spaces removed, for matching.

    Reports always show the raw text; only matching uses this form.
    """
    return "".join(nfkc(text).split())


# The full-width forms Chinese text is written with, each with its NFKC form (one ASCII
# character: its whole compatibility decomposition).
_WIDE = [(chr(c), chr(c - 0xFEE0)) for c in map(ord, "，：；（）％＞＜／！？＋－＝")] + [("\u3000", " ")]


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster for Chinese sentences: a full-width comma
    sends normalize() down its slow path (~18 µs for a 100-character goal). Putting these
    characters' decompositions in first leaves the same NFKD, so the same NFKC, and the
    text is then usually normalised already (~2.5 µs, a quick check)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def did_you_mean(key: str, known, sep: str = "；", n: int = 1) -> str:
    """「；是不是 select？」 when ``key`` is close to a known name (difflib), else "". Shared by
    every message that names a misspelt key, option, code or directive."""
    import difflib

    close = difflib.get_close_matches(str(key), list(known), n=n, cutoff=0.6)
    return f"{sep}是不是 {'、'.join(close)}？" if close else ""

