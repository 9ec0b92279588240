"""``--annotate OUT.xlsx``: a copy of the input workbook with offending cells highlighted by
severity, the findings as cell comments, and a summary sheet."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..errors import JxlintError
from ..findings import SEVERITY_LABEL, SEVERITY_RANK, Finding

FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
SUMMARY_SHEET = "jxlint检查结果"


def write_annotated(findings: list[Finding], source: Path, out: Path) -> int:
    """Returns the number of cells annotated."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    try:
        wb = openpyxl.load_workbook(source)
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
        text = "\n\n".join(f"[{f.code} {SEVERITY_LABEL[f.severity]}] {f.message}\n修改：{f.fix}" for f in items)
        comment = Comment(text[:30000], "jxlint")
        comment.width, comment.height = 420, min(600, 80 + 18 * text.count("\n") + len(text) // 2)
        target.comment = comment
    if SUMMARY_SHEET in wb.sheetnames:
        del wb[SUMMARY_SHEET]
    ws = wb.create_sheet(SUMMARY_SHEET, 0)
    ws.append(["位置", "规则", "级别", "单位", "项目", "指标", "问题", "修改建议"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for f in mine:
        where = f"{f.sheet}!{f.cell}" if f.cell else (f"第 {f.line} 行" if f.line else "")
        ws.append([where, f"{f.code} {f.name}", SEVERITY_LABEL[f.severity], f.unit, f.project,
                   f.indicator_name, f.message, f.fix])
        ws.cell(ws.max_row, 3).fill = PatternFill("solid", fgColor=FILL[f.severity])
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            ws.cell(ws.max_row, 1).hyperlink = f"#'{f.sheet}'!{f.cell}"
    for col, width in zip("ABCDEFGH", (14, 30, 8, 24, 30, 24, 70, 50)):
        ws.column_dimensions[col].width = width
    try:
        wb.save(out)
    except OSError as exc:
        raise JxlintError(f"{out}: 无法写入（{exc.strerror or exc}）") from None
    return len(by_cell)
