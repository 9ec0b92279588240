"""Write the layout fixtures for "tables from anywhere" (issue 11). Deterministic; re-run freely.

    python scripts/make_layout_fixtures.py

1. tests/fixtures/provinces/<stem>.xlsx/.csv — each real table of tests/fixtures/provinces/raw/
   rebuilt in its own published layout from the TSV grid and its ``# `` metadata (title, the
   label/value rows of the form, side label, merged category cells). Grid cell text is copied
   verbatim from the TSV; the .csv is that sheet as Excel's "save as CSV" writes it.
2. tests/fixtures/layouts/ — clean tables of our own, one per layout, and planted-defect copies.
3. tests/fixtures/formats/sample-continued.xlsx — the Guangzhou sample over two sheets.

Expectations live in tests/fixtures/provinces/expected.yaml, written by hand (never from here).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
RAW = FIX / "provinces" / "raw"
NUM = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


# ---------------------------------------------------------------- sheet building helpers

def cellval(text):
    """A grid cell as Excel holds it: numbers typed in a cell are numbers."""
    if text is None or text == "":
        return None
    if isinstance(text, str) and NUM.match(text):
        return int(text) if "." not in text else float(text)
    return text


class Sheet:
    """Append rows to a worksheet and remember merges, writing values in top-left cells."""

    def __init__(self, ws, width: int):
        self.ws = ws
        self.width = width
        self.row = 0

    def put(self, r, c, value, fmt=None, bold=False, align=LEFT):
        cell = self.ws.cell(row=r, column=c, value=cellval(value) if isinstance(value, str) else value)
        if isinstance(value, str) and re.match(r"^\d+\.\d\d$", value):
            cell.number_format = "0.00"  # typed 68.50: Excel shows (and saves as CSV) 68.50
        cell.alignment = align
        if bold:
            cell.font = Font(bold=True)
        return cell

    def merge(self, r1, c1, r2, c2):
        if (r2, c2) != (r1, c1):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def title(self, text, size=14):
        self.row += 1
        self.put(self.row, 1, text, bold=True, align=CENTER).font = Font(bold=True, size=size)
        self.merge(self.row, 1, self.row, self.width)

    def line(self, text):
        """One text line across the sheet (年度, 金额单位, 编制单位 …)."""
        self.row += 1
        self.put(self.row, 1, text, align=CENTER if text.startswith(("（", "(")) else LEFT)
        self.merge(self.row, 1, self.row, self.width)

    def pairs(self, *pairs, label_span=1):
        """label | value (| label | value): values to the right, merged up to the next label."""
        self.row += 1
        r, n = self.row, len(pairs)
        starts = [1 + k * (self.width // n) for k in range(n)] + [self.width + 1]
        for k, (label, value) in enumerate(pairs):
            c = starts[k]
            self.put(r, c, label, bold=True)
            self.merge(r, c, r, c + label_span - 1)
            self.put(r, c + label_span, value, fmt="0.00")
            self.merge(r, c + label_span, r, starts[k + 1] - 1)

    def below(self, label, value):
        """The value on the row below its label, both across the sheet."""
        self.row += 1
        self.put(self.row, 1, label, bold=True)
        self.merge(self.row, 1, self.row, self.width)
        self.row += 1
        self.put(self.row, 1, value)
        self.merge(self.row, 1, self.row, self.width)

    def block(self, group, subs):
        """A group label merged down the left, sub-labels next to it, values merged right.
        A sub's value may be a list: its items fill consecutive cells, the last one merged."""
        first = self.row + 1
        for sub, value in subs:
            self.row += 1
            self.put(self.row, 2, sub, bold=True)
            values = value if isinstance(value, list) else [value]
            for k, v in enumerate(values):
                self.put(self.row, 3 + k, v, fmt="0.00")
            self.merge(self.row, 2 + len(values), self.row, self.width)
        self.put(first, 1, group, bold=True, align=CENTER)
        self.merge(first, 1, self.row, 1)

    def cells(self, values, bold=False):
        self.row += 1
        for c, v in enumerate(values, 1):
            if v not in (None, ""):
                self.put(self.row, c, v, bold=bold)
        return self.row


