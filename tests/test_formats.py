"""Excel, CSV and YAML/JSON readers: the same content gives the same findings in every
format; header detection, merged cells, two header rows, the two-sheet layout; bad input."""

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE
from linter.api import lint_tables
from linter.cli import main
from linter.config import Settings
from linter.errors import InputError
from linter.readers import read_table

FORMATS = FIXTURES / "formats"
# sample.xls was written once with xlwt (not a dependency) from the parsed sample
ALL = ["sample-merged.xlsx", "sample-two-sheet.xlsx", "sample.xls", "sample.csv", "sample-gbk.csv", "sample.yaml", "sample.json"]


def keys(findings, project_level_only):
    """A finding without its location (file, line, cell) and without wording that quotes it."""
    out = []
    for f in findings:
        if project_level_only and f.project is None:
            continue  # unit and department totals exist only in the published layout
        out.append((f.code, f.unit, f.project, f.indicator, f.field, f.value))
    return sorted(out, key=repr)


@pytest.fixture(scope="module")
def sample_findings(sample_table):
    return lint_tables([sample_table], Settings()).findings


@pytest.mark.parametrize("name", ALL)
def test_same_findings_in_every_format(name, sample_findings):
    table = read_table(FORMATS / name)
    assert table.counts() == {"units": 17, "projects": 276, "indicators": 1378}
    assert table.issues == []
    model_shape = name.endswith((".yaml", ".json"))
    got = lint_tables([table], Settings()).findings
    assert keys(got, not model_shape) == keys(sample_findings, not model_shape)


def test_findings_point_at_cells():
    table = read_table(FORMATS / "sample-merged.xlsx")
    findings = lint_tables([table], Settings(select=["COD003"])).findings
    [f] = findings
    assert f.sheet == "绩效目标表" and f.cell and f.cell.startswith("I")  # the 一级指标 column
    assert f.location().endswith(f"绩效目标表!{f.cell}")


def test_two_sheet_layout_joins_period_and_annual():
    table = read_table(FORMATS / "sample-two-sheet.xlsx")
    ind = next(i for *_, i in table.indicators() if i.name == "重大安全事故次数" and i.annual_value is None)
    assert ind.period_value == "零次"
    assert ind.field_cells["period_value"].startswith("L")


def test_operator_and_unit_columns_compose_the_reading(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "实施周期指标值", "年度指标值", "计量单位"])
    ws.append(["示例项目", "完成示例任务。", "1-产出指标", "12-质量指标", "验收合格率", "≥", 90, 90, "%"])
    ws.append([None, None, "1-产出指标", "11-数量指标", "培训场次", "定性", "按计划完成", "按计划完成", None])
    path = tmp_path / "ops.xlsx"
    wb.save(path)
    table = read_table(path)
    first, second = table.units[0].projects[0].indicators
    assert first.period_value == "≥90%" and first.extra["指标性质"] == "≥"
    assert second.period_value == "按计划完成"


def test_column_synonyms_from_config(tmp_path, capsys):
    path = tmp_path / "local.csv"
    path.write_text("工程名称,考核目标,一级指标,二级指标,三级指标,全周期目标值,当年目标值\n"
                    "示例项目,完成示例任务。,1-产出指标,11-数量指标,培训场次,≥2次,≥2次\n", encoding="utf-8")
    with pytest.raises(InputError, match="没有找到表头"):
        read_table(path)
    (tmp_path / "jxlint.toml").write_text(
        '[column-synonyms]\n"项目名称" = ["工程名称"]\n"实施周期指标值" = ["全周期目标值"]\n'
        'annual_value = ["当年目标值"]\ngoal = ["考核目标"]\n', encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) in (0, 1)
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["indicators"] == 1


