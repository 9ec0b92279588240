"""One reading model for every row layout: header rows found by labels (group rows, repeated
side-by-side grids), form blocks above grids, continuation of blank cells and of sheets,
level 1 printed mid-block, empty template rows, self-evaluation and typed columns.
Each workbook is built here, small, to show one behaviour; "must not" cases included."""

from pathlib import Path

import openpyxl
import pytest

from linter.api import lint_tables
from linter.config import Settings, settings_from_mapping
from linter.errors import InputError
from linter.readers import read_table

GRID = ["一级指标", "二级指标", "三级指标", "指标值"]


def book(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def form_rows(name="示例项目", unit="某中心", goal="完成示例任务。") -> list[list]:
    return [
        ["项目支出绩效目标申报表（2021年度）"],
        ["金额单位：元"],
        ["项目名称", name, None, None],
        ["主管部门", "某局", "实施单位", unit],
        ["项目资金", "年度资金总额", 120000, None],
        [None, "其中：财政拨款", 100000, None],
        [None, "其他资金", 20000, None],
        ["实施期限", "2021年1月-2021年12月", None, None],
        ["年度目标", goal, None, None],
        GRID,
        ["产出指标", "数量指标", "培训场次", "≥2次"],
        [None, None, "培训人数", "≥100人"],
        [None, "质量指标", "合格率", "≥95%"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
    ]


def only(table):
    [(unit, project)] = list(table.projects())
    return unit, project


# -- forms ---------------------------------------------------------------------------------


def test_form_above_grid_gives_project_fields_money_unit_and_year(tmp_path):
    path = book(tmp_path / "form.xlsx", {"Sheet1": form_rows()}, {"Sheet1": ["B3:D3", "B9:D9"]})
    table = read_table(path)
    unit, project = only(table)
    assert (unit.name, project.name, table.department) == ("某中心", "示例项目", "某局")
    assert project.goal == "完成示例任务。" and project.term == "2021年1月-2021年12月"
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (120000, 100000, 20000)
    assert project.extra["主管部门"] == "某局" and project.extra["实施期限"] == "2021年1月-2021年12月"
    assert (table.money_unit, table.budget_year, table.value_sides) == ("元", 2021, "annual")
    assert [i.name for i in project.indicators] == ["培训场次", "培训人数", "合格率", "学员满意度"]
    second = project.indicators[1]
    assert (second.level1.raw, second.level2.raw, second.annual_value, second.period_value) == ("产出指标", "数量指标", "≥100人", None)
    assert second.field_cells["level2"] == "B11"  # the cell the carried label stands in
    assert table.issues == []


def test_annual_goal_preferred_and_period_goal_kept(tmp_path):
    rows = [["项目名称", "甲项目"], ["实施期绩效目标", "三年内完成。"], ["本年度绩效目标", "今年完成一半。"], GRID,
            ["产出指标", "数量指标", "完成数", "1个"]]
    _, project = only(read_table(book(tmp_path / "g.xlsx", {"Sheet1": rows})))
    assert project.goal == "今年完成一半。" and project.extra["实施期绩效目标"] == "三年内完成。"


def test_values_below_their_labels(tmp_path):
    rows = [["项目名称", "主管部门", "实施单位", "起止时间"], ["乙项目", "某局", "乙中心", "2022.03-2022.12"], GRID,
            ["产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "below.xlsx", {"Sheet1": rows}))
    unit, project = only(table)
    assert (unit.name, project.name, project.term, table.department) == ("乙中心", "乙项目", "2022.03-2022.12", "某局")
    assert table.issues == []


def test_stacked_forms_are_projects_and_label_colon_value_cells(tmp_path):
    rows = form_rows("甲项目") + [["编制说明：以上内容据实填写（盖章）"]] + form_rows("乙项目", unit="另一中心")
    rows.append(["项目名称：丙项目"])
    rows += [GRID, ["产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "stack.xlsx", {"Sheet1": rows}))
    assert [(u.name, p.name, len(p.indicators)) for u, p in table.projects()] == [
        ("某中心", "甲项目", 4), ("另一中心", "乙项目", 4), ("另一中心", "丙项目", 1)]
    assert table.issues == []


GOAL = "2025年完成示例任务200项，验收合格率98%以上，服务对象满意度90%以上，项目"


def stacked_form(name: str, goal: str) -> list[list]:
    """A 申报表 whose grid has a side-label column (绩效指标) and whose goal row starts with
    the block heading 绩效目标, as stacked under the previous form's grid."""
    return [["项目支出绩效目标申报表"], ["（2025年度）"], ["项目名称", name], ["主管部门", "某局", "实施单位", "某中心"],
            ["项目资金（万元）", "年度资金总额", 90], ["绩效目标", "年度目标", goal],
            ["绩效指标", *GRID], [None, "产出指标", "数量指标", "完成数", "1个"]]


def test_stacked_forms_keep_each_goal_and_year_line(tmp_path):
    rows = stacked_form("甲项目", GOAL + "甲。") + [[], []] + stacked_form("乙项目", GOAL + "乙。") + stacked_form("丙项目", GOAL + "丙。")
    goals = [n for n, r in enumerate(rows, 1) if r and r[0] == "绩效目标"]  # merged as printed
    merges = [f"C{n}:E{n}" for n in goals] + [f"A{n + 1}:A{n + 2}" for n in goals]
    table = read_table(book(tmp_path / "stack.xlsx", {"Sheet1": rows}, {"Sheet1": merges}))
    assert [(p.name, p.goal, len(p.indicators)) for _, p in table.projects()] == [
        ("甲项目", GOAL + "甲。", 1), ("乙项目", GOAL + "乙。", 1), ("丙项目", GOAL + "丙。", 1)]
    assert table.issues == [] and table.budget_year == 2025


def test_a_heading_in_a_grid_column_does_not_make_a_form_row(tmp_path):
    """Only a heading in a column outside the grid may stand before a form label: a row
    whose first grid cell is content stays an indicator."""
    rows = [["项目名称", "甲项目"], GRID, ["产出指标", "数量指标", "完成数", "1个"],
            [None, "时效指标", "实施期限", "12月底前"]]
    _, project = only(read_table(book(tmp_path / "g.xlsx", {"Sheet1": rows})))
    assert [i.name for i in project.indicators] == ["完成数", "实施期限"]


def test_form_without_project_name_still_one_project_and_an_issue(tmp_path):
    rows = form_rows(name=None)
    table = read_table(book(tmp_path / "noname.xlsx", {"食品安全": rows}))
    _, project = only(table)
    assert project.name == "食品安全" and len(project.indicators) == 4
    [issue] = table.issues
    assert issue.kind == "missing-project-name" and "项目名称" in issue.detail
    findings = lint_tables([table], Settings(select=["PRS006"])).findings
    assert [f.code for f in findings] == ["PRS006"]


def test_form_labels_extend_in_config(tmp_path):
    rows = [["资金项目", "丁项目"], ["本年绩效目标", "完成。"], GRID, ["产出指标", "数量指标", "完成数", "1个"]]
    path = book(tmp_path / "local.xlsx", {"Sheet1": rows})
    with pytest.raises(InputError, match="form-labels"):
        read_table(path)
    settings = settings_from_mapping({"form-labels": {"project": ["资金项目"], "年度目标": ["本年绩效目标"]}}, None)
    _, project = only(read_table(path, settings=settings))
    assert (project.name, project.goal) == ("丁项目", "完成。")


def test_department_title_block_is_not_a_project_form(tmp_path):
    rows = [["部门名称：某局 单位：万元"], ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"],
            ["甲项目", "产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "dept.xlsx", {"Sheet1": rows}))
    assert [p.name for _, p in table.projects()] == ["甲项目"] and table.department == "某局"
    assert table.money_unit == "万元" and table.issues == []


# -- value columns and sides ----------------------------------------------------------------


@pytest.mark.parametrize("label, side", [
    ("指标值", "annual"), ("年度指标值", "annual"), ("本年度指标值", "annual"), ("年度预期指标值", "annual"),
    ("预期值", "annual"), ("目标值", "annual"), ("指标值及单位", "annual"), ("指标值（包含数字及文字描述）", "annual"),
    ("实施周期指标值", "period"), ("中期指标值", "period"), ("实施期指标值", "period"),
])
def test_a_lone_value_column_is_annual_unless_marked_period(tmp_path, label, side):
    path = tmp_path / "v.csv"
    path.write_text(f"项目名称,一级指标,二级指标,三级指标,{label}\n甲项目,产出指标,数量指标,完成数,1个\n", encoding="utf-8")
    table = read_table(path)
    [(_, _, ind)] = list(table.indicators())
    assert table.value_sides == side
    assert (ind.annual_value if side == "annual" else ind.period_value) == "1个"
    assert (ind.period_value if side == "annual" else ind.annual_value) is None


def test_group_label_above_marks_the_side(tmp_path):
    rows = [["项目名称", "甲项目"], [None, None, None, "实施期目标"], GRID, ["产出指标", "数量指标", "完成数", "3个"]]
    table = read_table(book(tmp_path / "grp.xlsx", {"Sheet1": rows}))
    [(_, _, ind)] = list(table.indicators())
    assert (table.value_sides, ind.period_value, ind.annual_value) == ("period", "3个", None)


def test_side_by_side_grids_with_group_row(tmp_path):
    rows = [["项目名称", "甲项目"],
            [None, "中期目标", None, None, "年度目标"],
            ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "鉴定仪器", "≥57个", "数量指标", "鉴定仪器", "≥20个"],
            [None, None, "购买试剂", "≥100个", None, "购买试剂", "≥40个"]]
    table = read_table(book(tmp_path / "grid2.xlsx", {"Sheet1": rows}, {"Sheet1": ["B2:D2", "E2:G2"]}))
    inds = [i for *_, i in table.indicators()]
    assert [(i.name, i.level2.raw, i.period_value, i.annual_value) for i in inds] == [
        ("鉴定仪器", "数量指标", "≥57个", "≥20个"), ("购买试剂", "数量指标", "≥100个", "≥40个")]
    assert table.value_sides == "both"


def test_side_by_side_grids_without_group_row_left_is_period(tmp_path):
    path = tmp_path / "luan.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值,二级指标,三级指标,指标值\n"
                    "甲项目,产出指标,数量指标,鉴定仪器,≥57个,数量指标,鉴定仪器,≥20个\n", encoding="utf-8")
    [(_, _, ind)] = list(read_table(path).indicators())
    assert (ind.period_value, ind.annual_value) == ("≥57个", "≥20个")


def test_two_row_header_with_sub_labels_under_value(tmp_path):
    rows = [["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "指标值", None, "指标标准或依据"],
            [None, None, None, "2021年实际", "预期2022年"],
            ["产出指标", "数量指标", "培训人次", "250人次", "280人次", "计划"]]
    table = read_table(book(tmp_path / "sub.xlsx", {"Sheet1": rows}, {"Sheet1": ["D2:E2"]}))
    [(_, _, ind)] = list(table.indicators())
    assert (ind.annual_value, ind.period_value) == ("280人次", None)
    assert ind.extra == {"实际完成值": "250人次", "指标解释": "计划"}
    assert table.budget_year is None  # years in header labels are not the title's


def test_typed_columns_compose_the_value(tmp_path):
    path = tmp_path / "typed.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,计算符号,目标值,度量单位,权重(%),指标方向性\n"
                    "甲项目,产出指标,数量指标,培训场次,≥,2,次,10,正向\n"
                    "甲项目,满意度指标,服务对象满意度指标,满意度,定性,高,,5,正向\n", encoding="utf-8")
    a, b = [i for *_, i in read_table(path).indicators()]
    assert a.annual_value == "≥2次" and a.extra["权重"] == "10" and a.extra["指标方向"] == "正向" and a.extra["指标性质"] == "≥"
    assert b.annual_value == "高"


def test_self_evaluation_columns_are_not_targets(tmp_path):
    path = tmp_path / "self.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n"
                    "甲项目,产出指标,数量指标,培训场次,≥2次,3次,10,10,无\n", encoding="utf-8")
    table = read_table(path)
    [(_, _, ind)] = list(table.indicators())
    assert (ind.annual_value, ind.period_value, table.value_sides) == ("≥2次", None, "annual")
    assert ind.extra == {"实际完成值": "3次", "权重": "10", "得分": "10", "偏差原因": "无"}


@pytest.mark.parametrize("label", ["指标内容", "三级指标内容", "指标名称"])
def test_name_column_synonyms(tmp_path, label):
    path = tmp_path / "n.csv"
    path.write_text(f"项目名称,一级指标,二级指标,{label},指标值,备注\n甲项目,产出指标,数量指标,完成数,1个,\n", encoding="utf-8")
    [(_, _, ind)] = list(read_table(path).indicators())
    assert ind.name == "完成数"


# -- continuation ----------------------------------------------------------------------------

HEAD = ["单位", "项目名称", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]


def test_rows_continue_on_a_page_sheet(tmp_path):
    sheets = {
        "表1": [HEAD, ["甲中心", "甲项目", "产出指标", "数量指标", "完成数", "2个", "1个"]],
        "表2": [[None, None, "效益指标", "社会效益指标", "受益人数", "≥200人", "≥100人"]],
        "Sheet3": [HEAD, [None, None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "≥90%"]],
    }
    table = read_table(book(tmp_path / "cont.xlsx", sheets))
    assert table.issues == []
    assert [(u.name, p.name, len(p.indicators)) for u, p in table.projects()] == [("甲中心", "甲项目", 3)]
    assert table._layout.sheets[1].continued


def test_a_sheet_named_after_a_unit_is_a_unit(tmp_path):
    head = HEAD[1:]
    sheets = {"甲中心": [head, ["甲项目", "产出指标", "数量指标", "完成数", "2个", "1个"]],
              "乙中心": [head, ["乙项目", "产出指标", "数量指标", "完成数", "2个", "1个"]]}
    table = read_table(book(tmp_path / "units.xlsx", sheets))
    assert [(u.name, p.name) for u, p in table.projects()] == [("甲中心", "甲项目"), ("乙中心", "乙项目")]


def test_a_unit_column_beats_the_sheet_name(tmp_path):
    sheets = {"甲中心": [HEAD, ["丙中心", "甲项目", "产出指标", "数量指标", "完成数", "2个", "1个"]],
              "乙中心": [HEAD, ["丙中心", "乙项目", "产出指标", "数量指标", "完成数", "2个", "1个"]]}
    table = read_table(book(tmp_path / "col.xlsx", sheets))
    assert [u.name for u in table.units] == ["丙中心"]


def test_level1_printed_mid_block_is_taken_for_the_rows_above(tmp_path):
    path = tmp_path / "mid.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "甲项目,,数量指标,培训人次,280人次\n"
                    ",,,授课人次,25人次\n"
                    ",产出指标,,开设课程数量,220门\n"
                    ",,质量指标,培训完成率,100%\n"
                    ",,经济效益指标,节约成本,≥10万元\n"
                    ",效益指标,,带动就业,≥10人\n"
                    ",满意度指标,服务对象满意度指标,学员满意度,≥95%\n", encoding="utf-8")
    inds = [i for *_, i in read_table(path).indicators()]
    assert [(i.level1.raw, i.level2.raw) for i in inds] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("效益指标", "经济效益指标"), ("效益指标", "经济效益指标"), ("满意度指标", "服务对象满意度指标")]
    assert [i.extra.get("一级指标来源") for i in inds] == ["推断", "推断", None, None, "推断", None, None]
    assert inds[0].field_cells["level1"] == "B4"


def test_level1_missing_on_first_rows_stays_empty_with_a_trace(tmp_path):
    path = tmp_path / "none.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "甲项目,,,新增产业数量,≥1个\n"
                    ",,时效指标,开工时限,2021年7月\n", encoding="utf-8")
    inds = [i for *_, i in read_table(path).indicators()]
    assert [(i.level1.raw, i.level2.raw, i.extra["一级指标来源"]) for i in inds] == [("", "", "未注明"), ("", "时效指标", "未注明")]


def test_carried_level1_that_fits_is_kept_silently(tmp_path):
    path = tmp_path / "fit.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "甲项目,产出指标,数量指标,完成数,1个\n"
                    ",,时效指标,完成时间,2021年12月\n", encoding="utf-8")
    inds = [i for *_, i in read_table(path).indicators()]
    assert [(i.level1.raw, i.extra) for i in inds] == [("产出指标", {}), ("产出指标", {})]


# -- template rows, prefixes, stray rows -------------------------------------------------------


def test_empty_template_rows_are_one_info_per_project(tmp_path):
    path = tmp_path / "tpl.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "甲项目,产出指标,数量指标,指标1:完成数,1个\n"
                    ",效益指标,经济效益指标,,\n"
                    ",,社会效益指标,受益人数,≥100人\n"
                    ",,生态效益指标,,\n"
                    "乙项目,产出指标,数量指标,完成数,1个\n", encoding="utf-8")
    table = read_table(path)
    inds = [i for *_, i in table.indicators()]
    assert [i.name for i in inds] == ["指标1:完成数", "受益人数", "完成数"]  # prefixes stay as printed
    assert inds[1].level1.raw == "效益指标"  # the template row still carries its labels down
    [issue] = table.issues
    assert (issue.kind, issue.text, issue.project) == ("unused-category", "经济效益指标、生态效益指标", "甲项目")
    [f] = lint_tables([table], Settings(select=["PRS005"])).findings
    assert (f.code, f.severity, f.project) == ("PRS005", "info", "甲项目")


