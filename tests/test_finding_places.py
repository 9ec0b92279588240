"""Where a finding points, and which indicator a suggestion reads, when the table is unusual:
same-named projects in one unit, a field with a cell of its own on the indicator or only on
its project. (Both were rewritten for speed; these pin what they must keep.)"""

from __future__ import annotations

import copy
import unicodedata

from conftest import SAMPLE

from linter.checks.duplicates import _STRIP, normalize_text
from linter.engine.runner import ActiveRule, make_finding
from linter.model import Source
from linter.readers import read_table
from linter.rulebook import load_rules
from linter.rulekit import Context, Hit
from linter.suggestions import TableIndex


def _rule(code: str):
    rule = next(r for r in load_rules() if r.code == code)
    return ActiveRule(rule, rule.severity, rule.default_params())


def test_a_finding_takes_the_indicator_s_cell_then_the_project_s_then_the_source_s():
    table = read_table(SAMPLE)
    unit, project, indicator = next(iter(table.indicators()))
    ar = _rule("VAG001")

    def cell_of(indicator_cells, project_cells, field="annual_value"):
        ind = indicator.model_copy(update={"field_cells": indicator_cells, "source": Source(file="a.txt", line=3, cell="Z9")})
        proj = project.model_copy(update={"field_cells": project_cells})
        ctx = Context(table=table, unit=unit, project=proj, indicator=ind, field=field)
        return make_finding(ar, Hit(), "很好", ctx).cell

    assert cell_of({"annual_value": "K12"}, {"annual_value": "B2"}) == "K12"
    assert cell_of({"period_value": "J12"}, {"annual_value": "B2"}) == "B2"
    assert cell_of({}, {}) == "Z9"
    assert cell_of({"annual_value": "K12"}, {}, field=None) == "Z9"  # no field: the source's


def test_a_suggestion_reads_the_last_indicator_with_the_finding_s_place_number_and_name():
    """Two projects of one unit with the same name (the text reader keeps both): the index
    answers as a dict filled in table order would, with the later one."""
    table = read_table(SAMPLE)
    unit = next(u for u in table.units if len(u.projects) > 1)
    first = unit.projects[0]
    twin = copy.deepcopy(first)
    twin.indicators = [i.model_copy(update={"source": i.source.model_copy(update={"line": 10_000 + n})})
                       for n, i in enumerate(twin.indicators)]
    unit.projects.append(twin)
    index = TableIndex(table, 24)
    for ind in first.indicators:
        found = index.indicator(unit.name, first.name, ind.number, ind.name)
        expected = {(i.number, i.name): i for i in first.indicators + twin.indicators}[(ind.number, ind.name)]
        assert found is not None and found[1] is expected and found[0] is twin
    assert index.project(unit.name, first.name) is twin
    assert index.indicator(unit.name, first.name, 999, "没有这个指标") is None
    assert index.indicator("没有这个单位", first.name, 1, first.indicators[0].name) is None


def test_normalize_text_is_nfkc_then_the_punctuation_strip():
    texts = [p.goal or "" for _, p in read_table(SAMPLE).projects()]
    texts += ["（２０２４年）　完成率≥９５％，ｶﾞ\u0301", "A\u00a0B\u2028C\u3000D", ""]
    for text in texts:
        assert normalize_text(text) == _STRIP.sub("", unicodedata.normalize("NFKC", text))
