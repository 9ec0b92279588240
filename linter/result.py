"""What one lint run returns: the tables read, the findings, and the rules that ran.

It sits next to the findings, below the reports: every output format takes a LintResult and
none of them needs the API that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .engine.runner import ActiveRule
from .engine.schema import Rule
from .findings import SEVERITY_RANK, Finding
from .model import Table


@dataclass
class LintResult:
    tables: list[Table]
    findings: list[Finding]
    rules: list[Rule]
    active: list[ActiveRule]
    settings: Settings = field(default_factory=Settings)
    baseline: object | None = None  # a BaselineResult when --baseline was given
    inputs: list[Path] = field(default_factory=list)  # every file read (directories expanded)
    suppressed: list = field(default_factory=list)  # suppress.Suppressed: hidden on purpose, not counted for the exit code
    show_suppressed: bool = False  # reports list the suppressed findings too (--show-suppressed)

    def failed(self) -> bool:
        if self.settings.fail_on == "never":
            return False
        floor = SEVERITY_RANK[self.settings.fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)
