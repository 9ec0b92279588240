"""``jxlint fix``: write a copy of a table with the safe fixes of its findings applied.

Each finding's ``data["safe_fix"]`` (linter/autofix.py) names a field and the changed
character spans of its text. Here they become edits of the input file in its own format:

- published text (.txt) and CSV: only the changed characters, every other byte kept (same
  encoding, line ends and wrapping; a span that crosses a wrapped line keeps the break);
- .xlsx: only the changed cells, with openpyxl (the rest of the workbook is kept);
- YAML/JSON model files: the fields of the model, written back by linter/writers.py;
- .xls cannot be written: the caller is told to choose an .xlsx output.

An edit whose text is no longer where the reader found it, or that overlaps another edit
with a different result, is skipped and listed, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .autofix import FIELDS, planned
from .errors import JxlintError
from .findings import cell_position
from .model import Table


@dataclass
class Change:
    """One applied (or skipped) fix, for the printed list and tests."""

    code: str
    where: str  # "file:line" or "file:sheet!cell"
    field: str
    before: str
    after: str
    unit: str | None = None
    project: str | None = None
    indicator: int | None = None
    skipped: str = ""  # why it was not applied

    def describe(self) -> str:
        label = FIELDS.get(self.field, self.field)
        who = f"第{self.indicator}个指标 " if self.indicator is not None else ""
        text = f"{self.where}  {self.code}  {who}{label}「{self.before}」→「{self.after}」"
        return f"{text}（未修改：{self.skipped}）" if self.skipped else text


@dataclass
class TextEdit:
    offset: int
    length: int
    text: str


def _change(f, edit, where: str, skipped: str = "") -> Change:
    return Change(f.code, where, edit["field"], edit["before"], edit["after"], f.unit, f.project, f.indicator, skipped)


# -- published text ------------------------------------------------------------------------

def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


def _walk(text: str, raw: str, at: int) -> list[int | None] | None:
    """File offset of each character of ``raw`` matched from ``at``: whitespace in the file
    may come between any two characters (wrapped lines are joined without it)."""
    out: list[int | None] = []
    i = at
    for ch in raw:
        if ch.isspace():
            if i < len(text) and text[i].isspace():
                out.append(i)
                i += 1
            else:
                out.append(None)
            continue
        while i < len(text) and text[i].isspace() and text[i] != ch:
            i += 1
        if i >= len(text) or text[i] != ch:
            return None
        out.append(i)
        i += 1
    return out


def _find_raw(text: str, raw: str, start: int) -> list[int | None] | None:
    chars = [re.escape(c) for c in raw if not c.isspace()]
    if not chars:
        return None
    m = re.compile(r"\s*".join(chars)).search(text, start)
    return _walk(text, raw, m.start()) if m else None


def _field_span(ind, field: str, before: str) -> int | None:
    """Where ``before`` (the field as read) starts in the indicator's joined raw text."""
    from .readers.published_text import ANNUAL_LABEL, PERIOD_LABEL

    raw = ind.raw
    lead = re.match(r"\s*\d{1,3}\s*[、.．]\s*", raw)
    pos = lead.end() if lead else 0
    order = ["level1", "level2", "name", "period_value", "annual_value"]
    texts = {"level1": ind.level1.raw, "level2": ind.level2.raw, "name": ind.name,
             "period_value": ind.period_value or "", "annual_value": ind.annual_value or ""}
    for name in order:
        if name == "period_value" and (m := PERIOD_LABEL.search(raw, pos)):
            pos = m.end()
        if name == "annual_value" and (m := ANNUAL_LABEL.search(raw, pos)):
            pos = m.end()
        found = raw.find(texts[name], pos) if texts[name] else -1
        if name == field:
            return found if found >= 0 and texts[name] == before else None
        if found >= 0:
            pos = found + len(texts[name])
    return None


