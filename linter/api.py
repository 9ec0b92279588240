"""One lint run: read every input, select rules, run them, return tables and findings.

The CLI and the tests call this; it has no printing and no exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .engine.cross import CrossStage, is_cross
from .engine.runner import ActiveRule, run_rules
from .engine.schema import Rule, load_rules
from .engine.selection import select_rules
from .findings import SEVERITY_RANK, Finding
from .model import Table
from .readers import collect_inputs, read_table
from .stage_times import StageTimes


@dataclass
class LintResult:
    tables: list[Table]
    findings: list[Finding]
    rules: list[Rule]
    active: list[ActiveRule]
    settings: Settings = field(default_factory=Settings)
    baseline: object | None = None  # a BaselineResult when --baseline was given
    inputs: list[Path] = field(default_factory=list)  # every file read (directories expanded)

    def failed(self) -> bool:
        if self.settings.fail_on == "never":
            return False
        floor = SEVERITY_RANK[self.settings.fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)


def pin_framework(table: Table, settings: Settings) -> Table:
    """A framework the config names holds for every table the reader did not pin itself."""
    if settings.framework and table.framework is None:
        table.framework = settings.framework
    return table


def lint_tables(tables: list[Table], settings: Settings) -> LintResult:
    for table in tables:
        pin_framework(table, settings)
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)
    findings = run_rules(tables, [ar for ar in active if not is_cross(ar)])
    findings += CrossStage(active).run(tables)  # this run's own cross-table state
    findings.sort(key=Finding.sort_key)
    return LintResult(tables, findings, rules, active, settings)


# Above this much input, reading and per-table rules run in worker processes: starting a
# worker (imports, rule loading, jieba) costs about a second.
PARALLEL_BYTES = 4_000_000


def lint_paths(
    paths: list[str], settings: Settings, input_format: str | None = None, jobs: int | None = None,
    skip_non_tables: bool = False, times: StageTimes | None = None,
) -> LintResult:
    times = times if times is not None else StageTimes()
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)  # config errors surface before any reading
    files = collect_inputs(paths, skip_non_tables)
    local = [ar for ar in active if not is_cross(ar)]
    stage = CrossStage(active)  # the cross-table stage of this run: its state dies with it
    workers = times.workers = _workers(files, jobs)
    if workers > 1:
        with times.stage("parallel (wall)"):
            tables, findings = _lint_parallel(files, settings, input_format, workers, stage, times)
    else:
        tables, findings = [], []
        for path in files:
            with times.stage("reading"):
                table = pin_framework(read_table(path, input_format, settings), settings)
            tables.append(table)
            with times.stage("per-table rules"):
                findings += run_rules([table], local)
    with times.stage("cross-table"):
        findings += stage.run(tables)  # cross-table rules see every table at once
    findings.sort(key=Finding.sort_key)
    return LintResult(tables, findings, rules, active, settings, inputs=files)


def _workers(files: list[Path], jobs: int | None) -> int:
    if jobs is not None and jobs > 0:
        return min(jobs, len(files))
    if len(files) < 2:
        return 1
    size = sum(p.stat().st_size for p in files)
    return min(os.cpu_count() or 1, len(files)) if size >= PARALLEL_BYTES else 1


_WORKER: dict = {}


def _init_worker(settings: Settings, input_format: str | None) -> None:
    # An error here would break the pool and print a traceback from the worker; keep it and
    # raise it from the first task instead, so the parent reports it like any other error.
    from .segment import save_at_worker_exit

    save_at_worker_exit()  # the segmentation cache survives parallel runs
    try:
        _setup_worker(settings, input_format)
    except Exception as exc:  # noqa: BLE001
        _WORKER["error"] = exc


def _setup_worker(settings: Settings, input_format: str | None) -> None:
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)
    _WORKER.update(
        local=[ar for ar in active if not is_cross(ar)],
        cross=CrossStage(active),  # used here only to prepare each table's parts
        settings=settings,
        input_format=input_format,
    )


def _lint_one(path: Path) -> tuple[Table, list[Finding], dict, tuple[float, float, float]]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    from time import perf_counter

    t0 = perf_counter()
    table = pin_framework(read_table(path, _WORKER["input_format"], _WORKER["settings"]), _WORKER["settings"])
    t1 = perf_counter()
    findings = run_rules([table], _WORKER["local"])
    t2 = perf_counter()
    # Cross-table checks do their per-table share of the work here (e.g. sketches)
    prepared = _WORKER["cross"].prepare(table)
    table.slim()  # what cross-table rules need was prepared above
    return table, findings, prepared, (t1 - t0, t2 - t1, perf_counter() - t2)


def _lint_parallel(files, settings, input_format, workers, stage: CrossStage, times: StageTimes) -> tuple[list[Table], list[Finding]]:
    from concurrent.futures import ProcessPoolExecutor

    tables: list[Table] = []
    findings: list[Finding] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings, input_format)) as pool:
        for table, found, prepared, (reading, rules, preparing) in pool.map(
                _lint_one, files, chunksize=max(1, len(files) // (workers * 8))):
            tables.append(table)
            findings += found
            stage.absorb(prepared)
            times.add("reading", reading)
            times.add("per-table rules", rules)
            times.add("cross-table preparation", preparing)
    return tables, findings
