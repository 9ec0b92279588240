"""Instructions, not seconds: what each per-table stage of a city corpus costs, counted by
valgrind's callgrind, for comparing two versions of the code on a machine whose speed moves.

    python benchmarks/instructions.py [TABLES] [--stage reading|rules|prep] [--code DIR]

Wall and CPU times on a shared 2-core VM swing 15–25% from one minute to the next, which hides
any change below that. Instruction counts do not move (±0.2% between runs of the same code):
this runs the per-table stages a worker runs — reading, per-table rules with suggestions, the
cross-table preparation — over TABLES tables (default 4) of the synthetic city corpus
(benchmarks/synth.py, 300 projects a table, fixed seed) and prints the instructions of each,
counted only while that stage runs (the first table warms imports and is not counted).
--code DIR counts another checkout's linter package (e.g. `git archive` of an older commit)
on the same corpus, for a before/after figure. Needs valgrind (callgrind_control on PATH);
each stage takes about half a minute under it.

Instructions are not time: allocation-heavy work (reading) costs more time per instruction
than the rules do. Use it to see whether a change does less, and dup_scale.py for the seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

STAGES = ("reading", "rules", "prep")

# Run under callgrind with instrumentation off; it switches it on around one stage only.
PROBE = """
import os, subprocess, sys
from pathlib import Path
from linter.api import _setup_worker, _WORKER
from linter.config import Settings
from linter.engine.runner import run_rules
from linter.process import one_shot_gc
from linter.readers import read_table
from linter.suggestions import add_suggestions
stage, files = sys.argv[1], sorted(Path(sys.argv[2]).glob("*.txt"))
_setup_worker(Settings(), None, None)
one_shot_gc()
local, cross = _WORKER["local"], _WORKER["cross"]
def counting(on):
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True, check=True)
for n, path in enumerate(files):
    count = n > 0  # the first table warms imports and caches
    if count and stage == "reading": counting(True)
    table = read_table(path, None, Settings())
    if count and stage == "reading": counting(False)
    if count and stage == "rules": counting(True)
    found = run_rules([table], local)
    add_suggestions(found, [table])
    if count and stage == "rules": counting(False)
    if count and stage == "prep": counting(True)
    cross.prepare(table)
    if count and stage == "prep": counting(False)
"""


def count(stage: str, corpus: Path, code: Path) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(code)}
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as probe:
        probe.write(PROBE)
    try:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
             sys.executable, probe.name, stage, str(corpus)],
            capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(),  # not ROOT: PYTHONPATH decides
        )
    finally:
        os.unlink(probe.name)
    m = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode or not m:
        sys.stderr.write(f"callgrind run failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}\n")
        raise SystemExit(1)
    return int(m.group(1))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="instructions per worker stage (callgrind)")
    parser.add_argument("tables", nargs="?", type=int, default=4)
    parser.add_argument("--stage", choices=STAGES)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout whose linter package is counted")
    opts = parser.parse_args()
    stages = [opts.stage] if opts.stage else list(STAGES)
    code, tables = opts.code.resolve(), opts.tables
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("needs valgrind (callgrind): apt-get install valgrind")
    if not (code / "linter").is_dir():
        raise SystemExit(f"{code}: no linter package there")
    from synth import generate, write_tables

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        write_tables(generate(300 * (tables + 1), seed=100_000), corpus, per_file=300, seed=100_000)
        print(f"{tables} tables of 300 projects (after one warm-up table), code: {code}")
        for stage in stages:
            print(f"  {stage:<8} {count(stage, corpus, code) / 1e6:10,.0f} M instructions")


if __name__ == "__main__":
    main()
