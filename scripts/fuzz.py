"""Long fuzzing runs over jxlint's inputs: mutate seed files, run each through the public entry
points, save every crasher to tests/fixtures/crashers/ (tests/test_fuzz.py replays them all).

    python scripts/fuzz.py --target xlsx --seconds 600
    python scripts/fuzz.py --target all --seconds 60     # 60 s for each target

Prints, per target, the inputs tried and the crashes found. Mutators and the notion of a crash
live in tests/fuzz_targets.py.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzz_targets as ft  # noqa: E402


def fuzz(target: str, seconds: float, rng: random.Random) -> tuple[int, list[Path]]:
    base = ft.seed(target)
    pool = [base]
    tried, saved, seen = 0, [], set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        data = ft.mutate(target, rng.choice(pool), rng)
        tried += 1
        crash = ft.run(target, data)
        if crash is not None:
            signature = re.sub(r"\d+", "N", crash.strip().splitlines()[-1])[:200]
            if signature not in seen:  # one crasher per distinct error
                seen.add(signature)
                path = ft.save_crasher(target, data)
                saved.append(path)
                print(f"  crash in {target}: {signature}\n    saved {path}", flush=True)
        elif len(pool) < 64 and rng.random() < 0.1:
            pool.append(data)  # keep some accepted mutants: mutations compound
    return tried, saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default="all", choices=(*ft.TARGETS, "all"))
    parser.add_argument("--seconds", type=float, default=60, help="per target")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    targets = ft.TARGETS if args.target == "all" else (args.target,)
    total = 0
    for target in targets:
        tried, saved = fuzz(target, args.seconds, rng)
        total += len(saved)
        print(f"{target}: {tried} inputs tried, {len(saved)} crashes", flush=True)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
