"""Row-based layouts (Excel, CSV): one reading model for every layout we know of.

A sheet holds, in any order and any number: title rows (表名, 金额单位, 2021年度), form blocks
(label/value pairs: 项目名称, 实施单位, 年度目标 …) and indicator grids found by their header
labels (see header.py). Blank cells continue the row above — unit, project, level 1 and
level 2 — also across sheets (a long table continues on 表2/Sheet2). A row the reader cannot
place becomes a ParseIssue; what was found is recorded for ``jxlint inspect``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputError
from ..frameworks import level1_meanings, parent_meanings
from ..limits import current, exceeded
from ..model import Amounts, Category, Indicator, ParseIssue, Project, Source, Table, Unit
from .form import Pair, form_pairs
from .header import Header, find_headers
from .labels import ColumnMap, FormLabels, builtin_vocab, label_key, value_side  # noqa: F401  (re-exported)
from .layout_report import FileLayout, SheetLayout
from .published_text import DEPARTMENT, parse_category

AMOUNT_FIELDS = ("total", "fiscal", "special", "other")
# Columns kept in Indicator.extra, under these names.
EXTRA_LABELS = {
    "operator": "指标性质", "measure": "计量单位", "direction": "指标方向", "weight": "权重", "scoring": "评分标准",
    "explanation": "指标解释", "remark": "备注", "actual": "实际完成值", "score": "得分", "deviation": "偏差原因",
}
QUALITATIVE_OPS = {"定性", "文本", "质"}
MONEY_UNIT = re.compile(r"(?:金额|资金)?单位\s*[:：]\s*(亿元|万元|千元|元)")
LABEL_MONEY = re.compile(r"[(（]\s*(亿元|万元|千元|元)\s*[)）]")
YEAR = re.compile(r"(20\d{2})\s*年度")
YEAR_LOOSE = re.compile(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")
LEVEL1_TRACE = "一级指标来源"
# A form with one of these describes a project; 部门名称/编制单位 alone are a title block.
PROJECT_FORM_FIELDS = {"project", "goal", "period_goal", "total", "period_total", "fiscal", "term", "start", "end"}


@dataclass(slots=True)
class Cell:
    value: str
    ref: str  # "D12"


@dataclass
class Row:
    number: int  # 1-based row number in the sheet or file
    cells: list[Cell]


@dataclass
class Sheet:
    name: str | None
    rows: Iterable[Row]


def _decimal(text: str) -> Decimal | None:
    t = text.replace(",", "").replace("，", "").strip()
    if not t:
        return None
    try:
        number = Decimal(t)
    except InvalidOperation:
        return None
    # NaN/Infinity or an absurd exponent ("1e999999") is not an amount: formatting one as
    # a figure would fail or build a gigantic string
    return number if number.is_finite() and -20 < number.adjusted() < 20 else None


def _amount(text: str) -> Decimal | None:
    """A form's amount cell: "51.35", "50万", "164万元"."""
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text or "")
    return _decimal(m[0]) if m else None


def compose_value(value: str, operator: str, measure: str) -> str:
    """When 指标性质 and 计量单位 sit in their own columns, the reading needs them: "90" with
    "≥" and "%" reads as "≥90%". Qualitative (定性) values are left as they are."""
    v = value.strip()
    if not v or operator.strip() in QUALITATIVE_OPS:
        return v
    if re.fullmatch(r"-?\d+(?:\.\d+)?", v):
        op = operator.strip()
        return f"{op}{v}{measure.strip()}"
    return v


@dataclass
class Block:
    """One form: its pairs by field (first wins) and the project made from it."""

    pairs: dict[str, Pair] = field(default_factory=dict)
    all: list[Pair] = field(default_factory=list)
    project: Project | None = None
    money_side: str = ""  # the last total label read: "total" (the year) or "period_total"

    def value(self, fld: str) -> str:
        return self.pairs[fld].value if fld in self.pairs else ""


