"""A rule's own test cases: build a small model from each case input, run the rule alone.

Inputs by target: text targets take a string; ``indicator`` takes a mapping of Indicator
fields with categories as printed ("1-产出指标") and optionally ``project`` (name, goal…) it
belongs to and ``others`` (more indicators of that project, e.g. so the table has a 一级
column); ``project`` a mapping of Project fields
(``amounts`` as a list of figures, ``indicators`` as a list of indicator mappings, optional
``unit``); ``indicator`` and ``project`` inputs may carry ``table`` (Table fields such as
``value_sides: annual`` or ``framework: fw2013``) and ``previous`` (last year's project in
the same shape, a list of such projects, or a table mapping with ``units``; see
``previous_table``); ``unit``/``table`` mappings; ``parse-issue`` and ``tables`` published text
(``tables`` takes a list of them); ``parse-issue`` also takes an issue mapping
({kind: formula-cell, text: C5}).

It stands above the engine and the readers: a case's text goes through the published-text
reader, and its rule runs through the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import checks  # noqa: F401  (registers the built-in check types)
from .engine.runner import ActiveRule, run_rules
from .suppress import Suppressor, collect, is_post, suppress
from .engine.schema import TEXT_TARGETS, Rule, RuleCase
from .findings import Finding
from .model import Indicator, ParseIssue, Project, Source, Table, Unit
from .readers.published_text import parse_amounts, parse_category, read_published_text

CASE_FILE = "<用例>"


def _indicator(data: dict[str, Any], number: int = 1) -> Indicator:
    data = dict(data)
    data.setdefault("number", number)
    data["level1"] = parse_category(str(data.get("level1", "1-产出指标")))
    data["level2"] = parse_category(str(data.get("level2", "11-数量指标")))
    data.setdefault("name", "指标")
    data.setdefault("source", Source(file=CASE_FILE, line=number))
    return Indicator.model_validate(data)


def _amounts(value: Any):
    if isinstance(value, (list, tuple)):
        return parse_amounts(" ".join(f"{Decimal(str(x)):.2f}" for x in value))
    return value if value is not None else parse_amounts("")


def _project(data: dict[str, Any], line: int = 1) -> Project:
    data = {k: v for k, v in data.items() if k != "unit"}
    data.setdefault("name", "用例项目")
    data["amounts"] = _amounts(data.get("amounts"))
    data["indicators"] = [_indicator(d, i + 1) for i, d in enumerate(data.get("indicators", []))]
    data.setdefault("source", Source(file=CASE_FILE, line=line))
    return Project.model_validate(data)


def _unit(data: dict[str, Any]) -> Unit:
    data = dict(data)
    data.setdefault("name", "用例单位")
    data["amounts"] = _amounts(data.get("amounts"))
    data["projects"] = [_project(p, i + 1) for i, p in enumerate(data.get("projects", []))]
    data.setdefault("source", Source(file=CASE_FILE, line=1))
    return Unit.model_validate(data)


def _table(data: dict[str, Any]) -> Table:
    data = dict(data)
    issues = data.pop("issues", [])
    data["units"] = [_unit(u) for u in data.get("units", [])]
    if "total" in data:
        data["total"] = _amounts(data["total"])
    data.setdefault("source", Source(file=CASE_FILE))
    table = Table.model_validate(data)
    table.issues = list(issues)
    return table


PREVIOUS_FILE = "<去年用例>"


def previous_table(data: Any, unit: str = "用例单位", project: str = "用例项目") -> Table:
    """Last year's table of a case: a project mapping (named like this year's unless it says
    otherwise), a list of them, or a table mapping; all in this year's unit by default."""
    if isinstance(data, dict) and "units" in data:
        table = _table(dict(data))
    else:
        projects = [dict(p) for p in (data if isinstance(data, list) else [data])]
        for p in projects:
            p.setdefault("name", project)
        table = _table({"units": [{"name": unit, "projects": projects}]})
    for u in table.units:
        for p in u.projects:
            p.source = Source(file=PREVIOUS_FILE, line=p.source.line)
    return table


def _with_previous(tables: list[Table], previous: Any) -> list[Table]:
    if previous is not None:
        from .previous import attach_previous

        table = tables[0]
        unit = table.units[0] if table.units else None
        project = unit.projects[0] if unit and unit.projects else None
        attach_previous(table, [previous_table(previous, unit.name if unit else "用例单位", project.name if project else "用例项目")])
    return tables


def case_tables(rule: Rule, case_input: Any) -> list[Table]:
    if rule.given[0] in ("project", "indicator") and isinstance(case_input, dict) and "previous" in case_input:
        case_input = dict(case_input)
        previous = case_input.pop("previous")
        return _with_previous(_case_tables(rule, case_input), previous)
    return _case_tables(rule, case_input)


