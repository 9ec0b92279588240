"""Runs python-calamine on one .xls file in a child process (see xls.py): a corrupt BIFF file
can abort the Rust reader and with it the interpreter, which must not be jxlint's own.

Usage: python _xls_child.py PATH MAX_CELLS MAX_BYTES. Prints JSON: {"sheets": [[name, rows]]}
with every cell already text, or {"error": "..."}; a crash shows as a signal exit code.
Standalone on purpose (no jxlint imports): it starts fast and imports nothing it does not need.
"""

import json
import sys


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def main() -> None:
    path, max_cells, max_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # not on every platform
        pass
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
        sheets, cells = [], 0
        for name in workbook.sheet_names:
            rows = []
            for row in workbook.get_sheet_by_name(name).to_python():
                cells += len(row)
                if cells > max_cells:
                    print(json.dumps({"error": "cells"}))
                    return
                rows.append([text(v) for v in row])
            sheets.append([name, rows])
    except MemoryError:
        print(json.dumps({"error": "memory"}))
        return
    except Exception as exc:  # calamine's own error types for corrupt or encrypted files
        print(json.dumps({"error": type(exc).__name__}))
        return
    print(json.dumps({"sheets": sheets}, ensure_ascii=False))


if __name__ == "__main__":
    main()
