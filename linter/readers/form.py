"""Label/value pairs of a per-project form (申报表, 批复表) above an indicator grid.

A label's value is the next non-empty cell to its right (merged ranges leave blanks; the next
label ends the search), or else the cell below it. "标签：值" in one cell is read as both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import ColumnMap, FormLabels, split_label


@dataclass(slots=True)
class Pair:
    field: str  # form field (project, unit, goal, …)
    label: str  # as printed
    value: str
    label_ref: str
    value_ref: str  # "" when the label has no value


def form_pairs(rows, i: int, labels: FormLabels, columns: ColumnMap, consumed: dict[int, set[int]],
               first_only: bool = False, header_rows: frozenset[int] = frozenset(),
               grid_columns: frozenset[int] | None = None) -> list[Pair]:
    """The pairs on row i. Cells taken as values from the row below are added to consumed.
    first_only: none unless the row's first non-empty cell is a label; a heading in a column
    outside the grid (``grid_columns``) may stand before it ("绩效目标 | 年度目标 | …" of the
    next form stacked under a grid)."""
    cells = rows[i].cells
    skip = consumed.get(i, set())
    if first_only:
        filled = [(j, c.value) for j, c in enumerate(cells) if c.value.strip() and j not in skip]
        lead = filled[:2] if filled and grid_columns is not None and filled[0][0] not in grid_columns else filled[:1]
        if not any(_is_form_label(text, labels) for _, text in lead):
            return []
    found: dict[int, tuple[str, str, str | None]] = {}  # column → (field, label, inline value)
    for j, c in enumerate(cells):
        if j in skip or not c.value.strip():
            continue
        fld = labels.field_of(c.value)
        if fld:
            found[j] = (fld, c.value.strip(), None)
        elif (parts := split_label(c.value)) and (fld := labels.field_of(parts[0])):
            found[j] = (fld, parts[0], parts[1])
    if not found:
        return []

    def is_label(text: str) -> bool:
        return bool(labels.field_of(text) or columns.field_of(text))

    pairs = []
    for j, (fld, label, inline) in found.items():
        ref = cells[j].ref
        if inline is not None:
            pairs.append(Pair(fld, label, inline, ref, ref if inline else ""))
            continue
        value, value_ref = "", ""
        for k in range(j + 1, len(cells)):
            text = cells[k].value.strip()
            if not text or k in skip:
                continue
            if k not in found and not is_label(text):
                value, value_ref = text, cells[k].ref
            break
        if not value_ref and i + 1 < len(rows) and i + 1 not in header_rows:
            below = rows[i + 1].cells
            # values below their labels make a row without labels; a row that holds labels
            # of its own (总体目标 | <goal>) is the next pair, not this label's value
            below_has_labels = any(labels.field_of(c.value) or split_label_known(c.value, labels)
                                   for c in below if c.value.strip())
            if j < len(below) and below[j].value.strip() and not below_has_labels and not is_label(below[j].value):
                value, value_ref = below[j].value.strip(), below[j].ref
                consumed.setdefault(i + 1, set()).add(j)
        pairs.append(Pair(fld, label, value, ref, value_ref))
    return pairs


def _is_form_label(text: str, labels: FormLabels) -> bool:
    parts = split_label(text)
    return bool(labels.field_of(text) or (parts and labels.field_of(parts[0])))


def split_label_known(text: str, labels: FormLabels) -> bool:
    parts = split_label(text)
    return bool(parts and labels.field_of(parts[0]))