def _spans_to_edits(offsets: list[int | None], base: int, changes: list[dict]) -> list[TextEdit] | None:
    """Changes of a field (relative to its text) as file edits, character by character."""
    edits = []
    for ch in changes:
        idx = list(range(base + ch["start"], base + ch["end"]))
        hits = [offsets[i] for i in idx if 0 <= i < len(offsets)]
        if any(o is None for o in hits) or len(hits) != len(idx):
            return None
        if hits:
            edits.append(TextEdit(hits[0], 1, ch["text"]))
            edits += [TextEdit(o, 1, "") for o in hits[1:]]
        else:  # a pure insertion: before the next character (or after the previous)
            nxt = base + ch["start"]
            if nxt < len(offsets) and offsets[nxt] is not None:
                edits.append(TextEdit(offsets[nxt], 0, ch["text"]))
            elif nxt - 1 >= 0 and offsets[nxt - 1] is not None:
                edits.append(TextEdit(offsets[nxt - 1] + 1, 0, ch["text"]))
            else:
                return None
    return _joined(edits)


def _joined(edits: list[TextEdit]) -> list[TextEdit]:
    """Adjacent deletions after a replacement become one edit ("00-" on one line: one span)."""
    out: list[TextEdit] = []
    for e in edits:
        last = out[-1] if out else None
        if last is not None and last.length and e.length and not e.text and e.offset == last.offset + last.length:
            last.length += e.length
        else:
            out.append(TextEdit(e.offset, e.length, e.text))
    return out


def text_edits(table: Table, findings, text: str) -> list[tuple[object, dict, list[TextEdit] | None]]:
    """(finding, edit, file edits or None when the text cannot be found) for a published text."""
    starts = _line_starts(text)
    out = []
    for f, edit in planned(findings):
        ind = _indicator_for(table, f)
        located = None
        if ind is not None and ind.source.line and ind.source.line <= len(starts):
            offsets = _find_raw(text, ind.raw, starts[ind.source.line - 1])
            base = _field_span(ind, edit["field"], edit["before"])
            if offsets is not None and base is not None:
                located = _spans_to_edits(offsets, base, edit["changes"])
        out.append((f, edit, located))
    return out


_INDEX: dict[int, tuple[Table, dict]] = {}


def _indicator_for(table: Table, f):
    """The indicator a finding is about: same unit, project and number (and start line for text)."""
    cached = _INDEX.get(id(table))
    if cached is None or cached[0] is not table:
        index: dict = {}
        for unit, project, ind in table.indicators():
            index.setdefault((unit.name, project.name, ind.number), []).append(ind)
        _INDEX.clear()
        cached = _INDEX[id(table)] = (table, index)
    hits = cached[1].get((f.unit, f.project, f.indicator), [])
    if len(hits) > 1 and f.line is not None:
        hits = [i for i in hits if i.source.line is not None and i.source.line <= f.line <= (i.source.end_line or i.source.line)]
    return hits[0] if len(hits) == 1 else None


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _apply_text(text: str, edits: list[TextEdit]) -> str:
    for e in sorted(edits, key=lambda e: (e.offset, e.length), reverse=True):
        text = text[: e.offset] + e.text + text[e.offset + e.length:]
    return text


def _merge(planned_edits, where_of) -> tuple[list[TextEdit], list[Change]]:
    """Keep edits that agree: the same edit twice counts once; an edit overlapping another
    one with a different result is skipped."""
    taken: dict[tuple[int, int], str] = {}
    edits: list[TextEdit] = []
    changes: list[Change] = []
    for f, edit, located, *why in planned_edits:
        where = where_of(f, located)
        if located is None:
            changes.append(_change(f, edit, where, (why[0] if why and why[0] else "原文已不在读取时的位置")))
            continue
        clash = False
        fresh = []
        for e in located:
            key = (e.offset, e.length)
            if key in taken:
                clash = clash or taken[key] != e.text
                continue
            if any(o <= e.offset < o + max(n, 1) or e.offset <= o < e.offset + max(e.length, 1) for o, n in taken):
                clash = True
            fresh.append(e)
        if clash:
            changes.append(_change(f, edit, where, "与另一处修改冲突"))
            continue
        for e in fresh:
            taken[(e.offset, e.length)] = e.text
        edits += fresh
        changes.append(_change(f, edit, where))
    return edits, changes


