from decimal import Decimal

import pytest

from conftest import CLEAN, SAMPLE, indicator_at
from linter.errors import InputError
from linter.readers import read_table
from linter.readers.decode import decode_text
from linter.readers.published_text import read_published_text


def test_sample_counts(sample_table):
    assert sample_table.counts() == {"units": 17, "projects": 276, "indicators": 1378}
    assert sample_table.issues == []  # every line of the real table is placed


def test_sample_header(sample_table):
    assert sample_table.department == "广州市住房和城乡建设局"
    assert sample_table.money_unit == "万元"
    assert sample_table.total.figures == [Decimal("361319.40"), Decimal("361112.32"), Decimal("207.08")]
    assert sum(u.amounts.total for u in sample_table.units) == sample_table.total.total


def test_unit_headers(sample_table):
    lines = [u.source.line for u in sample_table.units]
    assert lines[:3] == [8, 1227, 1430]
    # A unit header glued to the end of an indicator paragraph, indented by one space.
    glued = next(u for u in sample_table.units if u.source.line == 1603)
    assert glued.amounts.total == Decimal("531.00")
    assert [p.source.line for p in glued.projects][:1] == [1605]
    three = next(u for u in sample_table.units if u.source.line == 2650)
    assert three.amounts.figures == [Decimal("12374.08"), Decimal("12167.00"), Decimal("207.08")]


@pytest.mark.parametrize(
    "line, name, total, goal_start",
    [
        (217, "白云国际机场扩建工程噪音区治理白云区治理项目安置区建设", "76602.00", "通过开展白云噪音安置区项目"),
        (232, "广州白云国际机场扩建工程第三跑道安置区二期项目", "13200.00", "通过开展广州白云国际机场扩建工程第三跑道"),
        (516, "以“绣花”功夫打造老旧小区成片连片改造示范区市补贴资金（越秀区）", "1012.00", "通过开展老旧小区成片连片改造项目"),
        (2127, "城维计划-城建项目征收补偿、管线迁改工作成本性支出", "1000.00", "通过开展该项工作"),
        (2498, "城维计划-城市路灯日常维护经费（2022-2024年）", "13000.00", "通过项目的实施"),
        (2721, "广州市房屋交易监管中心(广州市房地产租赁管理所)2024年-2025年信息化运维项目", "66.40", "通过对设备巡检"),
    ],
)
def test_wrapped_project_names(sample_table, line, name, total, goal_start):
    project = next(p for _, p in sample_table.projects() if p.source.line == line)
    assert project.name == name
    assert project.amounts.total == Decimal(total)
    assert project.goal.startswith(goal_start)


def test_indicator_fields(sample_table):
    _, project, ind = indicator_at(sample_table, 13)
    assert project.name == "越秀区物业管理工作奖励经费"
    assert ind.number == 1
    assert (ind.level1.code, ind.level1.name) == ("1", "产出指标")
    assert (ind.level2.code, ind.level2.name) == ("11", "数量指标")
    assert ind.name == "开展法规、政策的宣传培训，提高相关各方的法规、政策水平"
    assert ind.period_value == "一年不少于2次"
    assert ind.annual_value == "一年不少于2次"
    # the label "实施周期指标值:" ends line 13; the value itself starts on line 14
    assert ind.field_lines["period_value"] == 14 and ind.field_lines["annual_value"] == 14
    assert ind.source.line == 13 and ind.source.end_line == 14


def test_label_with_stray_space(sample_table):
    # "年度指标值 :≥10套" (line 26)
    _, _, ind = indicator_at(sample_table, 26)
    assert ind.name == "税费清缴数量"
    assert ind.annual_value == "≥10套"


def test_code_wrapped_across_lines(sample_table):
    # "...年度指标值:90%。2\n、1-产出指标；" (lines 69-70)
    _, project, ind = next((u, p, i) for u, p, i in sample_table.indicators() if i.source.line == 69 and i.number == 2)
    assert ind.level1.raw == "1-产出指标"
    assert ind.name == "住房保障家庭期满审查率"
    assert ind.source.end_line == 70


