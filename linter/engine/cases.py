"""A rule's own test cases: build a small model from each case input, run the rule alone.

Inputs by target: text targets take a string; ``indicator`` takes a mapping of Indicator
fields with categories as printed ("1-产出指标") and optionally ``project`` (name, goal…) it
belongs to and ``others`` (more indicators of that project, e.g. so the table has a 一级
column); ``project`` a mapping of Project fields
(``amounts`` as a list of figures, ``indicators`` as a list of indicator mappings, optional
``unit``); ``indicator`` and ``project`` inputs may carry ``table`` (Table fields such as
``value_sides: annual`` or ``framework: fw2013``); ``unit``/``table`` mappings; ``parse-issue`` and ``tables`` published text
(``tables`` takes a list of them); ``parse-issue`` also takes an issue mapping
({kind: formula-cell, text: C5}).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..findings import Finding
from ..model import Indicator, Project, Source, Table, Unit
from ..readers.published_text import parse_amounts, parse_category, read_published_text
from .runner import ActiveRule, run_rules
from .schema import TEXT_TARGETS, Rule, RuleCase

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


def case_tables(rule: Rule, case_input: Any) -> list[Table]:
    given = rule.given[0]
    if given == "parse-issue" and isinstance(case_input, dict):
        # an issue the published-text reader cannot produce (e.g. from a workbook)
        from ..model import ParseIssue

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
        from .templates import unresolved

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
    findings = run_rules(case_tables(rule, case.input), [active])
    return CaseResult(rule, kind, case, findings)


def run_rule_cases(rule: Rule) -> list[CaseResult]:
    return [run_case(rule, "flag", c) for c in rule.tests.flag] + [run_case(rule, "pass", c) for c in rule.tests.pass_]


# Keys a case input may hold, by what it describes: the model's fields plus the case-only
# keys case_tables understands. An unknown key (a typo such as "period_valu") would be
# dropped by the model and leave a case that tests nothing, so the loader refuses it.
def _fields(model) -> set[str]:
    return set(model.model_fields)


def _case_shapes() -> dict[str, tuple[set[str], dict[str, tuple[str, bool]]]]:
    """shape → (allowed keys, {key: (shape of its value, is a list)})."""
    from ..model import ParseIssue

    return {
        "indicator": (_fields(Indicator), {}),
        "project": (_fields(Project) | {"unit"}, {"indicators": ("indicator", True), "unit": ("unit-info", False)}),
        "unit": (_fields(Unit), {"projects": ("project", True)}),
        "unit-info": (_fields(Unit) - {"projects"}, {}),
        "table": (_fields(Table), {"units": ("unit", True)}),
        "table-info": (_fields(Table) - {"units"}, {}),
        "issue": (_fields(ParseIssue), {}),
        "indicator-case": (_fields(Indicator) | {"project", "table", "others"},
                           {"project": ("project", False), "table": ("table-info", False), "others": ("indicator", True)}),
        "project-case": (_fields(Project) | {"unit", "table"},
                         {"indicators": ("indicator", True), "unit": ("unit-info", False), "table": ("table-info", False)}),
    }


def _unknown_key(value: Any, shape: str, where: str, shapes) -> str | None:
    import difflib

    if not isinstance(value, dict):
        return None  # a value of another type is the model's to judge
    allowed, nested = shapes[shape]
    for key, sub in value.items():
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"；是不是 {close[0]}？" if close else f"；可用：{', '.join(sorted(allowed))}"
            return f"{where}.{key}: 未知的键（用例会忽略它，什么也测不到）{hint}"
        if key in nested:
            inner, many = nested[key]
            items = sub if many and isinstance(sub, list) else [sub]
            for i, item in enumerate(items):
                problem = _unknown_key(item, inner, f"{where}.{key}" + (f".{i}" if many else ""), shapes)
                if problem:
                    return problem
    return None


def case_input_problem(rule: Rule, case_input: Any, where: str) -> str | None:
    """Why a case input cannot test what it says (unknown keys, a mapping for a text), or None."""
    given = rule.given[0]
    if given in TEXT_TARGETS or given == "tables":
        texts = case_input if given == "tables" and isinstance(case_input, list) else [case_input]
        if any(isinstance(t, (dict, list)) for t in texts):
            return f"{where}: 适用对象 {given} 的用例输入应为文本"
        return None
    shape = {"indicator": "indicator-case", "project": "project-case", "unit": "unit", "table": "table",
             "parse-issue": "issue"}[given]
    return _unknown_key(case_input, shape, where, _case_shapes())
