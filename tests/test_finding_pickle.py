"""Findings travel from worker processes pickled as their field values (Finding.__reduce__)."""

import copy
import pickle

from linter.findings import Finding


def _finding() -> Finding:
    return Finding("FMT001", "x", "format", "warning", "消息", "改正", "a.txt", line=3, end_line=4, sheet="S", cell="B2",
                   unit="单位", project="项目", indicator=2, indicator_name="指标", field="annual_value", value="≥95%",
                   reading={"年度": "≥ 95 %"}, data={"members": [{"unit": "u"}]}, suggestion="建议", previous="≥90%")


def test_a_pickled_finding_comes_back_field_by_field():
    f = _finding()
    back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.to_dict() == f.to_dict() and back.reading is not f.reading
    plain = Finding("X001", "x", "parse", "info", "m", "f", "b.txt")
    assert pickle.loads(pickle.dumps(plain)).to_dict() == plain.to_dict()


def test_copies_are_shallow_and_deep_as_before():
    f = _finding()
    shallow, deep = copy.copy(f), copy.deepcopy(f)
    assert shallow == f == deep
    assert shallow.data is f.data and deep.data is not f.data
