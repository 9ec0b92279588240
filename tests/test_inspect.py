"""`jxlint inspect`: how each file and sheet was understood, in text and JSON; an unreadable
file exits 2 with what was found, what was missing and which config key fixes it."""

import json

import openpyxl

from conftest import FIXTURES, SAMPLE
from linter.cli import main


def form_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in [
        ["项目支出绩效目标表（2022年度）"],
        ["金额单位：元"],
        ["项目名称", "甲项目", None, None],
        ["实施单位", "甲中心", None, None],
        ["年度目标", "完成任务。", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成数", "1个"],
        [None, "经济效益指标", None, None],
        [None, None, None, None, "游离的一行"],
    ]:
        ws.append(row)
    wb.save(path)
    return path


def test_inspect_text_names_layout_header_fields_and_counts(tmp_path, capsys):
    path = form_book(tmp_path / "form.xlsx")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "工作表「Sheet1」：表单 + 指标表格；单位 1，项目 1，指标 1，未归入的行 1" in out
    assert "表头 第 6 行" in out and "A 一级指标 → level1" in out and "D 指标值 → annual_value" in out
    assert "依据唯一指标值列（按年度）" in out
    assert "表单 项目名称 → project：甲项目 [B3]" in out and "表单 年度目标 → goal：完成任务。 [B5]" in out
    assert "金额单位：元；指标值：只有年度；预算年度：2022；类别框架：" in out
    assert "unused-category 1" in out


def test_inspect_json(tmp_path, capsys):
    path = form_book(tmp_path / "form.xlsx")
    assert main(["inspect", str(path), "--format", "json"]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    [sheet] = doc["sheets"]
    assert sheet["layout"] == "both" and sheet["headers"][0]["rows"] == [6, 6]
    assert [(c["column"], c["label"], c["field"]) for c in sheet["headers"][0]["columns"]] == [
        ("A", "一级指标", "level1"), ("B", "二级指标", "level2"), ("C", "三级指标", "name"), ("D", "指标值", "annual_value")]
    assert {f["field"]: f["value"] for f in sheet["form_fields"]} == {"project": "甲项目", "unit": "甲中心", "goal": "完成任务。"}
    assert (doc["money_unit"], doc["value_sides"], doc["budget_year"]) == ("元", "annual", 2022)
    assert doc["counts"] == {"units": 1, "projects": 1, "indicators": 1} and doc["unplaced"] == 1


def test_inspect_the_sample_in_every_format(capsys):
    files = [str(SAMPLE), str(FIXTURES / "formats" / "sample-merged.xlsx"), str(FIXTURES / "formats" / "sample.csv")]
    assert main(["inspect", *files, "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["counts"] for d in docs] == [{"units": 17, "projects": 276, "indicators": 1378}] * 3
    assert [d["value_sides"] for d in docs] == ["both"] * 3
    merged = docs[1]["sheets"][0]
    assert merged["layout"] == "row table" and merged["headers"][0]["rows"] == [2, 3]


def test_inspect_side_by_side_grids(capsys):
    path = FIXTURES / "provinces" / "anhui-luan_2024_nongchanpin-zhijian.xlsx"
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 组并列指标" in out and "→ period_value：依据分组标签" in out and "预算年度：2024" in out


def test_unreadable_file_exit_2_says_what_was_found(tmp_path, capsys):
    path = tmp_path / "nop.csv"
    path.write_text("一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,完成数,1个\n", encoding="utf-8")
    assert main(["inspect", str(path)]) == 2
    captured = capsys.readouterr()
    assert "无法读取" in captured.out
    assert "第 1 行找到表头（一级指标…指标值），但没有找到项目名称" in captured.err
    assert "form-labels" in captured.err and "Traceback" not in captured.err
    assert main(["check", str(path)]) == 2
    assert "没有找到项目名称" in capsys.readouterr().err
