"""Findings pickle as their field values (Finding.__reduce__); a parallel run's workers send theirs
as columns of field values (findings.to_columns / from_columns)."""

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


def test_findings_sent_as_columns_come_back_equal_with_shared_texts():
    # a parallel run's workers send their findings as columns of field values (api._lint_one)
    # and the parent rebuilds them, one string object per distinct shared text
    from linter.findings import from_columns, to_columns

    a, b = _finding(), _finding()
    # equal texts built apart (pickle would keep one object shared: these are two)
    b.fix, b.indicator_name, b.value = "".join(["改", "正"]), "".join(["指", "标"]), "".join(["≥", "95%"])
    b.message, b.suggestion, b.file = "消息二", None, "".join(["a.", "txt"])
    assert b.fix is not a.fix and b.indicator_name is not a.indicator_name and b.value is not a.value
    plain = Finding("X001", "x", "parse", "info", "m", "f", "b.txt")
    sent = [a, b, plain]
    columns = pickle.loads(pickle.dumps(to_columns(sent), protocol=pickle.HIGHEST_PROTOCOL))
    strings: dict = {}
    back = from_columns(columns, strings)
    assert [f.to_dict() for f in back] == [f.to_dict() for f in sent]
    assert back[0].fix is back[1].fix and back[0].indicator_name is back[1].indicator_name
    assert back[0].value is back[1].value
    assert back[0].file is not back[1].file  # only the shared texts: not every field
    again = from_columns(pickle.loads(pickle.dumps(columns)), strings)  # across chunks too
    assert again[0].message is back[0].message
    assert back[2].suggestion is None and back[0].reading is not back[1].reading
    assert to_columns([]) == [] and from_columns([], strings) == []
