"""Excel workbooks (.xlsx) with openpyxl, streaming (read-only) so that large sheets stay linear.

Merged cells need no special case: read-only mode gives a merged range's value in its first
cell and blanks elsewhere, which is exactly how the row reader continues a project (a blank
project name continues the project above) and combines two header rows.
"""

from __future__ import annotations

import sys
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError, JxlintError
from ..limits import current, exceeded, tick
from ..markers import summary_sheet_of
from ..model import ParseIssue, Source, Table
from ._xls_child import text as _text  # one cell-to-text rule for .xlsx and .xls
from .rows import Cell, ColumnMap, Row, column_letter, read_sheets

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# the part that makes a zip an Office document of another kind
OTHER_OFFICE = {
    "word/document.xml": "Word 文档（.docx）",
    "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）",
    "content.xml": "OpenDocument 文件（.odt/.ods）",
}




def read_xlsx(path: Path, columns: ColumnMap) -> Table:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        raise InputError(f"{path}: 读取 Excel 需要 openpyxl（pip install openpyxl）") from None
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise InputError(f"{path}: 文件为空，没有可检查的内容")
    if head.startswith(OLE_MAGIC):
        raise InputError(f"{path}: 这是加密的工作簿或旧版 .xls 文件，无法读取；请在 Excel 中取消密码并另存为 .xlsx")
    check_package(path)
    try:
        # Formulas as written: a sheet without any is read once; a sheet with formulas is read
        # again for the values Excel cached (jxlint does not evaluate formulas).
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl lets XML, zlib and its own type errors through
        raise InputError(f"{path}: 不是有效的 .xlsx 工作簿，结构已损坏（{damage(exc)}）；{RESAVE}") from None
    cached_book = None
    table = Table(source=Source(file=str(path)), format="xlsx")

    # an annotated copy (check --annotate) carries jxlint's summary sheet: findings, not table
    # rows; it is marked by a defined name, so a user's own sheet of that name is still read
    own = summary_sheet_of(workbook.defined_names)
    names = [n for n in workbook.sheetnames if n != own]
    if own in workbook.sheetnames:
        sys.stderr.write(f"jxlint: {path}: 跳过工作表「{own}」（jxlint 标注副本中的检查结果汇总，不是表格数据）\n")

    def sheets():
        nonlocal cached_book
        for name in names:
            try:
                rows, formulas = _sheet_rows(workbook[name], path, name)
                if formulas:
                    cached_book = cached_book or openpyxl.load_workbook(path, read_only=True, data_only=True)
                    rows, _ = _sheet_rows(cached_book[name], path, name)
            except JxlintError:
                raise
            except Exception as exc:  # a corrupt sheet part: XML, zlib, cell values of the wrong type
                raise InputError(f"{path}: 工作表「{name}」已损坏，无法读取（{damage(exc)}）；{RESAVE}") from None
            values = {c.ref: c.value for row in rows for c in row.cells} if formulas else {}
            for ref in formulas:
                if not values.get(ref):
                    table.issues.append(ParseIssue(kind="formula-cell", text=ref, detail="公式单元格没有保存计算结果",
                                                   source=Source(file=str(path), sheet=name, cell=ref)))
            yield name, rows

    try:
        table = read_sheets(path, table, names, sheets(), columns)
    finally:
        workbook.close()
        if cached_book is not None:
            cached_book.close()
    from .xlsx_comments import attach_comments

    attach_comments(table, path)  # reviewers' notes (jxlint: ignore …) on indicator and project cells
    return table


RESAVE = "请用 Excel 打开后另存为 .xlsx 再检查"


def damage(exc: Exception) -> str:
    """What is broken, in words, for the message."""
    import zlib
    from xml.etree.ElementTree import ParseError

    if isinstance(exc, ParseError):
        line, column = getattr(exc, "position", (0, 0))
        return f"XML 格式错误，第 {line} 行第 {column} 列"
    if isinstance(exc, (zlib.error, zipfile.BadZipFile, EOFError)):
        return "压缩数据损坏"
    return f"{type(exc).__name__}: {str(exc)[:120]}"


def check_package(path: Path) -> None:
    """Before openpyxl inflates anything: a zip that is an Office file of another kind, or
    whose parts would inflate far beyond any real table (a zip or sharedStrings bomb)."""
    limits = current()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                kind = next((k for part, k in OTHER_OFFICE.items() if part in names), None)
                if kind:
                    raise InputError(f"{path}: 这是{kind}，不是 Excel 工作簿；请提供绩效目标表的 .xlsx/.csv/.txt 文件")
                raise InputError(f"{path}: 是 zip 压缩包但不是 Excel 工作簿（缺少 xl/workbook.xml）；请解压后检查其中的表格文件，或用 Excel 另存为 .xlsx")
            total = sum(i.file_size for i in infos)
            if total > limits.unzipped_bytes:
                raise exceeded(path, "unzipped-bytes", limits.unzipped_bytes, f"解压后共 {total:,} 字节")
            for info in infos:
                if info.file_size > 1_000_000 and info.file_size > limits.compression_ratio * max(info.compress_size, 1):
                    ratio = info.file_size // max(info.compress_size, 1)
                    raise exceeded(path, "compression-ratio", limits.compression_ratio, f"部件 {info.filename} 的压缩比为 {ratio}", )
            shared = next((i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None)
            if shared is not None:
                if shared.file_size > limits.shared_strings_bytes:
                    raise exceeded(path, "shared-strings-bytes", limits.shared_strings_bytes, f"sharedStrings.xml 解压后 {shared.file_size:,} 字节")
                count = count_tags(zf, shared, b"<si")
                if count > limits.shared_strings:
                    raise exceeded(path, "shared-strings", limits.shared_strings, f"共享字符串有 {count:,} 条")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise InputError(f"{path}: 不是有效的 .xlsx 工作簿（zip 结构损坏：{damage(exc)}）；{RESAVE}") from None


def count_tags(zf: zipfile.ZipFile, info: zipfile.ZipInfo, tag: bytes) -> int:
    """Occurrences of an opening tag (``<si>``/``<si ``) in a part, streamed."""
    count, carry = 0, b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            tick(1)
            data = carry + chunk
            count += data.count(tag + b">") + data.count(tag + b" ")
            carry = data[-len(tag):]  # a tag cut by the chunk boundary is counted in the next
    return count


def _sheet_rows(ws, path: Path, name: str) -> tuple[list[Row], list[str]]:
    """Rows by the sheet's real extent: the declared <dimension> is ignored (too small, it
    drops rows silently; huge, it pads every row to XFD)."""
    limits = current()
    rows: list[Row] = []
    formulas: list[str] = []
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    cells_seen = 0
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        tick()
        if r > limits.rows:
            raise exceeded(path, "rows", limits.rows, f"工作表「{name}」行数过多")
        if len(values) > limits.columns:
            raise exceeded(path, "columns", limits.columns, f"工作表「{name}」第 {r} 行有 {len(values):,} 列")
        cells_seen += len(values)
        if cells_seen > limits.cells:
            raise exceeded(path, "cells", limits.cells, f"工作表「{name}」单元格过多")
        cells = []
        for c, v in enumerate(values, start=1):
            ref = f"{column_letter(c)}{r}"
            if isinstance(v, str) and v.startswith("="):
                formulas.append(ref)
            text = _text(v)
            if len(text) > limits.cell_chars:
                raise exceeded(path, "cell-chars", limits.cell_chars, f"内容长达 {len(text):,} 个字符", f"工作表「{name}」单元格 {ref}")
            cells.append(Cell(text, ref))
        rows.append(Row(r, cells))
    return rows, formulas
