"""Wall time of a cold `jxlint check` on the bundled example (new interpreter each run).

    python benchmarks/cold_check.py [RUNS]

Prints the best and median of RUNS runs: with all rules and no segmentation cache (jieba is
loaded), without the jieba rules, and with all rules after an earlier run filled the cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"


def timed(args: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", str(SAMPLE), *args], capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as cache:
        fresh = {**os.environ, "JXLINT_NO_CACHE": "1"}
        warm = {**os.environ, "JXLINT_CACHE_DIR": cache}
        cases = [
            ("all rules, no segmentation cache (jieba loaded)", [], fresh),
            ("without the jieba rules (--ignore FIT)", ["--ignore", "FIT"], fresh),
        ]
        timed([], warm, 1)  # fills the cache
        cases.append(("all rules, segmentation cache filled by an earlier run", [], warm))
        for label, args, env in cases:
            times = timed(args, env, runs)
            print(f"cold jxlint check on {SAMPLE.name}, {label}: best {min(times):.3f} s, median {statistics.median(times):.3f} s ({runs} runs)")


if __name__ == "__main__":
    main()
