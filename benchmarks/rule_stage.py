"""The per-table rule stage alone, serial: what `jxlint check` does per table after reading it
(per-table rules, suggestions, suppression directives), with reading and rule building outside
the timing.

    python benchmarks/rule_stage.py PATH [--profile tottime|cumtime] [--top 40]

PATH is a table or a folder of tables (e.g. a corpus from benchmarks/synth.py). Prints the CPU
seconds of the stage and the number of findings; --profile prints a cProfile of the stage
instead. Compare two checkouts as a ratio measured in the same minutes: the machine's load
moves absolute figures.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from linter.api import pin_framework
    from linter.config import Settings
    from linter.engine.cross import is_cross
    from linter.engine.runner import run_rules
    from linter.engine.selection import select_rules
    from linter.readers import collect_inputs, read_table
    from linter.rulebook import load_rules
    from linter.suggestions import add_suggestions
    from linter.suppress import collect, is_post

    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--profile", choices=["tottime", "cumtime"])
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    settings = Settings()
    active = select_rules(load_rules(settings.rule_dirs), settings)
    local = [ar for ar in active if not is_post(ar) and not is_cross(ar)]
    tables = [pin_framework(read_table(p, None, settings), settings) for p in collect_inputs([args.path], False, settings)]
    for ar in local:
        ar.check  # built on first use: vocabularies compile here, not in the timing

    def stage() -> int:
        n = 0
        for table in tables:
            found = run_rules([table], local)
            add_suggestions(found, [table])
            n += len(found)
            collect(table)
        return n

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        stage()
        prof.disable()
        pstats.Stats(prof).sort_stats(args.profile).print_stats(args.top)
        return
    t0 = time.process_time()
    n = stage()
    print(f"{args.path}: per-table rule stage {time.process_time() - t0:.3f} s CPU, {len(tables)} tables, {n} findings")


if __name__ == "__main__":
    main()
