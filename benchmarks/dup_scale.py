"""Scale benchmark for the boilerplate stage and the full check.

    pip install -e .                            # numpy (a dependency) also runs the naive cdist reference
    python benchmarks/dup_scale.py [N ...] [--stages-only]     # default: 2000 20000 100000

For each N it builds a synthetic corpus (benchmarks/synth.py) with planted near-duplicate
groups, then prints:
  - full `jxlint check --format json` of the corpus: wall time and peak memory (a fresh process),
    and per stage (reading, per-table rules, cross-table preparation and stage, report writing)
    its seconds, share and memory (per-table stages summed over the worker processes);
    --stages-only stops there (no separate duplicate-stage figures)
  - the duplicate stage alone on the goal texts: wall time, peak memory growth, recall and
    precision of the pairs it groups against the planted truth;
  - at N = 20,000 also the naive all-pairs rapidfuzz.process.cdist at the same threshold:
    its wall time, the speed-up, and the share of the naive pairs the stage finds.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

THRESHOLD = 90


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


STAGED = """
import json, resource, sys, time
t0 = time.perf_counter()
from linter.api import lint_paths
from linter.process import one_shot_gc
from linter.config import Settings
from linter.report.json_doc import write
from linter.stage_times import StageTimes
times = StageTimes()
if "JXLINT_BENCH_DEFAULT_GC" not in __import__("os").environ:
    one_shot_gc()  # as `jxlint check` does
result = lint_paths([sys.argv[1]], Settings(), jobs=int(sys.argv[2]) or None, times=times)
with times.stage("report writing"):
    with open("/dev/null", "w") as out:
        write(result, out)  # as `jxlint check --format json -o FILE` writes it
print(json.dumps({"wall": time.perf_counter() - t0, "stages": times.seconds, "main_peak_mb": times.peak_mb,
                  "workers": times.workers, "findings": len(result.findings),
                  "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def full_check(corpus: Path, jobs: int | None = None) -> tuple[float, float, float, dict]:
    """The whole check as `jxlint check --format json` does it, in a fresh process, with the
    seconds and memory of each stage (linter/stage_times.py)."""
    import json

    proc = subprocess.Popen([sys.executable, "-c", STAGED, str(corpus), str(jobs or 0)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    tree_peak = 0.0
    while proc.poll() is None:
        tree_peak = max(tree_peak, _tree_rss_mb(proc.pid))
        time.sleep(0.2)
    out = json.loads(proc.stdout.read().strip().splitlines()[-1])
    if proc.returncode:
        raise SystemExit(f"full check failed (exit {proc.returncode})")
    peak = max(max(out["main_peak_mb"].values()), out["children_peak_mb"])
    return out["wall"], peak, tree_peak, out


def print_stages(out: dict) -> None:
    """Per stage: seconds (per-table stages summed over worker processes) and share."""
    stages = out["stages"]
    work = {k: v for k, v in stages.items() if k != "parallel (wall)"}
    total = sum(work.values())
    for name, seconds in work.items():
        in_workers = out["workers"] > 1 and name in ("reading", "per-table rules", "cross-table preparation")
        mem = out["main_peak_mb"].get(name, 0.0)
        where = f"summed over {out['workers']} workers" if in_workers else f"main process peak after it {mem:,.0f} MB"
        print(f"             {name:<26} {seconds:7.2f} s  {seconds / total:5.1%}  ({where})")
    if "parallel (wall)" in stages:
        print(f"             {'(workers, wall)':<26} {stages['parallel (wall)']:7.2f} s  worker peak {out['children_peak_mb']:,.0f} MB each")


def goal_texts(corpus: Path):
    from linter.checks.duplicates import normalize_text
    from linter.readers import read_table

    keys, texts = [], []
    for path in sorted(corpus.glob("*.txt")):
        for _, project in read_table(path).projects():
            keys.append((str(path), project.source.line))
            text = normalize_text(project.goal)
            texts.append(text if len(text) >= 20 else "")
    return keys, texts


def pairs_of(groups) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}


def main() -> None:
    from linter.checks.duplicates import near_duplicate_groups
    from synth import generate, write_tables

    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    sizes = [int(a) for a in sys.argv[1:] if not a.startswith("--")] or [2000, 20000, 100000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp)
            truth = write_tables(generate(n, seed=n), corpus, per_file=300, seed=n)
            wall, peak, tree, out = full_check(corpus)
            main_peak = max(out["main_peak_mb"].values())
            print(f"N={n:>7,}  full check: {wall:6.1f} s wall, peak {peak:,.0f} MB in one process (main {main_peak:,.0f} MB), "
                  f"{tree:,.0f} MB for all processes together (sampled), {out['findings']:,} findings")
            print_stages(out)
            if "--stages-only" in flags:
                continue
            keys, texts = goal_texts(corpus)
            index = {k: i for i, k in enumerate(keys)}
            planted = pairs_of([[index[(f, line)] for f, line in g] for g in truth.values()])
            rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            t = time.perf_counter()
            groups, stats = near_duplicate_groups(texts, THRESHOLD)
            dup_wall = time.perf_counter() - t
            rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            found = pairs_of(groups)
            recall = len(found & planted) / len(planted) if planted else 1.0
            precision = len(found & planted) / len(found) if found else 1.0
            print(f"           duplicate stage (goals): {dup_wall:6.2f} s, +{(rss1 - rss0) / 1024:,.0f} MB peak, "
                  f"{stats['compared']:,} pairs verified; planted pairs {len(planted):,}: recall {recall:.3f}, precision {precision:.3f}")
            if n == 20000:
                naive_reference(texts, groups, dup_wall)
        sys.stdout.flush()


def naive_reference(texts, groups, dup_wall) -> None:
    import numpy as np
    from rapidfuzz import fuzz, process

    live = [i for i, t in enumerate(texts) if t]
    subset = [texts[i] for i in live]
    t = time.perf_counter()
    matrix = process.cdist(subset, subset, scorer=fuzz.ratio, score_cutoff=THRESHOLD, dtype=np.uint8, workers=-1)
    naive_wall = time.perf_counter() - t
    rows, cols = np.nonzero(np.triu(matrix, k=1) >= THRESHOLD)
    naive = {(live[a], live[b]) for a, b in zip(rows.tolist(), cols.tolist())}
    component = {}
    for gid, g in enumerate(groups):
        for i in g:
            component[i] = gid
    found = sum(1 for a, b in naive if a in component and component.get(a) == component.get(b))
    share = found / len(naive) if naive else 1.0
    print(f"           naive cdist all pairs: {naive_wall:6.2f} s ({len(subset):,}² pairs), {len(naive):,} pairs ≥ {THRESHOLD}; "
          f"stage is {naive_wall / dup_wall:.1f}× faster and finds {share:.4f} of them")


if __name__ == "__main__":
    main()
