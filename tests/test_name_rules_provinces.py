"""Name rules (template leftovers in indicator names) on the 19 other-province tables and the
sample: exact findings per table, so every false alarm removed stays removed and every
template leftover stays found."""

from collections import Counter

import pytest

from conftest import FIXTURES, SAMPLE
from linter.api import lint_paths
from linter.config import Settings

PROVINCES = sorted((FIXTURES / "provinces").glob("*.xlsx"))
CODES = ["CMP010", "CMP011", "CMP012"]


@pytest.fixture(scope="module")
def findings():
    paths = [str(p) for p in PROVINCES] + [str(SAMPLE)]
    return lint_paths(paths, Settings(select=CODES), jobs=1).findings


def names(findings, code):
    return Counter((f.file.split("/")[-1].split("_")[0], f.indicator_name) for f in findings if f.code == code)


def test_placeholders_in_names(findings):
    found = names(findings, "CMP011")
    assert found == Counter({
        ("anhui-jinzhai", "指标1:项目总成本(≤**万元)"): 1,
        ("anhui-jinzhai", "指标1:清算8个安置小区本年度物业费和历史的遗留物业费(≥**%)。"): 1,
        ("anhui-jinzhai", "指标1:小区居民满意度(≥**%)"): 1,
        ("hunan-hengyang-nanyue", "贫困地区旅游景点开发数量( ≥**个 )"): 1,
        ("hunan-hengyang-nanyue", "贫困地区基础设施建设按期完成率(≥**%)"): 1,
        ("hunan-hengyang-nanyue", "乡村旅游带动增加贫困村收入(≥**万元)"): 1,
        ("hunan-hengyang-nanyue", "乡村旅游带动增加贫困人口收入(≥**万元)"): 1,
        ("hunan-hengyang-nanyue", "贫困地区乡村旅游开发景点接待游客数量(≥**人)"): 1,
        ("hunan-hengyang-nanyue", "受益建档立卡贫困人口数≥**人"): 1,
        ("hunan-hengyang-nanyue", "旅游行业经营主体满意度(≥**%)"): 1,
        ("hunan-hengyang-nanyue", "参与旅游扶贫项目贫困群众满意度(≥**%)"): 1,
        ("hunan-hengyang-nanyue", "旅游区居民满意度(≥**%)"): 1,
        ("hunan-hengyang-nanyue", "游客满意度(≥**%)"): 1,
        ("ningxia-guyuan-yuanzhou", "苗木成活率(≥**%)"): 1,
        ("ningxia-guyuan-yuanzhou", "项目总投入(≥**万元)"): 1,
    })
    # not flagged: units in brackets (实施营造林总面积(亩), 服务对象满意度（%）), 项目(工程)验收合格率
    f = next(f for f in findings if f.indicator_name == "苗木成活率(≥**%)")
    assert f.severity == "warning" and f.field == "name" and f.project and "「(≥**%)」" in f.message


def test_numbering_in_names(findings):
    found = names(findings, "CMP010")
    jinzhai = [n for (table, n) in found if table == "anhui-jinzhai"]
    assert len(jinzhai) == 9 and all(n.startswith("指标1:") for n in jinzhai)
    assert sorted(n for (table, n) in found if table == "shaanxi-baoji-chencang") == [
        "指标1:工程验收合格率", "指标1:新建堤防、护岸长度", "指标2:灌区节水改造面积",
        "指标3:农村饮水工程覆盖服务人口数", "指标4:中小河流治理问道长度",
    ]
    assert ("hunan-hengyang-nanyue", "*贫困地区旅游基础设施建设质量达标率100%") in found
    assert ("guangzhou-housing-bureau-targets.txt", "00-投诉有效处理率") in found
    assert sum(found.values()) == 16  # 12345热线办结率 (sample) is not a number prefix


def test_category_labels_and_amounts_as_names(findings):
    assert names(findings, "CMP012") == Counter({
        ("guangzhou-housing-bureau-targets.txt", "产出数量"): 1,
        ("guangzhou-housing-bureau-targets.txt", "社会效益指标"): 1,
        ("chongqing-banan-shengdengshan", "20万元"): 1,
    })
