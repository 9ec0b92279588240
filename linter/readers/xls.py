"""Legacy Excel workbooks (.xls, BIFF) with python-calamine, an optional dependency
(``pip install 'jxlint[xls]'``). Rows go through the same row reader as .xlsx.

calamine runs in a child process (_xls_child.py) with the file's remaining time budget and
a memory cap: mutated .xls files made the Rust reader abort the whole interpreter (exit 134)
on 14 of 240 files; a crash or hang of the child is now an InputError for that file only.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from ..errors import InputError
from ..limits import current, exceeded, remaining, tick
from ..model import Source, Table
from .rows import ColumnMap, limited_row, read_sheets

CHILD = Path(__file__).with_name("_xls_child.py")
CHILD_MEMORY = 2 * 1024 ** 3  # address space of the child, bytes
RESAVE = "请在 Excel 中打开后另存为 .xlsx 再检查"


def read_xls(path: Path, columns: ColumnMap) -> Table:
    if importlib.util.find_spec("python_calamine") is None:
        raise InputError(f"{path}: 读取旧版 .xls 需要 python-calamine（pip install 'jxlint[xls]'），或在 Excel 中另存为 .xlsx")
    with path.open("rb") as fh:
        if not fh.read(8):
            raise InputError(f"{path}: 文件为空，没有可检查的内容")
    limits = current()
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(CHILD), str(path), str(limits.cells), str(CHILD_MEMORY)],
            capture_output=True, timeout=max(remaining(), 1.0),
        )
    except subprocess.TimeoutExpired:
        raise exceeded(path, "seconds", limits.seconds, "读取 .xls 时间过长") from None
    try:
        result = json.loads(done.stdout.decode("utf-8")) if done.returncode == 0 else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        result = {}
    if "sheets" not in result:
        error = result.get("error")
        if error == "cells":
            raise exceeded(path, "cells", limits.cells, "单元格过多")
        why = f"读取程序报告 {error}" if error else f"读取程序异常退出（代码 {done.returncode}）"
        raise InputError(f"{path}: 不是可读取的 .xls 工作簿（{why}），可能已加密或损坏；{RESAVE}")

    def rows_of(name, values):
        if len(values) > limits.rows:
            raise exceeded(path, "rows", limits.rows, f"工作表「{name}」行数过多")
        rows = []
        for r, row in enumerate(values, start=1):
            tick()
            rows.append(limited_row(path, r, row, where=f"工作表「{name}」"))
        return rows

    sheets = result["sheets"]
    table = Table(source=Source(file=str(path)), format="xls")
    return read_sheets(path, table, [name for name, _ in sheets], ((name, rows_of(name, values)) for name, values in sheets), columns)
