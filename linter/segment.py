"""Chinese word segmentation with jieba, loaded only when a rule that needs it runs.

jieba reads a large dictionary on first use (about a second); nothing imports this module
until a check that segments is built.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

_lock = threading.Lock()
_tokenizer = None
_added: set[str] = set()


def tokenizer():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            _tokenizer = jieba.Tokenizer()
            _tokenizer.initialize()
    return _tokenizer


def add_words(words) -> None:
    tk = tokenizer()
    new = [w for w in words if w not in _added]
    for word in new:
        tk.add_word(word, freq=200000)
        _added.add(word)
    if new:
        cut.cache_clear()


@lru_cache(maxsize=65536)
def cut(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokenizer().lcut(text, HMM=False) if t.strip())
