"""``--annotate OUT.xlsx``: a copy of the input workbook with offending cells highlighted by
severity, the findings as cell comments, and a summary sheet.

The copy keeps what the author put in: macros of an .xlsm (the copy must be .xlsm too) and
existing cell comments (jxlint's text is appended below a marker line, and replaced on the
next run). jxlint's summary sheet is named with the ``jxlint`` prefix and marked by the
workbook-level defined name ``jxlint_summary``, so a reader can skip it. Cell text is
written as data (never a formula)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..errors import JxlintError
from ..findings import SEVERITY_LABEL, SEVERITY_RANK, Finding
from ..outputs import OutputError, safe_write
from ..safe_text import append_row, xlsx_text

FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
from ..markers import SUMMARY_NAME, SUMMARY_SHEET, summary_sheet_of
from ..markers import COMMENT_MARK  # jxlint's part of a cell comment starts after this line
MACRO_SUFFIXES = (".xlsm", ".xltm")


def _comment_text(existing: str | None, ours: str) -> str:
    own = (existing or "").split(COMMENT_MARK)[0].rstrip()
    return f"{own}\n\n{COMMENT_MARK}\n{ours}" if own else f"{COMMENT_MARK}\n{ours}"


def _is_summary(wb, name: str) -> bool:
    return name in (SUMMARY_SHEET, summary_sheet_of(wb.defined_names))


def write_annotated(findings: list[Finding], source: Path, out: Path, inputs=()) -> int:
    """Returns the number of cells annotated."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName

    macros = source.suffix.lower() in MACRO_SUFFIXES
    if macros and out.suffix.lower() not in MACRO_SUFFIXES:
        raise OutputError(f"{out}: {source} 是启用宏的工作簿；标注副本也要用 .xlsm 扩展名，否则宏会丢失或 Excel 拒绝打开")
    try:
        wb = openpyxl.load_workbook(source, keep_vba=macros)
    except Exception as exc:  # the input was already read once; this is unexpected
        raise JxlintError(f"{source}: 无法打开工作簿以写批注（{type(exc).__name__}）") from None
    mine = [f for f in findings if Path(f.file) == source]
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in mine:
        if f.sheet in wb.sheetnames and f.cell:
            by_cell[(f.sheet, f.cell)].append(f)
    for (sheet, cell), items in by_cell.items():
        worst = max(items, key=lambda f: SEVERITY_RANK[f.severity]).severity
        target = wb[sheet][cell]
        target.fill = PatternFill("solid", fgColor=FILL[worst])
        ours = "\n\n".join(f"[{f.code} {SEVERITY_LABEL[f.severity]}] {f.message}\n修改：{f.fix}" for f in items)
        old = target.comment
        text = xlsx_text(_comment_text(old.text if old else None, ours))[:30000]
        comment = Comment(text, old.author if old and old.author else "jxlint")
        comment.width, comment.height = 420, min(600, 80 + 18 * text.count("\n") + len(text) // 2)
        target.comment = comment
    for name in list(wb.sheetnames):
        if _is_summary(wb, name):
            del wb[name]
    ws = wb.create_sheet(SUMMARY_SHEET, 0)
    wb.defined_names[SUMMARY_NAME] = DefinedName(SUMMARY_NAME, attr_text=f"'{SUMMARY_SHEET}'!$A$1")
    ws.append(["位置", "规则", "级别", "单位", "项目", "指标", "问题", "修改建议"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for f in mine:
        where = f"{f.sheet}!{f.cell}" if f.cell else (f"第 {f.line} 行" if f.line else "")
        row = append_row(ws, [where, f"{f.code} {f.name}", SEVERITY_LABEL[f.severity], f.unit, f.project,
                              f.indicator_name, f.message, f.fix])
        row[2].fill = PatternFill("solid", fgColor=FILL[f.severity])
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            row[0].hyperlink = f"#'{f.sheet}'!{f.cell}"
    for col, width in zip("ABCDEFGH", (14, 30, 8, 24, 30, 24, 70, 50)):
        ws.column_dimensions[col].width = width
    safe_write(out, wb.save, [source, *inputs], what="标注工作簿")
    return len(by_cell)
