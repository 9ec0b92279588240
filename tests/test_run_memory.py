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