def grid(sh: Sheet, header, rows, side=None, merge_cols=(0, 1), bound=(None, 0), group=None,
         header2=None, value_col_map=None):
    """The indicator grid below the form.

    side: the label merged down the grid's left (绩效指标); merge_cols: grid columns whose label
    is printed once and merged down over the blank cells below it; bound: for each merged column,
    the column whose new label ends its run (a 二级 run stops at a new 一级); group: a row of
    group labels above the header [(first_col, last_col, text)], grid columns 0-based.
    header2: a second header row (sub-columns); value_col_map: grid column → sheet column offset.
    """
    off = 1 if side else 0
    top = sh.row + 1
    if group:
        r = sh.cells([None] * sh.width)
        for c1, c2, text in group:
            sh.put(r, off + c1 + 1, text, bold=True, align=CENTER)
            sh.merge(r, off + c1 + 1, r, off + c2 + 1)
    hr = sh.cells([None] * off + list(header), bold=True)
    for c in range(1, sh.width + 1):
        sh.ws.cell(row=hr, column=c).alignment = CENTER
    if group:  # a header cell without a group label is merged up into the group row
        covered = {c for c1, c2, _ in group for c in range(c1, c2 + 1)}
        for c in range(len(header)):
            if c not in covered:
                sh.put(hr - 1, off + c + 1, header[c], bold=True, align=CENTER)
                sh.ws.cell(row=hr, column=off + c + 1).value = None
                sh.merge(hr - 1, off + c + 1, hr, off + c + 1)
    if header2:
        r2 = sh.cells([None] * off + list(header2), bold=True)
        for c, sub in enumerate(header2):
            if not sub:
                sh.merge(hr, off + c + 1, r2, off + c + 1)
        for c, v in enumerate(header):  # a parent over its sub-columns
            if v and c + 1 < len(header) and header[c + 1] == "" and header2[c]:
                sh.merge(hr, off + c + 1, hr, off + c + 2)
    first = sh.row + 1
    for cells in rows:
        sh.cells([None] * off + [cells[k] if k < len(cells) else "" for k in range(len(header))])
    last = sh.row
    if side:
        sh.put(top, 1, side, bold=True, align=CENTER)
        sh.merge(top, 1, last, 1)
    for col in merge_cols:
        stop = bound[merge_cols.index(col)] if bound else None
        r = 0
        while r < len(rows):
            if not _get(rows, r, col):
                r += 1
                continue
            end = r
            while end + 1 < len(rows) and not _get(rows, end + 1, col) and not (
                stop is not None and _get(rows, end + 1, stop)
            ):
                end += 1
            if end > r:
                sh.merge(first + r, off + col + 1, first + end, off + col + 1)
                sh.ws.cell(row=first + r, column=off + col + 1).alignment = CENTER
            r = end + 1
    return first, last


def _get(rows, r, c):
    return rows[r][c] if c < len(rows[r]) else ""


def widths(ws, n, wide=(2, 3)):
    for c in range(1, n + 1):
        ws.column_dimensions[get_column_letter(c)].width = 30 if c in wide else 14


# ---------------------------------------------------------------- CSV as Excel saves it

def excel_text(cell) -> str:
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and cell.number_format == "0.00":
        return f"{v:.2f}"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def save_csv(ws_list, path: Path, encoding: str) -> None:
    """Excel's "save as CSV": the used range, every row padded to its width, a merged range's
    value in its first cell only, CRLF line ends. Several sheets are written one after another."""
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        for ws in ws_list:
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
                w.writerow([excel_text(c) for c in row])


# ---------------------------------------------------------------- the province tables

def read_tsv(path: Path):
    meta, rows = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(": ")
            meta[key] = value
        elif line.strip():
            rows.append(line.split("\t"))
    return meta, rows[0], rows[1:]


FUNDS = "项目资金（万元）"


def _std_funds(total, fiscal, other, group=FUNDS):
    return ("block", group, [("年度资金总额", total), ("其中：财政拨款", fiscal), ("其他资金", other)])