def fix_text_file(table: Table, findings, source: Path) -> tuple[bytes, list[Change]]:
    from .readers.decode import read_text_file

    text, encoding = read_text_file(source)
    starts = _line_starts(text)

    def where(f, located):
        if located:
            return f"{source}:{_position(starts, located[0].offset)[0]}"
        return f"{source}:{f.line}" if f.line else str(source)

    edits, changes = _merge(text_edits(table, findings, text), where)
    return _encode(_apply_text(text, edits), encoding, source), changes


def _encode(text: str, encoding: str, source: Path) -> bytes:
    data = text.encode(encoding)
    if encoding == "utf-8-sig" and not source.read_bytes().startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # decoded as utf-8-sig without a BOM: write none
    return data


# -- CSV -------------------------------------------------------------------------------------

def csv_fields(text: str, delimiter: str) -> dict[tuple[int, int], list[int]]:
    """(record, column) → file offset of each character of the field's content (quotes and
    doubled quotes resolved), numbered like the CSV reader's rows and columns (1-based)."""
    out: dict[tuple[int, int], list[int]] = {}
    record, column, i, n = 1, 1, 0, len(text)
    content: list[int] = []
    quoted = False
    at_start = True
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    content.append(i + 1)
                    i += 2
                    continue
                quoted = False
            else:
                content.append(i)
            i += 1
            continue
        if ch == '"' and at_start:
            quoted, at_start = True, False
            i += 1
            continue
        if ch == delimiter:
            out[(record, column)] = content
            content, column, at_start = [], column + 1, True
            i += 1
            continue
        if ch in "\r\n":
            out[(record, column)] = content
            i += 2 if text.startswith("\r\n", i) else 1
            content, record, column, at_start = [], record + 1, 1, True
            continue
        content.append(i)
        at_start = False
        i += 1
    if content or column > 1:
        out[(record, column)] = content
    return out


def shared_cells(table: Table, findings) -> set[int]:
    """Findings whose category cell other indicators share (a merged or carried-down 一级/二级
    cell) without all of them asking for the same fix: changing the cell would change those
    others too, so these fixes are left alone."""
    users: dict[tuple, int] = {}
    for _, _, ind in table.indicators():
        for fld in ("level1", "level2"):
            if ind.field_cells.get(fld):
                key = (ind.source.sheet, ind.field_cells[fld])
                users[key] = users.get(key, 0) + 1
    asks: dict[tuple, list] = {}
    for f, edit in planned(findings):
        if edit["field"] in ("level1", "level2") and f.cell:
            asks.setdefault((f.sheet, f.cell), []).append((f, edit["after"]))
    skip: set[int] = set()
    for key, group in asks.items():
        if len(group) < users.get(key, 0) or len({after for _, after in group}) > 1:
            skip |= {id(f) for f, _ in group}
    return skip



def fix_csv_file(table: Table, findings, source: Path) -> tuple[bytes, list[Change]]:
    from .readers.decode import read_text_file

    text, encoding = read_text_file(source)
    fields = csv_fields(text, _delimiter(text))
    located_all = []
    shared = shared_cells(table, findings)
    for f, edit in planned(findings):
        rc = cell_position(f.cell)
        located = None
        if id(f) in shared:
            located_all.append((f, edit, None, "该单元格由多个指标共用，并非每个指标都能确定同样的修改"))
            continue
        if rc is not None and rc in fields:
            offsets = fields[rc]
            content = "".join(text[o] for o in offsets)
            lead = len(content) - len(content.lstrip())
            if content.strip() == edit["before"]:
                located = _spans_to_edits(offsets, lead, edit["changes"])
        located_all.append((f, edit, located, ""))
    edits, changes = _merge(located_all, lambda f, located: f"{source}:{f.cell}")
    return _encode(_apply_text(text, edits), encoding, source), changes


