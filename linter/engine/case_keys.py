"""Which keys a rule's test case input may hold (the loader refuses the others).

An unknown key (a typo such as "period_valu") would be dropped by the model and leave a case
that tests nothing; the rule loader (schema.parse_rule) asks this module before accepting a
rule. Only the model is needed: the cases themselves run in linter/rulecases.py.
"""

from __future__ import annotations

from typing import Any

from ..model import Indicator, ParseIssue, Project, Table, Unit
from ..text import did_you_mean


# Keys a case input may hold, by what it describes: the model's fields plus the case-only
# keys case_tables understands. An unknown key (a typo such as "period_valu") would be
# dropped by the model and leave a case that tests nothing, so the loader refuses it.
def _fields(model) -> set[str]:
    return set(model.model_fields)


def _case_shapes() -> dict[str, tuple[set[str], dict[str, tuple[str, bool]]]]:
    """shape → (allowed keys, {key: (shape of its value, is a list)})."""
    return {
        "indicator": (_fields(Indicator), {}),
        "project": (_fields(Project) | {"unit"}, {"indicators": ("indicator", True), "unit": ("unit-info", False)}),
        "unit": (_fields(Unit), {"projects": ("project", True)}),
        "unit-info": (_fields(Unit) - {"projects"}, {}),
        "table": (_fields(Table), {"units": ("unit", True)}),
        "table-info": (_fields(Table) - {"units"}, {}),
        "issue": (_fields(ParseIssue), {}),
        "indicator-case": (_fields(Indicator) | {"project", "table", "others", "previous"},
                           {"project": ("project", False), "table": ("table-info", False), "others": ("indicator", True)}),
        "project-case": (_fields(Project) | {"unit", "table", "previous"},
                         {"indicators": ("indicator", True), "unit": ("unit-info", False), "table": ("table-info", False)}),
    }


def _unknown_key(value: Any, shape: str, where: str, shapes) -> str | None:
    if not isinstance(value, dict):
        return None  # a value of another type is the model's to judge
    allowed, nested = shapes[shape]
    for key, sub in value.items():
        if key not in allowed:
            hint = did_you_mean(key, sorted(allowed)) or f"；可用：{', '.join(sorted(allowed))}"
            return f"{where}.{key}: 未知的键（用例会忽略它，什么也测不到）{hint}"
        if key in nested:
            inner, many = nested[key]
            items = sub if many and isinstance(sub, list) else [sub]
            for i, item in enumerate(items):
                problem = _unknown_key(item, inner, f"{where}.{key}" + (f".{i}" if many else ""), shapes)
                if problem:
                    return problem
    return None


def case_input_problem(given: str, is_text: bool, case_input: Any, where: str) -> str | None:
    """Why a case input cannot test what it says (unknown keys, a mapping for a text), or None.
    ``given`` is the rule's first target; ``is_text`` whether that target is a text."""
    if is_text or given == "tables":
        texts = case_input if given == "tables" and isinstance(case_input, list) else [case_input]
        if any(isinstance(t, (dict, list)) for t in texts):
            return f"{where}: 适用对象 {given} 的用例输入应为文本"
        return None
    shape = {"indicator": "indicator-case", "project": "project-case", "unit": "unit", "table": "table",
             "parse-issue": "issue"}[given]
    return _unknown_key(case_input, shape, where, _case_shapes())