@dataclass
class RowReader:
    path: str
    columns: ColumnMap
    forms: FormLabels
    table: Table = field(default_factory=Table)
    many_sheets: bool = False
    layout: FileLayout | None = None
    _units: dict = field(default_factory=dict)
    _projects: dict = field(default_factory=dict)
    # reading state, carried across sheets (a table continues on the next sheet)
    grid: Header | None = None
    unit: Unit | None = None
    project: Project | None = None
    block: Block | None = None
    level1: tuple[str, str] | None = None  # (text, cell)
    level2: tuple[str, str] | None = None
    seq: int = 0
    pending: list = field(default_factory=list)  # indicators whose level 1 a later label may give
    unused: dict = field(default_factory=dict)  # id(project) → (project, unit, [category], first row source)
    sides: set = field(default_factory=set)
    money_unit_set: bool = False
    whole_department: bool = False  # the title says 部门整体: no project name is expected
    sheet: SheetLayout | None = None
    side: str | None = None  # the current sheet's side when sheets are named 总体/年度

    # -- sheets ---------------------------------------------------------------------------
    def read_sheet(self, sheet: Sheet, side: str | None = None) -> bool:
        rows = [r for r in sheet.rows if any(c.value.strip() for c in r.cells)]
        report = self.sheet = SheetLayout(name=sheet.name)
        self.side = side
        if self.layout is not None:
            self.layout.sheets.append(report)
        if not rows:
            return False
        before = self.table.counts()
        issues_before = len(self.table.issues)
        headers = find_headers(rows, self.columns, side, lambda top: self._title_side(rows[max(0, top - 12):top]))
        for h in headers:
            report.headers.append({
                "rows": [rows[h.first].number, rows[h.last].number],
                "columns": [{"column": column_letter(j + 1), "label": h.labels[j], "field": f, **({"side_by": h.sides[j]} if j in h.sides else {})}
                            for j, f in sorted(h.fields.items())],
                "grids": h.grids,
            })
        self.sheet_unit = sheet.name if self.many_sheets and not side and not self.forms.is_page_name(sheet.name) \
            and not (self.forms.title and self.forms.title.search(sheet.name or "")) else None
        if not headers and self.grid is not None and self._looks_like_grid(rows):
            report.continued = True  # no header of its own: the previous sheet's grid goes on
        if sheet.name and (y := YEAR.search(sheet.name)):
            self._set_year(int(y[1]))
        consumed: dict[int, set[int]] = {}
        starts = {h.first: h for h in headers}
        header_rows = frozenset(k for h in headers for k in range(h.first, h.last + 1))
        skip_to = -1
        first_header = headers[0].first if headers else None
        for i, row in enumerate(rows):
            if i in starts:
                self._start_grid(starts[i])
                skip_to = starts[i].last
                continue
            if i <= skip_to:
                continue
            in_grid = self.grid is not None and (report.continued or (first_header is not None and i > first_header))
            # inside a grid only a row that starts with a label is a form row ("年度目标：…" in
            # a goal column is content)
            pairs = form_pairs(rows, i, self.forms, self.columns, consumed, first_only=in_grid, header_rows=header_rows,
                               grid_columns=frozenset(self.grid.fields) if in_grid else None)
            if pairs:
                self._form_row(pairs, row, sheet.name)
                continue
            if not any(c.value.strip() for j, c in enumerate(row.cells) if j not in consumed.get(i, ())):
                continue  # every cell was a form value read from the label above
            if in_grid:
                self._grid_row(row, sheet.name, consumed.get(i, set()))
            else:
                self._title_row(row)
        after = self.table.counts()
        report.units = after["units"] - before["units"]
        report.projects = after["projects"] - before["projects"]
        report.indicators = after["indicators"] - before["indicators"]
        report.unplaced = sum(1 for x in self.table.issues[issues_before:] if x.kind == "unplaced-line")
        report.layout = ("both" if report.form_fields else "row table") if (headers or report.continued) else ("form" if report.form_fields else "none")
        return bool(headers) or report.continued

    def _looks_like_grid(self, rows: list[Row]) -> bool:
        """A sheet without a header continues the previous grid only if some row fills two of
        its indicator columns (a notes sheet does not)."""
        cols = [j for j, f in self.grid.fields.items() if f.split("#")[0] in ("level1", "level2", "name", "period_value", "annual_value")]
        return any(sum(1 for j in cols if j < len(r.cells) and r.cells[j].value.strip()) >= 2 for r in rows)

    def _title_side(self, rows) -> str | None:
        """A title such as "实施期绩效目标表" marks a lone value column as the period's."""
        for r in rows:
            text = " ".join(c.value for c in r.cells if c.value.strip())
            if not (self.forms.title and self.forms.title.search(text)):
                continue
            if re.search(r"实施期|实施周期|中期", text) and not re.search(r"年度", text):
                return "period"
        return None

    def _start_grid(self, header: Header) -> None:
        self.grid = header
        self.level1 = self.level2 = None
        for j, f in header.fields.items():
            if f.split("#")[0] in AMOUNT_FIELDS and (m := LABEL_MONEY.search(header.labels.get(j, ""))):
                self._set_money_unit(m[1], strong=False)
        self.sides |= header.value_sides()

    # -- title, form ------------------------------------------------------------------------
    def _title_row(self, row: Row) -> None:
        text = " ".join(c.value.strip() for c in row.cells if c.value.strip())
        self._title_text(text)
        if m := DEPARTMENT.search(text):
            self.table.department = self.table.department or m["dept"]
        elif not self.table.title:
            self.table.title = text

    def _title_text(self, text: str) -> None:
        if self.forms.whole_department and self.forms.whole_department.search(text):
            self.whole_department = True
        if m := MONEY_UNIT.search(text):
            self._set_money_unit(m[1], strong=True)
        # the budget year from a title ("（2021年度）", "2022年项目支出绩效目标表"), not from
        # a stray sentence that mentions a year
        titled = bool(self.forms.title and self.forms.title.search(text)) or len(text) <= 20
        if titled and (m := YEAR.search(text) or YEAR_LOOSE.search(text)):
            self._set_year(int(m[1]))

    def _set_year(self, year: int) -> None:
        if self.table.budget_year is None:
            self.table.budget_year = year

    def _set_money_unit(self, unit: str, strong: bool) -> None:
        # the title ("金额单位：元") wins over a label's bracket ("项目资金（万元）")
        if strong or not self.money_unit_set:
            self.table.money_unit = unit
            self.money_unit_set = self.money_unit_set or strong

    def _form_row(self, pairs: list[Pair], row: Row, sheet: str | None) -> None:
        text = " ".join(c.value.strip() for c in row.cells if c.value.strip())
        if m := MONEY_UNIT.search(text):
            self._set_money_unit(m[1], strong=True)
        if m := DEPARTMENT.search(text):  # "部门名称：某局 单位：万元" in one cell
            self.table.department = self.table.department or m["dept"]
            pairs = [p for p in pairs if p.field != "department"]
            if not pairs:
                return
        for p in pairs:
            self.sheet.form_fields.append({"label": p.label, "field": p.field, "value": p.value, "cell": p.value_ref or p.label_ref})
        block = self.block
        new = block is None or any(
            (p.field == "project" and ("project" in block.pairs or block.project is not None))
            or (p.field not in ("other_info", "project") and block.project is not None and block.project.indicators)
            for p in pairs)
        if new:
            self._close_project()
            block = self.block = Block()
            self.project = None
            self.level1 = self.level2 = None
        for p in pairs:
            if p.field == "project" and not p.value and "project" in block.pairs and not block.pairs["project"].value:
                continue
            if p.field in ("total", "period_total"):
                block.money_side = p.field
            elif p.field in ("fiscal", "special", "other") and block.money_side == "period_total":
                # 中期资金总额 / 其中：财政拨款 / 其他资金, then 年度资金总额 / …: the first
                # parts are the period's; the project's amounts are the year's
                block.all.append(p)
                continue
            held = block.pairs.get(p.field)
            # 实施单位 before 预算单位, 区级主管部门 before 市级: the vocabulary's order decides
            if held is None or (p.value and (not held.value or self.forms.rank_of(p.label) < self.forms.rank_of(held.label))):
                block.pairs[p.field] = p
            block.all.append(p)
            if p.field == "department" and p.value and not self.table.department:
                self.table.department = p.value
            if p.field == "budget_year" and (y := re.search(r"20\d{2}", p.value)):
                self._set_year(int(y[0]))
            if p.field in AMOUNT_FIELDS + ("period_total",) and (m := LABEL_MONEY.search(p.label)):
                self._set_money_unit(m[1], strong=False)
        if block.project is not None:
            self._fill_from_block(block.project, block)

    def _project_from_block(self, unit: Unit, row: Row, sheet: str | None) -> Project:
        block = self.block
        name_pair = block.pairs.get("project")
        name = name_pair.value if name_pair else ""
        if not name and name_pair is None and self.whole_department:
            # a department-wide table: the department is the one "project", nothing is missing
            name = block.value("department") or block.value("unit") or self.table.department
        if not name:
            name = (sheet if sheet and not self.forms.is_page_name(sheet) else "") or Path(self.path).stem
            where = name_pair.label_ref if name_pair else (block.all[0].label_ref if block.all else None)
            self.table.issues.append(ParseIssue(
                kind="missing-project-name", text=name,
                detail=f"（表单中{'“' + name_pair.label + '”没有填写' if name_pair else '没有“项目名称”标签'}，暂以「{name}」称呼该项目）",
                source=Source(file=self.path, sheet=sheet, cell=where, line=row.number), unit=unit.name, project=name))
        project = self._project_named(unit, name, row, sheet, None)
        project.field_cells["name"] = (name_pair.value_ref or name_pair.label_ref) if name_pair else ""
        block.project = project
        self._fill_from_block(project, block)
        return project

    def _fill_from_block(self, project: Project, block: Block) -> None:
        for p in block.all:
            if p.field not in ("project",) and p.value:
                project.extra.setdefault(label_key(p.label) or p.label, p.value)
        goal = block.pairs.get("goal") or block.pairs.get("period_goal")
        if goal and goal.value and not project.goal:
            project.goal = goal.value
            project.field_cells["goal"] = goal.value_ref
        if not project.term:
            if block.value("term"):
                project.term = block.value("term")
            elif block.value("start") or block.value("end"):
                project.term = f"{block.value('start')}-{block.value('end')}".strip("-")
        if project.amounts.total is None and block.value("total"):
            nums = {f: _amount(block.value(f)) for f in AMOUNT_FIELDS if block.value(f)}
            if "other" not in block.pairs and "special" not in block.pairs:
                # "项目金额 164万元 | 其中：当年市级财政资金 132万元" names one share of the
                # money; without an 其他资金 slot the parts are not the whole split
                nums = {"total": nums.get("total")}
            if nums.get("total") is not None:
                project.amounts = Amounts(
                    raw=" ".join(block.value(f) for f in AMOUNT_FIELDS if block.value(f)),
                    figures=[nums[f] for f in AMOUNT_FIELDS if nums.get(f) is not None],
                    total=nums.get("total"), fiscal=nums.get("fiscal"), special=nums.get("special"), other=nums.get("other"))
                project.field_cells["amounts"] = block.pairs["total"].value_ref

    # -- grid rows --------------------------------------------------------------------------
    def _grid_row(self, row: Row, sheet: str | None, consumed: set[int]) -> None:
        values: dict[str, Cell] = {}  # field → cell ("name", "name#2" for a second grid)
        first: dict[str, Cell] = {}  # field → its first non-empty cell over the grids
        cells = row.cells
        for j, f in self.grid.fields.items():
            if j < len(cells) and cells[j].value.strip() and j not in consumed:
                values[f] = cells[j]
                first.setdefault(f.split("#")[0], cells[j])

        def get(name: str) -> str:
            c = first.get(name)
            return c.value.strip() if c else ""

        cell = first.get

        filled = [c.value.strip() for c in row.cells if c.value.strip()]
        lone_content = len(values) == 1 and next(iter(values)).split("#")[0] in ("name", "period_value", "annual_value")
        if (len(filled) == 1 and not lone_content) or not values:  # a title of the next form, a signature line
            text = " ".join(filled)
            if self.forms.title and self.forms.title.search(text):
                self._title_text(text)
                return
            if self.forms.footer and self.forms.footer.search(text):
                return
        if not values:
            self.issue(row, sheet, "不在任何列名之下的行")
            return
        if self._totals_row(values, get, row, sheet):
            return
        unit_name = get("unit") or (self.block.value("unit") if self.block else "") or self.sheet_unit \
            or (self.unit.name if self.unit else "") or (self.block.value("department") if self.block else "") \
            or self.table.department or "（未注明单位）"
        if self.unit is None or self.unit.name != unit_name:
            self._close_project()
            self.unit = self._unit_named(unit_name, row, sheet)
            self.project = None
            if self.block is not None and self.block.project is not None and not any(p is self.block.project for p in self.unit.projects):
                self.block.project = None
        pname = get("project")
        if pname and (self.project is None or pname != self.project.name):
            self._close_project()
            self.project = self._project_named(self.unit, pname, row, sheet, values)
            self.seq = 0
            self.level1 = self.level2 = None
        elif not pname and self.block is not None and self.block.project is None and (
                PROJECT_FORM_FIELDS & set(self.block.pairs) or (self.project is None and "project" not in self.grid.fields.values())):
            # a form above the grid is the project (without a name: named by what it has)
            self._close_project()
            self.project = self._project_from_block(self.unit, row, sheet)
            self.seq = 0
        elif self.project is not None:
            self._fill_project(self.project, values, get)
        has_level = bool(get("level1") or get("level2"))
        # a value alone (no name, no category of its own) is not an indicator: it is reported
        has_value = bool(get("name")) or (has_level and any(get(f) for f in ("period_value", "annual_value")))
        if not (has_value or has_level) and self.project is not None and (pname or get("total") or get("goal")) \
                and (remark := values.get("remark")):  # a project's own row: its 备注 is the project's
            self.project.extra.setdefault(EXTRA_LABELS["remark"], remark.value.strip())
            self.project.field_cells.setdefault(EXTRA_LABELS["remark"], remark.ref)
        if (has_value or has_level) and self.project is None:
            self.issue(row, sheet, "指标行之前没有项目名称")
            return
        if has_value or has_level:
            level1, level2, trace = self._levels(get, cell)
            if has_value:
                self.seq += 1
                self._add_indicator(row, sheet, values, get, level1, level2, trace)
            else:  # a category printed with no indicator: an unused slot of the template
                entry = self.unused.setdefault(id(self.project), (self.project, self.unit.name, [], self.src(row, sheet, row.cells[0].ref)))
                for text in (get("level1"), get("level2")):
                    if text and text not in entry[2]:
                        entry[2].append(text)
        elif not pname and not any(get(f) for f in ("total", "goal")):
            self.issue(row, sheet, "无法识别的行")

    def _totals_row(self, values: dict[str, Cell], get, row: Row, sheet: str | None) -> bool:
        """A row of amounts alone: the department 合计/总计 (in the unit or project column), or a
        unit's own total (a unit name, no project name) opening that unit — what the published
        layout prints on its 合计 and unit lines, and what ``jxlint convert`` writes for them."""
        if get("total") == "" or "project" not in self.grid.fields.values():
            return False
        if any(get(f) for f in ("goal", "name", "level1", "level2", "period_value", "annual_value")):
            return False
        label = "".join((get("unit") or get("project")).split())
        if label in ("合计", "总计") and not (get("unit") and get("project")):
            if self.table.total is None:
                self.table.total = self._amounts_of(values)
                self.table.field_lines.setdefault("amounts", row.number)
            return True
        unit_name = get("unit")
        if not unit_name or get("project") or (self.unit is not None and self.unit.name == unit_name):
            return False
        self._close_project()
        self.unit = self._unit_named(unit_name, row, sheet)
        self.project = None
        if self.unit.amounts.total is None:
            self.unit.amounts = self._amounts_of(values)
            self.unit.field_lines.setdefault("amounts", row.number)
        return True

    @staticmethod
    def _amounts_of(values: dict[str, Cell]) -> Amounts:
        nums = {f: _decimal(values[f].value) for f in AMOUNT_FIELDS if f in values}
        return Amounts(raw=" ".join(values[f].value.strip() for f in AMOUNT_FIELDS if f in values),
                       figures=[nums[f] for f in AMOUNT_FIELDS if nums.get(f) is not None],
                       total=nums.get("total"), fiscal=nums.get("fiscal"), special=nums.get("special"), other=nums.get("other"))

    def _levels(self, get, cell) -> tuple[tuple[str, str] | None, tuple[str, str] | None, str]:
        """Level 1 and 2 of a row: its own cells, or the ones carried down from above. A blank
        level 1 whose carried value cannot be the parent of the row's level 2 is left for the
        block's own label, which may sit lower (merged label printed mid-block)."""
        l1, l2 = get("level1"), get("level2")
        if l1:
            self.level1 = (l1, cell("level1").ref)
            if not l2 and self.level2 is not None and not self._fits(self.level2[0], l1):
                self.level2 = None  # a new level-1 block starts without a level 2
            still = []
            for ind in self.pending:
                if ind.level2.raw and self._fits(ind.level2.raw, l1):
                    ind.level1 = parse_category(l1)
                    ind.field_cells["level1"] = self.level1[1]
                    ind.extra[LEVEL1_TRACE] = "推断"
                else:
                    still.append(ind)
            self.pending = still
        if l2:
            self.level2 = (l2, cell("level2").ref)
        if l1:
            return self.level1, self.level2, ""
        if self.level1 is not None and (self.level2 is None or self._fits(self.level2[0], self.level1[0], unknown=True)):
            return self.level1, self.level2, ""
        return None, self.level2, "未注明"

    @staticmethod
    def _fits(level2: str, level1: str, unknown: bool = False) -> bool:
        parents = parent_meanings(level2)
        if not parents:
            return unknown
        return bool(parents & level1_meanings(level1))

    def _close_project(self) -> None:
        """End of a project's rows: stop waiting for a level-1 label."""
        for ind in self.pending:
            ind.extra.setdefault(LEVEL1_TRACE, "未注明")
        self.pending = []

    def finish(self) -> None:
        """After the last sheet: one issue per project listing its unused template categories
        (a project may continue over several sheets)."""
        self._close_project()
        for project, unit, names, src in self.unused.values():
            used = {t for i in project.indicators for t in (i.level1.raw, i.level2.raw)}
            left = [n for n in names if n not in used]
            if left:
                self.table.issues.append(ParseIssue(
                    kind="unused-category", text="、".join(left),
                    detail=f"（项目「{project.name}」的模板类别没有填写指标）", source=src, unit=unit, project=project.name))
        self.unused = {}

    def src(self, row: Row, sheet: str | None, cell: str | None = None) -> Source:
        return Source(file=self.path, line=row.number, end_line=row.number, sheet=sheet, cell=cell)

    def issue(self, row: Row, sheet: str | None, detail: str) -> None:
        text = " | ".join(c.value for c in row.cells if c.value.strip())
        first = next((c.ref for c in row.cells if c.value.strip()), None)
        self.table.issues.append(ParseIssue(kind="unplaced-line", text=text, detail=f"（{detail}）", source=self.src(row, sheet, first),
                                            unit=self.unit.name if self.unit else None, project=self.project.name if self.project else None))

    def _unit_named(self, name: str, row: Row, sheet: str | None) -> Unit:
        if name in self._units:
            return self._units[name]
        unit = Unit(name=name, source=self.src(row, sheet))
        self.table.units.append(unit)
        self._units[name] = unit
        return unit

    def _project_named(self, unit: Unit, name: str, row: Row, sheet: str | None, values: dict[str, Cell] | None) -> Project:
        key = (unit.name, name)
        if key in self._projects:  # the same project on another sheet (总体/年度)
            return self._projects[key]
        ref = values["project"].ref if values and "project" in values else None
        project = Project(name=name, source=self.src(row, sheet, ref))
        self._projects[key] = project
        project.field_cells["name"] = ref or ""
        unit.projects.append(project)
        if values:
            self._fill_project(project, values, lambda f: values[f].value.strip() if f in values else "")
        return project

    def _fill_project(self, project: Project, values: dict[str, Cell], get) -> None:
        goal = values.get("goal")
        if goal and goal.value.strip() and not project.goal:
            project.goal = goal.value.strip()
            project.field_cells["goal"] = goal.ref
        if project.amounts.total is None and "total" in values:
            nums = {f: _decimal(values[f].value) for f in AMOUNT_FIELDS if f in values}
            if nums.get("total") is not None:
                figures = [nums[f] for f in AMOUNT_FIELDS if nums.get(f) is not None]
                project.amounts = Amounts(
                    raw=" ".join(values[f].value.strip() for f in AMOUNT_FIELDS if f in values),
                    figures=figures, total=nums.get("total"), fiscal=nums.get("fiscal"), special=nums.get("special"), other=nums.get("other"),
                )
                project.field_cells["amounts"] = values["total"].ref

    def _add_indicator(self, row: Row, sheet: str | None, values: dict[str, Cell], get, level1, level2, trace: str) -> None:
        project = self.project
        name = get("name")
        number_text = get("number")
        number = int(float(number_text)) if re.fullmatch(r"\d+(?:\.0)?", number_text) else self.seq
        operator, measure = get("operator"), get("measure")
        period = compose_value(get("period_value"), operator, measure) or None  # an empty cell is a missing value
        annual = compose_value(get("annual_value"), operator, measure) or None
        l2_text = level2[0] if level2 else ""
        # only a 总体/年度 sheet pair gives the same indicator twice; elsewhere a repeat is a repeat
        existing = next((i for i in project.indicators if i.name == name and i.level2.raw == l2_text), None) \
            if self.side else None
        if existing is not None and sheet != existing.source.sheet and (existing.period_value is None or existing.annual_value is None):
            # the other sheet of a 总体/年度 pair: fill in the missing side
            if existing.period_value is None and "period_value" in values:
                existing.period_value = period
                existing.field_cells["period_value"] = values["period_value"].ref
            if existing.annual_value is None and "annual_value" in values:
                existing.annual_value = annual
                existing.field_cells["annual_value"] = values["annual_value"].ref
            return
        cells = {f: values[f].ref for f in ("number", "name", "period_value", "annual_value") if f in values}
        if "name" not in cells and "name#2" in values:
            cells["name"] = values["name#2"].ref
        if level1:
            cells["level1"] = level1[1]
        if level2:
            cells["level2"] = level2[1]
        extra = {}
        for key, cell in values.items():
            base = key.split("#")[0]
            if base in EXTRA_LABELS:
                extra.setdefault(EXTRA_LABELS[base], cell.value.strip())
                cells.setdefault(EXTRA_LABELS[base], cell.ref)  # where a remark (jxlint: ignore …) was written
        if values.get("name#2") and values.get("name") and values["name#2"].value.strip() != name:
            extra["年度三级指标"] = values["name#2"].value.strip()
        if operator or measure:
            for f in ("period_value", "annual_value"):
                if f in values:
                    extra[f"{'实施周期' if f == 'period_value' else '年度'}指标值（原文）"] = get(f)
        if trace:
            extra[LEVEL1_TRACE] = trace
        indicator = Indicator(
            number=number,
            number_raw=number_text,
            level1=parse_category(level1[0]) if level1 else Category(raw=""),
            level2=parse_category(level2[0]) if level2 else Category(raw=""),
            name=name,
            period_value=period,
            annual_value=annual,
            raw=" | ".join(c.value for c in row.cells if c.value.strip()),
            source=self.src(row, sheet, cells.get("name") or row.cells[0].ref),
            field_cells=cells,
            extra=extra,
        )
        project.indicators.append(indicator)
        if trace:
            self.pending.append(indicator)


