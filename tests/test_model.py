"""The model: fast construction equals validated construction; JSON round trip of the sample."""

from linter.model import Category, Indicator, Source, Table, fast_model


def test_fast_model_equals_validated():
    values = {
        "number": 1, "number_raw": "1",
        "level1": Category(raw="1-产出指标", code="1", name="产出指标"),
        "level2": Category(raw="11-数量指标", code="11", name="数量指标"),
        "name": "数量", "period_value": "1个", "annual_value": None, "raw": "1、…",
        "source": fast_model(Source, {"file": "f", "line": 3, "end_line": 4, "sheet": None, "cell": None}),
        "field_lines": {"name": 3}, "extra": {}, "field_cells": {},
    }
    assert set(values) == set(Indicator.model_fields)
    fast = fast_model(Indicator, dict(values))
    assert fast == Indicator.model_validate(values)
    assert fast.model_dump() == Indicator.model_validate(values).model_dump()


def test_sample_round_trips_through_json(sample_table):
    again = Table.model_validate_json(sample_table.model_dump_json())
    assert again == sample_table
    assert again.counts() == {"units": 17, "projects": 276, "indicators": 1378}


def test_fast_new_equals_validated():
    # fast_new skips validation and model_construct's per-call inspection of default factories;
    # it must give what validated construction gives: fields, private attributes, fresh defaults
    from linter.model import Amounts, Project, Unit, fast_new

    source = Source(file="t.txt", line=1, end_line=9)
    table, validated = fast_new(Table, source=source, format="published-text", value_sides="both"), Table(source=source, format="published-text", value_sides="both")
    assert table == validated and table.model_fields_set == validated.model_fields_set
    assert table.__pydantic_private__ == validated.__pydantic_private__
    assert table.units is not fast_new(Table).units and fast_new(Table).source == Source()
    amounts = Amounts(raw="1.00", figures=[], total=None)
    for kwargs in ({}, {"amounts": amounts, "field_lines": {"amounts": 3}}):
        unit, checked = fast_new(Unit, name="甲单位", source=source, **kwargs), Unit(name="甲单位", source=source, **kwargs)
        assert unit == checked and unit.model_fields_set == checked.model_fields_set
    assert fast_new(Project, name="", source=source) == Project(name="", source=source)
    assert fast_new(Amounts) == Amounts() and fast_new(Amounts).figures is not fast_new(Amounts).figures