def test_missing_annual_value_line_1055(sample_table):
    missing = [(i.source.line, i.name) for _, _, i in sample_table.indicators() if i.annual_value is None]
    assert missing == [(1055, "重大安全事故次数")]
    _, _, ind = indicator_at(sample_table, 1055)
    assert ind.period_value == "零次"


def test_page_footer_is_not_content(sample_table):
    texts = [p.goal for _, p in sample_table.projects()] + [i.raw for *_, i in sample_table.indicators()]
    assert not any("第 12 页" in t or "共 34 页" in t for t in texts)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings(tmp_path, encoding):
    text = CLEAN.read_text(encoding="utf-8")
    path = tmp_path / f"table-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.counts() == {"units": 1, "projects": 2, "indicators": 8}
    assert table.units[0].projects[0].name == "住房保障资格审核工作经费"


def test_sample_reads_as_gbk(tmp_path):
    path = tmp_path / "sample-gbk.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert read_table(path).counts() == {"units": 17, "projects": 276, "indicators": 1378}


def test_binary_is_rejected():
    with pytest.raises(InputError, match="二进制"):
        decode_text(b"PK\x03\x04\x00\x00binary", "x.bin")


def test_unplaced_lines_become_issues():
    text = CLEAN.read_text(encoding="utf-8").replace("第 1 页，共 1 页", "这一行没有归属")
    table = read_published_text(text, "t.txt")
    assert [(i.kind, i.text) for i in table.issues] == [("unplaced-line", "这一行没有归属")]
    assert table.counts()["indicators"] == 8


def test_indicators_before_any_project_are_kept_as_issues():
    indicator = "1、1-产出指标；11-数量指标；数量；实施周期指标值:1个；年度指标值:1个。\n"
    text = f"部门名称：某局 单位：万元\n某中心 10.00 10.00\n\n{indicator}\n    某项目 10.00 10.00 通过项目实施完成任务。\n\n{indicator}"
    table = read_published_text(text, "t.txt")
    assert [i.kind for i in table.issues] == ["unplaced-line"]
    assert table.issues[0].source.line == 4
    assert table.counts() == {"units": 1, "projects": 1, "indicators": 1}


def test_text_without_indentation_reads_the_same(sample_table):
    """Some PDF-to-text tools drop indentation: projects are then told from unit headers by
    what follows them. The flattened sample gives the same units, projects and indicators."""
    flat = "\n".join(line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    table = read_published_text(flat, "flat.txt")
    assert table.counts() == {"units": 17, "projects": 276, "indicators": 1378}
    assert table.issues == []
    shape = lambda t: [(u.name, p.name, p.amounts.total, p.goal, [(i.name, i.period_value, i.annual_value) for i in p.indicators])  # noqa: E731
                       for u, p in t.projects()]
    assert shape(table) == shape(sample_table)


FLAT_NARROW = """项目支出绩效目标表
部门名称：示例市住房局 单位：万元
项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标
合计 50.00 50.00
示例市住房局 50.00 50.00
住房保障资格审核工作经费 30.00 30.00
完成全年住房保障
资格审核不少于1200户。
1、1-产出指标；11-数量指标；资格审核户数；实施周期指标值:≥1200户；年度指标值:≥1200户。
示例市住房局下属事业单位房屋安全巡查与城镇老旧小区改造前期
工作经费 20.00 20.00
完成辖区房屋安全巡查2000栋次。
1、1-产出指标；11-数量指标；巡查房屋栋次；实施周期指标值:≥4000栋次；年度指标值:≥2000栋次。
"""


def test_flat_text_needs_no_column_width():
    """Without indentation, projects are told from unit headers by structure, not by a line
    width fitted to one table: a goal whose first line is short and has no punctuation, and a
    project name longer than any goal line that wraps before its amounts."""
    table = read_published_text(FLAT_NARROW, "narrow.txt")
    assert table.issues == []
    [unit] = table.units
    assert unit.name == "示例市住房局"
    assert [p.name for p in unit.projects] == ["住房保障资格审核工作经费", "示例市住房局下属事业单位房屋安全巡查与城镇老旧小区改造前期工作经费"]
    assert unit.projects[0].goal == "完成全年住房保障资格审核不少于1200户。"
    assert [len(p.indicators) for p in unit.projects] == [1, 1]
