"""The rule book as the CLI, the API and the docs see it: built-in check types registered,
the built-in rules and any local rule folders loaded, and local rules vetted by their own
flag cases (template names a check does not provide are a load error, not literal text)."""

from __future__ import annotations

from pathlib import Path

from . import checks  # noqa: F401  (registers the built-in check types)
from .engine.schema import Rule
from .engine.schema import load_rules as _load_rules
from .engine.templates import unresolved
from .errors import RuleError
from .rulecases import run_case


def load_rules(extra_dirs: list[Path] | None = None) -> list[Rule]:
    return _load_rules(extra_dirs, vet=check_template_names)


def check_template_names(rule: Rule) -> None:
    """A local rule's template names must be filled: its own flag cases show which names its
    check provides (built-in rules are held to this by the test suite)."""
    for case in rule.tests.flag:
        for f in run_case(rule, "flag", case).findings:
            for key, rendered in (("message", f.message), ("fix", f.fix)):
                names = unresolved(getattr(rule, key), rendered)
                if names:
                    listed = "、".join("{" + n + "}" for n in names)
                    raise RuleError(f"{rule.path}: 键 {key}: 模板中 {listed} 没有对应的值（拼写错误？可用的变量见 docs/rule-authoring.md）")
