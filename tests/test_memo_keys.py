"""The runner's memo keys say enough (engine/runner.py): a memoised run gives the findings of a
run in which every target is judged alone, and checks of one memo_shape give every target the
same key. A key that says too little would reuse one indicator's findings for another."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from conftest import SAMPLE

PROVINCES = Path(__file__).resolve().parent / "fixtures" / "provinces"

from linter.api import is_cross, is_post
from linter.config import Settings
from linter.engine.runner import ActiveRule, iter_targets, run_rules
from linter.rulekit import Check
from linter.engine.selection import select_rules
from linter.readers import read_table
from linter.rulebook import load_rules


def _indicator_rules():
    active = select_rules(load_rules(), Settings())
    return [ar for ar in active if "indicator" in ar.rule.given]


class _Unmemoised(Check):
    """A check as the runner sees it with no memo at all: every target judged on its own."""

    def __init__(self, inner: Check):
        super().__init__(inner.params, inner.rule)
        self.inner, self.compares_sides, self.fixes = inner, inner.compares_sides, inner.fixes

    def __call__(self, target, ctx):
        return self.inner(target, ctx)

    def edit(self, hit, target, ctx):
        return self.inner.edit(hit, target, ctx)

    def skips_table(self, table):
        return self.inner.skips_table(table)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_memoised_run_gives_the_findings_of_a_run_without_memo():
    # the runner's grouping (memo_fields, memo_table, memo_project, memo_shape, interned numbers)
    # against an independent reference: each target judged alone. A key that says too little
    # would reuse one target's findings for another and fail here.
    tables = [read_table(SAMPLE), *(read_table(p) for p in sorted(PROVINCES.glob("*.xlsx"))[:6])]
    active = [ar for ar in select_rules(load_rules(), Settings()) if not is_cross(ar) and not is_post(ar)]
    memoised = [f.to_dict() for f in run_rules(tables, active)]
    plain = [ActiveRule(rule=ar.rule, severity=ar.severity, params=ar.params, _check=_Unmemoised(ar.check)) for ar in active]
    assert [type(ar.check).memo_key is Check.memo_key and not ar.check.memo_fields for ar in plain] == [True] * len(plain)
    assert len(memoised) > 1000
    assert [f.to_dict() for f in run_rules(tables, plain)] == memoised


def test_checks_of_one_memo_shape_give_the_same_keys():
    table = read_table(SAMPLE)
    targets = list(iter_targets("indicator", [table]))
    by_shape = defaultdict(list)
    for ar in _indicator_rules():
        if ar.check.memo_shape is not None:
            by_shape[ar.check.memo_shape].append(ar)
    shared = [rules for rules in by_shape.values() if len(rules) > 1]
    assert shared, "value-pair rules share a shape"
    for rules in shared:
        first = [rules[0].check.memo_key(ind, ctx) for ind, ctx in targets]
        for ar in rules[1:]:
            assert [ar.check.memo_key(ind, ctx) for ind, ctx in targets] == first, ar.rule.code


def test_repeated_runs_in_one_process_do_not_grow_the_key_numbers():
    # a server checks table after table in one process: the runner's numbering of memo keys
    # must not gain a namespace per run (it was keyed by the id of each run's check object)
    from linter.api import lint_tables
    from linter.engine import runner

    table = read_table(SAMPLE)
    lint_tables([table], Settings(select=["PER"]))
    spaces = len(runner._INTERNED)
    for _ in range(3):
        lint_tables([table], Settings(select=["PER"]))
    assert len(runner._INTERNED) == spaces
