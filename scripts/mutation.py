"""Mutation scores per module with mutmut 3 (dev extra); never part of the test suite or .ci/run.

    .venv/bin/python scripts/mutation.py values checks runner readers --sample 150

Each module runs in its own scratch copy of the repository (default /var/tmp/jxlint-mutation/
<module>) with a [tool.mutmut] section naming the files to mutate and a FAST focused test
subset, so modules do not share mutmut state and the real pyproject stays free of it.
``--sample N`` tests an evenly spaced, deterministic sample of at most N mutants per module
(sorted names, every k-th): the same command gives the same sample. The score is
(killed + timeout) / tested; "no tests" (a mutant no selected test reaches) counts as not
killed. Survivors are listed in <workdir>/<module>/survivors.txt (see ``mutmut show NAME``
from that folder).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# module → (files to mutate, focused tests): the tests that exercise the module's behaviour
# and run in seconds, not the whole suite.
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "values": (["linter/values.py"], ["tests/test_values.py", "tests/test_mutation_kills.py"]),
    "checks": (["linter/checks/*"], ["tests/test_rule_cases.py", "tests/test_rule_cases_shared.py",
                                      "tests/test_breakages.py", "tests/test_mutation_kills.py"]),
    "runner": (["linter/engine/runner.py"], ["tests/test_rule_cases.py", "tests/test_rule_cases_shared.py",
                                              "tests/test_breakages.py", "tests/test_mutation_kills.py"]),
    "readers": (["linter/readers/*"], ["tests/test_reader_published_text.py", "tests/test_layouts.py",
                                        "tests/test_labels.py", "tests/test_mutation_kills.py"]),
}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check",
          -11: "segfault", -9: "segfault", None: "not checked"}
NO_MATCH = "zz_no_such_mutant_*"  # a first run that only generates mutants and collects stats


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def copy_worktree(work: Path) -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.split()
    for rel in tracked + untracked:
        src = ROOT / rel
        if src.is_file():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, work / rel)


def prepare(module: str, work: Path, rev: str | None) -> None:
    mutate, tests = MODULES[module]
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if rev:  # an earlier commit (e.g. the "before" score): its files, this script's settings
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    else:
        copy_worktree(work)
    tests = [t for t in tests if (work / t).exists()]
    with open(work / "pyproject.toml", "a", encoding="utf-8") as fh:
        fh.write(f"""
[tool.mutmut]
source_paths = ["linter"]
only_mutate = {toml_list(mutate)}
also_copy = ["rules", "examples", "benchmarks"]  # test_labels imports benchmarks/judgement.py
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q",
                       "-o", "disable_test_id_escaping_and_forfeit_all_rights_to_community_support=true", "--basetemp={work / 'pt'}"]
pytest_add_cli_args_test_selection = {toml_list(tests)}
use_git_change_detection = false
# workers fork from a process that has not run the tests: lru_caches (parse_value, grammar)
# filled by a clean run would hide mutants
process_isolation = "forkserver"
""")


def mutmut(work: Path, names: list[str], children: int) -> None:
    env = {**os.environ, "TMPDIR": str(work / "tmp")}
    (work / "tmp").mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *names]
    with open(work / "mutmut.log", "a", encoding="utf-8") as log:
        subprocess.run(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)


def results(work: Path) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for meta in (work / "mutants").rglob("*.meta"):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def sample(names: list[str], size: int | None) -> list[str]:
    names = sorted(names)
    if not size or len(names) <= size:
        return names
    step = len(names) / size
    return [names[int(i * step)] for i in range(size)]


def run_module(module: str, args: argparse.Namespace) -> dict:
    work = args.workdir / module
    prepare(module, work, args.rev)
    mutmut(work, [NO_MATCH], args.max_children)  # generate mutants + which tests cover what
    chosen = sample(list(results(work)), args.sample)
    for i in range(0, len(chosen), 200):  # keep the command line short
        mutmut(work, chosen[i:i + 200], args.max_children)
    got = results(work)
    statuses = [STATUS.get(got.get(n), "suspicious") for n in chosen]
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    detected = counts.get("killed", 0) + counts.get("timeout", 0)
    survivors = sorted(n for n in chosen if STATUS.get(got.get(n)) in ("survived", "no tests"))
    (work / "survivors.txt").write_text("\n".join(survivors) + "\n", encoding="utf-8")
    return {"module": module, "mutants": len(got), "tested": len(chosen), "score": round(100 * detected / max(1, len(chosen)), 1),
            **counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--sample", type=int, default=150, help="mutants per module (0: all)")
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutmut workers (the machine is shared)")
    parser.add_argument("--rev", help="score this commit's code and tests instead of the work tree")
    parser.add_argument("--workdir", type=Path, default=Path("/var/tmp/jxlint-mutation"))
    args = parser.parse_args()
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    for module in args.modules or list(MODULES):
        row = run_module(module, args)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
