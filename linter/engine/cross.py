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
- ``ctx.stage.memo``: results that checks of this run share (computed once per run).
- ``CrossTableCheck.stage_jobs()`` names the large ones ahead of time (key → function and
  arguments), so a parallel run computes them side by side (``precompute``): one core each
  for a city corpus's goal texts and indicator lists instead of one core for both.
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
        """Compute the checks' stage jobs now, side by side: every job but the last through
        ``submit(function, *args)`` (an executor's: it returns a future), the last in this
        process meanwhile. Results land in ``memo`` under their keys, where the checks look
        them up; a job already there, or named twice, is computed once."""
        ctx = Context(tables=tables, stage=self)
        seen: set[Hashable] = set()
        futures: list[tuple[Hashable, Any]] = []
        last = None  # the job named last: computed here while the others run elsewhere
        for ar in self.active:
            check = ar.check
            if not isinstance(check, CrossTableCheck):
                continue
            for key, job in check.stage_jobs(tables, ctx).items():
                if key in self.memo or key in seen:
                    continue
                seen.add(key)
                if last is not None:  # started as soon as the next one is known
                    futures.append((last[0], submit(last[1][0], *last[1][1])))
                last = (key, job)
        if not futures:  # one job or none: nothing to run side by side, computed when needed
            return
        key, (function, args) = last
        self.memo[key] = function(*args)
        for key, future in futures:
            self.memo[key] = future.result()