def side_of_sheet(name: str | None) -> str | None:
    if not name:
        return None
    if re.search(r"年度", name) and not re.search(r"实施周期|总体", name):
        return "annual"
    if re.search(r"实施周期|总体|中期", name):
        return "period"
    return None


def limited_row(path, r: int, values, where: str = "", strip: bool = False) -> Row:
    """Row r of cell texts (CSV fields, .xls cells) under the columns and cell-chars limits;
    ``where`` names the sheet in a message ("工作表「表1」")."""
    limits = current()
    if len(values) > limits.columns:
        raise exceeded(path, "columns", limits.columns, f"{where}第 {r} 行有 {len(values):,} 列")
    cells = []
    for c, v in enumerate(values, start=1):
        ref = f"{column_letter(c)}{r}"
        if len(v) > limits.cell_chars:
            raise exceeded(path, "cell-chars", limits.cell_chars, f"内容长达 {len(v):,} 个字符", f"{where}单元格 {ref}")
        cells.append(Cell(v.strip() if strip else v, ref))
    return Row(r, cells)


def column_letter(n: int) -> str:
    """1 → A, 27 → AA: the cell references of CSV and .xls rows."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def default_form_labels() -> FormLabels:
    return FormLabels(builtin_vocab("form-labels.yaml"))


def read_sheets(path, table: Table, sheet_names: list, sheets: Iterable[tuple], columns: ColumnMap) -> Table:
    """Every row-based reader (xlsx, xls, csv): sheets as (name, rows) into one table.

    Sheets named 总体/年度 give the two sides of the same indicators; other sheets continue
    the table (a sheet is a unit only when its name could be one and nothing else names the
    unit). A file with no indicator grid, or a grid without any project, is an input error."""
    forms = getattr(columns, "forms", None) or default_form_labels()
    layout = FileLayout(path=str(path), format=table.format)
    table._layout = layout
    sides = {name: side_of_sheet(name) for name in sheet_names}
    reader = RowReader(str(path), columns, forms, table, many_sheets=len(sheet_names) > 1, layout=layout)
    read_any = False
    for name, rows in sheets:
        read_any = reader.read_sheet(Sheet(name, rows), sides.get(name)) or read_any
    reader.finish()
    if reader.sides:
        table.value_sides = "both" if len(reader.sides) == 2 else reader.sides.pop()
    pinned = getattr(columns, "framework", None)
    if pinned:
        table.framework = pinned
    layout.fill(table)
    if not read_any:
        raise InputError(layout.no_grid_message())
    if not any(u.projects for u in table.units):
        raise InputError(layout.no_project_message())
    return table
