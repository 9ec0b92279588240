"""The cross-table stage: checks given every table of a run at once (``given: tables``).

Its state belongs to one run. A ``CrossStage`` is made per run; whatever its checks prepare
per table (in worker processes), share between rules (DUP002 and DUP003 group the same
indicator lists) or memoise lives in that object and dies with it, so a second run in the same
process (the web page, a test session, an editor) cannot see the first one's state.

The protocol, declared here instead of found with ``hasattr``:
- ``CrossTableCheck.table_parts()`` names per-table work a check can have done where each
  table is read: part name → function of one table returning a dict. The stage computes each
  named part once per table, even when several checks name it, and merges the dicts of all
  tables (``absorb``); a check finds the merged dict with ``ctx.stage.part(name)`` — ``None``
  when nothing was prepared (a serial run: the check works from the tables themselves).
- ``ctx.stage.memo``: results that checks of this run share (computed once per run). A stage
  job's result is read with ``ctx.stage.shared(key, compute)``, never from ``memo`` directly:
  while another process computes it, ``memo`` holds a placeholder.
- ``CrossTableCheck.stage_jobs()`` names the large ones ahead of time (key → a rough weight and
  a callable making the function and its arguments), so a parallel run computes them side by side
  (``precompute``): the heaviest (a city corpus's indicator lists) in a side process while
  this one groups the goal texts and runs the rules that need neither.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from ..rulekit import Context, CrossTableCheck

if TYPE_CHECKING:
    from ..model import Table


def is_cross(active: Any) -> bool:  # a runner.ActiveRule (the runner imports this module)
    return "tables" in active.rule.given


class CrossStage:
    """One run's cross-table stage: its active rules and everything they prepare and share."""

    def __init__(self, active: list[Any]):  # runner.ActiveRule
        self.active = [ar for ar in active if is_cross(ar)]
        self.parts: dict[Hashable, dict] = {}
        self.memo: dict[Hashable, Any] = {}
        self.waiting: set[int] = set()  # ids of the rules whose job another process computes

    def _part_makers(self) -> dict[Hashable, Callable[[Table], dict]]:
        makers: dict[Hashable, Callable[[Table], dict]] = {}
        for ar in self.active:
            check = ar.check
            if isinstance(check, CrossTableCheck):
                for name, make in check.table_parts().items():
                    makers.setdefault(name, make)
        return makers

    def prepare(self, table: Table) -> dict[Hashable, dict]:
        """The per-table parts of one table (runs where the table was read)."""
        return {name: make(table) for name, make in self._part_makers().items()}

    def absorb(self, prepared: dict[Hashable, dict]) -> None:
        for name, part in prepared.items():
            self.parts.setdefault(name, {}).update(part)

    def part(self, name: Hashable) -> dict | None:
        return self.parts.get(name)

    def precompute(self, tables: list[Table], submit: Callable[..., Any]) -> None:
        """Start the heaviest of the checks' stage jobs elsewhere: ``submit(function, *args)``
        (an executor's: it returns a future). This process meanwhile runs the rules that do
        not wait for it (``ordered``), computing the other jobs when they first need them;
        the result lands in ``memo`` when a rule asks for it (``shared``). With one job or
        none there is nothing to run side by side: each is computed where it is needed."""
        ctx = Context(tables=tables, stage=self)
        jobs: dict[Hashable, tuple] = {}
        needs: dict[Hashable, list[int]] = {}  # job key → the rules that read it
        for ar in self.active:
            check = ar.check
            if not isinstance(check, CrossTableCheck):
                continue
            for key, job in check.stage_jobs(tables, ctx).items():
                if key not in self.memo:
                    jobs.setdefault(key, job)
                    needs.setdefault(key, []).append(id(ar))
        if len(jobs) < 2:
            return
        key = max(jobs, key=lambda k: jobs[k][0])  # by weight: a rough cost
        function, args = jobs[key][1]()  # only the job sent elsewhere is made here
        self.memo[key] = _Pending(submit(function, *args))
        self.waiting.update(needs[key])

    def shared(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``memo[key]``: computed now when absent, awaited when another process computes it."""
        value = self.memo.get(key, _ABSENT)
        if value is _ABSENT:
            value = self.memo[key] = compute()
        elif isinstance(value, _Pending):
            value = self.memo[key] = value.future.result()
        return value

    def ordered(self) -> list[Any]:
        """The active rules, those waiting for a job computed elsewhere last (their findings are
        sorted with all the others: the order they run in changes nothing reported)."""
        return sorted(self.active, key=lambda ar: id(ar) in self.waiting)


_ABSENT = object()


class _Pending:
    """A memo entry another process is computing."""

    __slots__ = ("future",)

    def __init__(self, future: Any):
        self.future = future
