"""One lint run: read every input, select rules, run them, return tables and findings.

The CLI and the tests call this; it has no printing and no exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .engine.runner import ActiveRule, run_rules
from .engine.schema import Rule, load_rules
from .engine.selection import select_rules
from .findings import SEVERITY_RANK, Finding
from .model import Table
from .readers import collect_inputs, read_table


@dataclass
class LintResult:
    tables: list[Table]
    findings: list[Finding]
    rules: list[Rule]
    active: list[ActiveRule]
    settings: Settings = field(default_factory=Settings)

    def failed(self) -> bool:
        if self.settings.fail_on == "never":
            return False
        floor = SEVERITY_RANK[self.settings.fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)


def lint_tables(tables: list[Table], settings: Settings) -> LintResult:
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)
    findings = run_rules(tables, active)
    return LintResult(tables, findings, rules, active, settings)


def lint_paths(paths: list[str], settings: Settings, input_format: str | None = None) -> LintResult:
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)  # config errors surface before any reading
    tables = [read_table(p, input_format, settings) for p in collect_inputs(paths)]
    findings = run_rules(tables, active)
    return LintResult(tables, findings, rules, active, settings)
