"""Settings for a process that checks and exits: the command line's and the workers'."""

from __future__ import annotations

import gc


def one_shot_gc() -> None:
    """What is loaded so far (modules, rules) is never garbage, and collections are made rarer.

    A run allocates millions of small objects that live to its end; the default thresholds make
    the collector walk them again and again (~15% of a 20k-project check). Only for processes
    that end with the run: library callers and the test suite keep their own settings.
    """
    gc.collect()  # nothing unreachable goes into the permanent generation
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
