"""Baselines and copied groups (issue 14): fixing one copy of a baselined group leaves the
rest known; a project newly copied into the group is new."""

import json

from linter.api import lint_paths
from linter.baseline import apply_baseline, load_baseline, write_baseline
from linter.config import Settings

from test_breakages import published

GOAL = "完成辖区老旧小区公共设施日常巡查维护，及时处置各类安全隐患，保障居民生活环境安全整洁有序。"
OWN = {"甲": "新建社区卫生服务站两处，配置基本诊疗设备并于年底前投入使用。",
       "乙": "编制全市地下管网普查成果图册一套，建立管网信息数据库并向社会公开查询接口。",
       "戊": "组织全区中小学校舍安全鉴定四十所，出具鉴定报告并建立校舍安全档案。"}
INDICATORS = [("1-产出指标", "11-数量指标", "巡查小区数", "≥10个", "≥10个"),
              ("3-满意度指标", "31-服务对象满意度", "居民满意度", "≥90%", "≥90%")]


def write(folder, names: list[str], fixed: tuple[str, ...] = ()) -> None:
    projects = [{"name": f"{n}街道设施维护经费", "amounts": [20, 20], "goal": OWN[n] if n in fixed else GOAL,
                 "indicators": INDICATORS} for n in names]
    (folder / "t.txt").write_text(published(projects), encoding="utf-8")


def dup(folder):
    return lint_paths([str(folder / "t.txt")], Settings(select=["DUP001"]), jobs=1).findings


def test_fixing_one_copy_keeps_the_rest_of_the_group_known(tmp_path):
    write(tmp_path, ["甲", "乙", "丙"])
    before = dup(tmp_path)
    assert [len(f.data["members"]) for f in before] == [3]
    write_baseline(before, tmp_path / "baseline.json")
    entries = load_baseline(tmp_path / "baseline.json")
    assert len(entries[0]["members"]) == 3

    write(tmp_path, ["甲", "乙", "丙"], fixed=("乙",))
    after = dup(tmp_path)
    assert [sorted(m["project"] for m in f.data["members"]) for f in after] == [["丙街道设施维护经费", "甲街道设施维护经费"]]
    assert after[0].logical_key() != before[0].logical_key()  # the group's own key changed
    result = apply_baseline(after, entries)
    assert (result.new, result.baselined, result.gone) == ([], 1, [])


def test_a_project_copied_into_a_baselined_group_is_new(tmp_path):
    write(tmp_path, ["甲", "乙", "丙"])
    write_baseline(dup(tmp_path), tmp_path / "baseline.json")
    write(tmp_path, ["甲", "乙", "丙", "丁"])
    result = apply_baseline(dup(tmp_path), load_baseline(tmp_path / "baseline.json"))
    assert [len(f.data["members"]) for f in result.new] == [4]
    assert result.baselined == 0 and len(result.gone) == 1


def test_an_unrelated_group_is_new(tmp_path):
    write(tmp_path, ["甲", "乙"])
    write_baseline(dup(tmp_path), tmp_path / "baseline.json")
    write(tmp_path, ["甲", "乙", "丙", "戊"], fixed=("甲", "乙"))  # 丙 and 戊 copy the goal now
    findings = dup(tmp_path)
    result = apply_baseline(findings, load_baseline(tmp_path / "baseline.json"))
    assert result.new == findings and len(findings) == 1


def test_members_must_be_a_list_of_strings(tmp_path):
    import pytest

    from linter.errors import InputError

    doc = {"tool": "jxlint", "version": 1, "count": 1,
           "entries": [{"key": "k", "code": "DUP001", "members": "abc"}]}
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="members"):
        load_baseline(tmp_path / "b.json")
