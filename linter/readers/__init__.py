"""Readers turn input files into the model. One module per format; this picks the reader."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from ..errors import InputError, JxlintError, ReaderCrash
from ..limits import Limits, exceeded, reading
from ..model import Table

# extension → format name
EXTENSIONS = {
    ".txt": "published-text",
    ".text": "published-text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".csv": "csv",
    ".tsv": "csv",  # tab-separated (inside a folder only with a grid header: _table_like)
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}
FORMATS = ("published-text", "xlsx", "xls", "csv", "yaml", "json")
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"


def supported(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS


def collect_inputs(paths: list[str], skip_non_tables: bool = False, settings=None) -> list[Path]:
    """Expand directories to the supported files below them; every path must exist.
    skip_non_tables (the pre-commit hook's mode): files named explicitly that are not tables
    (requirements.txt, a CI config) are skipped and named on stderr, as inside a directory.
    ``settings``: the config's column labels count when a tab-separated text's header is sought."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: 文件或目录不存在")
        if path.is_dir():
            for odd in sorted(p for p in path.rglob("*") if supported(p) and not p.is_file() and not p.is_dir()):
                sys.stderr.write(f"jxlint: 跳过 {odd}（不是普通文件：管道、设备或套接字）\n")  # named, never opened
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and supported(p) and not p.name.startswith((".", "~$")) and _table_like(p, settings)
            )
            if not found:
                kinds = "、".join(sorted(EXTENSIONS))
                raise InputError(f"{raw}: 目录中没有可检查的表格文件（支持 {kinds}）")
            files.extend(found)
        elif not skip_non_tables or not path.is_file() or not supported(path) or _table_like(path, settings):
            files.append(path)
    unique: dict[Path, Path] = {}
    for f in files:  # the same file named twice (or via a directory) is read once
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


# the opening of a jxlint JSON report ({"tool": {"name": "jxlint", ...), a jxlint baseline
# ({"tool": "jxlint", ...) or a SARIF log
_REPORT = re.compile(r'\ufeff?\s*\{\s*(?:"tool"\s*:\s*(?:\{\s*"name"\s*:\s*)?"jxlint"|"\$schema"\s*:\s*"[^"]*sarif)', re.I)


