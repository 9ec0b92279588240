"""jieba's dictionary, read by first character instead of whole.

Before it segments anything, jieba loads its whole prefix dictionary: ~500,000 entries,
~0.35 s from its own marshal cache, in every process. Yet a segmentation of a text only ever
asks about fragments that start at one of the text's characters (``get_DAG`` looks up
``sentence[k:i + 1]``, ``calc`` the same fragments), so the entries whose first character occurs
in the text give the same answer as the whole dictionary. The first process that loads the
whole dictionary also writes it grouped by first character into the cache folder
(``jieba-dict-<key>.json``: one JSON header line — the total, the characters and their groups'
offsets — then each group as a JSON object); a later process reads the header and only the
groups of the characters it meets (one name edited: a few groups, milliseconds).

The file is keyed by jieba's version and its dictionary file (size, modification time). A
group that is not a mapping of texts starting with its character to whole numbers is damage:
the caller falls back to jieba's whole dictionary (``Damaged``).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import jieba

from .cache_files import write_atomically

FORMAT = 1
NAME = "jieba-dict-{key}.json"


class Damaged(ValueError):
    """The index file is not what this module writes."""


def index_path(directory: Path) -> Path | None:
    """Where the index of the installed jieba dictionary lives; None when jieba's files cannot
    be found (a frozen install): then there is no index."""
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    try:
        st = dictionary.stat()
    except OSError:
        return None
    stamp = f"{FORMAT}|{getattr(jieba, '__version__', '?')}|{dictionary}|{st.st_size}|{st.st_mtime_ns}"
    return directory / NAME.format(key=hashlib.sha256(stamp.encode()).hexdigest()[:16])


def write_index(path: Path, freq: dict[str, int], total: int) -> None:
    """The whole dictionary (jieba's FREQ and total, before any word is added), by first character."""
    groups: dict[str, dict[str, int]] = {}
    for word, n in freq.items():
        group = groups.get(word[0])
        if group is None:
            group = groups[word[0]] = {}
        group[word] = n
    blobs, offsets, position = [], [0], 0
    for group in groups.values():
        blob = json.dumps(group, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        blobs.append(blob)
        position += len(blob)
        offsets.append(position)
    header = {"format": FORMAT, "total": total, "chars": "".join(groups), "offsets": offsets}
    write_atomically(path, json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + b"".join(blobs))


HEADER_LIMIT = 1 << 20  # the header line (~60 KB for jieba's dictionary); a longer one is damage


def _read_at(fh, offset: int, size: int) -> bytes:
    """``size`` bytes at ``offset``. os.pread leaves the handle's position alone: forked workers
    share it with their parent, and a seek in one would move the others' reads. Windows (no
    pread, no fork): seek and read — callers hold IndexedTokenizer's lock."""
    if hasattr(os, "pread"):
        return os.pread(fh.fileno(), size, offset)
    fh.seek(offset)
    return fh.read(size)


class Index:
    """An index file opened for reading: its header read, its groups read on demand (a few KB
    each, by positioned reads: a file cut short while open is a short read, never a fault of a
    mapping, and ``close()`` lets the file be removed on Windows)."""

    def __init__(self, path: Path):
        self._fh = None
        try:
            self._fh = open(path, "rb")
            line = self._fh.readline(HEADER_LIMIT)
            if not line.endswith(b"\n"):
                raise Damaged("header line")
            header = json.loads(line)
            chars, offsets, total = header["chars"], header["offsets"], header["total"]
            if header["format"] != FORMAT or type(chars) is not str or type(total) is not int or total <= 0:
                raise Damaged("header")
            if type(offsets) is not list or len(offsets) != len(chars) + 1 or not all(type(o) is int for o in offsets):
                raise Damaged("offsets")
            if offsets[0] != 0 or any(b < a for a, b in zip(offsets, offsets[1:])):
                raise Damaged("offsets")
            if len(line) + offsets[-1] != os.fstat(self._fh.fileno()).st_size:
                raise Damaged("length")
        except Exception as exc:  # noqa: BLE001 - deep nesting (RecursionError), wrong types: all damage
            self.close()
            raise exc if isinstance(exc, Damaged) else Damaged(f"{type(exc).__name__}: {exc}") from None
        self.total = total
        self._start = len(line)
        self._where = {ch: i for i, ch in enumerate(chars)}
        self._offsets = offsets

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def group(self, ch: str) -> dict[str, int]:
        i = self._where.get(ch)
        if i is None:
            return {}
        a, b = self._offsets[i], self._offsets[i + 1]
        try:
            blob = _read_at(self._fh, self._start + a, b - a)
            if len(blob) != b - a:
                raise Damaged(f"group {ch!r}: short")
            group = json.loads(blob)
        except Damaged:
            raise
        except Exception as exc:  # noqa: BLE001 - closed, unreadable, not JSON, too deep
            raise Damaged(f"group {ch!r}: {type(exc).__name__}") from None
        if type(group) is not dict or not all(type(n) is int and n >= 0 and w[:1] == ch for w, n in group.items()):
            raise Damaged(f"group {ch!r}")
        return group


class IndexedTokenizer(jieba.Tokenizer):
    """A jieba tokenizer whose FREQ holds the groups of the characters it has met: the same
    segmentations as the whole dictionary (see the module docstring). Groups are read in
    ``get_DAG``, where every lookup of a segmentation starts (``calc`` and ``cut_for_search``
    look up fragments ``get_DAG`` has met).

    Words added before their character's group is read are put in when it is read, with
    ``add_word``'s own rule (the word at its frequency, its prefixes at 0 where absent); the
    total counts them at once, as ``add_word`` does."""

    def __init__(self, index: Index):
        super().__init__()
        self.index = index
        self.FREQ = {}
        self.total = index.total
        self.initialized = True  # jieba's check_initialized: never load the whole dictionary
        self._read: set[str] = set()
        self._waiting: dict[str, list[tuple[str, int]]] = {}
        self._reading = threading.Lock()

    def add_word(self, word, freq=None, tag=None):
        if freq is None or tag is not None:
            raise ValueError("IndexedTokenizer.add_word takes a word and its frequency only")
        word, freq = jieba.strdecode(word), int(freq)
        with self._reading:
            if not word or word[0] in self._read:
                super().add_word(word, freq)
                return
            self.total += freq
            self._waiting.setdefault(word[0], []).append((word, freq))
            if freq == 0:
                jieba.finalseg.add_force_split(word)

    def _put(self, word: str, freq: int) -> None:
        self.FREQ[word] = freq
        for end in range(1, len(word)):
            self.FREQ.setdefault(word[:end], 0)

    def read_groups(self, text: str) -> None:
        """Read the groups of the text's characters not read yet (raises Damaged)."""
        new = set(text) - self._read
        if not new:
            return
        with self._reading:
            for ch in new - self._read:
                self.FREQ.update(self.index.group(ch))
                for word, freq in self._waiting.pop(ch, ()):
                    self._put(word, freq)
                self._read.add(ch)

    def get_DAG(self, sentence):  # noqa: N802 - jieba's name
        self.read_groups(sentence)
        return super().get_DAG(sentence)