# -- workbooks -------------------------------------------------------------------------------

def _apply_changes(text: str, changes: list[dict]) -> str:
    for ch in sorted(changes, key=lambda c: c["start"], reverse=True):
        text = text[: ch["start"]] + ch["text"] + text[ch["end"]:]
    return text


def fix_xlsx_file(table: Table, findings, source: Path, target: Path | None, inputs) -> list[Change]:
    import openpyxl

    from .outputs import safe_write

    wb = openpyxl.load_workbook(source)
    changes: list[Change] = []
    done: dict[tuple[str, str], str] = {}
    shared = shared_cells(table, findings)
    for f, edit in planned(findings):
        where = f"{source}:{f.sheet + '!' if f.sheet else ''}{f.cell}"
        if id(f) in shared:
            changes.append(_change(f, edit, where, "该单元格由多个指标共用，并非每个指标都能确定同样的修改"))
            continue
        ws = wb[f.sheet] if f.sheet in wb.sheetnames else (wb.worksheets[0] if not f.sheet else None)
        value = ws[f.cell].value if ws is not None and f.cell else None
        key = (ws.title if ws is not None else "", f.cell or "")
        if key in done:
            skipped = "" if done[key] == edit["after"] else "与另一处修改冲突"
            changes.append(_change(f, edit, where, skipped))
            continue
        if not isinstance(value, str) or value.strip() != edit["before"]:
            changes.append(_change(f, edit, where, "单元格内容与读取时不同（或由几列拼成）"))
            continue
        lead = len(value) - len(value.lstrip())
        shifted = [{**c, "start": c["start"] + lead, "end": c["end"] + lead} for c in edit["changes"]]
        ws[f.cell].value = _apply_changes(value, shifted)
        done[key] = edit["after"]
        changes.append(_change(f, edit, where))
    if target is not None and any(not c.skipped for c in changes):
        safe_write(target, wb.save, inputs, what="修改后的副本")
    return changes


# -- model files -----------------------------------------------------------------------------

def fix_model_file(table: Table, findings, apply: bool = True) -> list[Change]:
    from .readers.published_text import parse_category

    changes = []
    for f, edit in planned(findings):
        ind = _indicator_for(table, f)
        where = f"{table.source.file}:{f.unit}/{f.project}"
        from .autofix import field_text

        if ind is None or field_text(ind, edit["field"]) != edit["before"]:
            changes.append(_change(f, edit, where, "找不到对应的指标"))
            continue
        if not apply:
            pass
        elif edit["field"] in ("level1", "level2"):
            setattr(ind, edit["field"], parse_category(edit["after"]))
        else:
            setattr(ind, edit["field"], edit["after"])
        changes.append(_change(f, edit, where))
    return changes


def write_fixed(table: Table, findings, target: Path, inputs) -> list[Change]:
    """Apply the safe fixes of ``findings`` (all about ``table``) to a copy at ``target``."""
    from .outputs import safe_write

    source = Path(table.source.file)
    fmt = table.format
    if fmt == "xls":
        if target.suffix.lower() != ".xlsx":
            raise JxlintError(f"{source}: .xls 格式无法写出；请用 -o 指定 .xlsx 输出（如 -o {source.with_suffix('.xlsx').name}）")
        from .writers import write_xlsx

        changes = fix_model_file(table, findings)
        if any(not c.skipped for c in changes):
            write_xlsx(table, target, inputs=inputs)
        return changes
    if fmt == "published-text":
        data, changes = fix_text_file(table, findings, source)
    elif fmt == "csv":
        data, changes = fix_csv_file(table, findings, source)
    elif fmt == "xlsx":
        return fix_xlsx_file(table, findings, source, target, inputs)
    elif fmt in ("yaml", "json"):
        from .writers import write_json, write_yaml

        changes = fix_model_file(table, findings)
        if any(not c.skipped for c in changes):
            (write_yaml if fmt == "yaml" else write_json)(table, target, inputs=inputs)
        return changes
    else:
        raise JxlintError(f"{source}: 不支持为 {fmt or '此'} 格式写出修改后的副本")
    if any(not c.skipped for c in changes):  # nothing applied: no copy that looks fixed
        safe_write(target, data, inputs, what="修改后的副本")
    return changes