def _table_like(path: Path, settings=None) -> bool:
    """Inside a directory, YAML/JSON files that are not jxlint tables (CI configs, package
    manifests) and text files that are not a published table (README.txt, requirements.txt)
    are not inputs; they are named on stderr so nothing is skipped silently."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt == "published-text" or path.suffix.lower() == ".tsv":
        return _text_table_like(path, settings)
    if fmt not in ("yaml", "json"):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", "ignore")
    except OSError:
        return True
    if _REPORT.match(head):  # jxlint's own --format json/sarif output written into the folder
        sys.stderr.write(f"jxlint: 跳过 {path}（这是 jxlint 的检查报告或基线文件，不是表格）\n")
        return False
    if re.search(r'(^|\n)units\s*:|"units"\s*:', head):
        return True
    sys.stderr.write(f"jxlint: 跳过 {path}（不是 jxlint 的表格文件：没有 units 键）\n")
    return False


def _text_table_like(path: Path, settings=None) -> bool:
    """A .txt that is a published table or a tab-separated grid; a .tsv that is such a grid."""
    from .decode import ENCODINGS, looks_binary
    from .published_text import looks_like_published_text

    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return True  # let the reader report it
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "ignore")
    elif looks_binary(head):
        sys.stderr.write(f"jxlint: 跳过 {path}（不是文本文件，含二进制内容）\n")
        return False
    else:
        text = ""
        for enc in ENCODINGS:
            try:
                text = head.decode(enc)
                break
            except UnicodeDecodeError as exc:
                if exc.start >= len(head) - 4:  # the head cut a character in two
                    text = head[: exc.start].decode(enc, "ignore")
                    break
    tsv = path.suffix.lower() == ".tsv"
    if tab_separated(text, settings) or (not tsv and looks_like_published_text(text)):
        return True
    if tsv:
        sys.stderr.write(f"jxlint: 跳过 {path}（制表符分隔的文件中没有指标表的表头，如“一级指标 二级指标 三级指标 指标值”）\n")
    else:
        sys.stderr.write(f"jxlint: 跳过 {path}（不是绩效目标表的发布文本：没有“1、1-产出指标；…”这样的指标段落，也不是有指标表表头的制表符分隔表格）\n")
    return False


def tab_separated(text: str, settings=None) -> bool:
    """A spreadsheet saved as text ("文本文件(制表符分隔)", Excel's and WPS's .txt): rows of
    cells joined by tabs, one of them a header of the indicator grid (a README with tabs has
    none). The published layout has no tabs (a PDF's text runs in lines), so it wins only when
    the lines without a tab carry it throughout — at least three of them and no fewer than the
    lines with tabs — not when one note row or one cell ("年度指标值：≥95%") reads like it."""
    head = text[:20000]
    lines = head.splitlines()
    tabbed = sum(1 for line in lines if "\t" in line.strip("\t "))
    if not tabbed:
        return False
    import csv
    import io

    from .header import find_headers
    from .published_text import layout_lines
    from .rows import Cell, Row

    if layout_lines([line for line in lines if "\t" not in line]) >= max(3, tabbed):
        return False
    try:
        grid = list(csv.reader(io.StringIO(head, newline=None), delimiter="\t"))
    except csv.Error:
        return False
    rows = [Row(r, [Cell(v.strip(), "") for v in values]) for r, values in enumerate(grid, start=1)]
    return bool(find_headers(rows, column_map(settings)))


def _html_inside(path: Path) -> bool:
    from .html_table import looks_like_html

    try:
        with path.open("rb") as fh:
            return looks_like_html(fh.read(4096))
    except OSError:
        return False  # the reader names the problem


def sniff_format(path: Path) -> str | None:
    """By content, for files whose extension says nothing."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "json"
    return None


def column_map(settings):
    """Column labels, with the form labels (and a framework the config pins) attached: the row
    readers get everything they need about labels in one object."""
    from .labels import ColumnMap, FormLabels, builtin_vocab

    try:
        columns = ColumnMap(builtin_vocab("columns.yaml"), getattr(settings, "column_synonyms", None) or {})
        columns.forms = FormLabels(builtin_vocab("form-labels.yaml"), getattr(settings, "form_labels", None) or {})
    except InputError as exc:  # the user's config is wrong, not the table: name the config file
        from ..errors import ConfigError

        key = "form-labels" if str(exc).startswith("配置 form-labels") else "column-synonyms"
        where = settings.where(key) if hasattr(settings, "where") else f"配置 {key}"
        detail = str(exc).removeprefix(f"配置 {key}: ")
        raise ConfigError(f"{where}: {detail}；键应为已知标签（如 实施周期指标值、项目名称）或字段名（如 period_value、project）") from None
    columns.framework = getattr(settings, "framework", None)
    return columns


def read_table(path: Path, input_format: str | None = None, settings=None) -> Table:
    """Read one input within its limits (settings.limits). Whatever goes wrong while reading
    ends as an InputError naming the file: a reader never lets a library's exception out."""
    limits = getattr(settings, "limits", None) or Limits()
    with reading(path, limits):
        check_regular_file(path, limits)
        try:
            table = _read_table(path, input_format, settings)
        except JxlintError:
            raise
        except RecursionError:
            raise exceeded(path, "depth", limits.depth, "嵌套过深") from None
        except MemoryError:
            raise InputError(f"{path}: 读取时内存不足，文件过大或结构异常；请拆分文件或检查其内容") from None
        except Exception as exc:
            raise ReaderCrash(
                f"{path}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}），文件可能已损坏或格式不对；"
                "请用原程序（如 Excel）打开后另存为 .xlsx/.csv 再检查"
            ) from exc
        check_indicators(table, path, limits)
    return table


def check_regular_file(path: Path, limits: Limits) -> None:
    """Only regular files are read: opening a FIFO blocks forever and a device never ends.
    os.stat does not open the file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: 是目录，不是表格文件；请给出其中的表格文件，或把目录直接作为输入路径")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: 不是普通文件（管道、设备或套接字），jxlint 不读取；请先把内容保存为文件")
    if st.st_size > limits.file_bytes:
        raise exceeded(path, "file-bytes", limits.file_bytes, f"文件有 {st.st_size:,} 字节")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(PDF_MAGIC):
        raise InputError(
            f"{path}: 这是 PDF 文件，jxlint 不能直接读取 PDF；请把 PDF 中的文字导出为 .txt"
            "（如 pdftotext -layout 文件.pdf），或提供表格的 Excel 原件（.xlsx）"
        )


def check_indicators(table: Table, path: Path, limits: Limits) -> None:
    for unit in table.units:
        for project in unit.projects:
            if len(project.indicators) > limits.indicators:
                raise exceeded(path, "indicators", limits.indicators,
                               f"项目「{project.name[:40]}」有 {len(project.indicators):,} 个指标")


def _read_table(path: Path, input_format: str | None, settings) -> Table:
    fmt = input_format or EXTENSIONS.get(path.suffix.lower()) or sniff_format(path)
    if fmt not in (None, *FORMATS):
        raise InputError(f"{path}: 不支持的输入格式 {fmt!r}；可用：{', '.join(FORMATS)}")
    if fmt in ("xls", "xlsx") and _html_inside(path):  # a web page saved as .xls ("导出 Excel")
        from .html_table import read_html_table

        return _nonempty(read_html_table(path, column_map(settings)), path)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return _nonempty(read_xlsx(path, column_map(settings)), path)
    if fmt == "xls":
        from .xls import read_xls

        return _nonempty(read_xls(path, column_map(settings)), path)
    if fmt == "csv":
        from .csv_table import read_csv

        tabs = input_format is None and path.suffix.lower() == ".tsv"  # tab, when the file has one
        return _nonempty(read_csv(path, column_map(settings), prefer_tab=tabs), path)
    if fmt in ("yaml", "json"):
        from .model_file import read_model_file

        return read_model_file(path, fmt)
    from .decode import read_text_file
    from .published_text import looks_like_published_text, read_published_text

    text, _ = read_text_file(path)
    if input_format is None and tab_separated(text, settings):  # a .txt that is a saved spreadsheet
        from .csv_table import read_csv

        return _nonempty(read_csv(path, column_map(settings), prefer_tab=True), path)
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
