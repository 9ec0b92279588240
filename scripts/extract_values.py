"""Write every distinct 指标值 of a table, one per line, sorted (the value-grammar fixture).

    python scripts/extract_values.py examples/guangzhou-housing-bureau-targets.txt > tests/fixtures/sample-values.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

from linter.readers import read_table


def main() -> None:
    table = read_table(Path(sys.argv[1]))
    values = {v for *_, i in table.indicators() for v in (i.period_value, i.annual_value) if v is not None}
    sys.stdout.write("".join(f"{v}\n" for v in sorted(values)))


if __name__ == "__main__":
    main()
