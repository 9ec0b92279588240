"""Every rule's own YAML test cases (tests.flag / tests.pass) run here."""

import pytest

from linter.rulecases import run_case
from linter.rulebook import load_rules

RULES = load_rules()
CASES = [(r, kind, c) for r in RULES for kind, cases in (("flag", r.tests.flag), ("pass", r.tests.pass_)) for c in cases]


@pytest.mark.parametrize(
    "rule, kind, case", CASES, ids=[f"{r.code}-{kind}-{i}" for i, (r, kind, _) in enumerate(CASES)]
)
def test_rule_case(rule, kind, case):
    result = run_case(rule, kind, case)
    assert result.ok, result.explain()


def test_every_category_of_first_rules_present():
    categories = {r.category for r in RULES}
    assert {"parse", "vague-target", "category-code"} <= categories


def test_a_rule_case_can_fail():
    """The harness itself must be able to fail: a must-flag case that is clean is reported."""
    from linter.engine.schema import RuleCase

    rule = next(r for r in RULES if r.code == "VAG001")
    assert not run_case(rule, "flag", RuleCase(input="≥95%")).ok
    assert not run_case(rule, "pass", RuleCase(input="有效提升")).ok
