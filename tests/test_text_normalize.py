"""text.nfkc: unicodedata's NFKC with a fast path for the full-width punctuation of Chinese
sentences. It must be NFKC exactly: every rule matches on normalize()'s text."""

from __future__ import annotations

import random
import unicodedata

from conftest import SAMPLE

from linter.readers import read_table
from linter.text import _WIDE, nfkc, normalize


def test_fast_path_characters_are_their_own_nfkc():
    for wide, narrow in _WIDE:
        assert unicodedata.normalize("NFKC", wide) == narrow and narrow.isascii()


def test_nfkc_of_every_text_of_the_sample():
    texts = [project.goal or "" for _, project in read_table(SAMPLE).projects()]
    texts += [x or "" for _, _, i in read_table(SAMPLE).indicators() for x in (i.name, i.period_value, i.annual_value)]
    assert sum(1 for t in texts if not unicodedata.is_normalized("NFKC", t)) > 100  # the slow path is exercised
    assert [nfkc(t) for t in texts] == [unicodedata.normalize("NFKC", t) for t in texts]


def test_nfkc_of_random_texts_mixing_full_width_forms_and_combining_marks():
    """A full-width form followed by a combining mark, Hangul jamo, half-width kana with
    voicing marks, ligatures, compatibility squares: NFKC composes across what the fast path
    replaces, so these are where a shortcut would go wrong."""
    rng = random.Random(7)
    pool = [w for w, _ in _WIDE] + list("\u0301\u0308\u3099\u309aかｶﾞＡe。、“﹥㍿ﬁ\u00a0①½\u1100\u1161\u11a8가Å\u212bǅｱ")
    for _ in range(50_000):
        text = "".join(rng.choice(pool) if rng.random() < 0.7 else _any_char(rng) for _ in range(rng.randrange(12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def _any_char(rng: random.Random) -> str:
    """Any code point of the first three planes but a surrogate (CJK extensions, compatibility
    ideographs and presentation forms included)."""
    code = rng.randrange(0x20, 0x30000 - 0x800)
    return chr(code if code < 0xD800 else code + 0x800)


def test_normalize_removes_spaces_after_nfkc():
    assert normalize("完成率　≥ ９５％") == "完成率≥95%"
