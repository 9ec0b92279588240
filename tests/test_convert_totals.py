"""`convert` keeps the department 合计 and every unit's total (issue 14 trap): a converted
.xlsx/.csv gives the same arithmetic findings as the published original, and the row reader
reads a row of amounts alone as a unit or department total."""

import csv

import pytest

from conftest import SAMPLE
from linter.api import lint_paths
from linter.config import Settings
from linter.readers import read_table
from linter.writers import write_csv, write_xlsx


def ari(path, tables=None):
    result = lint_paths([str(path)], Settings(select=["ARI"]))
    if tables is not None:
        tables += result.tables  # the table as read for the check: a workbook is read once
    return sorted((f.code, f.unit, f.project, f.message) for f in result.findings)


@pytest.fixture(scope="module")
def original():
    table = read_table(SAMPLE)
    return table, ari(SAMPLE)


@pytest.mark.parametrize("suffix,layout", [(".xlsx", "merged"), (".xlsx", "two-sheet"), (".csv", None)])
def test_converted_copy_keeps_the_arithmetic_findings(tmp_path, original, suffix, layout):
    table, expected = original
    out = tmp_path / f"copy{suffix}"
    if suffix == ".csv":
        write_csv(table, out)
    else:
        write_xlsx(table, out, layout=layout)
    assert [c for c, *_ in expected] == ["ARI004"] * 3  # the sample's three 尾差
    read = []
    assert ari(out, read) == expected
    back, = read
    assert back.total is not None and back.total.total == table.total.total
    assert [u.amounts.total for u in back.units] == [u.amounts.total for u in table.units]
    assert back.counts() == table.counts() and not back.issues


HEADER = ["单位", "项目名称", "总计", "财政拨款", "绩效目标", "序号", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]


def _csv(tmp_path, rows):
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def test_a_unit_total_row_that_disagrees_is_flagged(tmp_path):
    path = _csv(tmp_path, [
        ["合计", "", "100", "100", "", "", "", "", "", "", ""],
        ["甲中心", "", "100", "100", "", "", "", "", "", "", ""],
        ["甲中心", "项目一", "60", "60", "完成培训", "1", "1-产出指标", "11-数量指标", "培训人次", "≥100人次", "≥100人次"],
        ["甲中心", "项目二", "30", "30", "完成检查", "1", "1-产出指标", "11-数量指标", "检查次数", "≥4次", "≥4次"],
    ])
    codes = [(f.code, f.unit) for f in lint_paths([str(path)], Settings(select=["ARI"])).findings]
    assert codes == [("ARI002", "甲中心")]  # the department 合计 equals its one unit: no ARI003
    table = read_table(path)
    assert [u.name for u in table.units] == ["甲中心"] and [p.name for p in table.units[0].projects] == ["项目一", "项目二"]


def test_amounts_on_a_project_row_are_not_a_unit_total(tmp_path):
    """A row with a project name is a project, whatever its amounts; no total row: no ARI002."""
    path = _csv(tmp_path, [
        ["甲中心", "项目一", "60", "60", "完成培训", "1", "1-产出指标", "11-数量指标", "培训人次", "≥100人次", "≥100人次"],
        ["", "项目二", "30", "30", "完成检查", "1", "1-产出指标", "11-数量指标", "检查次数", "≥4次", "≥4次"],
    ])
    table = read_table(path)
    assert table.total is None and table.units[0].amounts.total is None
    assert [p.amounts.total for p in table.units[0].projects] == [60, 30]
    assert lint_paths([str(path)], Settings(select=["ARI"])).findings == []
