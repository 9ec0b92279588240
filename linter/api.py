"""One lint run: read every input, select rules, run them, return tables and findings.

The CLI and the tests call this; it has no printing and no exit codes.
"""

from __future__ import annotations

import os
from pathlib import Path

from .config import Settings
from .engine.cross import CrossStage, is_cross
from .engine.runner import ActiveRule, run_rules, run_stage
from .engine.selection import select_rules
from .findings import Finding, from_columns, to_columns
from .model import Table
from .readers import collect_inputs, read_table
from .result import LintResult
from .rulebook import load_rules  # registers the built-in check types
from .suggestions import add_suggestions
from .suppress import Suppressor, collect, is_post, suppress
from .process import one_shot_gc
from .stage_times import StageTimes


def pin_framework(table: Table, settings: Settings) -> Table:
    """A framework the config names holds for every table the reader did not pin itself."""
    if settings.framework and table.framework is None:
        table.framework = settings.framework
    return table


def previous_tables(settings: Settings) -> list[Table] | None:
    """Last year's tables when --previous (or the config's previous) names them."""
    path = getattr(settings, "previous", None)
    if not path:
        return None
    from .previous import read_previous

    return read_previous(path, settings)


def with_previous(table: Table, previous: list[Table] | None) -> Table:
    if previous:
        from .previous import attach_previous

        attach_previous(table, previous)
    return table


def lint_tables(tables: list[Table], settings: Settings) -> LintResult:
    previous = previous_tables(settings)
    for table in tables:
        with_previous(pin_framework(table, settings), previous)
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)
    suppressor = Suppressor(rules, active, settings)
    findings = run_rules(tables, [ar for ar in active if not is_cross(ar) and not is_post(ar)])
    findings += run_stage(CrossStage([ar for ar in active if not is_post(ar)]), tables)  # this run's own cross-table state
    add_suggestions(findings, tables)
    directives = [d for t in tables for d in collect(t)]
    findings, suppressed = suppress(findings, directives, suppressor)  # sorted
    return LintResult(tables, findings, rules, active, settings, suppressed=suppressed)


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
    suppressor = Suppressor(rules, active, settings)
    files = collect_inputs(paths, skip_non_tables, settings)
    previous = previous_tables(settings)  # a bad path fails before this year's tables are read
    engine = [ar for ar in active if not is_post(ar)]  # SUP rules run after suppression
    local = [ar for ar in engine if not is_cross(ar)]
    stage = CrossStage(engine)  # the cross-table stage of this run: its state dies with it
    workers = times.workers = _workers(files, jobs)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        from contextlib import nullcontext

        # One more process for the cross-table stage's heaviest job, so that the stage runs on
        # two cores, not one. Started now, while this process is small: a fork of it after
        # the tables are read would count their hundreds of MB twice.
        with ProcessPoolExecutor(max_workers=1) if stage.active else nullcontext() as side:
            if side is not None:
                side.submit(int)  # the pool starts its process on the first task
            with times.stage("parallel (wall)"):
                tables, findings, directives = _lint_parallel(files, settings, input_format, workers, stage, times, previous)
            with times.stage("cross-table"):
                if side is not None:
                    stage.precompute(tables, side.submit)
                findings += run_stage(stage, tables)  # inside: leaving the block waits for the side process
    else:
        tables, findings, directives = [], [], []
        for path in files:
            with times.stage("reading"):
                table = with_previous(pin_framework(read_table(path, input_format, settings), settings), previous)
            tables.append(table)
            with times.stage("per-table rules"):
                found = run_rules([table], local)
                add_suggestions(found, [table])
                findings += found
                directives += collect(table)
            table._previous = None  # last year's tables are not kept once this table is checked
        with times.stage("cross-table"):
            findings += run_stage(stage, tables)  # cross-table rules see every table at once
    findings, suppressed = suppress(findings, directives, suppressor)  # sorted
    return LintResult(tables, findings, rules, active, settings, inputs=files, suppressed=suppressed)