def test_stray_text_under_a_grid_is_reported_but_footers_are_not(tmp_path):
    rows = form_rows() + [["单位负责人（签字）：", None, "填报日期：   年  月  日"], [None, None, None, None, "这一行没有归属"]]
    table = read_table(book(tmp_path / "foot.xlsx", {"Sheet1": rows}))
    [issue] = table.issues
    assert issue.kind == "unplaced-line" and issue.source.cell == "E16"


def test_header_without_any_project_says_what_was_found(tmp_path):
    path = tmp_path / "nop.csv"
    path.write_text("说明\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,完成数,1个\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_table(path)
    msg = str(exc.value)
    assert "第 2 行找到表头（一级指标…指标值）" in msg and "项目名称" in msg and "form-labels" in msg


def test_a_notes_sheet_is_not_a_continuation(tmp_path):
    sheets = {"表1": [HEAD, ["甲中心", "甲项目", "产出指标", "数量指标", "完成数", "2个", "1个"]],
              "填表说明": [["1. 指标值应可衡量。"], ["2. 金额单位为万元。"]]}
    table = read_table(book(tmp_path / "notes.xlsx", sheets))
    assert table.issues == [] and table.counts()["indicators"] == 1
    assert [s.layout for s in table._layout.sheets] == ["row table", "none"]


def test_unused_categories_once_per_project_across_sheets(tmp_path):
    sheets = {"表1": [HEAD, ["甲中心", "甲项目", "产出指标", "数量指标", "完成数", "2个", "1个"],
                     [None, None, "效益指标", "经济效益指标", None, None, None]],
              "表2": [[None, None, None, "生态效益指标", None, None, None],
                     [None, None, None, "社会效益指标", "受益人数", "≥200人", "≥100人"]]}
    table = read_table(book(tmp_path / "tpl2.xlsx", sheets))
    [issue] = table.issues
    assert (issue.kind, issue.text) == ("unused-category", "经济效益指标、生态效益指标")
    assert table.counts()["indicators"] == 2


def test_a_name_that_looks_like_a_title_is_still_an_indicator(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n甲项目,产出指标,数量指标,完成数,1个\n"
                    ",,,绩效目标表编制完成率,\n", encoding="utf-8")
    assert [i.name for *_, i in read_table(path).indicators()] == ["完成数", "绩效目标表编制完成率"]


def test_department_wide_table_needs_no_project_name(tmp_path):
    rows = [["部门整体支出绩效目标表"], ["基本信息", "部门名称", "某林业局"], ["年度绩效目标", "*年度绩效总目标", "保障运行。"],
            ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"], ["产出指标", "数量指标", "保障人数", "=", "116", "人"]]
    table = read_table(book(tmp_path / "whole.xlsx", {"Sheet1": rows}))
    assert [(u.name, p.name, p.goal) for u, p in table.projects()] == [("某林业局", "某林业局", "保障运行。")]
    assert table.issues == []


def test_project_form_without_a_name_label_is_reported(tmp_path):
    rows = [["项目支出绩效目标表"], ["实施单位", "某中心"], ["年度目标", "完成。"], GRID, ["产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "nolabel.xlsx", {"Sheet1": rows}))
    assert [p.name for _, p in table.projects()] == ["nolabel"]
    [issue] = table.issues
    assert issue.kind == "missing-project-name" and "没有“项目名称”标签" in issue.detail


def test_goal_labels_right_above_the_header_are_a_form_row(tmp_path):
    goal = "通过项目实施，建成养殖场一处，带动农户增收，改善聚居村生产条件，巩固脱贫成果。"
    rows = [["项目名称", "甲项目"], ["总 体 目 标", "年度目标", goal], ["绩 效 指 标", *GRID], [None, "产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "wuchuan.xlsx", {"Sheet1": rows}))
    _, project = only(table)
    assert project.goal == goal and "总体目标" not in project.extra  # the header below is not its value
    assert table._layout.sheets[0].headers[0]["rows"] == [3, 3]


def test_a_repeated_indicator_on_a_page_sheet_is_kept(tmp_path):
    head = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    sheets = {"表1": [head, ["甲项目", "产出指标", "数量指标", "完成数", "1个"]],
              "表2": [[None, "产出指标", "数量指标", "完成数", "2个"]]}
    table = read_table(book(tmp_path / "dup.xlsx", sheets))
    assert [i.annual_value for *_, i in table.indicators()] == ["1个", "2个"]


def test_a_form_with_only_a_unit_still_gives_its_project(tmp_path):
    rows = [["实施单位", "某中心"], GRID, ["产出指标", "数量指标", "完成数", "1个"]]
    table = read_table(book(tmp_path / "unitonly.xlsx", {"Sheet1": rows}))
    assert [(u.name, p.name) for u, p in table.projects()] == [("某中心", "unitonly")]
    assert [i.kind for i in table.issues] == ["missing-project-name"]


# -- form details found on the real province tables (each a false alarm before) ---------------


def test_parts_after_a_period_total_belong_to_the_period(tmp_path):
    # 中期资金总额 / 其中：财政拨款 / 其他资金, then the same for the year: the project's
    # amounts are the year's, and its parts are the year's parts (no ARI001)
    rows = form_rows()
    rows[4:7] = [
        ["项目资金", "中期资金总额", 68.5, None],
        [None, "其中：财政拨款", 68.5, None],
        [None, "其他资金", 0, None],
        [None, "年度资金总额", 51.35, None],
        [None, "其中：财政拨款", 51.35, None],
        [None, "其他资金", 0, None],
    ]
    _, project = only(read_table(book(tmp_path / "f.xlsx", {"Sheet1": rows})))
    assert tuple(map(str, (project.amounts.total, project.amounts.fiscal, project.amounts.other))) == ("51.35", "51.35", "0")
    assert project.extra["中期资金总额"] == "68.5"


def test_a_lone_share_is_not_the_funding_split(tmp_path):
    # "项目金额 164万元 | 其中：当年市级财政资金 132万元" with no 其他资金 slot: one share of
    # the money, not total = sum of parts
    rows = form_rows()
    rows[4:7] = [["项目金额", "164万元", "其中：当年市级财政资金", "132万元"]]
    table = read_table(book(tmp_path / "f.xlsx", {"Sheet1": rows}))
    _, project = only(table)
    assert project.amounts.total == 164 and project.amounts.parts == []
    assert not [f for f in lint_tables([table], Settings(select=["ARI"])).findings]
    # with an 其他资金 slot, the parts are the split and must add up
    rows = form_rows()
    rows[5][2] = 90000
    table = read_table(book(tmp_path / "g.xlsx", {"Sheet1": rows}))
    assert [f.code for f in lint_tables([table], Settings(select=["ARI001"])).findings] == ["ARI001"]


def test_an_empty_slot_does_not_take_the_next_label_rows_value(tmp_path):
    # 其他资金 is blank; the row below is 总体目标 | <goal>: that text is the goal, not the money
    rows = form_rows()
    rows[6] = [None, "其他资金", None, None]
    rows[8] = ["总体目标", "完成全县农村饮水工程500处。", None, None]
    _, project = only(read_table(book(tmp_path / "f.xlsx", {"Sheet1": rows}, {"Sheet1": ["C7:D7", "B9:D9"]})))
    assert project.goal == "完成全县农村饮水工程500处。"
    assert project.amounts.other is None


def test_a_goal_row_above_the_header_is_not_a_header_row(tmp_path):
    # 总体目标 | 年度目标 | <short goal text> right above the grid's labels: a form row; the
    # side label 绩效指标 is not a goal column, and a 注：footnote is layout, not data
    rows = form_rows()
    rows[8] = ["总体目标", "年度目标", "完成主体工程70%", None]
    rows[9] = ["绩效指标", *GRID]
    rows[10:] = [[None, *r] for r in rows[10:]]
    rows.append(["注：各地请根据实际情况，从上述绩效指标中选择适合的填报。"])
    table = read_table(book(tmp_path / "f.xlsx", {"Sheet1": rows}))
    _, project = only(table)
    assert project.goal == "完成主体工程70%"
    assert len(project.indicators) == 4 and not table.issues
