"""Category frameworks (rules/vocab/frameworks.yaml, linter/frameworks.py): names, inference,
and the category rules on real tables from other provinces (tests/fixtures/flat)."""

from pathlib import Path

import pytest

from linter import frameworks as fw
from linter.api import lint_tables
from linter.config import Settings, settings_from_mapping
from linter.errors import ConfigError
from linter.model import Category, Indicator, Project, Table, Unit
from linter.readers import read_table

FLAT = Path(__file__).parent / "fixtures" / "flat"
# the flat copies label their one value column 指标值/目标值/…, and some name columns 指标内容
SYNONYMS = {"annual_value": ["指标值", "目标值", "指标值及单位", "指标值(包含数字及文字描述)"], "name": ["指标内容", "三级指标内容"]}


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("数量指标 (必填硬性指标)", "数量"),
        ("成本指标(0-20)分", "成本"),
        ("产出 指标", "产出"),
        ("11-数量指标", "数量"),
        ("社会公众或服务对象满意度指标", "社会公众或服务对象满意度"),
        ("经济效益…", "经济效益"),
    ],
)
def test_bare(printed, expected):
    assert fw.bare(printed) == expected


def test_meanings_across_frameworks():
    assert fw.level1_meanings("成本指标(0-20)分") == {"cost"}
    assert fw.level1_meanings("项目完成指标") == {"output"}
    assert fw.level1_meanings("影响指标") == frozenset()
    assert fw.level2_meanings("社会公众或服务对象满意度指标") == {"satisfaction"}
    assert fw.level2_meanings("生态环境成本指标") == {"cost"}
    assert fw.parent_meanings("社会公众或服务对象满意度指标") == {"benefit"}
    assert fw.parent_meanings("服务对象满意度指标") == {"satisfaction", "benefit"}
    assert fw.parent_meanings("经济成本指标") == {"output", "cost"}
    assert fw.parent_meanings("数量指标") == {"output"}


def test_truncated_label_matches_its_one_completion():
    f = fw.load()["fw2015"]
    assert f.find("数量指…", 2).meaning == "quantity"
    assert f.find("满意度指标…", 1).meaning == "satisfaction"
    assert f.find("社会…", 2) is None  # 社会效益 or 社会成本: not one


@pytest.mark.parametrize(
    "level1, level2, expected",
    [
        (["1-产出指标", "3-满意度指标"], ["11-数量指标", "31-服务对象满意度"], "fw2015"),
        (["产出指标", "效益指标"], ["数量指标", "社会公众或服务对象满意度指标"], "fw2013"),
        (["产出指标(40-50)分", "成本指标(0-20)分"], ["经济成本指标", "社会成本指标"], "fw2021"),
        (["项目完成指标", "项目效益指标", "满意度指标"], ["数量指标", "满意度指标"], "completion"),
        (["产出指标", "效益指标"], ["数量指标", "社会效益指标"], "fw2015"),  # a tie: file order
        (["影响指标"], ["进度指标"], None),
    ],
)
def test_infer(level1, level2, expected):
    assert fw.infer(level1, level2) == expected


def test_infer_pinned_wins_and_unknown_pin_is_ignored():
    assert fw.infer(["产出指标"], ["社会公众或服务对象满意度指标"], pinned="fw2015") == "fw2015"
    assert fw.infer(["产出指标"], ["社会公众或服务对象满意度指标"], pinned="nope") == "fw2013"


def _table(rows, **fields) -> Table:
    inds = [
        Indicator(number=i + 1, level1=Category(raw=a, name=a), level2=Category(raw=b, name=b), name=f"指标{i}")
        for i, (a, b) in enumerate(rows)
    ]
    return Table(units=[Unit(name="u", projects=[Project(name="p", indicators=inds)])], **fields)


def test_view_infers_once_and_records_the_framework():
    t = _table([("产出指标", "数量指标"), ("效益指标", "社会公众或服务对象满意度指标")])
    v = fw.view(t)
    assert t.framework == "fw2013" and fw.view(t) is v
    assert v.label("satisfaction", 2) == "社会公众或服务对象满意度指标"
    assert v.place("satisfaction") == "效益指标；社会公众或服务对象满意度指标"
    assert not v.foreign


def test_views_of_tables_in_turn_read_each_tables_own_names():
    """A table's names are read once for every set of frameworks (the last table kept)."""
    a = _table([("1-产出指标", "11-数量指标")])
    for _, _, ind in a.indicators():
        ind.level1, ind.level2 = Category(raw="1-产出指标", code="1", name="产出指标"), Category(raw="11-数量指标", code="11", name="数量指标")
    b = _table([("产出指标", "数量指标"), ("满意度指标", "服务对象满意度指标")], framework="fw2013")
    others = dict(fw.load())  # another set of frameworks: another view of the same table
    for table, coded, foreign in ((a, True, []), (b, False, ["满意度指标"]), (a, True, [])):
        for frameworks in (fw.load(), others):
            v = fw.TableView(table, frameworks)
            assert (v.coded, v.has_level1, v.has_level2, list(v.foreign)) == (coded, True, True, foreign)


def test_view_spells_a_coded_2015_table_with_codes():
    t = _table([("1-产出指标", "11-数量指标")])
    for _, _, ind in t.indicators():
        ind.level1, ind.level2 = Category(raw="1-产出指标", code="1", name="产出指标"), Category(raw="11-数量指标", code="11", name="数量指标")
    v = fw.view(t)
    assert v.coded and v.label("satisfaction", 2) == "31-服务对象满意度指标"
    assert v.place("cost") == "1-产出指标；14-成本指标"


