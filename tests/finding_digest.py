"""Digests of full finding sets: the guard that an optimisation changes no finding.

    python tests/finding_digest.py            # print the current digests and what changed
    python tests/finding_digest.py --refresh  # store them (deliberately: after a rule change
                                              # whose new findings were read by hand)

Two corpora: the bundled example and a 2,000-project synthetic corpus (benchmarks/synth.py,
fixed seed, built from the example). A finding is every field of it (message, fix, location,
reading, data), with the corpus folder replaced by a placeholder; the digest is the SHA-256 of
the sorted findings, so it is independent of report order but not of any finding's content.
Stored next to it: the count per rule code (a failure says which rules moved) and a digest of
the corpus text (a failure says whether the synthetic corpus itself changed, e.g. because the
example is read differently).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
STORED = Path(__file__).resolve().parent / "fixtures" / "finding-digests.json"
SYNTH_PROJECTS = 2000
SYNTH_SEED = 2000


def write_synthetic(folder: Path, n: int = SYNTH_PROJECTS) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate, write_tables

    write_tables(generate(n, seed=SYNTH_SEED), folder, per_file=300, seed=SYNTH_SEED)
    return sorted(folder.glob("*.txt"))


def canonical(findings, folder: Path | None) -> list[str]:
    rows = []
    for f in findings:
        text = json.dumps(dataclasses.asdict(f), sort_keys=True, default=str, ensure_ascii=False)
        if folder is not None:
            text = text.replace(str(folder), "<corpus>")
        rows.append(text)
    return sorted(rows)


def summary(findings, folder: Path | None, files: list[Path]) -> dict:
    rows = canonical(findings, folder)
    corpus = hashlib.sha256()
    for path in files:
        corpus.update(path.read_bytes())
    return {
        "findings": len(rows),
        "digest": hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest(),
        "by_code": dict(sorted(Counter(f.code for f in findings).items())),
        "corpus": corpus.hexdigest()[:16],
    }


def example_summary(jobs: int | None = None) -> dict:
    from linter.api import lint_paths
    from linter.config import Settings

    # the checkout's own path (in file fields and messages) is replaced: a fresh clone elsewhere
    # must give the same digest
    return summary(lint_paths([str(SAMPLE)], Settings(), jobs=jobs).findings, SAMPLE.parent, [SAMPLE])


def synthetic_summary(folder: Path, jobs: int | None = None) -> dict:
    from linter.api import lint_paths
    from linter.config import Settings

    files = write_synthetic(folder)
    return summary(lint_paths([str(folder)], Settings(), jobs=jobs).findings, folder, files)


def stored() -> dict:
    return json.loads(STORED.read_text(encoding="utf-8"))


def explain(name: str, now: dict, then: dict) -> str:
    """What moved, for the assertion message."""
    lines = [f"{name}: the finding set changed ({then['findings']} → {now['findings']} findings)"]
    if now["corpus"] != then["corpus"]:
        lines.append("  the corpus text itself changed (synth.py or the example's reading)")
    codes = sorted(set(now["by_code"]) | set(then["by_code"]))
    for code in codes:
        a, b = then["by_code"].get(code, 0), now["by_code"].get(code, 0)
        if a != b:
            lines.append(f"  {code}: {a} → {b}")
    if len(lines) == 1:
        lines.append("  same counts per rule: a message, location, reading or group changed")
    lines.append("  if deliberate (new findings read by hand): python tests/finding_digest.py --refresh")
    return "\n".join(lines)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("JXLINT_NO_CACHE", "1")
    with tempfile.TemporaryDirectory(dir="/var/tmp" if Path("/var/tmp").is_dir() else None) as tmp:
        now = {"example": example_summary(), "synthetic-2k": synthetic_summary(Path(tmp) / "corpus")}
    old = stored() if STORED.is_file() else {}
    for name, value in now.items():
        same = old.get(name, {}).get("digest") == value["digest"]
        print(f"{name}: {value['findings']} findings, digest {value['digest'][:16]}… {'unchanged' if same else 'CHANGED'}")
        if not same and name in old:
            print(explain(name, value, old[name]))
    if "--refresh" in sys.argv[1:]:
        STORED.write_text(json.dumps(now, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"stored in {STORED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
