"""Bounded fuzzing in the suite: mutated inputs for every reader, the value grammar, the rule
loader and the baseline loader give findings or an InputError/RuleError — nothing else
(tests/fuzz_targets.py defines a crash). Long runs: scripts/fuzz.py. Every crasher it saved
in tests/fixtures/crashers/ is replayed here."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_targets as ft

FUZZ = settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def check(target: str, data: bytes) -> None:
    crash = ft.run(target, data)
    assert crash is None, crash


@pytest.mark.parametrize("target", ["txt", "tsv", "html", "csv", "xlsx", "yaml", "json"])
@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_inputs(target, seed):
    check(target, ft.mutate(target, ft.seed(target), random.Random(seed)))


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_structurally_mutated_xlsx(seed):
    rng = random.Random(seed)
    data = ft.seed("xlsx")
    for _ in range(rng.randint(1, 4)):
        data = ft.mutate_xlsx(data, rng)
    check("xlsx", data)


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_xls_cannot_abort_the_interpreter(seed):
    """python-calamine aborted the interpreter (exit 134) on some mutated files; it now runs
    in a child process, so at worst the file is an InputError."""
    pytest.importorskip("python_calamine")
    check("xls", ft.mutate_bytes(ft.seed("xls"), random.Random(seed), 8))


@FUZZ
@given(text=st.text(max_size=200))
def test_value_grammar_takes_any_text(text):
    from linter.values import parse_value

    parse_value(text)


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_values(seed):
    check("value", ft.mutate("value", ft.seed("value"), random.Random(seed)))


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.floats(allow_nan=True))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@FUZZ
@given(key=st.sampled_from(["code", "name", "category", "severity", "given", "check", "message", "tests", "docs", "options", "enabled", "extra"]),
       value=yaml_values)
def test_random_rule_files(key, value):
    import yaml

    rule = yaml.safe_load(ft.RULE)
    rule[key] = value
    check("rule", yaml.safe_dump(rule, allow_unicode=True).encode())


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_rule_files(seed):
    check("rule", ft.mutate("rule", ft.seed("rule"), random.Random(seed)))


@FUZZ
@given(entries=st.one_of(yaml_values, st.lists(st.dictionaries(st.sampled_from(["key", "code", "x"]), yaml_scalars), max_size=4)))
def test_random_baselines(entries):
    import json

    check("baseline", json.dumps({"tool": "jxlint", "entries": entries}).encode())


@pytest.mark.parametrize("path", sorted(ft.CRASHERS.glob("*")), ids=lambda p: p.name)
def test_saved_crashers_are_fixed(path):
    check(ft.crasher_target(path), path.read_bytes())
