"""Sketches of texts for the duplicate stage: one-permutation MinHash over character shingles
hashed with crc32, cut into bands that are bucket keys (see duplicates.py). One text at a
time here; sketch_batch.py computes the same bytes for a whole batch with numpy."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache


def shingles(text: str, n: int) -> set[str]:
    if len(text) <= n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def sketch_keys(hashes: Iterable[int], bins: int, rows: int) -> tuple[int, ...]:
    """One-permutation MinHash: the smallest hash in each of `bins` bins of the hash space,
    cut into bands of `rows` bins; each band is one bucket key. Two texts share a band with
    probability ≈ 1 − (1 − J^rows)^(bins/rows) for shingle-set Jaccard J.

    A band's key is its `rows` minima as one int (each hash // bins + 1, 0 for an empty bin,
    in field_bytes(bins) bytes): within a bin every hash leaves the same remainder, so the
    quotient says which. The reference for packed_keys."""
    mins = [-1] * bins
    for h in hashes:
        b, v = h % bins, h // bins
        if mins[b] < 0 or v < mins[b]:
            mins[b] = v
    bits = 8 * field_bytes(bins)
    keys = []
    for i in bands(bins, rows):
        key = 0
        for m in mins[i:i + rows]:
            key = (key << bits) | (m + 1)
        keys.append(key)
    return tuple(keys)


def text_keys(text: str, shingle: int = 3, bins: int = 32, rows: int = 4) -> tuple[int, ...]:
    """The bucket keys of one text (crc32, not hash(): str hashes change per process and
    findings must not)."""
    return sketch_keys({zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in shingles(text, shingle)}, bins, rows)


def bands(bins: int, rows: int) -> range:
    """The first bin of each band (a trailing part of fewer than `rows` bins is not one)."""
    return range(0, bins - rows + 1, rows)


def field_bytes(bins: int) -> int:
    """Bytes of one minimum in a key: crc32 // bins + 1 is below 2**32 from two bins up."""
    return 4 if bins >= 2 else 5


def key_width(bins: int, rows: int) -> int:
    """Bytes of one packed band key: its `rows` minima. (A band's keys are bucketed with that
    band's only, so a key needs no band number.)"""
    return field_bytes(bins) * rows


EMPTY = 1 << 32  # above every crc32: a bin no shingle fell in


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def bin_minima(text: str, shingle: int, bins: int) -> list[int]:
    """Per bin (crc32 % bins) the smallest crc32 of the text's shingles in it, EMPTY for none:
    within a bin the smallest hash is the smallest hash // bins that sketch_keys keeps."""
    n = len(text)
    # a list, not a set: a repeated shingle changes no minimum and costs less than hashing each
    grams = [text[i:i + shingle] for i in range(n - shingle + 1)] if n > shingle else ([text] if text else [])
    low = [EMPTY] * bins
    for h in map(zlib.crc32, map(_utf8, grams)):  # a lone surrogate (JSON "\\ud800") hashed as is
        b = h % bins
        if h < low[b]:
            low[b] = h
    return low


@lru_cache(maxsize=1024)  # a text copied into several tables is sketched once per process
def packed_keys(text: str, shingle: int = 3, bins: int = 32, rows: int = 4) -> bytes:
    """text_keys() as one bytes string of fixed-width big-endian keys: equal keys, equal
    slices. A third of the memory of the tuple of ints, for the keys a parallel run's
    workers send and the main process holds until the cross-table stage."""
    size = field_bytes(bins)
    used = len(bands(bins, rows)) * rows
    return b"".join((0 if h == EMPTY else h // bins + 1).to_bytes(size, "big") for h in bin_minima(text, shingle, bins)[:used])
