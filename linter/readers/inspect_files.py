"""``jxlint inspect``: read each file and describe how it was understood.

Above the readers' face (it reads through ``read_table``); layout_report below it only holds
the description, which the row reader fills while it reads.
"""

from __future__ import annotations

from ..errors import InputError
from . import collect_inputs, read_table
from .layout_report import FileLayout, framework_of


def inspect_paths(paths: list[str], settings=None, input_format: str | None = None) -> list[FileLayout]:
    """Read each file and say how it was understood. A file that cannot be read gets its
    error message; files that are not row-based (published text, YAML/JSON) get counts only."""
    out = []
    for path in collect_inputs(paths, settings=settings):
        try:
            table = read_table(path, input_format, settings)
        except InputError as exc:
            out.append(FileLayout(path=str(path), error=str(exc)))
            continue
        layout = table._layout
        if layout is None:  # published text or a model file: no sheets to describe
            layout = FileLayout(path=str(path), format=table.format)
            layout.fill(table)
        layout.framework = framework_of(table)
        out.append(layout)
    return out
