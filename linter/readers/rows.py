"""Row-based layouts (Excel exports, CSV): find the header by its labels, map columns to the
model, and turn rows into units, projects and indicators.

One row per indicator; project-level columns (单位, 项目名称, 金额, 绩效目标) are often merged
cells or left blank after the project's first row, so a row with a blank project name
continues the project above. A row the reader cannot place becomes a ParseIssue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..errors import InputError
from ..model import Amounts, Category, Indicator, ParseIssue, Project, Source, Table, Unit
from .published_text import DEPARTMENT, parse_category

PROJECT_FIELDS = ("unit", "project", "total", "fiscal", "special", "other", "goal")
INDICATOR_FIELDS = ("number", "level1", "level2", "name", "period_value", "annual_value")
EXTRA_LABELS = {"operator": "指标性质", "measure": "计量单位", "direction": "指标方向", "weight": "权重", "scoring": "评分标准"}
QUALITATIVE_OPS = {"定性", "文本", "质"}


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


def label_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"[(（][^()（）]*[)）]", "", text)
    return re.sub(r"[\s:：*＊]", "", text)


class ColumnMap:
    def __init__(self, synonyms: dict[str, list[str]], extra: dict[str, list[str]] | None = None):
        self.label_to_field: dict[str, str] = {}
        for fld, labels in synonyms.items():
            for label in labels:
                self.label_to_field.setdefault(label_key(label), fld)
        for label_or_field, labels in (extra or {}).items():
            # config: {"实施周期指标值": ["总体指标值"]} (a label) or {"period_value": [...]} (a field)
            fld = label_or_field if label_or_field in synonyms else self.label_to_field.get(label_key(label_or_field))
            if not fld:
                raise InputError(f"配置 column-synonyms: 不认识的列「{label_or_field}」")
            for label in labels:
                self.label_to_field[label_key(label)] = fld

    def field_of(self, label: str) -> str | None:
        return self.label_to_field.get(label_key(label)) if label else None


def find_header(rows: list[Row], columns: ColumnMap, scan: int = 30) -> tuple[int, int, dict[int, str]] | None:
    """(first header row, last header row, column index → field), by labels, not by position.

    Two header rows are combined — a group label above ("金额", "绩效指标") and the labels
    below ("总计", "一级指标"); a label in the lower row wins for its column."""

    def labels(i: int) -> dict[int, str]:
        if i < 0 or i >= len(rows):
            return {}
        found = {j: columns.field_of(c.value) for j, c in enumerate(rows[i].cells)}
        return {j: f for j, f in found.items() if f}

    def qualifies(fields: dict[int, str]) -> bool:
        found = set(fields.values())
        return bool(found & {"name", "level1", "level2"}) and bool(found & {"project", "period_value", "annual_value"})

    sub_fields = set(INDICATOR_FIELDS) | {"total", "fiscal", "special", "other"}
    for i in range(min(scan, len(rows))):
        here = labels(i)
        if len(here) < 2:
            continue
        above = labels(i - 1) if len(labels(i - 1)) >= 2 else {}
        if qualifies(here) and not above:
            below = labels(i + 1)
            if len(below) >= 2 and set(below.values()) & sub_fields:
                return i, i + 1, _dedupe({**here, **below})
            return i, i, _dedupe(here)
        if above and qualifies({**above, **here}):
            return i - 1, i, _dedupe({**above, **here})
    return None


def _dedupe(fields: dict[int, str]) -> dict[int, str]:
    """The first column wins when two map to the same field (e.g. 合计 and 金额)."""
    seen: set[str] = set()
    out = {}
    for j in sorted(fields):
        if fields[j] not in seen:
            seen.add(fields[j])
            out[j] = fields[j]
    return out


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
class RowReader:
    path: str
    columns: ColumnMap
    table: Table = field(default_factory=Table)
    sheet_is_unit: bool = False
    _units: dict = field(default_factory=dict)
    _projects: dict = field(default_factory=dict)

    def read_sheet(self, sheet: Sheet, side: str | None = None) -> bool:
        """side: None (both values in the sheet), "period" or "annual" (a 总体/年度 sheet).
        Returns False when the sheet has no header (it is then not a table sheet)."""
        rows = [r for r in sheet.rows if any(c.value.strip() for c in r.cells)]
        if not rows:
            return False
        header = find_header(rows, self.columns)
        if header is None:
            return False
        first, last, fields = header
        for row in rows[:first]:  # title rows: 部门名称、单位
            text = " ".join(c.value for c in row.cells if c.value.strip())
            if m := DEPARTMENT.search(text):
                self.table.department = self.table.department or m["dept"]
                if m["unit"]:
                    self.table.money_unit = m["unit"]
            elif not self.table.title:
                self.table.title = text.strip()
        if side == "annual" and "annual_value" not in fields.values():
            fields = {j: ("annual_value" if f == "period_value" else f) for j, f in fields.items()}
        unit: Unit | None = None
        project: Project | None = None
        numbers = 0
        for row in rows[last + 1:]:
            values = {f: row.cells[j] for j, f in fields.items() if j < len(row.cells)}

            def get(name: str) -> str:
                cell = values.get(name)
                return cell.value.strip() if cell else ""

            unit_name = get("unit") or (sheet.name if self.sheet_is_unit else "") or (unit.name if unit else "")
            if not unit_name:
                unit_name = self.table.department or "（未注明单位）"
            if unit is None or unit.name != unit_name:
                unit = self.unit_named(unit_name, row, sheet.name)
                project = None
            if get("project") and (project is None or get("project") != project.name):
                project = self.project_named(unit, get("project"), row, sheet.name, values)
                numbers = 0
            elif project is not None:
                self.fill_project(project, values)
            has_indicator = any(get(f) for f in ("level1", "level2", "name"))
            if has_indicator and project is None:
                self.issue(row, sheet.name, "指标行之前没有项目名称")
                continue
            if has_indicator:
                numbers += 1
                self.add_indicator(project, row, sheet.name, values, numbers, get)
            elif not get("project") and not any(get(f) for f in ("total", "goal")):
                self.issue(row, sheet.name, "无法识别的行")
        return True

    def src(self, row: Row, sheet: str | None, cell: str | None = None) -> Source:
        return Source(file=self.path, line=row.number, end_line=row.number, sheet=sheet, cell=cell)

    def issue(self, row: Row, sheet: str | None, detail: str) -> None:
        text = " | ".join(c.value for c in row.cells if c.value.strip())
        first = next((c.ref for c in row.cells if c.value.strip()), None)
        self.table.issues.append(ParseIssue(kind="unplaced-line", text=text, detail=f"（{detail}）", source=self.src(row, sheet, first)))

    def unit_named(self, name: str, row: Row, sheet: str | None) -> Unit:
        if name in self._units:
            return self._units[name]
        unit = Unit(name=name, source=self.src(row, sheet))
        self.table.units.append(unit)
        self._units[name] = unit
        return unit

    def project_named(self, unit: Unit, name: str, row: Row, sheet: str | None, values: dict[str, Cell]) -> Project:
        key = (unit.name, name)
        if key in self._projects:  # the same project on another sheet (总体/年度)
            return self._projects[key]
        project = Project(name=name, source=self.src(row, sheet, values["project"].ref if "project" in values else None))
        self._projects[key] = project
        project.field_cells["name"] = values["project"].ref if "project" in values else ""
        unit.projects.append(project)
        self.fill_project(project, values)
        return project

    def fill_project(self, project: Project, values: dict[str, Cell]) -> None:
        goal = values.get("goal")
        if goal and goal.value.strip() and not project.goal:
            project.goal = goal.value.strip()
            project.field_cells["goal"] = goal.ref
        if project.amounts.total is None:
            nums = {f: _decimal(values[f].value) for f in ("total", "fiscal", "special", "other") if f in values}
            if nums.get("total") is not None:
                figures = [nums[f] for f in ("total", "fiscal", "special", "other") if nums.get(f) is not None]
                project.amounts = Amounts(
                    raw=" ".join(values[f].value.strip() for f in ("total", "fiscal", "special", "other") if f in values and values[f].value.strip()),
                    figures=figures, total=nums.get("total"), fiscal=nums.get("fiscal"), special=nums.get("special"), other=nums.get("other"),
                )
                project.field_cells["amounts"] = values["total"].ref

    def add_indicator(self, project: Project, row: Row, sheet: str | None, values: dict[str, Cell], seq: int, get) -> None:
        name = get("name")
        number_text = get("number")
        number = int(float(number_text)) if re.fullmatch(r"\d+(?:\.0)?", number_text) else seq
        operator, measure = get("operator"), get("measure")
        period = compose_value(get("period_value"), operator, measure) or None  # an empty cell is a missing value
        annual = compose_value(get("annual_value"), operator, measure) or None
        existing = next((i for i in project.indicators if i.name == name and i.level2.raw == get("level2")), None)
        if existing is not None and sheet != existing.source.sheet and (existing.period_value is None or existing.annual_value is None):
            # the other sheet of a 总体/年度 pair: fill in the missing side
            if existing.period_value is None and "period_value" in values:
                existing.period_value = period
                existing.field_cells["period_value"] = values["period_value"].ref
            if existing.annual_value is None and "annual_value" in values:
                existing.annual_value = annual
                existing.field_cells["annual_value"] = values["annual_value"].ref
            return
        cells = {f: values[f].ref for f in INDICATOR_FIELDS if f in values}
        extra = {EXTRA_LABELS[f]: get(f) for f in EXTRA_LABELS if get(f)}
        if operator or measure:
            for f in ("period_value", "annual_value"):
                if f in values:
                    extra[f"{'实施周期' if f == 'period_value' else '年度'}指标值（原文）"] = get(f)
        project.indicators.append(
            Indicator(
                number=number,
                number_raw=number_text,
                level1=parse_category(get("level1")) if get("level1") else Category(raw=""),
                level2=parse_category(get("level2")) if get("level2") else Category(raw=""),
                name=name,
                period_value=period,
                annual_value=annual,
                raw=" | ".join(c.value for c in row.cells if c.value.strip()),
                source=self.src(row, sheet, cells.get("name") or row.cells[0].ref),
                field_cells=cells,
                extra=extra,
            )
        )


def side_of_sheet(name: str | None) -> str | None:
    if not name:
        return None
    if re.search(r"年度", name) and not re.search(r"实施周期|总体", name):
        return "annual"
    if re.search(r"实施周期|总体|中期", name):
        return "period"
    return None


NO_HEADER = ("{path}: 没有找到表头——没有一行同时含有“项目名称/指标值”和“一级/二级/三级指标”这类列名；"
             "可在配置 column-synonyms 中补充本地列名")


def column_letter(n: int) -> str:
    """1 → A, 27 → AA: the cell references of CSV and .xls rows."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def read_sheets(path, table: Table, sheet_names: list, sheets: Iterable[tuple], columns: ColumnMap) -> Table:
    """Every row-based reader (xlsx, xls, csv): sheets as (name, rows) into one table.

    Sheets named 总体/年度 give the two sides of the same indicators; several other sheets
    are one unit each. A workbook with no header row anywhere is an input error."""
    sides = {name: side_of_sheet(name) for name in sheet_names}
    reader = RowReader(str(path), columns, table, sheet_is_unit=len(sheet_names) > 1 and not any(sides.values()))
    read_any = False
    for name, rows in sheets:
        read_any = reader.read_sheet(Sheet(name, rows), sides.get(name)) or read_any
    if not read_any:
        raise InputError(NO_HEADER.format(path=path))
    return table
