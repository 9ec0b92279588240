"""No optimisation changes a finding: the full finding sets of the example and of a 2,000-project
synthetic corpus equal the stored digests (tests/fixtures/finding-digests.json).

A deliberate change of findings (a new rule, a fixed false alarm) refreshes them with
`python tests/finding_digest.py --refresh` after the new findings were read by hand.
"""

from __future__ import annotations

import pytest
from finding_digest import example_summary, explain, stored, synthetic_summary


def test_example_findings_unchanged():
    now, then = example_summary(), stored()["example"]
    assert now["digest"] == then["digest"], explain("example", now, then)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return tmp_path_factory.mktemp("synthetic") / "corpus"


def test_synthetic_corpus_findings_unchanged(corpus):
    # --jobs 2: the parallel path (per-table work in workers, the cross-table stage fed by them)
    now, then = synthetic_summary(corpus, jobs=2), stored()["synthetic-2k"]
    assert now["corpus"] == then["corpus"], explain("synthetic-2k", now, then)
    assert now["digest"] == then["digest"], explain("synthetic-2k", now, then)


def test_synthetic_corpus_serial_run_gives_the_same_findings(corpus):
    assert synthetic_summary(corpus, jobs=1)["digest"] == stored()["synthetic-2k"]["digest"]


def test_a_changed_finding_changes_the_digest():
    """The digest covers every field: one changed character of one message moves it."""
    from pathlib import Path

    from finding_digest import summary

    from linter.findings import Finding

    a = Finding("X001", "x", "parse", "info", "消息", "改正", "f.txt", line=3)
    b = Finding("X001", "x", "parse", "info", "消息。", "改正", "f.txt", line=3)
    assert summary([a], None, [])["digest"] != summary([b], None, [])["digest"]
    assert summary([a, b], None, [])["digest"] == summary([b, a], None, [])["digest"]
    assert summary([a], Path("/x"), [])["by_code"] == {"X001": 1}