def test_mixed_formats_in_one_run_see_each_other(capsys):
    code = main(["check", str(SAMPLE), str(FORMATS / "sample.csv"), "--select", "DUP002", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and len(doc["files"]) == 2
    files = {m["file"] for f in doc["findings"] for m in f["data"]["members"]}
    assert files == {str(SAMPLE), str(FORMATS / "sample.csv")}


def test_directory_lints_every_supported_file(tmp_path, capsys):
    for name in ("sample.csv", "sample.yaml"):
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())
    (tmp_path / "notes.md").write_text("不是表格", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    main(["check", str(tmp_path), "--format", "json", "--select", "COD003"])
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert sorted(Path(f["path"]).name for f in doc["files"]) == ["sample.csv", "sample.yaml"]
    assert "跳过" in captured.err and "package.json" in captured.err


def test_input_format_override(tmp_path, capsys):
    path = tmp_path / "table.dat"
    path.write_bytes((FORMATS / "sample.csv").read_bytes())
    assert main(["check", str(path), "--input-format", "csv", "--select", "COD003"]) == 1
    capsys.readouterr()


def _bad(tmp_path, name, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, make, needle",
    [
        ("empty.xlsx", lambda p: b"", "为空"),
        ("fake.xlsx", lambda p: b"this is not a workbook at all", "不是有效的 .xlsx"),
        ("locked.xlsx", lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "加密"),
        ("corrupt.xlsx", lambda p: b"PK\x03\x04" + b"\x00" * 64, "不是有效的 .xlsx"),
        ("bad.yaml", lambda p: b"units: [\n", "YAML 语法错误"),
        ("fake.xls", lambda p: b"\xd0\xcf\x11\xe0 not really a workbook", "不是可读取的 .xls"),
        ("wrong.yaml", lambda p: b"units:\n  - projects: 3\n", "units.0"),
        ("other.json", lambda p: b'{"a": 1}', "不是 jxlint 的表格结构"),
        ("noheader.csv", lambda p: "a,b,c\n1,2,3\n".encode(), "没有找到表头"),
    ],
)
def test_bad_input_exit_2(tmp_path, capsys, name, make, needle):
    path = _bad(tmp_path, name, make(tmp_path))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and err.count("\n") == 1


def test_workbook_without_header_and_empty_sheet(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["随便", "写", "点"])
    wb.create_sheet("空表")
    path = tmp_path / "noheader.xlsx"
    wb.save(path)
    assert main(["check", str(path)]) == 2
    assert "没有找到表头" in capsys.readouterr().err


def test_formula_cell_and_stray_row_become_findings(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["项目名称", "总计", "财政拨款", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"])
    ws.append(["示例项目", "=C2", 30, "1-产出指标", "11-数量指标", "培训场次", "≥2次", "≥2次"])
    ws.append([None, None, None, None, None, None, None, None])
    ws.append([None, None, None, None, None, None, "说明：此行无归属", None])
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    main(["check", str(path), "--format", "json", "--select", "PRS"])
    doc = json.loads(capsys.readouterr().out)
    got = {(f["code"], f["cell"]) for f in doc["findings"]}
    assert ("PRS004", "B2") in got
    assert ("PRS001", "G4") in got


def _shape(schema: dict) -> dict:
    """The schema's structure (objects, their fields and required fields); the exact text
    differs between pydantic releases."""
    defs = {**schema.get("$defs", {}), "Table": schema}
    return {name: (sorted(d.get("properties", {})), sorted(d.get("required", []))) for name, d in defs.items()}


def test_json_schema_is_current():
    """Regenerate with: python -c "import json; from linter.model import Table; print(json.dumps(Table.model_json_schema(), ensure_ascii=False, indent=2))" > docs/schema/table.schema.json"""
    from linter.model import Table

    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "schema" / "table.schema.json").read_text(encoding="utf-8"))
    assert _shape(schema) == _shape(Table.model_json_schema())


def test_yaml_model_file_validates_against_schema():
    import jsonschema
    import yaml

    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "schema" / "table.schema.json").read_text(encoding="utf-8"))
    data = yaml.load((FORMATS / "sample.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # libyaml: 10× the pure-Python loader
    jsonschema.validate(data, schema)
