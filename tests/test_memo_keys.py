"""The runner's cheap memo keys say no less than each check's memo_key (engine/runner.py): a
check's memo_fields + memo_table never put together two targets its memo_key tells apart, and
checks of one memo_shape give every target the same key. A key that says too little would
reuse one indicator's findings for another."""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter

from conftest import SAMPLE

from linter.config import Settings
from linter.engine.runner import iter_targets
from linter.engine.selection import select_rules
from linter.readers import read_table
from linter.rulebook import load_rules


def _indicator_rules():
    active = select_rules(load_rules(), Settings())
    return [ar for ar in active if "indicator" in ar.rule.given]


def test_memo_fields_separate_what_memo_key_separates():
    table = read_table(SAMPLE)
    targets = list(iter_targets("indicator", [table]))
    checked = 0
    for ar in _indicator_rules():
        check = ar.check
        paths = check.memo_fields.get("indicator")
        if paths is None:
            continue
        checked += 1
        keys = defaultdict(set)
        for ind, ctx in targets:
            part = check.memo_project(ctx.project, table) if check.memo_project is not None else None
            keys[(check.memo_table(table), attrgetter(*paths)(ind), part)].add(check.memo_key(ind, ctx))
        assert all(len(k) == 1 for k in keys.values()), ar.rule.code
        assert len(keys) < len(targets), "the sample repeats values: some targets share a key"
    assert checked >= 20  # value-format, verdict, category-fit, measure-fit, category-code, value-pair, annual-year


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


def test_a_key_that_says_too_little_is_caught():
    """The multi-year flag of value-pair's key (tests/test_breakages.py) left out of the cheap
    key (its memo_project part) would put a multi-year project's indicator with a one-year one's."""
    from linter.checks.value_pair import ValuePairCheck

    table = read_table(SAMPLE)
    targets = list(iter_targets("indicator", [table]))
    rule = next(ar for ar in _indicator_rules() if isinstance(ar.check, ValuePairCheck) and ar.check.memo_project is not None)
    keys = defaultdict(set)
    for ind, ctx in targets:
        keys[(ind.period_value, ind.annual_value)].add(rule.check.memo_key(ind, ctx))
    assert any(len(k) > 1 for k in keys.values())


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
