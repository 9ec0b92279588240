"""Every rule case again, but all cases of all rules in one shared run.

test_rule_cases.py runs each case on a fresh rule instance, so a cache or memo that keys on
too little (a value pair without the project's multi-year flag, a name without its table's
framework) can never show there. Here one ActiveRule per rule sees every case table of
every rule in one run_rules call — as a city's many tables share one run — and each
finding is attributed back to the case whose table it came from. The run is done in both
orders, so whichever case a cache sees first, the other is still judged on its own.

Cross-table rules (given: tables) are left out: their case is the whole set of tables.
"""

from __future__ import annotations

import json

import pytest

from linter.rulecases import case_tables
from linter.engine.runner import ActiveRule, run_rules
from linter.engine.schema import load_rules
from linter.model import Table

# cross-table rules: a case is the whole set of tables; suppression rules run after every
# other rule (linter/suppress.py), never in the engine's pass
RULES = [r for r in load_rules() if "tables" not in r.given and r.check.type != "suppression"]


def _tag(table: Table, tag: str) -> Table:
    """Every source of the table names the case, so a finding says which case it is on."""
    def retag(obj) -> None:
        obj.source = obj.source.model_copy(update={"file": tag})

    retag(table)
    for issue in table.issues:
        retag(issue)
    for unit in table.units:
        retag(unit)
        for project in unit.projects:
            retag(project)
            for indicator in project.indicators:
                retag(indicator)
    return table


def _plan():
    """(active rules, tables in case order, expectations by case tag)."""
    actives: dict[tuple, ActiveRule] = {}
    tables: list[Table] = []
    expected: dict[str, tuple] = {}
    for rule in RULES:
        for kind, cases in (("flag", rule.tests.flag), ("pass", rule.tests.pass_)):
            for i, case in enumerate(cases):
                options = json.dumps(case.options, sort_keys=True, ensure_ascii=False)
                key = (rule.code, options)
                if key not in actives:
                    # a rule run with other options is another rule here: its own code
                    code = rule.code if not case.options else f"{rule.code}~{len(actives)}"
                    params = {**rule.default_params(), **case.options}
                    actives[key] = ActiveRule(rule=rule.model_copy(update={"code": code}), severity=rule.severity, params=params)
                tag = f"<用例 {rule.code}-{kind}-{i}>"
                tables += [_tag(t, tag) for t in case_tables(rule, case.input)]
                expected[tag] = (actives[key].rule.code, kind, case)
    return list(actives.values()), tables, expected


def _failures(findings, expected) -> list[str]:
    by_case: dict[str, list] = {tag: [] for tag in expected}
    for f in findings:
        if f.file in expected and f.code == expected[f.file][0]:
            by_case[f.file].append(f)
    bad = []
    for tag, (code, kind, case) in expected.items():
        got = by_case[tag]
        if kind == "pass" and got:
            bad.append(f"{tag}: 不应报告，实际 {[f.message for f in got]}")
        elif kind == "flag":
            if not got:
                bad.append(f"{tag}: 应报告，实际无发现")
            elif case.count is not None and len(got) != case.count:
                bad.append(f"{tag}: 应恰好 {case.count} 条，实际 {len(got)} 条")
            elif case.message_contains and not any(case.message_contains in f.message for f in got):
                bad.append(f"{tag}: 消息应含「{case.message_contains}」，实际 {[f.message for f in got]}")
    return bad


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_all_rule_cases_in_one_shared_run(order):
    actives, tables, expected = _plan()
    assert len(expected) > 250 and len(tables) >= len(expected)
    if order == "reversed":
        tables = tables[::-1]
    findings = run_rules(tables, actives)
    assert _failures(findings, expected) == []


def test_the_shared_run_attributes_findings_to_their_case():
    """The harness can fail: a pass case given a flag case's table is reported."""
    actives, tables, expected = _plan()
    vag = next(tag for tag, (code, kind, _) in expected.items() if code == "VAG001" and kind == "flag")
    ok = next(tag for tag, (code, kind, _) in expected.items() if code == "VAG001" and kind == "pass")
    expected[vag], expected[ok] = expected[ok], expected[vag]
    assert sorted(b.split(":")[0] for b in _failures(run_rules(tables, actives), expected)) == sorted([vag, ok])