def test_view_pinned_framework_and_mixed_names():
    t = _table([("产出指标", "数量指标"), ("满意度指标", "服务对象满意度指标")], framework="fw2013")
    v = fw.view(t)
    assert v.fw.key == "fw2013" and list(v.foreign) == ["满意度指标"]


def test_config_framework_key():
    assert settings_from_mapping({"framework": "fw2013"}, None).framework == "fw2013"
    with pytest.raises(ConfigError, match="fw2015"):
        settings_from_mapping({"framework": "fw1999"}, None)


def test_config_pin_reaches_the_rules():
    rows = [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
    pinned = lint_tables([_table(rows)], Settings(select=["CMP003"], framework="fw2013"))
    assert [f.fix.split("”")[0] for f in pinned.findings] == ["补充“效益指标；社会公众或服务对象满意度指标"]
    inferred = lint_tables([_table(rows)], Settings(select=["CMP003"]))
    assert [f.fix.split("”")[0] for f in inferred.findings] == ["补充“满意度指标；服务对象满意度指标"]


# --- real tables from other provinces ------------------------------------------------------

EXPECTED_FRAMEWORK = {
    "hubei-wuhan-qingshan_2020_bojiao-gaizao": "fw2013",  # 社会公众或服务对象满意度指标 under 效益
    "chongqing-fengjie_2023_jiagongyuan": "fw2021",  # 成本指标(0-20)分 as a level 1
    "sichuan-guangyuan-zhaohua_2021_tekun-jiating": "completion",  # 项目完成指标/项目效益指标
    "chongqing-tongnan-wugui_2023_cunganbu-buzhu": None,  # no category columns
    "chongqing-tongnan-wugui_2023_huizong-xiangmuku": None,
}
# Projects with no satisfaction indicator in the published excerpt: each excerpt stops (or the
# form ends) before any 满意度 block. Any other CMP003 would be a false alarm.
NO_SATISFACTION = {
    "anhui-luan_2024_nongchanpin-zhijian",  # truncated inside 产出
    "chongqing-fengjie_2023_jiagongyuan",  # fragment
    "henan-puyang_2021_danganguan-xiaofang",  # truncated inside 产出
    "hunan-hengyang-nanyue_2023_yulu-jihua",  # truncated inside 产出
    "jiangxi-jingdezhen-fuliang_2026_linyeju-zhengti",  # truncated inside 产出
    "neimenggu-huhehaote-wuchuan_2021_yangzhichang",  # truncated inside 产出
    # truncated at the 满意度 label: the row "满意度指标…" has no indicator, so it is an unused
    # template slot (PRS005), not a satisfaction indicator
    "ningxia-guyuan-yuanzhou_2022_shuiyuan-hanyanglin",
    "shaanxi-baoji-chencang_2020_shuili-fazhan",  # truncated inside 产出
    "shaanxi-yulin-qingjian_2021_guoyuanlu",  # truncated inside 效益
}
FILES = sorted(FLAT.glob("*.csv"))


@pytest.fixture(scope="module")
def linted():
    settings = Settings(column_synonyms=SYNONYMS, select=["COD", "CMP001", "CMP002", "CMP003", "FIT"])
    out = {}
    for path in FILES:
        table = read_table(path, None, settings)
        out[path.stem] = (table, lint_tables([table], settings).findings)
    return out


def test_fixtures_present():
    assert len(FILES) == 19


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_province_framework(linted, path):
    table, _ = linted[path.stem]
    assert table.framework == EXPECTED_FRAMEWORK.get(path.stem, "fw2015")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_province_level_names_are_accepted(linted, path):
    """No level name a real system prints is called unknown or misplaced; what remains is a
    blank category cell (merged cells the reader has not filled)."""
    _, findings = linted[path.stem]
    assert [f for f in findings if f.code in ("COD001", "COD002") and f.value] == []
    assert [f for f in findings if f.code in ("COD003", "COD004", "COD005")] == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_province_satisfaction(linted, path):
    _, findings = linted[path.stem]
    assert bool([f for f in findings if f.code == "CMP003"]) == (path.stem in NO_SATISFACTION)


def test_province_fit_findings(linted):
    """Every category-fit finding on the 19 tables, each a real misfiling. Not misfilings:
    Yueyang's 年增粮食 under 经济效益 (the national farmland template's own economic
    indicator), Nanyue's 接待游客数量 under 社会效益 (people reached: an effect) and Banan's
    改善了农民生产生活条件 under 经济效益 (an aim, not a measure: no category fits it)."""
    found = sorted((stem, f.code, f.indicator_name) for stem, (_, fs) in linted.items() for f in fs if f.code.startswith("FIT"))
    assert found == [
        ("anhui-luan_2024_nongchanpin-zhijian", "FIT009", "实验室仪器维修维护"),  # ≥4次 under 质量
        ("hunan-hengyang-nanyue_2023_yulu-jihua", "FIT003", "逾期发放率"),
    ]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_annual_only_tables_miss_no_period_value(linted, path):
    table, _ = linted[path.stem]
    table.value_sides = "annual"  # one value column, as the readers record it
    # PER001-005 compare the two sides; PER006 judges the annual value alone and may fire
    findings = lint_tables([table], Settings(select=["CMP001", "PER001", "PER002", "PER003", "PER004", "PER005"])).findings
    assert [f for f in findings if f.field == "period_value" or f.code.startswith("PER")] == []
    # an empty annual value is still reported
    assert all(f.field == "annual_value" for f in findings)
