"""Time of ``jxlint check BOOK.xlsx --annotate OUT.xlsx`` on large merged workbooks.

    python benchmarks/annotate_scale.py [ROWS ...]     # default: 2500 5000 10000 20000

Builds each workbook with benchmarks/xlsx_read.py's builder (project cells merged over their
rows, ~7 merged ranges per project), then times the check without and with ``--annotate`` in a
fresh process. Prints rows -> seconds and the growth ratio between successive sizes (about 2.0
per doubling when annotation is linear).

Measured on the shared 2-core dev machine (wall seconds of the whole ``check --annotate``):
before, 13.4 / 32.1 / 73.8 s at 2,476 / 4,979 / 9,990 rows (and ~175 s reported at 20,081);
after, 5.6 / 10.3 / 16.0 s, and 34.0 s at 20,081 rows (of which ~12 s is the check itself).
The quadratic term was the summary sheet: every appended finding row looked itself up with
``ws[ws.max_row]`` and ``ws.max_row``, and each scans all cells of the sheet. Loading the merges
(openpyxl re-applies the anchor cell's border on every merged range) and saving are linear.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def _timed(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - t


def _fast_merges() -> None:
    """openpyxl's ``MultiCellRange.add`` scans every range already merged before adding one
    (O(n^2) over a sheet): the builder's ranges are disjoint by construction, so skip it."""
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    MultiCellRange.add = lambda self, coord: self.ranges.add(CellRange(coord) if isinstance(coord, str) else coord)


def main() -> None:
    from xlsx_read import build

    _fast_merges()

    sizes = [int(a) for a in sys.argv[1:]] or [2500, 5000, 10000, 20000]
    previous = None
    print(f"{'rows':>7} {'check s':>8} {'annotate s':>10} {'annot. only':>11} {'growth':>7}")
    for rows in sizes:
        with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
            book, out = Path(tmp) / "big.xlsx", Path(tmp) / "out.xlsx"
            n = build(rows, book)
            base = _timed(["check", str(book), "-o", "/dev/null", "--fail-on", "never"])
            full = _timed(["check", str(book), "--annotate", str(out), "-o", "/dev/null", "--fail-on", "never"])
            assert out.exists(), "annotated copy not written"
            only = full - base
            growth = f"{only / previous:.2f}" if previous else "-"
            print(f"{n:>7,} {base:>8.2f} {full:>10.2f} {only:>11.2f} {growth:>7}", flush=True)
            previous = only


if __name__ == "__main__":
    main()