def _case_tables(rule: Rule, case_input: Any) -> list[Table]:
    given = rule.given[0]
    if given == "parse-issue" and isinstance(case_input, dict):
        # an issue the published-text reader cannot produce (e.g. from a workbook)
        issue = ParseIssue.model_validate({"text": "", "source": {"file": CASE_FILE}, **case_input})
        return [_table({"issues": [issue]})]
    if given in ("parse-issue", "tables"):
        texts = case_input if isinstance(case_input, list) else [case_input]
        return [read_published_text(str(t), f"{CASE_FILE}{i + 1}") for i, t in enumerate(texts)]
    if given == "table":
        return [_table(case_input)]
    if given == "unit":
        return [_table({"units": [case_input]})]
    if given == "project":
        data = dict(case_input) if isinstance(case_input, dict) else {}
        table = dict(data.pop("table", {}))
        unit = dict(data.get("unit", {}))
        unit["projects"] = [data]
        return [_table({**table, "units": [unit]})]
    if given == "indicator":
        # an indicator case may say which project and table it belongs to:
        # {project: {name: …, goal: …}, table: {budget_year: 2023}}
        data = dict(case_input)
        project = dict(data.pop("project", {}))
        table = dict(data.pop("table", {}))
        others = list(data.pop("others", []))
        project["indicators"] = [data, *others]
        return [_table({**table, "units": [{"projects": [project]}]})]
    owner, attr = TEXT_TARGETS[given]
    if owner == "project":
        return [_table({"units": [{"projects": [{attr: case_input}]}]})]
    return [_table({"units": [{"projects": [{"indicators": [{attr: case_input}]}]}]})]


@dataclass
class CaseResult:
    rule: Rule
    kind: str  # flag | pass
    case: RuleCase
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        if self.kind == "pass":
            return not self.findings
        if not self.findings:
            return False
        if self.case.count is not None and len(self.findings) != self.case.count:
            return False
        if self.case.message_contains and not any(self.case.message_contains in f.message for f in self.findings):
            return False
        return not self.unresolved()

    def unresolved(self) -> list[str]:
        """Template names the check did not provide (a typo such as {unknwon})."""
        from .engine.templates import unresolved

        return sorted({n for f in self.findings for n in unresolved(self.rule.message, f.message) + unresolved(self.rule.fix, f.fix)})

    def explain(self) -> str:
        got = "; ".join(f.message for f in self.findings) or "（无发现）"
        want = "不应报告" if self.kind == "pass" else "应报告" + (
            f"且消息含「{self.case.message_contains}」" if self.case.message_contains else ""
        ) + (f"且恰好 {self.case.count} 条" if self.case.count is not None else "")
        if self.kind == "flag" and self.findings and self.unresolved():
            names = "、".join("{" + n + "}" for n in self.unresolved())
            return f"{self.rule.code} ({self.rule.path}) 的 message/fix 模板中 {names} 没有对应的值（拼写错误？）"
        return f"{self.rule.code} {self.kind} 用例 {self.case.input!r}: {want}；实际：{got}"


def run_case(rule: Rule, kind: str, case: RuleCase) -> CaseResult:
    params = rule.default_params()
    params.update(case.options)
    active = ActiveRule(rule=rule, severity=rule.severity, params=params)
    if is_post(active):
        return CaseResult(rule, kind, case, _post_case(active, case_tables(rule, case.input)))
    findings = run_rules(case_tables(rule, case.input), [active])
    return CaseResult(rule, kind, case, findings)


def _post_case(active: ActiveRule, tables: list[Table]) -> list[Finding]:
    """A suppression rule's case, run like a lint run does: the built-in default rules that
    look at one table, then the tables' directives applied, then the rule's findings."""
    from .config import Settings
    from .engine.selection import select_rules
    from . import checks  # noqa: F401  (the built-in check types, registered)
    from .engine.schema import load_rules

    rules = load_rules([])
    default = select_rules(rules, Settings())
    suppressor = Suppressor(rules, default, Settings())
    suppressor.post = {active.rule.check.params.get("kind"): active}
    engine = [ar for ar in default if not is_post(ar) and "tables" not in ar.rule.given]
    directives = [d for t in tables for d in collect(t)]
    kept, _ = suppress(run_rules(tables, engine), directives, suppressor)
    return [f for f in kept if f.code == active.rule.code]


def run_rule_cases(rule: Rule) -> list[CaseResult]:
    return [run_case(rule, "flag", c) for c in rule.tests.flag] + [run_case(rule, "pass", c) for c in rule.tests.pass_]
