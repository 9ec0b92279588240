"""``safe_text.append_row``: rows land one after another, text stays data, and writing many
rows does not re-scan the sheet (the annotated copy's summary sheet of a large workbook)."""

from __future__ import annotations

import openpyxl

from linter.safe_text import append_row


def test_rows_follow_each_other_and_text_is_data():
    ws = openpyxl.Workbook().active
    first = append_row(ws, ["=1+1", "plain", 3])
    second = append_row(ws, ["-5", None])
    assert [c.row for c in first] == [1, 1, 1] and [c.row for c in second] == [2, 2]
    assert [c.coordinate for c in first] == ["A1", "B1", "C1"]
    formula = ws["A1"]
    assert formula is first[0] and formula.value == "=1+1" and formula.data_type == "s" and formula.quotePrefix
    assert ws["B1"].data_type == "s" and not ws["B1"].quotePrefix
    assert ws["C1"].value == 3 and ws["C1"].data_type == "n"
    assert ws["B2"].value is None and ws.max_row == 2


def test_many_rows_do_not_look_up_the_sheet_size(monkeypatch):
    ws = openpyxl.Workbook().active
    append_row(ws, ["head"])
    calls = []
    cls = type(ws)
    for name in ("max_row", "max_column"):
        prop = getattr(cls, name)
        monkeypatch.setattr(cls, name, property(lambda self, p=prop, n=name: calls.append(n) or p.fget(self)))
    for i in range(200):
        append_row(ws, [f"row {i}", "x"])
    assert calls == []
    monkeypatch.undo()
    assert ws.max_row == 201 and ws["A201"].value == "row 199"
