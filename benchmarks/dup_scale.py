"""Scale benchmark for the boilerplate stage and the full check.

    pip install -e '.[bench]'                  # numpy, for the naive rapidfuzz cdist reference
    python benchmarks/dup_scale.py [N ...]     # default: 2000 20000 100000

For each N it builds a synthetic corpus (benchmarks/synth.py) with planted near-duplicate
groups, then prints:
  - full `jxlint check` of the corpus: wall time and peak memory (a fresh process);
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


def full_check(corpus: Path, jobs: int | None = None) -> tuple[float, float, float]:
    code = (
        "import resource, sys, time\n"
        "from linter.cli import main\n"
        "t = time.perf_counter()\n"
        f"main(['check', {str(corpus)!r}, '--format', 'json', '-o', '/dev/null'" + (f", '--jobs', '{jobs}'" if jobs else "") + "])\n"
        "wall = time.perf_counter() - t\n"
        "self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(wall, self_kb, kids_kb)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    tree_peak = 0.0
    while proc.poll() is None:
        tree_peak = max(tree_peak, _tree_rss_mb(proc.pid))
        time.sleep(0.2)
    out = proc.stdout.read().split()
    return float(out[0]), max(float(out[1]), float(out[2])) / 1024, tree_peak


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

    sizes = [int(a) for a in sys.argv[1:]] or [2000, 20000, 100000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp)
            truth = write_tables(generate(n, seed=n), corpus, per_file=300, seed=n)
            wall, peak, tree = full_check(corpus)
            print(f"N={n:>7,}  full check: {wall:6.1f} s wall, peak {peak:,.0f} MB in one process, "
                  f"{tree:,.0f} MB for all processes together (sampled)")
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
