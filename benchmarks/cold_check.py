"""Wall time of a cold `jxlint check` on the bundled example (new interpreter each run).

    python benchmarks/cold_check.py [RUNS]

Prints the best and median of RUNS runs, and whether jieba was imported.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", str(SAMPLE)], capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    probe = "import sys; from linter.cli import main; main(['check', %r, '--exit-zero', '-o', '/dev/null']); print('jieba' in sys.modules)"
    jieba = subprocess.run([sys.executable, "-c", probe % str(SAMPLE)], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    print(f"cold jxlint check on {SAMPLE.name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s over {runs} runs")
    print(f"jieba imported: {jieba}")


if __name__ == "__main__":
    main()
