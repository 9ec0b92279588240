"""No traps for rule authors (issue 14): mistakes in a local rule file are RuleErrors at load
that name the key and, for a misspelling, the key that was meant."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from linter.cli import main
from linter.rulekit import check_types
from linter.engine.schema import load_rule_file, load_rules
from linter.engine.templates import template_names
from linter.errors import RuleError
from linter.template_vars import check_vars, common_vars

BASE = yaml.safe_load((ROOT / "rules/value-format/FMT004-bare-percentage.yaml").read_text(encoding="utf-8"))


def local_rule(**changes) -> dict:
    """FMT004 as a local rule with its own code and name, changed as given."""
    data = {**BASE, "code": "LOC101", "name": "local-bare-percent", **changes}
    return {k: v for k, v in data.items() if v is not None}


def load(tmp_path, data: dict, name: str = "LOC101.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_rule_file(path)


def test_the_local_rule_used_below_loads(tmp_path):
    assert [r.code for r in load(tmp_path, local_rule())] == ["LOC101"]


# ---- unknown keys in test cases: a case that would test nothing
@pytest.mark.parametrize("case, where, meant", [
    ({"input": {"name": "审查率", "period_valu": "90%"}}, "tests.flag.0.input.period_valu", "period_value"),
    ({"input": {"name": "审查率", "annual_value": "90%", "project": {"nmae": "某项目"}}}, "tests.flag.0.input.project.nmae", "name"),
    ({"input": {"name": "审查率", "annual_value": "90%", "others": [{"name": "x", "anual_value": "1个"}]}},
     "tests.flag.0.input.others.0.anual_value", "annual_value"),
    ({"input": {"name": "审查率", "annual_value": "90%", "table": {"budget_yaer": 2023}}}, "tests.flag.0.input.table.budget_yaer", "budget_year"),
])
def test_an_unknown_key_in_a_case_input_is_refused_at_load(tmp_path, case, where, meant):
    tests = {"flag": [case], "pass": BASE["tests"]["pass"]}
    with pytest.raises(RuleError) as err:
        load(tmp_path, local_rule(tests=tests))
    assert f"键 {where}: 未知的键" in str(err.value)
    assert f"是不是 {meant}？" in str(err.value)


def test_a_mapping_given_to_a_text_rule_is_refused(tmp_path):
    vag = yaml.safe_load((ROOT / "rules/vague-target/VAG001-vague-indicator-value.yaml").read_text(encoding="utf-8"))
    vag = {**vag, "code": "LOC102", "name": "local-vague", "tests": {"flag": [{"input": {"annual_value": "有效提升"}}], "pass": ["≥95%"]}}
    with pytest.raises(RuleError, match="tests.flag.0.input: 适用对象 indicator.period_value 的用例输入应为文本"):
        load(tmp_path, vag)


def test_every_builtin_case_input_uses_known_keys():
    assert len(load_rules()) >= 51  # loading checks every case input


# ---- a misspelt key: name the misspelling and what was meant, not "missing message"
@pytest.mark.parametrize("rename, error", [
    (("message", "mesage"), "键 mesage: 未知的键；是不是 message？"),
    (("summary", "sumary"), "键 sumary: 未知的键；是不是 summary？"),
])
def test_a_misspelt_top_level_key_says_did_you_mean(tmp_path, rename, error):
    data = local_rule()
    data[rename[1]] = data.pop(rename[0])
    with pytest.raises(RuleError) as err:
        load(tmp_path, data)
    assert error in str(err.value)
    assert "缺少此键" not in str(err.value).split("（")[0]


def test_a_misspelt_nested_key_says_did_you_mean(tmp_path):
    docs = dict(BASE["docs"])
    docs["waht"] = docs.pop("what")
    with pytest.raises(RuleError, match="键 docs.waht: 未知的键；是不是 what？"):
        load(tmp_path, local_rule(docs=docs))
    case = {"input": {"name": "审查率", "annual_value": "90%"}, "mesage_contains": "≥"}
    with pytest.raises(RuleError, match=r"键 tests.flag.0.mesage_contains: 未知的键；是不是 message_contains？"):
        load(tmp_path, local_rule(tests={"flag": [case], "pass": BASE["tests"]["pass"]}))


def test_a_misspelt_check_parameter_says_did_you_mean(tmp_path):
    with pytest.raises(RuleError, match="键 check.aspcet: 未知的参数（检查类型 value-format）；是不是 aspect？"):
        load(tmp_path, local_rule(check={"type": "value-format", "aspcet": "bare-percent"}))


def test_an_unknown_key_far_from_any_name_lists_no_guess(tmp_path):
    with pytest.raises(RuleError) as err:
        load(tmp_path, local_rule(colour="red"))
    assert "键 colour: 未知的键" in str(err.value) and "是不是" not in str(err.value)


# ---- jxlint test-rules on a folder: empty, or clashing with a built-in rule
def test_test_rules_on_an_empty_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["test-rules", str(tmp_path / "empty")]) == 2
    out, err = capsys.readouterr()
    assert "passed" not in out
    assert err.strip().startswith("jxlint: ") and "规则目录中没有规则文件" in err and len(err.strip().splitlines()) == 1


def test_test_rules_refuses_a_builtin_code_at_load(tmp_path, capsys):
    (tmp_path / "pack").mkdir()
    load(tmp_path / "pack", local_rule(code="VAG001"))
    assert main(["test-rules", str(tmp_path / "pack")]) == 2
    assert "规则编号 VAG001 已被内置规则 vague-indicator-value 使用" in capsys.readouterr().err
    (tmp_path / "pack" / "LOC101.yaml").unlink()
    load(tmp_path / "pack", local_rule(name="bare-percentage"))
    assert main(["test-rules", str(tmp_path / "pack")]) == 2
    assert "规则名 bare-percentage 已被内置规则 FMT004 使用" in capsys.readouterr().err


def test_test_rules_on_a_good_local_pack_passes(tmp_path, capsys):
    (tmp_path / "pack").mkdir()
    load(tmp_path / "pack", local_rule())
    assert main(["test-rules", str(tmp_path / "pack")]) == 0
    assert capsys.readouterr().out.strip() == f"{len(BASE['tests']['flag']) + len(BASE['tests']['pass'])} passed, 0 failed"


# ---- message variables, read from the code
def test_message_variables_cover_every_builtin_template():
    """Each built-in rule's {names} are among what its check type offers (read from code)."""
    types = check_types()
    for rule in load_rules():
        offered = set(common_vars()) | set(check_vars(types[rule.check.type]))
        used = set(template_names(rule.message)) | set(template_names(rule.fix))
        assert used <= offered, (rule.code, used - offered)


def test_message_variables_of_some_check_types():
    types = check_types()
    assert check_vars(types["pattern"]) == ["match", "family"]
    assert check_vars(types["arithmetic"]) == ["what", "stated", "sum", "diff", "n", "tolerance"]
    assert set(check_vars(types["value-pair"])) == {"period", "annual", "p_reading", "a_reading", "how", "p_unit", "a_unit", "why",
                                                     "side", "other", "other_side", "echo"}  # PER008 (value echoes the name)
    assert common_vars() == ("value", "field", "field_label", "unit", "project", "indicator", "indicator_name")


def test_the_check_type_reference_lists_the_variables():
    page = (ROOT / "docs/check-types.md").read_text(encoding="utf-8")
    assert "消息变量（message / fix 模板可用" in page and "`{tolerance}`" in page and "`{indicator_name}`" in page
