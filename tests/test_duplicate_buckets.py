"""The batched bucket verification of the duplicate stage joins exactly what the pair-by-pair
loops it replaced joined: same components after every bucket, whatever was joined before."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from linter.checks.duplicates import UnionFind, join_all_pairs, join_to_leaders, passing_at

THRESHOLD = 90


def _texts(rng: random.Random, n: int) -> list[str]:
    """Families of near-copies (one or two characters changed) among unrelated texts."""
    bases = ["".join(rng.choice("甲乙丙丁戊己庚辛壬癸区市县镇村") for _ in range(rng.randint(20, 40))) for _ in range(4)]
    out = []
    for _ in range(n):
        chars = list(rng.choice(bases))
        for _ in range(rng.choice([1, 2, 8])):
            chars[rng.randrange(len(chars))] = rng.choice("东南西北中")
        out.append("".join(chars))
    return out


def _reference_all_pairs(members, texts, uf):
    for x, a in enumerate(members):
        for b in members[x + 1:]:
            if uf.find(a) != uf.find(b) and fuzz.ratio(texts[a], texts[b], score_cutoff=THRESHOLD) >= THRESHOLD:
                uf.union(a, b)


def _reference_leaders(members, texts, uf):
    leaders = []
    for a in members:
        for leader in leaders:
            if uf.find(a) == uf.find(leader) or fuzz.ratio(texts[a], texts[leader], score_cutoff=THRESHOLD) >= THRESHOLD:
                uf.union(a, leader)
                break
        else:
            leaders.append(a)


def _parts(uf: UnionFind, n: int) -> list[int]:
    return [uf.find(i) for i in range(n)]


def test_batched_buckets_join_what_the_pair_loops_joined():
    rng = random.Random(11)
    passing = passing_at(THRESHOLD)
    joined_somewhere = 0
    for _ in range(40):
        n = rng.randint(2, 30)
        texts = _texts(rng, n)
        before = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 6))]  # earlier buckets' joins
        buckets = [rng.sample(range(n), rng.randint(2, n)) for _ in range(3)]
        for batched, reference in ((join_all_pairs, _reference_all_pairs), (join_to_leaders, _reference_leaders)):
            ours, theirs = UnionFind(n), UnionFind(n)
            for a, b in before:
                ours.union(a, b)
                theirs.union(a, b)
            for members in buckets:
                batched(members, texts, passing, ours)
                reference(members, texts, theirs)
                assert _parts(ours, n) == _parts(theirs, n)
            joined_somewhere += len(set(_parts(ours, n))) < n
    assert joined_somewhere > 40  # the cases do join texts


def test_leaders_join_the_first_leader_of_their_component():
    """A member joins whichever comes first of the leaders its text passes and the first
    leader of its own component (joined by an earlier bucket)."""
    texts = ["甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉子丑寅卯辰巳午未申酉",
             "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬东"]  # 2 passes with 0, not with 1
    passing = passing_at(THRESHOLD)
    for order, expected in (([0, 1, 2], [0, 0, 0]), ([1, 0, 2], [0, 1, 1])):
        ours, theirs = UnionFind(3), UnionFind(3)
        for uf in (ours, theirs):
            uf.union(1, 2)
        join_to_leaders(order, texts, passing, ours)
        _reference_leaders(order, texts, theirs)
        assert _parts(ours, 3) == _parts(theirs, 3) == expected


def test_packed_keys_are_text_keys_for_every_text_and_sketch_shape():
    """packed_keys() (bin minima of crc32, one int per sketch) gives the bytes of the
    reference text_keys() (sketch_keys over the shingle set) side by side."""
    from conftest import SAMPLE

    from linter.checks.duplicates import normalize_text
    from linter.checks.sketches import key_width, packed_keys, text_keys
    from linter.readers import read_table

    texts = [normalize_text(p.goal) for _, p in read_table(SAMPLE).projects()][:120]
    texts += ["", "a", "ab", "abc", "abcd", "甲乙甲乙甲乙", "𠀀𠀁𠀂𠀃 mixed ascii 与中文 123", "é" * 30]
    for shingle, bins, rows in ((3, 32, 4), (2, 16, 2), (4, 30, 4), (3, 8, 3)):
        width = key_width(bins, rows)
        for text in texts:
            keys = text_keys(text, shingle, bins, rows)
            packed = packed_keys.__wrapped__(text, shingle, bins, rows)  # the computation, not the memo
            assert packed == b"".join(k.to_bytes(width, "big") for k in keys), (text, shingle, bins, rows)
            assert packed_keys(text, shingle, bins, rows) == packed


def test_signature_text_is_the_normalised_signature():
    """Normalised one indicator at a time, the compared indicator text is the text normalised
    whole: on the sample and on values that NFKC changes next to the "|" between indicators."""
    from types import SimpleNamespace as Ns

    from conftest import SAMPLE

    from linter.checks.duplicates import indicator_signature, normalize_text, signature_text
    from linter.readers import read_table

    projects = [p for _, p in read_table(SAMPLE).projects()]
    odd = ["ｅ\u0301", "\u0301ｅ", "１２３（个）", "ﬁ", "한\u11a8", "\u1100", "\u1161", "Å", "A\u030a", "：", " ", None, ""]
    projects.append(Ns(indicators=[Ns(name=a or "", period_value=b, annual_value=c) for a in odd for b, c in zip(odd, reversed(odd))]))
    assert sum(len(p.indicators) for p in projects) > 1000
    for project in projects:
        assert signature_text(project) == normalize_text(indicator_signature(project))


def test_nothing_normalises_across_the_indicator_separator():
    """What signature_text relies on: NFKC of x + "|" and "|" + x is NFKC(x) beside "|" for
    every character that NFKC could compose, reorder or change (combining marks, jamo,
    compatibility characters)."""
    import unicodedata

    def nfkc(s):
        return unicodedata.normalize("NFKC", s)

    checked = 0
    for cp in range(0x30000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000 or not (unicodedata.combining(c) or unicodedata.decomposition(c)
                                         or 0x1100 <= cp < 0x1200 or 0x3130 <= cp < 0x3190):
            continue
        checked += 1
        assert nfkc(c + "|") == nfkc(c) + "|" and nfkc("|" + c) == "|" + nfkc(c), hex(cp)
    assert checked > 5000


def _sketched_texts() -> list[str]:
    """Every goal and indicator list of the sample and the province workbooks, normalised as
    compared, and texts of every UTF-8 length: ASCII, two-, three- and four-byte characters,
    a lone surrogate (a JSON table may hold one), texts shorter than a shingle."""
    from conftest import ROOT, SAMPLE

    from linter.checks.duplicates import normalize_text, signature_text
    from linter.readers import read_table

    paths = [SAMPLE, *sorted((ROOT / "tests" / "fixtures" / "provinces").glob("*.xlsx"))]
    texts = []
    for path in paths:
        for _, project in read_table(path).projects():
            texts += [normalize_text(project.goal), signature_text(project)]
    rng = random.Random(5)
    alphabet = "ab1%≥≤，。é\u07ff\u0800中文指标\uffff\U00010000😀\U0010ffff\ud800\x7f\x80"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(400)]
    return texts


def test_batched_sketches_are_the_one_by_one_sketches():
    """sketch_batch (numpy, a whole batch at once, crc32 from per-character registers) gives
    the bytes packed_keys gives one text at a time, for every sketch shape: the groups do not
    depend on which path sketched a text (a parallel run's workers use the batch)."""
    from linter.checks.duplicates import packed_keys_many
    from linter.checks.sketches import bin_minima, packed_keys
    from linter.checks.sketch_batch import bin_minima_many, packed_many

    texts = _sketched_texts()
    assert len(texts) > 900
    for shingle, bins, rows in ((3, 32, 4), (2, 16, 2), (4, 30, 4), (1, 8, 3), (6, 64, 8), (3, 1, 1)):
        long = [t for t in texts if len(t) >= shingle]
        assert bin_minima_many(long, shingle, bins).tolist() == [bin_minima(t, shingle, bins) for t in long]
        one_by_one = [packed_keys.__wrapped__(t, shingle, bins, rows) for t in texts]
        assert packed_many(texts, shingle, bins, rows) == one_by_one, (shingle, bins, rows)
        assert packed_keys_many(texts, shingle, bins, rows, batch_min=1) == one_by_one
    assert packed_many(["", "a"], 3, 32, 4) == [packed_keys("", 3, 32, 4), packed_keys("a", 3, 32, 4)]  # none long


def test_batched_buckets_are_the_dict_buckets():
    """The shared buckets found with numpy (a stable sort of each band's bytes) are those of the
    dict version — same members in the same order, same list order — for the sketches of real
    and random texts in every sketch shape (5-byte minima for one bin, bands not a multiple of
    8 bytes), for keys drawn from a few values (large buckets, many bands alike), and for
    representatives that skip positions (exact copies left out)."""
    import random

    from linter.checks.duplicates import packed_keys_many, shared_buckets, shared_buckets_many
    from linter.checks.sketches import key_width

    texts = [t for t in dict.fromkeys(_sketched_texts()) if t]
    reps = list(range(0, 3 * len(texts), 3))
    for shingle, bins, rows in ((3, 32, 4), (2, 16, 2), (4, 30, 4), (1, 8, 3), (3, 1, 1)):
        packed = packed_keys_many(texts, shingle, bins, rows)
        width = key_width(bins, rows)
        expected = shared_buckets(reps, packed, width)
        assert expected, (shingle, bins, rows)
        assert shared_buckets_many(reps, packed, width, batch_min=1) == expected, (shingle, bins, rows)
    rng = random.Random(7)
    for width, bands in ((16, 8), (12, 3), (5, 1), (3, 4)):
        pool = [bytes(rng.choice((0, 1, 255)) for _ in range(width)) for _ in range(6)]  # few keys per band
        packed = [b"".join(rng.choice(pool) for _ in range(bands)) for _ in range(500)]
        reps = sorted(rng.sample(range(2000), 500))
        expected = shared_buckets(reps, packed, width)
        assert max(len(m) for _, _, m in expected) > 10
        assert shared_buckets_many(reps, packed, width, batch_min=1) == expected, width
    # two different keys whose mixed numbers are equal, alternating: the sort on whole keys
    import numpy as np

    from linter.checks.sketch_batch import _multiplier

    x = np.uint64(12345)
    a = np.array([x, 0], dtype=np.uint64).tobytes()
    b = np.array([x ^ _multiplier(1), 1], dtype=np.uint64).tobytes()
    packed = [a, b, a, b, bytes(16), a]
    expected = shared_buckets(list(range(6)), packed, 16)
    assert [m for _, _, m in expected] == [[0, 2, 5], [1, 3]]
    assert shared_buckets_many(list(range(6)), packed, 16, batch_min=1) == expected
    assert shared_buckets_many([], [], 16, batch_min=0) == [] == shared_buckets([], [], 16)
    assert shared_buckets_many([4], [bytes(16)], 16, batch_min=0) == []
    # bands of any width (rows and bins are options): 129 four-byte minima a band
    wide = [t for t in texts if len(t) >= 3][:150] * 2  # each twice: every key shared
    packed = packed_keys_many(wide, 3, 258, 129)
    expected = shared_buckets(list(range(len(wide))), packed, key_width(258, 129))
    assert expected and shared_buckets_many(list(range(len(wide))), packed, key_width(258, 129), batch_min=1) == expected


def test_small_batches_do_not_import_numpy():
    """Below BATCH_MIN texts (a single table checked at a desk) the sketches are made one by
    one: importing numpy would cost more than it saves."""
    import subprocess
    import sys

    code = ("import sys; from linter.checks.duplicates import packed_keys_many, near_duplicate_groups, BATCH_MIN; "
            "texts = [f'通过开展物业管理培训调研第{i}期工作任务' for i in range(BATCH_MIN - 1)]; "
            "packed_keys_many(texts); assert near_duplicate_groups(texts, 90)[0]; print('numpy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
