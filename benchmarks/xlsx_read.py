"""Time and peak memory of reading large workbooks (one row per indicator).

    python benchmarks/xlsx_read.py [ROWS ...]     # default: 5000 10000 20000

Builds a workbook of about ROWS indicator rows from the synthetic corpus (merged project cells,
two header rows), then reads it in a fresh process and prints wall time and peak RSS.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def build(rows: int, path: Path) -> int:
    from synth import generate, write_tables

    from linter.readers import read_table
    from linter.model import Table
    from linter.writers import write_xlsx

    projects = max(1, rows // 5)
    with tempfile.TemporaryDirectory() as tmp:
        write_tables(generate(projects, seed=rows), Path(tmp), per_file=projects)
        table: Table = read_table(next(Path(tmp).glob("*.txt")))
    write_xlsx(table, path, "merged")
    return table.counts()["indicators"]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5000, 10000, 20000]
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.xlsx"
            n = build(rows, path)
            code = (
                "import resource, time\nfrom pathlib import Path\nfrom linter.readers import read_table\n"
                f"t = time.perf_counter(); table = read_table(Path({str(path)!r}))\n"
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, table.counts()['indicators'])\n"
            )
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
            print(f"{n:>7,} indicator rows ({path.stat().st_size / 1e6:.1f} MB): read in {float(out[0]):.2f} s, peak {float(out[1]):,.0f} MB, {int(out[2]):,} indicators read")


if __name__ == "__main__":
    main()
