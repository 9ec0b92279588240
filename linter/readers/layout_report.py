"""What a row reader found in a file, as it read it: layouts, header rows, column → field map,
form fields, money unit, value sides, budget year, counts, rows not placed. ``jxlint inspect``
prints it; an unreadable file's error message is made from it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

LAYOUT_NAMES = {"row table": "指标表格", "form": "表单", "both": "表单 + 指标表格", "none": "未识别"}
SIDE_NAMES = {"both": "实施期与年度", "period": "只有实施期", "annual": "只有年度", None: "未知"}


@dataclass
class SheetLayout:
    name: str | None
    layout: str = "none"  # row table | form | both | none
    headers: list[dict] = field(default_factory=list)  # rows, columns (label → field), sides, grids
    form_fields: list[dict] = field(default_factory=list)  # label, field, value, cell
    continued: bool = False  # no header of its own: continues the previous sheet's grid
    units: int = 0
    projects: int = 0
    indicators: int = 0
    unplaced: int = 0


@dataclass
class FileLayout:
    path: str
    format: str = ""
    sheets: list[SheetLayout] = field(default_factory=list)
    money_unit: str = ""
    value_sides: str | None = None
    budget_year: int | None = None
    framework: str | None = None
    counts: dict = field(default_factory=dict)
    unplaced: int = 0
    issues: dict = field(default_factory=dict)  # kind → count
    level1_inferred: int = 0  # indicators whose blank level 1 was taken from their block's label
    level1_missing: int = 0  # indicators left without a level 1
    error: str = ""

    def fill(self, table) -> None:
        self.money_unit = table.money_unit
        self.value_sides = table.value_sides
        self.budget_year = table.budget_year
        self.framework = table.framework
        self.counts = table.counts()
        for *_, ind in table.indicators():
            trace = ind.extra.get("一级指标来源")
            self.level1_inferred += trace == "推断"
            self.level1_missing += trace == "未注明"
        for issue in table.issues:
            self.issues[issue.kind] = self.issues.get(issue.kind, 0) + 1
        self.unplaced = self.issues.get("unplaced-line", 0)

    def _name(self) -> str:
        return Path(self.path).name

    def no_grid_message(self) -> str:
        forms = [f["label"] for s in self.sheets for f in s.form_fields]
        found = f"找到了表单标签（{'、'.join(dict.fromkeys(forms))}），但" if forms else ""
        return (f"{self.path}: {found}没有找到表头（指标表格的列名行）——没有一行同时含有指标列（一级/二级/三级指标、指标名称）"
                "和指标值列（指标值、年度指标值、目标值……）或项目名称列；"
                "可在配置 column-synonyms 中补充本地列名（如 {\"name\" = [\"绩效指标内容\"]}）")

    def no_project_message(self) -> str:
        for s in self.sheets:
            if s.headers:
                h = s.headers[0]
                labels = [c["label"] for c in h["columns"]]
                shown = f"{labels[0]}…{labels[-1]}" if len(labels) > 1 else labels[0]
                where = f"工作表「{s.name}」" if s.name else ""
                return (f"{self.path}: {where}第 {h['rows'][0]} 行找到表头（{shown}），但没有找到项目名称：既不是一列，"
                        "也不在表头上方的“项目名称”标签行；可在配置 form-labels / column-synonyms 中补充本地标签"
                        "（如 [tool.jxlint.form-labels] project = [\"资金项目\"]）")
        return f"{self.path}: 找到了表头，但下面没有任何项目行"

    def as_dict(self) -> dict:
        return asdict(self)

    def render(self) -> str:
        out = [f"{self.path}（{self.format}）"]
        if self.error:
            out.append(f"  无法读取：{self.error}")
            return "\n".join(out)
        for s in self.sheets:
            name = f"工作表「{s.name}」" if s.name else "表格"
            out.append(f"  {name}：{LAYOUT_NAMES.get(s.layout, s.layout)}"
                       + ("（无表头，接续上一工作表）" if s.continued else "")
                       + f"；单位 {s.units}，项目 {s.projects}，指标 {s.indicators}，未归入的行 {s.unplaced}")
            for h in s.headers:
                rows = h["rows"]
                span = f"第 {rows[0]} 行" if rows[0] == rows[1] else f"第 {rows[0]}–{rows[1]} 行"
                out.append(f"    表头 {span}" + (f"（{h['grids']} 组并列指标）" if h["grids"] > 1 else "") + "：")
                out.append("      " + "，".join(f"{c['column']} {c['label']} → {c['field']}" for c in h["columns"]))
                for c in h["columns"]:
                    if "side_by" in c:
                        out.append(f"      {c['column']} {c['label']} → {c['field']}：依据{c['side_by']}")
            for f in s.form_fields:
                value = f["value"] if len(f["value"]) <= 30 else f["value"][:30] + "…"
                out.append(f"    表单 {f['label']} → {f['field']}：{value or '（空）'}" + (f" [{f['cell']}]" if f["cell"] else ""))
        c = self.counts
        out.append(f"  金额单位：{self.money_unit}；指标值：{SIDE_NAMES.get(self.value_sides, self.value_sides)}；"
                   f"预算年度：{self.budget_year or '未注明'}；类别框架：{self.framework or '未识别'}")
        out.append(f"  合计：单位 {c.get('units', 0)}，项目 {c.get('projects', 0)}，指标 {c.get('indicators', 0)}，未归入的行 {self.unplaced}"
                   + ("；读取问题 " + "，".join(f"{k} {n}" for k, n in sorted(self.issues.items())) if self.issues else ""))
        if self.level1_inferred or self.level1_missing:
            out.append(f"  一级指标空白：{self.level1_inferred} 个指标按所在块印出的一级指标推断，{self.level1_missing} 个未注明")
        return "\n".join(out)


def framework_of(table) -> str | None:
    """The framework the table's level names belong to (the config's pin wins)."""
    from ..frameworks import infer

    level1 = {i.level1.raw for *_, i in table.indicators() if i.level1.raw}
    level2 = {i.level2.raw for *_, i in table.indicators() if i.level2.raw}
    return infer(sorted(level1), sorted(level2), table.framework)


def render(layouts: list[FileLayout], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([layout.as_dict() for layout in layouts], ensure_ascii=False, indent=2) + "\n"
    return "\n\n".join(layout.render() for layout in layouts) + "\n"
