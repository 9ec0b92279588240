"""Read last year's tables (any supported format, a file or a folder) and attach them."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Table
from .match import MatchSettings, YearPair


def read_previous(path: Path | str, settings=None) -> list[Table]:
    """Every table under last year's path, read by the same readers as this year's inputs."""
    from ..readers import collect_inputs, read_table

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: 去年的表格（--previous 或配置项 previous）不存在；请给出去年表格的文件或目录")
    try:
        return [read_table(p, None, settings) for p in collect_inputs([str(path)], settings=settings)]
    except InputError as exc:  # say which input: last year's, not this year's
        raise type(exc)(f"去年的表格：{exc}") from None


def attach_previous(table: Table, previous: list[Table] | None, settings: MatchSettings | None = None) -> Table:
    """Give a table its year-over-year pairing (read by the year-over-year checks)."""
    table._previous = YearPair(table, previous, settings) if previous else None
    return table
