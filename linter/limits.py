"""Bounds on the work one input file may cause: a small hostile file must end in a clear
InputError, never in hours of CPU or gigabytes of memory.

Values come from ``[tool.jxlint.limits]`` (docs/configuration.md); read_table installs them
for the file being read, and reader loops call ``tick()`` to honour the time budget.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from .errors import InputError


@dataclass(frozen=True)
class Limits:
    rows: int = 500_000  # rows per sheet (or lines of a text file)
    columns: int = 1_000  # columns per row
    cells: int = 10_000_000  # cells per sheet (its real extent, whatever the sheet declares)
    cell_chars: int = 32_767  # characters per cell, CSV field or text line (Excel's own cell limit)
    file_bytes: int = 512 * 1024 * 1024  # size of an input file
    unzipped_bytes: int = 256 * 1024 * 1024  # .xlsx: sum of uncompressed part sizes
    compression_ratio: int = 200  # .xlsx: uncompressed/compressed size of any part (zip bomb)
    shared_strings: int = 2_000_000  # .xlsx: entries in xl/sharedStrings.xml
    shared_strings_bytes: int = 64 * 1024 * 1024  # .xlsx: uncompressed size of xl/sharedStrings.xml
    nodes: int = 5_000_000  # YAML/JSON: values after expanding aliases
    depth: int = 64  # YAML/JSON: nesting depth
    int_digits: int = 100  # YAML/JSON: digits of an integer
    indicators: int = 1_000  # indicators per project
    seconds: float = 300.0  # wall-clock time to read one file

    # config key (kebab-case) → field
    @classmethod
    def keys(cls) -> dict[str, str]:
        return {f.name.replace("_", "-"): f.name for f in fields(cls)}


DESCRIPTIONS = {
    "rows": "每个工作表（或文本文件）的最多行数",
    "columns": "每行最多列数",
    "cells": "每个工作表最多单元格数（按实际数据范围，不信任工作表声明的范围）",
    "cell-chars": "每个单元格、CSV 字段或文本行的最多字符数（Excel 单元格上限为 32767）",
    "file-bytes": "输入文件的最大字节数",
    "unzipped-bytes": ".xlsx 解压后的总字节数上限",
    "compression-ratio": ".xlsx 任一部件的解压/压缩比上限（防压缩炸弹）",
    "shared-strings": ".xlsx 共享字符串（sharedStrings.xml）条目数上限",
    "shared-strings-bytes": ".xlsx sharedStrings.xml 解压后的字节数上限",
    "nodes": "YAML/JSON 展开别名后的值总数上限（防别名炸弹）",
    "depth": "YAML/JSON 嵌套层数上限",
    "int-digits": "YAML/JSON 整数的最多位数",
    "indicators": "每个项目最多指标数",
    "seconds": "读取一个文件的最长时间（秒）",
}


def limits_from_mapping(data: dict, where) -> Limits:
    """The ``limits`` table of a config file; ``where(key)`` names a key in ConfigError messages."""
    from .errors import ConfigError

    known = Limits.keys()
    changes = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where('limits.' + key)}: 未知的限制项；可用：{', '.join(known)}")
        number_ok = isinstance(value, (int, float)) if key == "seconds" else isinstance(value, int)
        if isinstance(value, bool) or not number_ok or value <= 0:
            want = "正数" if key == "seconds" else "正整数"
            raise ConfigError(f"{where('limits.' + key)}: 应为{want}，实际是 {value!r}")
        changes[known[key]] = value
    return replace(Limits(), **changes)


def exceeded(path, key: str, value, what: str, where: str = "") -> InputError:
    """The InputError for a limit: which one, its value, and how to raise it."""
    at = f"（{where}）" if where else ""
    return InputError(
        f"{path}{at}: {what}，超过了限制 limits.{key} = {value}；"
        f"这不像一张绩效目标表。如确需检查，可在配置 [tool.jxlint.limits] 中调大 {key}"
    )


@dataclass
class _Current:
    path: object
    limits: Limits
    deadline: float
    count: int = 0


_CURRENT: ContextVar[_Current | None] = ContextVar("jxlint_read_limits", default=None)


def current() -> Limits:
    state = _CURRENT.get()
    return state.limits if state is not None else Limits()


class reading:
    """``with reading(path, limits):`` — the limits and time budget for one file."""

    def __init__(self, path, limits: Limits | None):
        self.state = _Current(path, limits or Limits(), time.monotonic() + (limits or Limits()).seconds)

    def __enter__(self) -> Limits:
        self.token = _CURRENT.set(self.state)
        return self.state.limits

    def __exit__(self, *exc) -> None:
        _CURRENT.reset(self.token)


def remaining() -> float:
    state = _CURRENT.get()
    return max(0.0, state.deadline - time.monotonic()) if state is not None else Limits().seconds


def tick(every: int = 256) -> None:
    """Called from reader loops: past the time budget, the read ends with an InputError."""
    state = _CURRENT.get()
    if state is None:
        return
    state.count += 1
    if state.count % every == 0 and time.monotonic() > state.deadline:
        raise exceeded(state.path, "seconds", state.limits.seconds, "读取时间过长")


def check_cell(path, text: str, where: str) -> None:
    limit = current().cell_chars
    if len(text) > limit:
        raise exceeded(path, "cell-chars", limit, f"内容长达 {len(text):,} 个字符", where)
