"""Boilerplate detection on the real sample, the candidate generator against all pairs, and
cross-table grouping."""

import random

import pytest
from rapidfuzz import fuzz

from conftest import CLEAN, SAMPLE
from linter.api import lint_tables
from linter.checks.duplicates import near_duplicate_groups, normalize_text, telling_difference
from linter.config import Settings
from linter.readers import read_table


@pytest.fixture(scope="module")
def findings(sample_table):
    return lint_tables([sample_table], Settings(select=["DUP"])).findings


def groups_of(findings, code):
    return [sorted(m["line"] for m in f.data["members"]) for f in findings if f.code == code]


def test_property_award_projects_form_one_group(findings):
    expected = [10, 31, 42, 53, 372, 382]
    assert expected in groups_of(findings, "DUP001")
    assert expected in groups_of(findings, "DUP002")
    [f] = [f for f in findings if f.code == "DUP003" and sorted(m["line"] for m in f.data["members"]) == expected]
    assert "每年≥2次" in f.message and "2.0 倍" in f.message


def test_urban_renewal_family_found(findings):
    family = [g for g in groups_of(findings, "DUP001") if 260 in g]
    assert family == [[260, 280, 301, 311, 321, 332, 342, 352, 362]]


def test_targets_that_scale_are_not_unscaled(findings):
    # the 美丽乡村 family shares its wording but its village counts differ (12个 / 3个 / 16个)
    family = [g for g in groups_of(findings, "DUP002") if 153 in g]
    assert family == [[153, 166, 179, 191, 204]]
    assert not [g for g in groups_of(findings, "DUP003") if 153 in g or 260 in g]


@pytest.mark.parametrize("a, b", [(2169, 2888), (10, 64), (1550, 1570)])
def test_projects_sharing_phrases_are_not_grouped(findings, a, b):
    for code in ("DUP001", "DUP002"):
        assert not any(a in g and b in g for g in groups_of(findings, code))


def test_one_finding_per_group(findings):
    for code in ("DUP001", "DUP002"):
        groups = groups_of(findings, code)
        members = [line for g in groups for line in g]
        assert len(members) == len(set(members))


def test_difference_names_the_district():
    assert telling_difference("越秀区物业管理工作", "番禺区物业管理工作") == "「越秀」↔「番禺」"


def test_across_tables(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8")
    tables = [read_table(SAMPLE), read_table(copy), read_table(CLEAN)]
    found = lint_tables(tables, Settings(select=["DUP002"])).findings
    files = {m["file"] for f in found for m in f.data["members"]}
    assert files == {str(SAMPLE), str(copy)}
    # every project of the sample now has a twin in the copy, so each one is in some group
    from linter.checks.duplicates import indicator_signature

    comparable = sum(1 for _, p in tables[0].projects() if len(normalize_text(indicator_signature(p))) >= 20)
    assert sum(len(f.data["members"]) for f in found) == 2 * comparable


def test_candidates_find_what_all_pairs_find():
    rng = random.Random(7)
    table = read_table(SAMPLE)
    texts = [normalize_text(p.goal) for _, p in table.projects()]
    # perturbed copies: a few characters changed
    for base in rng.sample(texts, 60):
        chars = list(base)
        for _ in range(max(1, len(chars) // 40)):
            chars[rng.randrange(len(chars))] = rng.choice("甲乙丙丁区市县镇")
        texts.append("".join(chars))
    texts = [t if len(t) >= 20 else "" for t in texts]
    groups, stats = near_duplicate_groups(texts, 90)
    together = {}
    for gid, g in enumerate(groups):
        for i in g:
            together[i] = gid
    naive = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))
             if texts[i] and texts[j] and fuzz.ratio(texts[i], texts[j]) >= 90]
    found = sum(1 for i, j in naive if together.get(i) is not None and together.get(i) == together.get(j))
    assert naive and found / len(naive) >= 0.99
    assert stats["compared"] < len(texts) * (len(texts) - 1) / 2 / 10

