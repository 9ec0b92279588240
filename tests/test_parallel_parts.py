"""A parallel run sends back compact parts, not tables (linter/api.py skeleton(), the roster
of linter/checks/duplicates.py): the findings are those of a sequential run, field by field."""

from conftest import SAMPLE
from linter.api import lint_paths
from linter.checks.duplicates import from_record, roster_record
from linter.checks.sketches import key_width, packed_keys, text_keys
from linter.config import Settings
from linter.readers import read_table


def test_parallel_tables_are_skeletons_and_findings_are_equal_field_by_field(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    sequential = lint_paths([str(tmp_path)], Settings(), jobs=1)
    parallel = lint_paths([str(tmp_path)], Settings(), jobs=2)
    assert all(t.units == [] for t in parallel.tables)  # no projects kept in the parent
    assert [t.counts() for t in parallel.tables] == [t.counts() for t in sequential.tables] \
        == [{"units": 17, "projects": 276, "indicators": 1378}] * 2
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in sequential.findings]
    dup = [f for f in parallel.findings if f.code.startswith("DUP")]
    assert dup and all(len(f.data["members"]) >= 2 for f in dup)


def test_a_roster_record_gives_back_what_a_group_finding_reads():
    table = read_table(SAMPLE)
    unit, project = table.units[3], table.units[3].projects[1]
    made_unit, made = from_record(roster_record(3, 1, unit, project))
    assert made_unit.name == unit.name
    assert (made.name, made.goal, made.amounts.total, made.source) == (project.name, project.goal, project.amounts.total, project.source)
    for field in ("goal", "name", "amounts"):
        assert made.field_lines.get(field) == project.field_lines.get(field)
        assert made.field_cells.get(field) == project.field_cells.get(field)
    assert made.field_lines.get("goal") is not None  # a text table marks the goal's line


def test_packed_keys_are_the_text_keys_side_by_side():
    text = "通过开展物业管理培训调研委托社会力量开展专项工作进一步落实物业监管职责"
    width = key_width(32, 4)
    packed = packed_keys(text)
    keys = text_keys(text)
    assert len(packed) == width * len(keys) == 16 * 8  # 8 bands of 4 minima, 4 bytes each
    assert [int.from_bytes(packed[i * width:(i + 1) * width], "big") for i in range(len(keys))] == list(keys)
    assert packed_keys(text) != packed_keys(text[:-4])  # another text, other keys