def _workers(files: list[Path], jobs: int | None) -> int:
    if jobs is not None and jobs > 0:
        return min(jobs, len(files))
    if len(files) < 2:
        return 1
    size = sum(map(_size, files))
    return min(os.cpu_count() or 1, len(files)) if size >= PARALLEL_BYTES else 1


_WORKER: dict = {}


def _init_worker(settings: Settings, input_format: str | None, previous: list[Table] | None = None) -> None:
    # An error here would break the pool and print a traceback from the worker; keep it and
    # raise it from the first task instead, so the parent reports it like any other error.
    from .segment import save_at_worker_exit

    save_at_worker_exit()  # the segmentation cache survives parallel runs
    try:
        _setup_worker(settings, input_format, previous)
    except Exception as exc:  # noqa: BLE001
        _WORKER["error"] = exc
    one_shot_gc()  # a worker checks and exits


def _setup_worker(settings: Settings, input_format: str | None, previous: list[Table] | None = None) -> None:
    rules = load_rules(settings.rule_dirs)
    active = [ar for ar in select_rules(rules, settings) if not is_post(ar)]
    _WORKER.update(
        local=[ar for ar in active if not is_cross(ar)],
        cross=CrossStage(active),  # used here only to prepare each table's parts
        settings=settings,
        input_format=input_format,
        previous=previous,  # read once by the parent and handed over, not read again per worker
    )


def _lint_one(path: Path) -> tuple[Table, list[tuple], dict, list, tuple[float, float, float]]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    from time import perf_counter

    t0 = perf_counter()
    table = pin_framework(read_table(path, _WORKER["input_format"], _WORKER["settings"]), _WORKER["settings"])
    with_previous(table, _WORKER["previous"])
    t1 = perf_counter()
    findings = run_rules([table], _WORKER["local"])
    add_suggestions(findings, [table])  # before slim(): suggestions read the indicators
    table._previous = None  # not sent back to the parent
    t2 = perf_counter()
    # Cross-table checks do their per-table share of the work here (e.g. sketches)
    prepared = _WORKER["cross"].prepare(table)
    directives = collect(table)  # before slim(): directives sit on indicators too
    skeleton(table)  # what cross-table rules need was prepared above
    # the findings travel as columns of field values (findings.from_columns rebuilds them)
    return table, to_columns(findings), prepared, directives, (t1 - t0, t2 - t1, perf_counter() - t2)


def skeleton(table: Table) -> Table:
    """A parallel run's table as the parent keeps it: its file, format, header and counts, no
    units or projects (the cross-table stage reads the parts prepared in the worker). A
    city corpus's hundred thousand projects need neither travel nor wait in the parent; a
    report that needs a table's cells (fixed copies, SARIF fixes) reads the file again."""
    table.slim()
    table._layout = None
    return table


def _lint_parallel(files, settings, input_format, workers, stage: CrossStage, times: StageTimes,
                   previous: list[Table] | None = None) -> tuple[list[Table], list[Finding], list]:
    from concurrent.futures import ProcessPoolExecutor

    tables: list[Table] = []
    findings: list[Finding] = []
    directives: list = []
    strings: dict[str | None, str | None] = {}  # one object per distinct text of the run
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(settings, input_format, previous)) as pool:
        for table, found, prepared, written, (reading, rules, preparing) in pool.map(
                _lint_one, files, chunksize=chunk_size(files, workers)):
            tables.append(table)
            findings += from_columns(found, strings)
            directives += written
            stage.absorb(prepared)
            times.add("reading", reading)
            times.add("per-table rules", rules)
            times.add("cross-table preparation", preparing)
    return tables, findings, directives


# Files a worker takes at a time: few enough that no worker waits long for the last chunk of
# another (a city corpus's 300-project files take ~0.2 s each: 20 of them were seconds of one
# worker alone at the end), enough that many small files do not each cost a round trip.
CHUNK_BYTES = 1_000_000


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone or unreadable: its worker reports it as it reports any unreadable file
        return 0


def chunk_size(files: list[Path], workers: int) -> int:
    size = sum(map(_size, files)) // max(1, len(files))
    return max(1, min(len(files) // (workers * 8), CHUNK_BYTES // max(1, size)))
