"""The cross-table stage's large jobs computed ahead, side by side (CrossStage.precompute): the
copied-goal and copied-indicator groupings run at once in a parallel run, and the rules then
report exactly what they report when each computes its own groups."""

from __future__ import annotations

from concurrent.futures import Future

from conftest import SAMPLE

from linter.api import lint_paths
from linter.config import Settings
from linter.engine.cross import CrossStage
from linter.engine.runner import run_stage
from linter.engine.selection import select_rules
from linter.readers import read_table
from linter.rulebook import load_rules


def _stage(codes: list[str]) -> CrossStage:
    settings = Settings(select=codes)
    return CrossStage(select_rules(load_rules(settings.rule_dirs), settings))


def _fingerprint(findings) -> list[tuple]:
    return [(f.code, f.file, f.line, f.message) for f in findings]


def test_precomputed_groups_give_the_findings_computed_on_demand():
    tables = [read_table(SAMPLE)]
    alone = run_stage(_stage(["DUP"]), tables)
    assert {f.code for f in alone} == {"DUP001", "DUP002", "DUP003"}  # all three report on the sample
    submitted: list = []

    def submit(function, *args):  # another process's work, done here and recorded
        submitted.append(function.__name__)
        future: Future = Future()
        future.set_result(function(*args))
        return future

    stage = _stage(["DUP"])
    stage.precompute(tables, submit)
    # two groupings (goals; indicator lists, which DUP002 and DUP003 share): the heavier one,
    # the indicator lists, elsewhere; the goals here when DUP001 asks
    assert submitted == ["copied_groups"]
    assert sum(1 for key in stage.memo if key[0] == "groups") == 1
    assert [ar.rule.code for ar in stage.ordered()] == ["DUP001", "DUP002", "DUP003"]
    assert {ar.rule.code for ar in stage.active if id(ar) in stage.waiting} == {"DUP002", "DUP003"}
    assert _fingerprint(run_stage(stage, tables)) == _fingerprint(alone)
    # the rules found the submitted grouping under its key: no grouping computed twice
    assert sum(1 for key in stage.memo if key[0] == "groups") == 2
    assert all(isinstance(value, list) for key, value in stage.memo.items() if key[0] == "groups")


def test_rules_waiting_for_the_side_process_run_last():
    """What another process computes is awaited only by the rules that read it, after every
    other rule has run: those run while it is computed. (Selection runs rules by code; here
    the order is turned round so that the waiting rules come first.)"""
    tables = [read_table(SAMPLE)]
    stage = _stage(["DUP"])
    stage.active.reverse()
    stage.precompute(tables, lambda function, *args: _done(function(*args)))
    assert [ar.rule.code for ar in stage.ordered()] == ["DUP001", "DUP003", "DUP002"]


def test_a_failed_side_job_is_the_run_s_error():
    tables = [read_table(SAMPLE)]
    stage = _stage(["DUP"])

    def submit(function, *args):
        future: Future = Future()
        future.set_exception(MemoryError("side process"))
        return future

    stage.precompute(tables, submit)
    try:
        run_stage(stage, tables)
    except MemoryError as exc:
        assert "side process" in str(exc)
    else:
        raise AssertionError("the side job's error was lost")


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def test_one_job_is_left_to_the_check():
    tables = [read_table(SAMPLE)]
    stage = _stage(["DUP002", "DUP003"])  # one grouping only: nothing to run side by side

    def submit(function, *args):
        raise AssertionError("nothing to submit")

    stage.precompute(tables, submit)
    assert not any(key[0] == "groups" for key in stage.memo)
    assert run_stage(stage, tables)


def test_parallel_run_gives_the_serial_findings(tmp_path):
    """Two files, two workers, and the side process: the same findings as one process."""
    text = SAMPLE.read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    serial = lint_paths([str(tmp_path)], Settings(select=["DUP"]), jobs=1).findings
    parallel = lint_paths([str(tmp_path)], Settings(select=["DUP"]), jobs=2).findings
    assert serial and _fingerprint(parallel) == _fingerprint(serial)
