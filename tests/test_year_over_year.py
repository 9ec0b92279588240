"""Year over year (--previous): the sample against edited copies of itself, matching, CLI,
reports. The edits are made here on the sample's text, so each planted change is visible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE
from linter.api import lint_paths
from linter.cli import main
from linter.config import Settings
from linter.model import Project, Table, Unit
from linter.previous import Ambiguous, ProjectMatch, YearPair
from linter.previous.names import masked

# Planted changes: (what the sample says, what "this year" says instead). Each old text occurs
# exactly once in the sample (checked by edited()).
RAISED = ("马庄巷地块选用珠光路拆迁安置房税费 200.00 200.00", "马庄巷地块选用珠光路拆迁安置房税费 260.00 260.00")
RENAMED = ("广州市住房保障办公室2023年广州市数字住房保\n障云平台项目 223.00 223.00",
           "广州市住房保障办公室2024年广州市数字住房保\n障云平台项目 300.00 300.00")
LOWERED = ("场地使用率；实施周期指标值:≥95%；年度指标值:≥95%", "场地使用率；实施周期指标值:≥90%；年度指标值:≥90%")
REMOVED = ("。4、3-满意度指标；\n31-服务对象满意度；企业投诉率；实施周期指标值:小于等于5%；年度指标值:小于等于5%。", "。")
PLANTED = (RAISED, RENAMED, LOWERED, REMOVED)


def edited(tmp_path: Path, changes, name: str = "this-year.txt") -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def yoy(this: Path | str, last: Path | str, **extra):
    settings = Settings(select=["year-over-year"], previous=Path(last), **extra)
    return lint_paths([str(this)], settings).findings


def summary(findings):
    return sorted((f.code, f.project, f.indicator, f.value if f.code != "YOY004" else f.value[:12], f.previous if f.code != "YOY004" else f.previous[:12])
                  for f in findings)


EXPECTED = sorted([
    # 马庄巷: money +30%, count targets (税费清缴数量 ≥10套 …) unchanged, goal copied
    ("YOY001", "马庄巷地块选用珠光路拆迁安置房税费", None, "260.00 万元", "200.00 万元"),
    ("YOY004", "马庄巷地块选用珠光路拆迁安置房税费", None, "通过开展完成该项目安置房", "通过开展完成该项目安置房"),
    # renamed 2023年 → 2024年 and money +34.5%: matched by the year shift
    ("YOY001", "广州市住房保障办公室2024年广州市数字住房保障云平台项目", None, "300.00 万元", "223.00 万元"),
    ("YOY004", "广州市住房保障办公室2024年广州市数字住房保障云平台项目", None, "通过开展广州市住房保障办", "通过开展广州市住房保障办"),
    # 场地使用率 ≥95% → ≥90% with the same money: one finding (the annual side)
    ("YOY002", "办公场地维护维修经费", 3, "≥90%", "≥95%"),
    # 企业投诉率 removed from the 抽检 project
    ("YOY003", "散装水泥及新墙材行业抽检经费", None, "企业投诉率", "企业投诉率：实施周期指标值 小于等于5%；年度指标值 小于等于5%"),
])


def test_planted_changes_give_exactly_the_planted_findings(tmp_path):
    findings = yoy(edited(tmp_path, PLANTED), SAMPLE)
    assert summary(findings) == EXPECTED
    lowered = next(f for f in findings if f.code == "YOY002")
    assert lowered.indicator_name == "场地使用率" and lowered.field == "annual_value"
    assert "≥ 95 % → ≥ 90 %" in lowered.message and "资金与去年相同" in lowered.message


def test_sample_against_itself_gives_none():
    assert yoy(SAMPLE, SAMPLE) == []


def test_without_previous_nothing_changes():
    assert lint_paths([str(SAMPLE)], Settings(select=["year-over-year"])).findings == []


def test_default_rules_against_itself_keep_the_sample_count():
    assert len(lint_paths([str(SAMPLE)], Settings(previous=SAMPLE)).findings) == 1145  # the sample's default total (tests/test_reports.py EXPECTED_TOTAL)


def test_xlsx_on_either_side(tmp_path):
    from linter.readers import read_table
    from linter.writers import WRITERS

    book = tmp_path / "last-year.xlsx"
    WRITERS[".xlsx"](read_table(SAMPLE), book)
    assert summary(yoy(edited(tmp_path, PLANTED), book)) == EXPECTED
    assert yoy(book, SAMPLE) == []


def test_ambiguous_rename_is_reported_not_guessed(tmp_path):
    # "2023-2024年运维" renamed "2024-2025年运维" (money up, a target lowered): the unit now has
    # two projects of that name and last year one; which is which cannot be told.
    old = "广州市散装水泥与建筑节能管理中心2023-2024\n年信息化运维项目\n\n18.44 18.44"
    new = "广州市散装水泥与建筑节能管理中心2024-2025\n年信息化运维项目\n\n30.00 30.00"
    lowered = ("系统故障率；实施周期指标值:小于等于5%；年度指标值:小于等于5%。4、3-满意度指标；\n31-服务对象满意度；桌面运维服务满意率；实施周期指标值:大于等于95%；年度指标值:大于等于95%。\n\n    广州市散装水泥与建筑节能管理中心2024-2025",
               "系统故障率；实施周期指标值:小于等于8%；年度指标值:小于等于8%。4、3-满意度指标；\n31-服务对象满意度；桌面运维服务满意率；实施周期指标值:大于等于95%；年度指标值:大于等于95%。\n\n    广州市散装水泥与建筑节能管理中心2024-2025")
    findings = yoy(edited(tmp_path, [(old, new), lowered]), SAMPLE)
    assert [(f.code, f.project, f.line) for f in findings] == [
        ("YOY005", "广州市散装水泥与建筑节能管理中心2024-2025年信息化运维项目", 1809),
        ("YOY005", "广州市散装水泥与建筑节能管理中心2024-2025年信息化运维项目", 1822),
    ]
    assert all("与今年的多个项目同样接近" in f.message for f in findings)


# -- matching ---------------------------------------------------------------------------

def _table(*names: str, unit: str = "甲单位", year: int | None = None) -> Table:
    return Table(units=[Unit(name=unit, projects=[Project(name=n) for n in names])], budget_year=year)


def _match(this: Table, last: Table, name: str):
    project = next(p for _, p in this.projects() if p.name == name)
    return YearPair(this, [last]).project(project)


def test_year_shift_follows_the_budget_years():
    last = _table("2022年老旧小区改造", "2023年老旧小区改造", year=2023)
    found = _match(_table("2024年老旧小区改造", year=2024), last, "2024年老旧小区改造")
    assert isinstance(found, ProjectMatch) and found.project.name == "2023年老旧小区改造" and found.how == "year"
    # a two-year gap between the tables: the name moves by two years
    found = _match(_table("2024年老旧小区改造", year=2024), _table("2022年老旧小区改造", year=2022), "2024年老旧小区改造")
    assert isinstance(found, ProjectMatch)
    # this year's 2022年 project is not last year's 2023年 one
    assert _match(_table("2022年老旧小区改造", year=2024), _table("2023年老旧小区改造", year=2023), "2022年老旧小区改造") is None


def test_other_numbers_and_units_keep_projects_apart():
    assert _match(_table("第二批老旧小区改造项目"), _table("第一批老旧小区改造项目"), "第二批老旧小区改造项目") is None
    assert _match(_table("老旧小区改造项目", unit="乙单位"), _table("老旧小区改造项目"), "老旧小区改造项目") is None
    # punctuation, width and spaces do not matter
    found = _match(_table("城维计划-城市路灯电费（2022-2024年）"), _table("城维计划—城市路灯电费 (2022-2024 年)"), "城维计划-城市路灯电费（2022-2024年）")
    assert isinstance(found, ProjectMatch) and found.how == "exact"


def test_close_names_tie_is_ambiguous():
    name = "物业管理工作奖励经费专项资金市级统筹部分"
    last = _table("越秀区" + name, "番禺区" + name)
    found = _match(_table(name), last, name)
    assert isinstance(found, Ambiguous) and len(found.candidates) == 2 and not found.claimed_by_several
    # below the threshold: a new project, not an ambiguous one
    assert _match(_table("物业管理工作奖励经费"), _table("越秀区物业管理工作奖励经费", "番禺区物业管理工作奖励经费"), "物业管理工作奖励经费") is None


def test_year_masking():
    assert masked("广州市2024年-2025年信息化运维项目")[:2] == ("广州市yy信息化运维项目".replace("yy", "YY"), (2024, 2025))
    assert masked("第二批老旧小区（2024年）改造")[2] == ("二",)


# -- command line and reports ------------------------------------------------------------

def run(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_text_json_sarif_html_github_carry_last_year(tmp_path, capsys):
    this = edited(tmp_path, PLANTED)
    code, out, _ = run(["check", this, "--previous", SAMPLE, "--select", "YOY002"], capsys)
    assert code == 0  # warnings only; default fail level is error
    assert "今年：≥90%；去年：≥95%" in out
    code, out, _ = run(["check", this, "--previous", SAMPLE, "--select", "year-over-year", "--format", "json"], capsys)
    doc = json.loads(out)
    assert sorted(f["previous"] for f in doc["findings"] if f["code"] == "YOY001") == ["200.00 万元", "223.00 万元"]
    code, out, _ = run(["check", this, "--previous", SAMPLE, "--select", "YOY002", "--format", "sarif"], capsys)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["properties"]["previous"] == "≥95%"
    code, out, _ = run(["check", this, "--previous", SAMPLE, "--select", "YOY002", "--format", "html"], capsys)
    assert "今年：≥90%；去年：≥95%" in out
    code, out, _ = run(["check", this, "--previous", SAMPLE, "--select", "YOY002", "--format", "github"], capsys)
    (line,) = [ln for ln in out.splitlines() if ln.startswith("::warning ")]
    assert "（今年：≥90%25；去年：≥95%25）（修改：" in line  # % escaped as the workflow-command spec says


def test_bad_previous_path_exits_2_with_one_line(tmp_path, capsys):
    code, out, err = run(["check", SAMPLE, "--previous", tmp_path / "missing.txt"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "去年的表格" in err and "不存在" in err


def test_previous_in_config_is_relative_to_the_config(tmp_path, capsys):
    folder = tmp_path / "tables"
    folder.mkdir()
    this = edited(folder, PLANTED)
    (tmp_path / "last").mkdir()
    (tmp_path / "last" / "2023.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "jxlint.toml"
    config.write_text('previous = "last"\nselect = ["year-over-year"]\n', encoding="utf-8")
    code, out, _ = run(["check", this, "--config", config, "--format", "json"], capsys)
    assert summary_json(json.loads(out)) == sorted((c, p) for c, p, *_ in EXPECTED)


def summary_json(doc):
    return sorted((f["code"], f["project"]) for f in doc["findings"])


def test_output_may_not_overwrite_last_year(tmp_path, capsys):
    last = tmp_path / "last.txt"
    last.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--previous", last, "--output", last], capsys)
    assert code == 2 and "拒绝写入" in err
    assert last.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


def test_parallel_workers_compare_with_last_year_too(tmp_path):
    this = edited(tmp_path, PLANTED)
    settings = Settings(select=["year-over-year"], previous=SAMPLE)
    findings = lint_paths([str(this), str(SAMPLE)], settings, jobs=2).findings
    assert summary(findings) == EXPECTED  # the unchanged copy adds nothing
    assert all(f.file == str(this) for f in findings)


# -- other provinces: the same table in two formats, and unrelated tables -------------------

PROVINCES = sorted((Path(__file__).resolve().parent / "fixtures" / "provinces").glob("*.xlsx"))


def test_other_provinces_workbook_against_its_csv_matches_everything_and_flags_nothing():
    from linter.readers import read_table

    for book in PROVINCES:
        this, last = read_table(book), read_table(book.with_suffix(".csv"))
        pair = YearPair(this, [last])
        for _, project in this.projects():
            assert isinstance(pair.project(project), ProjectMatch), book.name
            inds = pair.indicators(project)
            assert not inds.added and not inds.dropped and len(inds.pairs) == len(project.indicators), book.name
        assert yoy(book, book.with_suffix(".csv")) == [], book.name


def test_unrelated_tables_are_never_paired():
    from linter.readers import read_table

    tables = {book: read_table(book) for book in PROVINCES}
    sample = read_table(SAMPLE)
    for book, this in tables.items():
        others = [t for b, t in tables.items() if b != book] + [sample]
        pair = YearPair(this, others)
        assert [pair.project(p) for _, p in this.projects()] == [None] * len(list(this.projects())), book.name


def test_unreadable_last_year_names_last_year(tmp_path, capsys):
    broken = tmp_path / "2023.xlsx"
    broken.write_bytes(b"not a workbook")
    code, out, err = run(["check", SAMPLE, "--previous", broken], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("jxlint: 去年的表格：") and "2023.xlsx" in err
