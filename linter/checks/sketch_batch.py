"""The sketches of many texts at once: sketches.packed_keys, vectorised with numpy.

A city corpus has some 200,000 goal texts and indicator lists of a hundred or more character
shingles each; hashing them shingle by shingle in Python (slice, encode, crc32, compare) was
most of the duplicate stage's preparation. Here a batch's texts are one array of code points
and every shingle's crc32 comes from per-character numbers, because CRC is linear:

    R(data, r)   the CRC register after the bytes of data, starting from r
                 (zlib.crc32(data) is ~R(data, 0xFFFFFFFF));
    R(a + b, r) = A_len(b)(R(a, r)) ^ R(b, 0), where A_k(r) = R(k zero bytes, r).

So the register after a shingle c0 c1 c2 is A_{n1+n2}(E(c0)) ^ A_{n2}(D(c1)) ^ D(c2), with
n the UTF-8 length of a character, E(c) = R(c, 0xFFFFFFFF) (from zlib.crc32, once per
character) and D(c) = E(c) ^ A_n(0xFFFFFFFF). A_k is linear too: four 256-entry tables, one
per byte of the register. The same numbers as zlib.crc32, so the same sketches and the same
groups whichever path made them (tests/test_duplicate_buckets.py compares both).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .sketches import EMPTY, bands, field_bytes, packed_keys

_ALL = 0xFFFFFFFF


def _advance(k: int, r: int) -> int:
    """A_k(r): the register r after k zero bytes."""
    return zlib.crc32(bytes(k), r ^ _ALL) ^ _ALL


@lru_cache(maxsize=4)
def _zero_tables(most: int) -> np.ndarray:
    """For k = 0..most, A_k of each byte value at each of the register's four byte places:
    A_k(r) is the XOR of the four entries of r's bytes (flat: k * 1024 + place * 256 + byte)."""
    return np.array([_advance(k, b << (8 * place)) for k in range(most + 1) for place in range(4) for b in range(256)],
                    dtype=np.uint32)


_BMP = 0x10000
_E = np.zeros(_BMP, dtype=np.uint32)  # E(c) of each code point below 0x10000 met so far, per process
_KNOWN = np.zeros(_BMP, dtype=bool)


def _start_registers(codes: np.ndarray) -> np.ndarray:
    """E(c) = R(utf8(c), 0xFFFFFFFF) of each code point, from zlib.crc32 once per character
    (kept for the characters of the basic plane, which are nearly all)."""
    low = codes < _BMP
    if not low.all():  # a rare character beyond the basic plane: each distinct one here
        out = np.empty(codes.size, dtype=np.uint32)
        out[low] = _start_registers(codes[low])
        far, back = np.unique(codes[~low], return_inverse=True)
        out[~low] = np.array([_start(c) for c in far.tolist()], dtype=np.uint32)[back]
        return out
    fresh = np.unique(codes[~_KNOWN[codes]])
    if fresh.size:
        _E[fresh] = [_start(c) for c in fresh.tolist()]
        _KNOWN[fresh] = True
    return _E[codes]


def _start(code: int) -> int:
    return zlib.crc32(chr(code).encode("utf-8", "surrogatepass")) ^ _ALL


