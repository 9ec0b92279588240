"""jieba's dictionary read by first character (linter/segment_index.py): the same segmentations
as the whole dictionary, the whole dictionary never loaded when the index is there, and a
damaged index never changes a finding."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
import yaml

from conftest import FIXTURES, ROOT
from linter import segment_index
from linter.checks.category_fit import NameScorer
from linter.text import normalize

SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"


@pytest.fixture(scope="module")
def whole():
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def lexicon_words() -> list[str]:
    data = yaml.safe_load((ROOT / "rules" / "vocab" / "category-lexicon.yaml").read_text(encoding="utf-8"))
    scorer = NameScorer(data, {})
    return sorted({*scorer.terms, *scorer.user_words})


def test_same_segmentations_as_the_whole_dictionary(whole, tmp_path):
    path = tmp_path / "index.json"
    segment_index.write_index(path, whole.FREQ, whole.total)
    words = lexicon_words()
    assert len(words) > 100
    full = jieba.Tokenizer()
    full.FREQ, full.total, full.initialized = dict(whole.FREQ), whole.total, True
    indexed = segment_index.IndexedTokenizer(segment_index.Index(path))
    texts = [SAMPLE.read_text(encoding="utf-8"), *(p.read_text(encoding="utf-8") for p in (FIXTURES / "provinces").glob("*.csv")
                                                   if "puyang" not in p.name and "yueyang" not in p.name)]
    lines = sorted({normalize(line) for text in texts for line in text.splitlines() if line.strip()})
    pool = "".join(sorted(set("".join(lines)))) + "abcXYZ0123456789.%-_+#&,;:！？（）\t\u2028 𠀀𪚥😀"
    rnd = random.Random(15)
    lines += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    lines.append("".join(rnd.choice(pool) for _ in range(5000)))

    def same() -> None:
        assert indexed.total == full.total
        for line in lines:
            for hmm in (False, True):
                assert indexed.lcut(line, HMM=hmm) == full.lcut(line, HMM=hmm), line
            assert indexed.lcut_for_search(line, HMM=False) == full.lcut_for_search(line, HMM=False), line

    early, late = words[::2], words[1::2]
    for w in early:  # before any group is read: put in when their group is
        full.add_word(w, freq=200000)
        indexed.add_word(w, freq=200000)
    same()
    for w in [*late, ""]:  # after their groups were read: jieba's own add_word
        full.add_word(w, freq=200000)
        indexed.add_word(w, freq=200000)
    same()
    assert 0 < len(indexed.FREQ) < len(full.FREQ)


def run_fit(cache: Path, *prelude: str) -> subprocess.CompletedProcess:
    code = "\n".join([*prelude, "from linter.cli import main",
                      f"raise SystemExit(main(['check', {str(SAMPLE)!r}, '--select', 'FIT', '--no-cache', '--format', 'json']))"])
    env = {**os.environ, "JXLINT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)


NO_WHOLE_DICTIONARY = "import jieba\njieba.Tokenizer.initialize = lambda self, *a: (_ for _ in ()).throw(AssertionError('whole dictionary'))"


def test_with_the_index_the_whole_dictionary_is_never_loaded(tmp_path):
    cache = tmp_path / "cache"
    first = run_fit(cache)  # loads the whole dictionary and writes the index
    assert first.returncode == 0 and first.stdout.count('"code": "FIT') > 100, first.stderr[-500:]
    [index] = cache.glob("jieba-dict-*.json")
    for segments in cache.glob("segments-*.json"):
        segments.unlink()  # every name new again
    again = run_fit(cache, NO_WHOLE_DICTIONARY)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")


@pytest.mark.parametrize("damage", ["truncated", "group", "header", "foreign", "nested-header", "nested-group",
                                    "negative", "no-total", "endless-line"])
def test_a_damaged_index_changes_no_finding(tmp_path, damage):
    cache = tmp_path / "cache"
    first = run_fit(cache)
    [index] = cache.glob("jieba-dict-*.json")
    data = index.read_bytes()
    head, _, body = data.partition(b"\n")
    header = json.loads(head)
    if damage == "truncated":
        index.write_bytes(data[: len(data) // 2])
    elif damage == "group":  # the group of a character every name has: same length, not a mapping of counts
        i = header["chars"].index("率")
        a, b = header["offsets"][i], header["offsets"][i + 1]
        broken = json.dumps(["x"] * 1).encode().ljust(b - a)
        index.write_bytes(head + b"\n" + body[:a] + broken + body[b:])
    elif damage == "header":
        index.write_bytes(b'{"format": 1, "total": "many"}\n' + body)
    elif damage == "foreign":
        index.write_bytes(b"\x80PK\x03\x04 not json at all")
    elif damage == "nested-header":
        index.write_bytes(b"[" * 100000 + b"]" * 100000 + b"\n" + body)
    elif damage in ("nested-group", "negative"):
        i = header["chars"].index("率")
        a, b = header["offsets"][i], header["offsets"][i + 1]
        broken = b"[" * 50000 + b"]" * 50000 if damage == "nested-group" else b'{"\xe7\x8e\x87":-5}'
        offsets = [o if k <= i else o + len(broken) - (b - a) for k, o in enumerate(header["offsets"])]
        head = json.dumps({**header, "offsets": offsets}, ensure_ascii=False, separators=(",", ":")).encode()
        index.write_bytes(head + b"\n" + body[:a] + broken + body[b:])
    elif damage == "no-total":
        index.write_bytes(json.dumps({**header, "total": 0}, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + body)
    else:  # a header line with no end
        index.write_bytes(b"x" * (3 << 20))
    for segments in cache.glob("segments-*.json"):
        segments.unlink()
    again = run_fit(cache)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")
    assert index.read_bytes() == data  # written again whole


def test_the_key_follows_jiebas_version(tmp_path, monkeypatch):
    here = segment_index.index_path(tmp_path)
    monkeypatch.setattr(jieba, "__version__", "0.0.0-other")
    assert segment_index.index_path(tmp_path) != here


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: POSIX only")
def test_forked_workers_read_groups_from_one_open_index(whole, tmp_path):
    # workers forked after the parent opened the index share its file handle: reads at an
    # offset, not seek-then-read, or they move each other's position and see damage
    import multiprocessing

    path = tmp_path / "index.json"
    segment_index.write_index(path, whole.FREQ, whole.total)
    global _FORKED
    index = _FORKED = segment_index.Index(path)
    chars = sorted(index._where)[:3000]
    index.group(chars[0])  # the parent has read before forking
    with multiprocessing.get_context("fork").Pool(4) as pool:  # the children inherit the open index
        damaged = pool.map(_damaged_groups, [chars[k::4] for k in range(4)])
    assert damaged == [0, 0, 0, 0]
    assert all(w[0] == chars[-1] for w in index.group(chars[-1]))


_FORKED = None


def _damaged_groups(chars) -> int:
    bad = 0
    for ch in chars:
        try:
            _FORKED.group(ch)
        except segment_index.Damaged:
            bad += 1
    return bad
