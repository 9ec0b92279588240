"""One lint run: read every input, select rules, run them, return tables and findings.

The CLI and the tests call this; it has no printing and no exit codes.
"""

from __future__ import annotations

import os
from pathlib import Path

from .config import Settings
from .engine.runner import ActiveRule, run_rules
from .engine.selection import select_rules
from .findings import Finding
from .model import Table
from .readers import collect_inputs, read_table
from .result import LintResult
from .rulebook import load_rules  # registers the built-in check types
from .suggestions import add_suggestions
from .suppress import Suppressor, collect, is_post, suppress


def _reset_cross(active: list[ActiveRule]) -> None:
    """Cross-table checks keep what workers prepared in class state: start each run clean."""
    for ar in active:
        if "tables" in ar.rule.given and hasattr(type(ar.check), "reset"):
            type(ar.check).reset()


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
    _reset_cross(active)
    findings = run_rules(tables, [ar for ar in active if not is_post(ar)])
    add_suggestions(findings, tables)
    directives = [d for t in tables for d in collect(t)]
    findings, suppressed = suppress(findings, directives, suppressor)
    return LintResult(tables, findings, rules, active, settings, suppressed=suppressed)


# Above this much input, reading and per-table rules run in worker processes: starting a
# worker (imports, rule loading, jieba) costs about a second.
PARALLEL_BYTES = 4_000_000


def lint_paths(
    paths: list[str], settings: Settings, input_format: str | None = None, jobs: int | None = None,
    skip_non_tables: bool = False,
) -> LintResult:
    rules = load_rules(settings.rule_dirs)
    active = select_rules(rules, settings)  # config errors surface before any reading
    suppressor = Suppressor(rules, active, settings)
    files = collect_inputs(paths, skip_non_tables)
    previous = previous_tables(settings)  # a bad path fails before this year's tables are read
    local = [ar for ar in active if "tables" not in ar.rule.given and not is_post(ar)]
    cross = [ar for ar in active if "tables" in ar.rule.given and not is_post(ar)]
    workers = _workers(files, jobs)
    _reset_cross(cross)
    if workers > 1:
        tables, findings, directives = _lint_parallel(files, settings, input_format, workers)
    else:
        tables, findings, directives = [], [], []
        for path in files:
            table = with_previous(pin_framework(read_table(path, input_format, settings), settings), previous)
            tables.append(table)
            found = run_rules([table], local)
            add_suggestions(found, [table])
            findings += found
            directives += collect(table)
            table._previous = None  # last year's tables are not kept once this table is checked
    findings += run_rules(tables, cross)  # cross-table rules see every table at once
    findings, suppressed = suppress(findings, directives, suppressor)  # sorted
    return LintResult(tables, findings, rules, active, settings, inputs=files, suppressed=suppressed)


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
    active = [ar for ar in select_rules(rules, settings) if not is_post(ar)]
    _WORKER.update(
        local=[ar for ar in active if "tables" not in ar.rule.given],
        cross=[ar for ar in active if "tables" in ar.rule.given],
        settings=settings,
        input_format=input_format,
        previous=previous_tables(settings),
    )


def _lint_one(path: Path) -> tuple[Table, list[Finding], list, list]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    table = pin_framework(read_table(path, _WORKER["input_format"], _WORKER["settings"]), _WORKER["settings"])
    with_previous(table, _WORKER["previous"])
    findings = run_rules([table], _WORKER["local"])
    add_suggestions(findings, [table])  # before slim(): suggestions read the indicators
    table._previous = None  # not sent back to the parent
    # Cross-table checks may do their per-table share of the work here (e.g. sketches);
    # checks with the same prepare_id share it.
    prepared, done = [], set()
    for ar in _WORKER["cross"]:
        check = ar.check
        if hasattr(check, "prepare") and (type(check), check.prepare_id()) not in done:
            done.add((type(check), check.prepare_id()))
            prepared.append((type(check), check.prepare(table)))
    directives = collect(table)  # before slim(): directives sit on indicators too
    table.slim()  # what cross-table rules need was prepared above
    return table, findings, prepared, directives


def _lint_parallel(files, settings, input_format, workers) -> tuple[list[Table], list[Finding], list]:
    from concurrent.futures import ProcessPoolExecutor

    tables: list[Table] = []
    findings: list[Finding] = []
    directives: list = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings, input_format)) as pool:
        for table, found, prepared, written in pool.map(_lint_one, files, chunksize=max(1, len(files) // (workers * 8))):
            tables.append(table)
            findings += found
            directives += written
            for check_type, part in prepared:
                check_type.absorb(part)
    return tables, findings, directives
