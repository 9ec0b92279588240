"""What per-table rules keep between tables stays bounded: a worker checking a city's tables
must not hold every table it has seen."""

from __future__ import annotations

import gc
import weakref

from conftest import SAMPLE

from linter.config import Settings
from linter.engine import runner
from linter.rulebook import load_rules
from linter.engine.selection import select_rules
from linter.readers import read_table


def test_value_pair_rules_keep_no_earlier_project_alive():
    active = select_rules(load_rules(), Settings(select=["PER004", "PER005"]))
    table = read_table(SAMPLE)
    first = weakref.ref(table.units[0].projects[0])
    findings = runner.run_rules([table], active)
    assert findings  # PER004 fires on the sample
    del table, findings
    gc.collect()
    assert first() is None, "a check still holds the first project after the run moved on"


def test_a_full_memo_starts_again_without_changing_findings(monkeypatch):
    settings = Settings(ignore=["FIT", "DUP"])
    table = read_table(SAMPLE)
    plain = runner.run_rules([table], select_rules(load_rules(), settings))
    monkeypatch.setattr(runner, "MEMO_LIMIT", 3)
    active = select_rules(load_rules(), settings)
    bounded = runner.run_rules([table], active)
    assert [f.to_dict() for f in bounded] == [f.to_dict() for f in plain]
    assert all(len(ar.memo) <= 3 for ar in active)


def _name_caches(active) -> list[dict]:
    """The per-name caches of the active checks, each once (rules may share one)."""
    found = {}
    for ar in active:
        check = ar.check
        for cache in (getattr(check, "_names", None),  # annual-year: a project name's year
                      getattr(getattr(check, "_scorer", None), "_cache", None),  # a name's category scores
                      getattr(getattr(check, "lexicon", None), "_direction", None),  # a metric's direction
                      getattr(getattr(check, "kinds", None), "_cache", None)):  # a measure's kind (FIT008-010)
            if isinstance(cache, dict):
                found[id(cache)] = cache
    return list(found.values())


def test_per_name_caches_start_again_without_changing_findings(monkeypatch):
    # the caches checks keep by name are emptied when full (rulekit.remember): a city corpus's
    # distinct names must not pile up in a worker
    from linter import rulekit
    from linter.checks import category_fit, measure_kind

    settings = Settings(select=["PER006", "FIT008", "FMT003"])
    table = read_table(SAMPLE)
    unbounded = select_rules(load_rules(), settings)
    plain = runner.run_rules([table], unbounded)
    assert "FIT008" in {f.code for f in plain}
    assert [len(c) > 3 for c in _name_caches(unbounded)] == [True] * 4  # all four were used
    monkeypatch.setattr(rulekit, "CACHE_LIMIT", 3)
    monkeypatch.setattr(category_fit, "_SCORERS", {})  # shared by the process's runs: fresh ones
    monkeypatch.setattr(measure_kind, "_KINDS", {})
    active = select_rules(load_rules(), settings)
    bounded = runner.run_rules([table], active)
    assert [f.to_dict() for f in bounded] == [f.to_dict() for f in plain]
    caches = _name_caches(active)
    assert len(caches) == 4 and all(len(c) <= 3 for c in caches), [len(c) for c in caches]
