"""Seconds and memory per stage of one lint run (reading, per-table rules, the cross-table
stage's per-table preparation, the cross-table stage), for benchmarks/dup_scale.py.

Per-table stages that run in worker processes are summed over the workers (process seconds,
not wall time); the main process's peak resident memory is noted after each of its stages.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from contextlib import contextmanager


class StageTimes:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.peak_mb: dict[str, float] = {}  # the main process's peak RSS after a stage
        self.workers = 1

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start
            self.note_memory(name)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds

    def note_memory(self, name: str) -> None:
        self.peak_mb[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
