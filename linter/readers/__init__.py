"""Readers turn input files into the model. One module per format; this picks the reader."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import InputError
from ..model import Table

# extension → format name
EXTENSIONS = {
    ".txt": "published-text",
    ".text": "published-text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}
FORMATS = ("published-text", "xlsx", "xls", "csv", "yaml", "json")
ZIP_MAGIC = b"PK\x03\x04"


def supported(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS


def collect_inputs(paths: list[str]) -> list[Path]:
    """Expand directories to the supported files below them; every path must exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: 文件或目录不存在")
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and supported(p) and not p.name.startswith((".", "~$")) and _table_like(p)
            )
            if not found:
                kinds = "、".join(sorted(EXTENSIONS))
                raise InputError(f"{raw}: 目录中没有可检查的表格文件（支持 {kinds}）")
            files.extend(found)
        else:
            files.append(path)
    unique: dict[Path, Path] = {}
    for f in files:  # the same file named twice (or via a directory) is read once
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


# the opening of a jxlint JSON report ({"tool": {"name": "jxlint", ...), a jxlint baseline
# ({"tool": "jxlint", ...) or a SARIF log
_REPORT = re.compile(r'\ufeff?\s*\{\s*(?:"tool"\s*:\s*(?:\{\s*"name"\s*:\s*)?"jxlint"|"\$schema"\s*:\s*"[^"]*sarif)', re.I)


def _table_like(path: Path) -> bool:
    """Inside a directory, YAML/JSON files that are not jxlint tables (CI configs, package
    manifests) are not inputs; they are named on stderr so nothing is skipped silently."""
    if EXTENSIONS.get(path.suffix.lower()) not in ("yaml", "json"):
        return True
    try:
        head = path.read_bytes()[:65536].decode("utf-8", "ignore")
    except OSError:
        return True
    if _REPORT.match(head):  # jxlint's own --format json/sarif output written into the folder
        sys.stderr.write(f"jxlint: 跳过 {path}（这是 jxlint 的检查报告或基线文件，不是表格）\n")
        return False
    if re.search(r'(^|\n)units\s*:|"units"\s*:', head):
        return True
    sys.stderr.write(f"jxlint: 跳过 {path}（不是 jxlint 的表格文件：没有 units 键）\n")
    return False


def sniff_format(path: Path) -> str | None:
    """By content, for files whose extension says nothing."""
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return None
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "json"
    return None


def column_map(settings):
    from ..engine.schema import _cached_yaml, builtin_rules_dir
    from .rows import ColumnMap

    synonyms = _cached_yaml(str(builtin_rules_dir() / "vocab" / "columns.yaml"))
    try:
        return ColumnMap(synonyms, getattr(settings, "column_synonyms", None) or {})
    except InputError as exc:  # the user's config is wrong, not the table: name the config file
        from ..errors import ConfigError

        where = settings.where("column-synonyms") if hasattr(settings, "where") else "配置 column-synonyms"
        detail = str(exc).removeprefix("配置 column-synonyms: ")
        raise ConfigError(f"{where}: {detail}；键应为已知列名（如 实施周期指标值、年度指标值）或字段名（如 period_value）") from None


def read_table(path: Path, input_format: str | None = None, settings=None) -> Table:
    fmt = input_format or EXTENSIONS.get(path.suffix.lower()) or sniff_format(path)
    if fmt not in (None, *FORMATS):
        raise InputError(f"{path}: 不支持的输入格式 {fmt!r}；可用：{', '.join(FORMATS)}")
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return _nonempty(read_xlsx(path, column_map(settings)), path)
    if fmt == "xls":
        from .xls import read_xls

        return _nonempty(read_xls(path, column_map(settings)), path)
    if fmt == "csv":
        from .csv_table import read_csv

        return _nonempty(read_csv(path, column_map(settings)), path)
    if fmt in ("yaml", "json"):
        from .model_file import read_model_file

        return read_model_file(path, fmt)
    from .decode import read_text_file
    from .published_text import looks_like_published_text, read_published_text

    text, _ = read_text_file(path)
    if fmt is None and not looks_like_published_text(text):
        raise InputError(f"{path}: 无法识别的表格格式（扩展名 {path.suffix or '无'}）；可用 --input-format 指定")
    table = read_published_text(text, str(path))
    if not any(u.projects for u in table.units):
        raise InputError(f"{path}: 没有识别出任何项目——这不像项目支出绩效目标表的发布版式（应有“项目名称 金额 绩效目标”行和“1、1-产出指标；…”指标段落）")
    return table


def _nonempty(table: Table, path: Path) -> Table:
    if not any(u.projects for u in table.units):
        raise InputError(f"{path}: 找到了表头，但下面没有任何项目行")
    return table
