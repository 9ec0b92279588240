"""Write the parsed real sample in every exchange format (the round-trip fixtures).

    python scripts/write_formats.py [OUT_DIR]     # default: tests/fixtures/formats
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.readers import read_table  # noqa: E402
from linter.writers import write_csv, write_json, write_xlsx, write_yaml  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "formats"
    out.mkdir(parents=True, exist_ok=True)
    table = read_table(ROOT / "examples" / "guangzhou-housing-bureau-targets.txt")
    write_xlsx(table, out / "sample-merged.xlsx", "merged")
    write_xlsx(table, out / "sample-two-sheet.xlsx", "two-sheet")
    write_csv(table, out / "sample.csv")
    write_csv(table, out / "sample-gbk.csv", encoding="gbk")
    write_yaml(table, out / "sample.yaml")
    write_json(table, out / "sample.json")
    print(f"wrote 6 files to {out}")


if __name__ == "__main__":
    main()