def preview(table: Table, findings) -> list[Change]:
    """The changes ``write_fixed`` would make, without writing anything."""
    source = Path(table.source.file)
    if table.format == "published-text":
        return fix_text_file(table, findings, source)[1]
    if table.format == "csv":
        return fix_csv_file(table, findings, source)[1]
    if table.format == "xlsx":
        return fix_xlsx_file(table, findings, source, None, [])
    return fix_model_file(table, findings, apply=False)


# -- SARIF -----------------------------------------------------------------------------------

def sarif_fixes(result, uri) -> dict[int, dict]:
    """id(finding) → a SARIF 2.1.0 ``fix`` object for every finding with a safe fix that can be
    placed in its file: character regions for text and CSV, the cell (row/column) for .xlsx."""
    out: dict[int, dict] = {}
    by_file: dict[str, list] = {}
    for f, _ in planned(result.findings):
        by_file.setdefault(f.file, []).append(f)
    tables = {t.source.file: t for t in result.tables}
    for file, findings in by_file.items():
        table = tables.get(file)
        if table is None:
            continue
        if table.counts()["indicators"] and not any(True for _ in table.indicators()):
            from .readers import read_table  # slimmed by a parallel run: read it again

            table = read_table(Path(file))
        try:
            located = _located(table, findings)
        except (JxlintError, OSError, UnicodeError):
            continue
        for f, edit, replacements in located:
            if replacements:
                label = FIELDS.get(edit["field"], edit["field"])
                out[id(f)] = {
                    "description": {"text": f"{label}「{edit['before']}」改为「{edit['after']}」"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri(file)}, "replacements": replacements}],
                }
    return out


def _located(table: Table, findings) -> list[tuple[object, dict, list[dict]]]:
    source = Path(table.source.file)
    if table.format in ("published-text", "csv"):
        from .readers.decode import read_text_file

        text, _ = read_text_file(source)
        starts = _line_starts(text)
        if table.format == "published-text":
            items = text_edits(table, findings, text)
        else:
            items = []
            fields = csv_fields(text, _delimiter(text))
            for f, edit in planned(findings):
                rc = cell_position(f.cell)
                offsets = fields.get(rc) if rc else None
                content = "".join(text[o] for o in offsets) if offsets is not None else None
                ok = content is not None and content.strip() == edit["before"]
                items.append((f, edit, _spans_to_edits(offsets, len(content) - len(content.lstrip()), edit["changes"]) if ok else None))
        out = []
        for f, edit, edits in items:
            reps = []
            for e in edits or []:
                line, col = _position(starts, e.offset)
                region = {"startLine": line, "startColumn": col, "endLine": line, "endColumn": col + e.length}
                reps.append({"deletedRegion": region, "insertedContent": {"text": e.text}})
            out.append((f, edit, reps))
        return out
    if table.format == "xlsx":
        out = []
        for f, edit in planned(findings):
            rc = cell_position(f.cell)
            reps = [{"deletedRegion": {"startLine": rc[0], "startColumn": rc[1]}, "insertedContent": {"text": edit["after"]}}] if rc else []
            out.append((f, edit, reps))
        return out
    return []


def _delimiter(text: str) -> str:
    import csv

    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
    except csv.Error:
        return ","
