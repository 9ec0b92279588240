"""The cross-table stage belongs to one run (linter/engine/cross.py): what one run prepared,
shared or memoised is never seen by another run in the same process."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import lint_paths
from linter.config import Settings
from linter.engine.cross import CrossStage, CrossTableCheck
from linter.engine.runner import run_stage
from linter.rulekit import check_types
from linter.rulebook import load_rules
from linter.engine.selection import select_rules
from linter.readers import read_table

GOAL = "通过开展与物业管理相关的培训、调研、委托社会力量开展专项工作等，进一步落实物业监管职责、提升监管水平。"
OTHER = "完成辖区房屋安全巡查2000栋次，12月底前提交巡查报告，巡查覆盖率达到百分之百。"
INDICATORS = "1、1-产出指标；11-数量指标；宣传培训次数；实施周期指标值:一年不少于2次；年度指标值:一年不少于2次。"


def table_text(unit: str, project: str, amount: str, goal: str) -> str:
    return (f"部门名称：{unit}局 单位：万元\n{unit}中心 {amount} {amount}\n\n"
            f"    {project} {amount} {amount} {goal}\n\n{INDICATORS}\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(table_text("甲", "甲区物业管理奖励经费", "30.00", GOAL), encoding="utf-8")
    (tmp_path / "b.txt").write_text(table_text("乙", "乙区物业管理奖励经费", "20.00", GOAL), encoding="utf-8")
    return tmp_path


def dup_groups(result) -> list[list[str]]:
    return [sorted(m["project"] for m in f.data["members"]) for f in result.findings if f.code in ("DUP001", "DUP002", "DUP003")]


@pytest.mark.parametrize("second_jobs", [1, 2])
def test_an_edited_tables_stale_group_does_not_survive_into_the_next_run(folder, second_jobs):
    settings = Settings(select=["DUP"])
    first = lint_paths([str(folder)], settings, jobs=2)  # workers prepare texts and sketches
    assert sorted(f.code for f in first.findings) == ["DUP001", "DUP002", "DUP003"]
    assert dup_groups(first)[0] == ["乙区物业管理奖励经费", "甲区物业管理奖励经费"]
    # b's goal is rewritten: the goals are no longer copies (the indicator lists still are)
    (folder / "b.txt").write_text(table_text("乙", "乙区物业管理奖励经费", "20.00", OTHER), encoding="utf-8")
    second = lint_paths([str(folder)], settings, jobs=second_jobs)
    assert sorted(f.code for f in second.findings) == ["DUP002", "DUP003"]


def test_a_stage_keeps_its_own_state_while_another_run_happens(folder):
    """Two runs interleaved in one process (the web page serving two uploads): the first
    run's prepared parts and memo stay its own, and the second run sees none of them."""
    active = select_rules(load_rules(), Settings(select=["DUP001"]))
    tables = [read_table(p) for p in sorted(folder.glob("*.txt"))]
    stage = CrossStage(active)
    for table in tables:
        stage.absorb(stage.prepare(table))
    (folder / "b.txt").write_text(table_text("乙", "乙区物业管理奖励经费", "20.00", OTHER), encoding="utf-8")
    assert lint_paths([str(folder)], Settings(select=["DUP001"]), jobs=2).findings == []
    assert [f.code for f in run_stage(stage, tables)] == ["DUP001"]
    assert stage.memo, "the groups were memoised in the stage itself"


def test_prepared_parts_replace_the_tables_own_text(folder):
    """The stage is what the check reads: a part absorbed into it is used (the tables of a
    parallel run are slimmed), so a stage is the whole of the cross-table state."""
    active = select_rules(load_rules(), Settings(select=["DUP001"]))
    tables = [read_table(p) for p in sorted(folder.glob("*.txt"))]
    stage = CrossStage(active)
    for table in tables:
        stage.absorb(stage.prepare(table))
    for table in tables:
        for _, project in table.projects():
            project.goal = ""  # as if slimmed away: the prepared texts still group them
    assert [f.code for f in run_stage(stage, tables)] == ["DUP001"]
    fresh = CrossStage(active)  # a new run over the same objects has nothing prepared
    assert run_stage(fresh, tables) == []


def test_cross_table_check_types_declare_the_protocol():
    """Every check type given all tables is a CrossTableCheck (no hasattr discovery), and
    DUP003 has a check type of its own."""
    rules = {r.code: r for r in load_rules()}
    types = check_types()
    for rule in rules.values():
        if "tables" in rule.given:
            assert issubclass(types[rule.check.type], CrossTableCheck), rule.code
    assert rules["DUP003"].check.type == "unscaled-targets"
    assert "signal" not in rules["DUP003"].check.params
    assert not any(hasattr(types["near-duplicates"], name) for name in ("_keys", "_texts", "_targets", "_last", "reset", "absorb"))
