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


def test_per_name_caches_start_again_without_changing_findings(monkeypatch):
    # the caches checks keep by name (a project name's year, a name's category scores, a
    # metric's direction) are emptied when full (rulekit.remember): a city corpus's distinct
    # names must not pile up in a worker
    from linter import rulekit

    settings = Settings(select=["PER006", "FIT", "VAG003"])
    table = read_table(SAMPLE)
    plain = runner.run_rules([table], select_rules(load_rules(), settings))
    assert {f.code for f in plain} >= {"FIT001", "FIT003"}
    monkeypatch.setattr(rulekit, "CACHE_LIMIT", 3)
    from linter.checks import category_fit, measure_kind

    monkeypatch.setattr(category_fit, "_SCORERS", {})  # shared by the process's runs: fresh ones
    monkeypatch.setattr(measure_kind, "_KINDS", {})
    active = select_rules(load_rules(), settings)
    bounded = runner.run_rules([table], active)
    assert [f.to_dict() for f in bounded] == [f.to_dict() for f in plain]
    caches = []
    for ar in active:
        check = ar.check
        caches += [getattr(check, "_names", None), getattr(getattr(check, "_scorer", None), "_cache", None)]
        metrics = getattr(getattr(check, "kinds", None), "metrics", None) or getattr(check, "metrics", None)
        caches.append(getattr(metrics, "_direction", None))
    caches = [c for c in caches if c is not None]
    assert len(caches) >= 3
    assert all(len(c) <= 3 for c in caches), [len(c) for c in caches]