# Each province form: title lines, then label rows as published (reconstructed from the TSV's
# metadata), the side label of the grid, and how its category cells are merged.
PROVINCES = {
    "anhui-jinzhai_2021_wuyeguanli": dict(
        title=["项目支出绩效目标申报表", "（2021年度）"],
        form=[("pairs", ("项目名称", "物业管理")),
              ("pairs", ("主管部门", "县财政局"), ("实施单位", "安徽金寨经济开发区管理委员会")),
              _std_funds(1125, 1125, None),
              ("block", "绩效目标", [("年度目标", "目标1:维护辖区各安置小区安全巡逻、环境卫生及物业日常管理")])],
        side="绩效指标",
        footer=["注：1.“其他资金”是指与财政拨款共同用于同一项目的单位自有资金、社会资金等。 2.各单位可根据项目特点自行增加或减少二级指标,并细化…"]),
    "anhui-luan_2024_nongchanpin-zhijian": dict(
        title=["项目支出绩效目标申报表", "( 2024 年度)"],
        form=[("pairs", ("项目名称", "发展建设类-农产品质检体系建设和“三品一标”发展项目")),
              ("pairs", ("主管部门及代码", "[066]六安市农业农村局"), ("实施单位", "六安市农业农村局")),
              ("pairs", ("项目属性", "常年项目"), ("项目期", "3年")),
              ("block", "项目资金（万元）", [("中期资金总额", "68.50"), ("其中：财政拨款", "68.50"), ("其他资金", "0.00"),
                                      ("年度资金总额", "51.35"), ("其中：财政拨款", "51.35"), ("其他资金", "0.00")]),
              ("block", "总 体 目 标", [("中期目标（2024年—2026年）", "通过项目实施,开展农产品质量安全监测及三品一标工作,实现农产品质量安全得到提升,检测批次达到2批次/千人,“两强一增”认证总数得到上升。"),
                                   ("年度目标", "通过项目实施,开展农产品质量安全监测及三品一标工作,实现农产品质量安全得到提升,检测批次达到2批次/千人,“两强一增”认证总数得到上升。")])],
        side="绩 效 指 标", merge_cols=(0, 1, 4), bound=(None, 0, 0),
        group=[(1, 3, "中期指标"), (4, 6, "年度指标")]),
    "chongqing-banan-shengdengshan_2022_zhibushuji-butie": dict(
        title=["项目支出绩效目标表", "（2022年度）"],
        form=[("pairs", ("绩效编制单位", "圣灯山镇人民政府"), ("上报时间", "2021 年10 月 26日")),
              ("pairs", ("项目名称", "党支部书记补贴")),
              ("pairs", ("主管部门", "圣灯山镇人民政府"), ("实施单位", "党群办")),
              ("pairs", ("归口业务科室", ""), ("是否政府采购", "")),
              ("pairs", ("开始日期", "2022年1月1日"), ("结束日期", "2022年12月31日")),
              ("pairs", ("项目口径", "长期"), ("项目属性", "")),
              ("pairs", ("项目分类", "一般"), ("立项依据", "巴南委组〔2021〕138号")),
              ("pairs", ("项目支出明细", "村支部书记44人(311元/人),社区4人(191元/人)")),
              _std_funds(20, 20, 0, "资金情况（单位：万元）"),
              ("pairs", ("项目概况", "对符合规定的村居党下设支部书记发放补贴,激发为民办事的激情")),
              ("pairs", ("当年绩效目标", "完成对符合规定的村居下设党支部书记发放补贴,激发为民办事的热情。"))],
        side=None),
    "chongqing-fengjie_2023_jiagongyuan": dict(
        title=["2023年云雾土家族乡加工园配套设施建设项目支出绩效目标审批表", "(   2023年度)", "金额单位：万元"],
        form=[("pairs", ("预算单位", "奉节县云雾土家族乡人民政府"), ("业务主管部门", "县民宗委")),
              ("pairs", ("项目名称", "2023年云雾土家族乡加工园配套设施建设项目"), ("实施单位", "云雾土家族乡")),
              ("pairs", ("项目分类", "资产资源类--房屋类"), ("建设周期", "2023年4月-2024年2月")),
              ("pairs", ("项目审批", "奉节县民族宗教事务委员会《关于下达2023年度少数民族发展资金项目计划的通知》(奉节民宗委发〔2022〕3号)")),
              ("block", "项目资金", [("项目总预算", 65), ("财政资金预算分类", "一般公共预算"), ("当年年度预算", 65),
                                  ("其中：财政资金", 65), ("财政资金科目代码", "21305"), ("其中：其它资金", 0),
                                  ("年度预算执行率", ["100%", "分值", "10分"])]),
              ("below", "年度主要目标和成果", "新建中药材晾晒房一座,占地300平方米,包含场坪整治及硬化,硬化室外晒坝420平方米,室内场坪1800平方米,C25混凝土,厚15cm;新建厕所1个,长4.5米,宽3米,占地13.5平方米,配套三格式化粪池4.5立方米。")],
        side="年度绩效目标(90分)"),
    "chongqing-tongnan-wugui_2023_cunganbu-buzhu": dict(
        title=["表十二", "2023年一般性项目绩效目标表(一级项目)"],
        form=[("line", "编制单位：813-潼南区五桂镇"), ("line", "业务主管部门：813-潼南区五桂镇"), ("line", "单位：万元"),
              ("pairs", ("专项资金名称", "在职村村干部补助"), ("当年预算", "9.31")),
              ("pairs", ("项目概况", "对村民委员会村党支部的补助,按月发放给在职村社干部的工资")),
              ("pairs", ("立项依据", "渝财(2022)00001")),
              ("pairs", ("当年绩效目标", "按月及时足额发放在职村社干部的工资。"))],
        side="绩效指标", merge_cols=()),
    "chongqing-tongnan-wugui_2023_huizong-xiangmuku": dict(
        title=["表十二", "2023年一般性项目绩效目标表(一级项目)"],
        form=[("line", "编制单位：813-潼南区五桂镇"), ("line", "业务主管部门：813-潼南区五桂镇"), ("line", "单位：万元"),
              ("pairs", ("专项资金名称", "潼南区五桂镇汇总项目库"), ("当年预算", "229.66")),
              ("pairs", ("项目概况", "潼南区五桂镇项目汇总")),
              ("pairs", ("立项依据", "潼南区五桂镇项目汇总")),
              ("pairs", ("当年绩效目标", "按时足额发放,保障权益"))],
        side="绩效指标", merge_cols=()),
    "henan-puyang_2021_danganguan-xiaofang": dict(
        title=["市级部门预算项目绩效目标表", "（2021年度）"],
        form=[("pairs", ("部门名称", "濮阳市档案馆"), ("单位名称", "濮阳市档案馆")),
              ("below", "项目名称", "濮阳市档案馆库房消防设备改造安装工程"),
              _std_funds("24.998", "24.998", None),
              ("below", "年度目标", "完成市档案馆5个标准档案库房消防设备的升级改造安装工作,增强消防救援力量,保证馆库和档案实体安全。")],
        side="绩 效 指 标"),
    "hubei-huangshi_2022_dangxiao-zhutiban": dict(
        title=["项目支出绩效目标批复表", "（2022年度）"],
        form=[("pairs", ("项目名称", "主体班")),
              ("pairs", ("项目主管部门", ""), ("实施单位", "中共黄石市委党校")),
              ("pairs", ("项目负责人", ""), ("项目属性", "持续性项目■ 新增性项目口")),
              ("pairs", ("项目金额", "164万元"), ("其中：当年市级财政资金", "132万元")),
              ("pairs", ("项目期", "2022年")),
              ("pairs", ("年度绩效目标（文字）", "主体班培训280人次;邀请校外名师、领导授课25人次;情景教学或外训批次6批次;开设课程数量220门;高质量完成干部教育培训工作。"))],
        side="绩效指标", merge_cols=(1,), bound=(0,),  # the 一级 label sits mid-block: not merged
        split_value=True,
        footer=["财政资金管理科室(盖章) 年 月 日", "财政绩效管理科室(盖章) 年 月 日"]),
    "hubei-wuhan-qingshan_2020_bojiao-gaizao": dict(
        title=["绩效目标表", "（2020年度）"],
        form=[("pairs", ("项目名称", "农村义务教育薄弱学校改造补助资金")),
              ("pairs", ("项目主管部门", "青山区教育局"), ("项目执行单位", "化工区学校")),
              ("block", "资金情况（万元）", [("年度资金总额", 16), ("其中：上级资金", 16)]),
              ("block", "总体目标", [("年度目标", "全面改善农村义务教育薄弱学校办学条件,扩大基础教育资源,进一步提高义务教育均衡发展水平。")])],
        side="绩效指标"),
    "hunan-hengyang-nanyue_2018_fupin-lvyou": dict(
        title=["2018年市级专项扶贫资金基础设施(人大代表扶贫基地)绩效目标申报表"],
        form=[("pairs", ("项目名称", "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)")),
              ("pairs", ("主管部门", "南岳镇政府"), ("实施单位", "[610001]湖南省润山润水生态农业发展有限公司")),
              _std_funds(10, 10, 0, "资金情况（万元）"),
              ("block", "总体目标", [("年度目标", "为水濂村带来观光游客不少于6万人,村集体收入达6万元。"), ("年度总体目标完成情况", "")])],
        side="绩效指标",
        footer=["财政部门支出股室初审意见 (盖章)", "财政部门绩效评价股审核意见 (盖章)", "区扶贫办审核意见 (盖章)"]),
    "hunan-hengyang-nanyue_2023_yulu-jihua": dict(
        title=["雨露计划绩效目标申报表", "（2023年度）", "填报单位（盖章）："],
        form=[("pairs", ("专项名称", "2023年雨露计划就学补助项目")),
              ("pairs", ("主管部门", "南岳区乡村振兴局")),
              ("pairs", ("专项属性", "新增项目□ 延续项目R"), ("专项起止时间", "2023年1月至12月")),
              ("pairs", ("专项概况", "对就读职业技术学校的脱贫户或监测户子女发放就学补助")),
              ("pairs", ("专项立项依据", "")),
              ("subgrid", "专项资金情况", ["本年度预计投入（万元）", "中央", "省级", "市级资金", "本级", "其他"], [7, 0, 7, 0, 0, 0]),
              ("below", "中长期绩效目标", "1.就读中等职业学校(含普通中专、职业中专、成人中专、职业高中、技工院校,以下同)、高职高专院校、技师学院已注册普通全日制正式学籍的本省脱贫家庭子女(含监测帮扶对象家庭)。上述扶持对象在校就读期间(包括顶岗实习),其家庭均可享受助学补助。辍学、休学和保留学籍学生不纳入扶持范围。 2.补助标准。在享受国家职业教育资助政策基础上,叠加给予助学补助,全省统一补助标准为:每生 1500 元/学期。"),
              ("below", "本年度绩效目标", "1.对提供就读学籍证明的学生了放就学补助; 2.补助标准为:每生 1500 元/学期。")],
        side="专项年度绩效指标", width=7),
    "hunan-yueyangxian_2022_gaobiaozhun-nongtian": dict(
        title=["绩效目标申报表(基础设施建设类)", "（2022年度）"],
        form=[("pairs", ("项目名称", "岳阳县2022年高标准农田建设项目")),
              ("pairs", ("主管部门", "岳阳县农业农村局"), ("实施单位", "农田建设服务中心")),
              _std_funds("854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)",
                         "854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)", None, "资金情况（万元）"),
              ("block", "总体目标", [("年度目标", "完成项目主体工程70%")])],
        side="绩效指标",
        footer=["注:各地请根据实际情况,从上述绩效指标中选择适合的填报(其中三颗星为必填的核心绩效指标,可结合已下达的中央对地方专项转移支付绩效指标),也可自行增加或适当调整。"]),
    "jiangxi-jingdezhen-fuliang_2026_linyeju-zhengti": dict(
        title=["部门整体支出绩效目标表"],
        form=[("block", "基本信息", [("部门编码", "316"), ("部门名称", "浮梁县林业局")]),
              ("block", "年度绩效目标", [("*部门职能职责概述", "保证林业局职能实现,保障人员经费。"),
                                    ("*年度绩效总目标", "保证林业局职能实现,保障人员经费。")])],
        side=None),
    "neimenggu-huhehaote-wuchuan_2021_yangzhichang": dict(
        title=["绩效目标申报表", "（2021年度）"],
        form=[("pairs", ("项目名称", "大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目")),
              ("pairs", ("主管部门", "武川县民族事务委员会"), ("实施单位", "武川县民族事务委员会")),
              ("block", "资金情况（万元）", [("年度资金总额", ["50万", "中央衔接推进乡村振兴补助资金(少数民族发展任务)50"]),
                                       ("其中：财政拨款", ["", "中央衔接推进乡村振兴补助资金(少数民族发展任务)50"]),
                                       ("其他资金", "")]),
              ("block", "总 体 目 标", [("年度目标", "大青山乡沙湾子少数民族聚居村养殖场基础设施建设项目(约50万) 沙湾子村是少数民族聚居村,户籍人口76户174人,常住户26户56人,其中户籍少数民族12户27人。项目新建养殖场占地约6500平米,建棚圈一栋约360平米,人工配种室、防疫室84平米,饲料库120平米,打井,配电,建围墙约300米。项目实施后受益人口76户174人,其中户籍少数民族12户27人。")])],
        side="绩 效 指 标"),
    "ningxia-guyuan-yuanzhou_2022_shuiyuan-hanyanglin": dict(
        title=["项目支出绩效目标申报表", "（2022年度）"],
        form=[("below", "项目名称", "原州区2022年南部水源涵养林建设项目"),
              ("pairs", ("主管部门及代码", "固原市原州区自然资源局"), ("实施单位", "固原市原州区自然资源局")),
              ("pairs", ("项目属性", "新建"), ("项目期", "2022年3月-2023年11月")),
              _std_funds("6070.00", "6070.00", None),
              ("below", "年度总体目标", "在东马场林场、东岳山林场、古树林场、红庄林场、马渠林场、沈河林场、水沟林场 7 个林场和古雁办、官厅镇、黄铎堡镇、开城镇、彭堡镇、炭山乡、头营镇、寨科乡、张易镇、中河乡、三营镇 11 个乡镇(街道办事处)实施营造林8万亩。其中:新造林3万亩,未成林抚育提升及退化林改造5万亩;修建作业道30公里。")],
        side="绩 效 指 标"),
    "shaanxi-baoji-chencang_2020_shuili-fazhan": dict(
        title=["2020年省级财政水利发展资金绩效目标表", "(2020)年度"],
        form=[("pairs", ("专项(项目)名称", "农村饮水安全巩固提升工程专项")),
              ("pairs", ("市级财政部门", "宝鸡市财政局"), ("市级主管部门", "宝鸡市水利局")),
              ("pairs", ("区级财政部门", "陈仓区财政局"), ("区级主管部门", "陈仓区水利局")),
              ("block", "资金情况（万元）", [("资金总额", 500), ("其中：财政拨款", 500), ("其他资金", "")]),
              ("pairs", ("总体目标", "完成省级水利发展农村饮水项目投资500,改善提升9200人饮水条件。"))],
        side="绩效指标"),
    "shaanxi-yulin-qingjian_2021_guoyuanlu": dict(
        title=["绩效目标申报表", "（2021年度）"],
        form=[("pairs", ("项目名称", "2021年交通局寨山石坪、鲍家沟果园路")),
              ("pairs", ("主管部门", "清涧县交通运输局"), ("实施单位", "清涧县交通运输局")),
              _std_funds(500, 500, None, "资金情况"),
              ("block", "总体目标", [("年度目标", "1、改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里 2、水泥路硬化路面、边沟及交安实施的建设,解决了生产道路硬化问题及生命防护问题 3、极大的改善了老百姓的生产生活问题")])],
        side="绩效指标"),
    "sichuan-ganzi_2023_shipin-anquan": dict(
        title=["绩效目标表"],
        form=[("pairs", ("单位信息", "324001-甘孜藏族自治州市场监督管理局机关"), ("主管部门", "324-甘孜州市场监督管理部门")),
              ("pairs", ("项目名称", ""), ("项目经办人", "")),
              ("pairs", ("项目经办人电话", ""), ("预算执行率权重(%)", "")),
              ("pairs", ("整体目标", "组织协调推进全州食品安全重点工作;承办州食品安全委员会会议及中央活动;组织协调食品安全宣传、培训工作;承担州政府食品安全委员会的日常工作;组织开展食品安全重大整顿治理和联合检查行动;考核评议州级相关部门和各县市履行食品安全党政同责目标工作。"))],
        side=None, merge_cols=()),
    "sichuan-guangyuan-zhaohua_2021_tekun-jiating": dict(
        title=["项目支出绩效目标申报表", "（2021年度）"],
        form=[("pairs", ("项目名称", "特困家庭再扶助(独生子女死亡再扶助)")),
              ("pairs", ("预算单位", "区卫生健康局")),
              ("block", "项目资金（万元）", [("(一)财政拨款小计", "6.30"), ("1、一般公共预算", "6.30"), ("2、政府性基金", "0.00"),
                                        ("3、国有资本经营预算", "0.00"), ("(二)自有资金小计", "0.00"), ("1、事业收入", "0.00"),
                                        ("2、经营性收入", "0.00"), ("(三)其他收入", "0.00")]),
              ("block", "总体目标", [("年度目标", "区域内符合计划生育政策、法规生育的独生子女伤残、死亡适龄家庭进行政策特别扶助,达到“老有所依,老有所养”的目标。增强服务意识,稳定特扶家庭情绪")])],
        side="绩效指标"),
}

