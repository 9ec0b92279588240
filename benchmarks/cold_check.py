"""Wall time of a cold `jxlint check` on the bundled example, against the import floor.

    python benchmarks/cold_check.py [RUNS]

Each run is a new interpreter. The floor is what Python needs just to import the libraries every
check imports (`python -c "import pydantic, yaml, rapidfuzz"`, same interpreter); floor and check
runs are alternated so that a busy machine slows both alike. Printed per case: median and best of
RUNS runs, and the ratio of the medians to the floor's median (issue 15: ≤ 2.0, goal 1.5).

Cases, each for all rules and for --ignore FIT (no jieba at all):
  - warm: the same check ran before, nothing changed — answered by the result cache
    (linter/run_cache.py), as every re-run of an unchanged table in an editor, pre-commit or CI
    with a kept cache is;
  - checked again (--no-cache) with the compiled rules and segmentations cached: the work itself,
    as after an edit of the table;
  - nothing cached (JXLINT_NO_CACHE=1): a first run ever — rule files parsed and validated, jieba
    loads its dictionary;
  - one indicator name edited (--no-cache), every other name segmented before: the new name is
    segmented with jieba's dictionary read by first character (linter/segment_index.py).
Bytecode is compiled once before timing, for jxlint and the libraries alike, as an installed
package has it (PYTHONDONTWRITEBYTECODE, set on some machines, is ignored here).

Two reference lines follow, measured the same way: the floor plus one pydantic model class
(pydantic's model machinery, which every check needs for the typed table model) and the floor
plus jieba's dictionary (which any run that segments a name not seen before loads).

A run that does not end as a check ends (exit 0 or 1) stops the benchmark with its stderr and a
non-zero exit: timings of crashed runs are not figures.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
FLOOR = [sys.executable, "-c", "import pydantic, yaml, rapidfuzz"]


def once(cmd: list[str], env: dict, ok: tuple[int, ...]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.stderr.write(f"benchmark run failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}\n")
        raise SystemExit(1)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    # the report goes to standard output, a pipe, as in an editor or CI
    check = [sys.executable, "-m", "linter", "check", str(SAMPLE)]
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pyc:
        # Bytecode as an installed package has it (pip compiles on install), for jxlint and the
        # libraries alike, even where PYTHONDONTWRITEBYTECODE is set: a warm-up run writes it
        # under a private prefix that every later run (floor and checks) reads.
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("JXLINT_")}
        base["PYTHONPYCACHEPREFIX"] = pyc
        fresh = {**base, "JXLINT_NO_CACHE": "1"}
        warm = {**base, "JXLINT_CACHE_DIR": cache}
        once(FLOOR, fresh, (0,))
        for args in ([], ["--ignore", "FIT"]):  # fill the rule, segmentation and result caches
            once(check + args, warm, (0, 1))
        cases = [
            ("all rules, warm (same check before: result cache)", [], warm),
            ("--ignore FIT, warm (result cache)", ["--ignore", "FIT"], warm),
            ("all rules, checked again (--no-cache; rules and segmentations cached)", ["--no-cache"], warm),
            ("--ignore FIT, checked again (--no-cache; rules cached)", ["--ignore", "FIT", "--no-cache"], warm),
            ("all rules, nothing cached (first run: rules parsed, jieba loaded)", [], fresh),
            ("--ignore FIT, nothing cached", ["--ignore", "FIT"], fresh),
        ]
        edited = Path(cache) / "edited.txt"  # a copy of the example, one indicator name changed before each run
        cases.append(("all rules, one indicator name edited (--no-cache; the new name segmented from the dictionary index)",
                      ["--no-cache", "EDITED"], warm))
        floor_all: list[float] = []
        for label, args, env in cases:
            floor, times = [], []
            for i in range(runs):  # alternate: floor, check, floor, check …
                floor.append(once(FLOOR, env, (0,)))
                if "EDITED" in args:
                    edit_a_name(edited, i)
                    times.append(once(check[:4] + [str(edited), "--no-cache"], env, (0, 1)))
                else:
                    times.append(once(check + args, env, (0, 1)))
            floor_all += floor
            med, base_med = statistics.median(times), statistics.median(floor)
            print(f"cold jxlint check on {SAMPLE.name}, {label}: median {med:.3f} s, best {min(times):.3f} s; "
                  f"import floor median {base_med:.3f} s; ratio {med / base_med:.2f} ({runs} runs each, alternated)")
            sys.stdout.flush()
        print(f"import floor over all cases: median {statistics.median(floor_all):.3f} s")
        # What no check of this design can go below, measured the same way: one pydantic model
        # class (the typed table model needs pydantic's model machinery, which `import pydantic`
        # alone does not load) and jieba's dictionary (any run that segments a new name).
        for label, code in REFERENCES:
            floor, times = [], []
            for _ in range(runs):
                floor.append(once(FLOOR, fresh, (0,)))
                times.append(once([sys.executable, "-c", code], fresh, (0,)))
            med, base_med = statistics.median(times), statistics.median(floor)
            print(f"reference, {label}: median {med:.3f} s; ratio {med / base_med:.2f}")


def edit_a_name(path: Path, i: int) -> None:
    """The example with its first indicator's name changed (a name no cache has seen)."""
    sys.path.insert(0, str(ROOT))
    from linter.readers import read_table

    text = SAMPLE.read_text(encoding="utf-8")
    name = next(ind.name for _, project in read_table(SAMPLE).projects() for ind in project.indicators if ind.name)
    path.write_text(text.replace(name, f"{name}（第{i + 1}版）", 1), encoding="utf-8")


REFERENCES = [
    ("floor + one pydantic model class", "import pydantic, yaml, rapidfuzz\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int"),
    ("floor + jieba's dictionary loaded", "import pydantic, yaml, rapidfuzz, jieba\njieba.setLogLevel(60)\njieba.initialize()"),
]


if __name__ == "__main__":
    main()
