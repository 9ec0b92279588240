"""Tables from anywhere (issue 11): every layout fixture reads as tests/fixtures/provinces/
expected.yaml says (written by hand from the source tables), clean tables draw no warning or
error, and planted-defect copies draw exactly their planted findings.

Regenerate the fixtures with scripts/make_layout_fixtures.py; never edit expected.yaml from
jxlint's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from linter.api import lint_paths
from linter.config import Settings
from linter.readers import collect_inputs, read_table

EXPECTED = yaml.safe_load((FIXTURES / "provinces" / "expected.yaml").read_text(encoding="utf-8"))["fixtures"]
READ_CASES = [pytest.param(entry, name, id=name) for entry in EXPECTED for name in entry["files"]]
LINT_CASES = [pytest.param(entry, name, id=name) for entry in EXPECTED if entry.get("clean") or "planted" in entry
              for name in entry["files"]]
CODE = re.compile(r"^(?:\[\d+\]|\d+-)")  # a system code printed before a unit name


def read_all(name: str):
    """A fixture file, or a folder of files (one file per project)."""
    path = FIXTURES / name
    return [read_table(p) for p in collect_inputs([str(path)])] if path.is_dir() else [read_table(path)]


def text(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize(("entry", "name"), READ_CASES)
def test_reads_as_expected(entry, name):
    tables = read_all(name)
    counts = {"units": 0, "projects": 0, "indicators": 0}
    for table in tables:
        for key, n in table.counts().items():
            counts[key] += n
    assert counts == {k: entry[k] for k in ("units", "projects", "indicators")}
    for table in tables:
        assert table.value_sides == entry["value_sides"]
        assert table.budget_year == entry["budget_year"]
        if "money_unit" in entry:
            assert table.money_unit == entry["money_unit"]
    units = [CODE.sub("", u.name) for t in tables for u in t.units]
    projects = [p for t in tables for _, p in t.projects()]
    placed = [(CODE.sub("", u.name), p) for t in tables for u, p in t.projects()]
    if entry.get("unit_names") is not None:
        assert units == entry["unit_names"]
    if entry.get("project_names") is not None:
        assert [p.name for p in projects] == entry["project_names"]
    for spot in entry["spot"]:
        project = next(p for u, p in placed if p.name == spot.get("project", p.name) and u == spot.get("unit", u))
        ind = project.indicators[spot["number"] - 1]
        assert ind.name == spot["name"], spot
        if "level1" in spot:
            assert ind.level1.raw == spot["level1"], spot
        if "level2" in spot:
            assert ind.level2.raw == spot["level2"], spot
        if "annual" in spot:
            assert text(ind.annual_value) == text(spot["annual"]), spot
        if "period" in spot:
            assert text(ind.period_value) == text(spot["period"]), spot


def serious(findings):
    return [f for f in findings if f.severity in ("warning", "error")]


def matches(finding, want: dict) -> bool:
    return (
        finding.code == want["rule"]
        and ("indicator" not in want or finding.indicator_name == want["indicator"])
        and ("project" not in want or finding.project == want["project"])
        and ("field" not in want or finding.field in _list(want["field"]))
    )


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def describe(f) -> str:
    return f"{f.code} {f.project} / {f.indicator_name} / {f.field}: {f.message}"


@pytest.mark.parametrize(("entry", "name"), LINT_CASES)
def test_findings(entry, name):
    found = serious(lint_paths([str(FIXTURES / name)], Settings()).findings)
    wanted = entry.get("planted", [])
    missing = [w for w in wanted if not any(matches(f, w) for f in found)]
    extra = [describe(f) for f in found if not any(matches(f, w) for w in wanted)]
    assert missing == [] and extra == []
