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
