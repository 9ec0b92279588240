"""Chinese word segmentation with jieba, loaded only when a rule that needs it runs.

jieba reads a large dictionary on first use (~0.35–0.7 s). Segmentations are also kept in an
on-disk cache (like a linter's cache of results): a later run over the same tables finds
every name there and never loads jieba. The cache file is keyed by the jieba version and
the user dictionary, so a changed lexicon starts a new one. A name not seen before (one
edited) is segmented with jieba's dictionary read by first character from an index in the
same folder (linter/segment_index.py): the groups of the name's characters, not the whole.

    JXLINT_CACHE_DIR   where the cache lives (default: $XDG_CACHE_HOME/jxlint or ~/.cache/jxlint)
    JXLINT_NO_CACHE=1  neither read nor write it
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from pathlib import Path

from .cache_files import write_atomically

_lock = threading.Lock()
_tokenizer = None
_words: set[str] = set()  # the user dictionary: applied when jieba is loaded
_memory: dict[str, tuple[str, ...]] = {}
_disk: dict[str, list[str]] | None = None
_disk_key: str | None = None
_new: dict[str, list[str]] = {}


def tokenizer():
    """jieba with the user dictionary: its dictionary read by first character from the cache
    folder's index (linter/segment_index.py) when there is one, else whole (and the index then
    written for the next process)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            from . import segment_index

            jieba.setLogLevel(logging.WARNING)
            path = _index_path()
            tk = None
            if path is not None and path.is_file():
                try:
                    tk = segment_index.IndexedTokenizer(segment_index.Index(path))
                except segment_index.Damaged:
                    _remove(path)
            _tokenizer = _with_words(tk or _whole(jieba, path))
    return _tokenizer


USER_FREQ = 200000  # the lexicon's words always win a segmentation


def _with_words(tk):
    for word in sorted(_words):
        tk.add_word(word, freq=USER_FREQ)
    return tk


def _whole(jieba, index: Path | None):
    """jieba's whole dictionary; its index written for later processes when there is a cache folder."""
    tk = jieba.Tokenizer()
    tk.initialize()
    if index is not None and not index.is_file():
        from .segment_index import write_index

        try:
            index.parent.mkdir(parents=True, exist_ok=True)
            write_index(index, tk.FREQ, tk.total)
        except OSError:
            pass  # a cache is an optimisation: never fail a run over it
    return tk


def _index_path() -> Path | None:
    """The dictionary index's file in the cache folder (None: no cache folder, or no jieba files)."""
    from .segment_index import index_path

    directory = _cache_dir()
    return index_path(directory) if directory is not None else None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # still open elsewhere (Windows) or read-only: the whole dictionary serves this run


def _segment(text: str) -> list[str]:
    global _tokenizer
    from .segment_index import Damaged

    try:
        words = tokenizer().lcut(text, HMM=False)
    except Damaged:  # a group of the index is not what was written: the whole dictionary
        import jieba

        path = _index_path()
        damaged = getattr(_tokenizer, "index", None)
        if damaged is not None:
            damaged.close()  # Windows: an open file cannot be removed
        if path is not None:
            _remove(path)  # written again below
        with _lock:
            _tokenizer = _with_words(_whole(jieba, path))
        words = _tokenizer.lcut(text, HMM=False)
    return [t for t in words if t.strip()]


def add_words(words) -> None:
    new = [w for w in words if w not in _words]
    if not new:
        return
    _words.update(new)
    _digests.clear()
    if _tokenizer is not None:
        for word in new:
            _tokenizer.add_word(word, freq=USER_FREQ)
    _memory.clear()


def _cache_dir() -> Path | None:
    if os.environ.get("JXLINT_NO_CACHE"):
        return None
    base = os.environ.get("JXLINT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "jxlint"


_digests: dict[int, str] = {}  # len(_words) → digest: words are only ever added


def _jieba_version() -> str:
    try:
        from importlib.metadata import version

        return version("jieba")
    except Exception:  # pragma: no cover
        return "?"


def _digest() -> str:
    """The cache key: jieba's version and the user dictionary. Computed once per dictionary
    size (a metadata lookup costs ~1 ms, and cut() asks for the key on every new name)."""
    key = len(_words)
    if key not in _digests:
        _digests[key] = hashlib.sha256(("\n".join([_jieba_version(), *sorted(_words)])).encode()).hexdigest()[:16]
    return _digests[key]


def _cache_file() -> Path | None:
    directory = _cache_dir()
    return directory / f"segments-{_digest()}.json" if directory else None


def _load_disk() -> dict[str, list[str]]:
    global _disk, _disk_key, _new
    key = _digest()
    if _disk is None or _disk_key != key:
        _disk, _disk_key, _new = {}, key, {}
        path = _cache_file()
        if path is not None and path.is_file():
            _disk = _read(path)
    return _disk


def _read(path: Path) -> dict[str, list[str]]:
    """The cache file's segmentations; what is not a list of texts under a text is left out
    (the file is a cache: a damaged or hand-edited one must not end a run)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested thousands deep
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if type(v) is list and all(type(t) is str for t in v)}


def cut(text: str) -> tuple[str, ...]:
    tokens = _memory.get(text)
    if tokens is not None:
        return tokens
    disk = _load_disk()
    cached = disk.get(text)
    if cached is None:
        cached = _segment(text)
        disk[text] = cached
        _new[text] = cached
    tokens = _memory[text] = tuple(cached)
    return tokens


@atexit.register
def save() -> None:
    """Merge this process's new segmentations into the cache file.

    Runs at exit of the main process (atexit) and of each worker process (a multiprocessing
    finalizer registered by the parallel path: workers do not run atexit). Concurrent runs
    merge under an exclusive lock on a side file, and the file is replaced atomically, so
    two writers neither corrupt the cache nor drop each other's entries."""
    if not _new:  # first: the file's key asks importlib.metadata for jieba's version (~9 ms)
        return
    path = _cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "a") as lock:
            _lock_file(lock)
            merged = _read(path) if path.is_file() else {}
            merged.update(_new)
            write_atomically(path, json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        _new.clear()
    except OSError:
        pass  # a cache is an optimisation: never fail a run over it


def _lock_file(fh) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the atomic replace alone
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)


def save_at_worker_exit() -> None:
    """Worker processes of a pool skip atexit; multiprocessing runs its finalizers instead."""
    from multiprocessing.util import Finalize

    Finalize(None, save, exitpriority=10)
