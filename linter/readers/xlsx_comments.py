"""Cell comments (批注) of an .xlsx workbook, kept with the indicator or project they sit on.

Read-only openpyxl does not load comments, so their parts are read here with openpyxl's own
parsers. A comment on a project's own cells (name, goal, amount) belongs to the project; on
any other cell of an indicator's row, to that indicator. Kept in ``extra["批注"]`` (and the
cell in ``field_cells["批注"]``): reviewers' notes, never read as targets — suppress.collect
finds ``jxlint: ignore …`` directives there.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from ..markers import COMMENT_MARK
from ..model import ParseIssue, Source, Table

KEY = "批注"
UNPLACED = "unplaced-directive"  # ParseIssue kind; suppress.collect reports it as SUP002
ROW = re.compile(r"[A-Z]+(\d+)")


def sheet_comments(path: Path) -> dict[str, dict[str, str]]:
    """Sheet name → {cell: comment text}; {} for a workbook without comments."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if not any("comment" in n.lower() for n in names):
            return {}
        from openpyxl.comments.comment_sheet import CommentSheet
        from openpyxl.packaging.relationship import get_dependents, get_rels_path
        from openpyxl.reader.workbook import WorkbookParser
        from openpyxl.xml.constants import COMMENTS_NS
        from openpyxl.xml.functions import fromstring

        parser = WorkbookParser(zf, "xl/workbook.xml")
        parser.parse()
        out: dict[str, dict[str, str]] = {}
        for sheet, rel in parser.find_sheets():
            rels_path = get_rels_path(rel.target)
            if rels_path not in names:
                continue
            for r in get_dependents(zf, rels_path).find(COMMENTS_NS):
                if r.target not in names:
                    continue
                for ref, comment in CommentSheet.from_tree(fromstring(zf.read(r.target))).comments:
                    # an annotated copy (check --annotate): jxlint's own findings are not the reviewer's note
                    text = (comment.text or "").split(COMMENT_MARK)[0].strip()
                    if text:
                        out.setdefault(sheet.name, {})[ref] = text
        return out


def attach_comments(table: Table, path: Path) -> None:
    try:
        comments = sheet_comments(path)
    except Exception as exc:  # noqa: BLE001  a damaged comments part must not stop the check of the cells
        sys.stderr.write(f"jxlint: {path}: 无法读取单元格批注（{type(exc).__name__}），批注中的 jxlint 指令不会生效\n")
        return
    if not comments:
        return
    projects: dict[tuple, object] = {}
    rows: dict[tuple, object] = {}
    for _, project in table.projects():
        sheet = project.source.sheet
        for ref in project.field_cells.values():
            if ref:
                projects.setdefault((sheet, ref), project)
        for ind in project.indicators:
            if ind.source.line is not None:
                rows.setdefault((ind.source.sheet, ind.source.line), ind)
    for sheet, cells in comments.items():
        for ref, text in sorted(cells.items(), key=lambda kv: _order(kv[0])):
            owner = projects.get((sheet, ref))
            if owner is None and (m := ROW.fullmatch(ref)):
                owner = rows.get((sheet, int(m[1])))
            if owner is not None:
                owner.extra[KEY] = f"{owner.extra[KEY]}\n{text}" if KEY in owner.extra else text
                owner.field_cells.setdefault(KEY, ref)
            elif "jxlint" in text.lower():  # a directive on a header or title cell covers nothing: said, not dropped
                table.issues.append(ParseIssue(kind=UNPLACED, text=text, detail="（批注不在任何指标或项目的单元格上）",
                                               source=Source(file=str(path), sheet=sheet, cell=ref, line=_order(ref)[0] or None)))


def _order(ref: str) -> tuple[int, str]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return (int(m[2]), m[1].rjust(3)) if m else (0, ref)