# How each CSV twin is encoded: Excel's "CSV UTF-8" (BOM) for half, plain "CSV" on a Chinese
# Windows (GBK) for a couple, BOM-less UTF-8 (other tools) for the rest.
GBK = {"hunan-yueyangxian_2022_gaobiaozhun-nongtian", "henan-puyang_2021_danganguan-xiaofang"}


def write_form(sh: Sheet, spec: dict) -> None:
    for t in spec["title"]:
        if t is spec["title"][0]:
            sh.title(t)
        else:
            sh.line(t)
    for item in spec["form"]:
        kind = item[0]
        if kind == "pairs":
            sh.pairs(*item[1:])
        elif kind == "below":
            sh.below(item[1], item[2])
        elif kind == "block":
            sh.block(item[1], item[2])
        elif kind == "line":
            sh.line(item[1])
        elif kind == "subgrid":
            _, label, heads, values = item
            r1 = sh.cells([label, *heads], bold=True)
            sh.cells([None, *values])
            sh.merge(r1, 1, r1 + 1, 1)


def province(stem: str, out: Path, k: int) -> None:
    meta, header, rows = read_tsv(RAW / f"{stem}.tsv")
    spec = PROVINCES[stem]
    side = spec.get("side")
    split = spec.get("split_value")
    if split:  # Huangshi: 指标值 has two sub-columns; the value is the 2022 target
        i = header.index("指标值")
        header = header[: i + 1] + [""] + header[i + 1:]
        rows = [r[:i] + ["", r[i]] + r[i + 1:] for r in rows]
        header2 = [""] * i + ["2021年实际实现值", "预期2022年实现值"] + [""] * (len(header) - i - 2)
    width = max(len(header) + (1 if side else 0), spec.get("width", 0), 4)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    sh = Sheet(ws, width)
    write_form(sh, spec)
    merge_cols = spec.get("merge_cols", (0, 1))
    bound = spec.get("bound", (None, 0)[: len(merge_cols)])
    grid(sh, header, rows, side=side, merge_cols=merge_cols, bound=bound, group=spec.get("group"),
         header2=header2 if split else None)
    for note in spec.get("footer", []):
        sh.line(note)
    widths(ws, width)
    wb.save(out / f"{stem}.xlsx")
    enc = "gbk" if stem in GBK else ("utf-8-sig" if k % 2 == 0 else "utf-8")
    save_csv([openpyxl.load_workbook(out / f"{stem}.xlsx").active], out / f"{stem}.csv", enc)


def provinces() -> None:
    out = FIX / "provinces"
    stems = sorted(p.stem for p in RAW.glob("*.tsv"))
    assert set(stems) == set(PROVINCES), set(stems) ^ set(PROVINCES)
    for k, stem in enumerate(stems):
        province(stem, out, k)
    print(f"provinces: {len(stems)} xlsx + csv in {out}")


def main() -> None:
    provinces()
    if "layouts" in globals():
        layouts()  # noqa: F821
    if "sample_continued" in globals():
        sample_continued()  # noqa: F821


if __name__ == "__main__":
    sys.exit(main())