def _advanced(tables: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """A_k(r) elementwise (k and r arrays of one length)."""
    base = k.astype(np.int64) * 1024
    out = tables[base + (r & 0xFF)]
    out ^= tables[base + 256 + ((r >> 8) & 0xFF)]
    out ^= tables[base + 512 + ((r >> 16) & 0xFF)]
    out ^= tables[base + 768 + (r >> 24)]
    return out


def bin_minima_many(texts: Sequence[str], shingle: int, bins: int) -> np.ndarray:
    """[sketches.bin_minima(t, shingle, bins) for t in texts] as one array (texts × bins),
    for texts of at least `shingle` characters."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    size = 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)  # UTF-8 bytes
    tables = _zero_tables(4 * (shingle - 1))
    start = _start_registers(codes)
    plain = start ^ np.array([_advance(k, _ALL) for k in range(5)], dtype=np.uint32)[size]  # D(c)
    n = codes.size - shingle + 1  # windows over the joined texts; those across a boundary are dropped
    register = (plain if shingle > 1 else start)[shingle - 1:shingle - 1 + n].copy()  # the last character
    after = np.zeros(n, dtype=np.int64)  # bytes of the shingle after position j
    for j in range(shingle - 2, -1, -1):
        after += size[j + 1:j + 1 + n]
        register ^= _advanced(tables, after, (start if j == 0 else plain)[j:j + n])
    hashes = (register ^ np.uint32(_ALL)).astype(np.int64)
    owner = np.repeat(np.arange(len(texts)), lengths)[:n]
    inside = np.arange(n) + shingle <= np.cumsum(lengths)[owner]
    hashes, owner = hashes[inside], owner[inside]
    low = np.full(len(texts) * bins, EMPTY, dtype=np.int64)
    np.minimum.at(low, owner * bins + hashes % bins, hashes)
    return low.reshape(len(texts), bins)


def packed_many(texts: Sequence[str], shingle: int, bins: int, rows: int) -> list[bytes]:
    """[sketches.packed_keys(t, shingle, bins, rows) for t in texts]."""
    long = [t for t in texts if len(t) >= shingle]
    used = len(bands(bins, rows)) * rows
    size = field_bytes(bins)
    width = size * used
    if long:
        low = bin_minima_many(long, shingle, bins)[:, :used]
        fields = np.where(low == EMPTY, 0, low // bins + 1)
        whole = fields.astype(">u4" if size == 4 else ">u8").tobytes()
        if size != 4:  # five bytes of each eight
            whole = np.frombuffer(whole, dtype=np.uint8).reshape(-1, 8)[:, 3:].tobytes()
    else:
        whole = b""
    keys = iter([whole[at:at + width] for at in range(0, len(whole), width)])  # the long texts', in order
    return [next(keys) if len(t) >= shingle else packed_keys(t, shingle, bins, rows) for t in texts]


def _multiplier(column: int) -> np.uint64:
    """An odd 64-bit multiplier for a key's column (keys of any width: one per column)."""
    return np.uint64((0x9E3779B97F4A7C15 + 2 * column) & 0xFFFFFFFFFFFFFFFF)


def shared_many(reps: Sequence[int], packed: Sequence[bytes], width: int) -> list[tuple[int, int, list[int]]]:
    """duplicates.shared_buckets with numpy: for each band, the texts whose band keys are
    equal, as (first member, band, members in order) for every key two or more share, sorted
    by first member, then band (the same list). Equal keys are made adjacent by a stable sort,
    so members keep their order, as in the dict version."""
    n = len(packed)
    total = len(packed[0]) if n else 0
    if n < 2 or width <= 0:
        return []
    matrix = np.frombuffer(b"".join(packed), dtype=np.uint8).reshape(n, total)
    ids = np.asarray(reps, dtype=np.int64)
    pad = -width % 8  # a band read as 8-byte columns
    groups: list[list[int]] = []  # every shared bucket, band by band
    firsts, band_of = [], []
    for band in range(total // width):
        part = matrix[:, band * width:(band + 1) * width]
        if pad:
            part = np.concatenate([part, np.zeros((n, pad), dtype=np.uint8)], axis=1)
        columns = np.ascontiguousarray(part).view(np.uint64)  # n rows of (width + pad) / 8 numbers
        # equal keys made adjacent by a stable sort of one number per key (its first column, or
        # a mix of all), keeping the texts' order; two keys that share the number and alternate
        # would split a bucket: then a sort on the whole keys
        mixed = columns[:, 0].copy()
        for k in range(1, columns.shape[1]):
            mixed ^= columns[:, k] * _multiplier(k)
        order = np.argsort(mixed, kind="stable")
        ranked = columns[order]
        differs = (ranked[1:] != ranked[:-1]).any(axis=1)
        numbers = mixed[order]
        if ((numbers[1:] == numbers[:-1]) & differs).any():
            order = np.lexsort(columns.T[::-1])  # stable too
            ranked = columns[order]
            differs = (ranked[1:] != ranked[:-1]).any(axis=1)
        starts = np.flatnonzero(np.concatenate([[True], differs]))
        sizes = np.diff(np.append(starts, n))
        keep = sizes > 1
        if not keep.any():
            continue
        kept, kept_sizes = starts[keep], sizes[keep]
        members = ids[order[np.repeat(keep, sizes)]].tolist()  # only the shared buckets' texts
        ends = np.cumsum(kept_sizes).tolist()
        groups += [members[end - size:end] for end, size in zip(ends, kept_sizes.tolist())]
        firsts.append(ids[order[kept]])
        band_of.append(np.full(len(kept), band))
    if not groups:
        return []
    bands = np.concatenate(band_of)
    order = np.lexsort((bands, np.concatenate(firsts)))  # by first member, then band
    return [(groups[k][0], b, groups[k]) for k, b in zip(order.tolist(), bands[order].tolist())]
