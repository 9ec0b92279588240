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
import datetime
import io
import re
import sys
import zipfile
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

FIXED = datetime.datetime(2025, 1, 1)


def save(wb, path: Path) -> None:
    """Save byte-identically on every run: openpyxl stamps the save time into docProps and
    the zip entries, which would make every re-run a change."""
    wb.properties.created = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)


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
        side="绩效指标", merge_cols=(1,), bound=(None,),  # the 一级 label sits mid-block: not merged
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
    save(wb, out / f"{stem}.xlsx")
    enc = "gbk" if stem in GBK else ("utf-8-sig" if k % 2 == 0 else "utf-8")
    save_csv([openpyxl.load_workbook(out / f"{stem}.xlsx").active], out / f"{stem}.csv", enc)


def provinces() -> None:
    out = FIX / "provinces"
    stems = sorted(p.stem for p in RAW.glob("*.tsv"))
    assert set(stems) == set(PROVINCES), set(stems) ^ set(PROVINCES)
    for k, stem in enumerate(stems):
        province(stem, out, k)
    print(f"provinces: {len(stems)} xlsx + csv in {out}")




# ---------------------------------------------------------------- our own clean tables
#
# Projects from four sectors. An indicator is (category, name, period value, annual value);
# single-year projects give one value for both sides. Every value carries an operator and a
# unit or is a crisp deadline; every project has cost and satisfaction indicators; goals
# carry numbers; amounts add up (total = fiscal + other).

YEAR = 2025


def P(key, name, unit, total, fiscal, other, term, goal, inds, period_goal=None):
    rows = []
    for cat, ind_name, *vals in inds:
        period, annual = (vals[0], vals[1]) if len(vals) == 2 else (vals[0], vals[0])
        rows.append(dict(cat=cat, name=ind_name, period=period, annual=annual))
    return dict(key=key, name=name, unit=unit, total=total, fiscal=fiscal, other=other, term=term,
                goal=goal, period_goal=period_goal or goal, inds=rows)


PROJECTS = {p["key"]: p for p in [
    # education (市教育局)
    P("lab", "市第一中学实验室设备更新项目", "市第一中学", 80, 80, 0, "2025年1月-2025年12月",
      "2025年内为12间实验室更新实验设备360台套，设备验收合格率不低于98%，学生分组实验开出率达到95%以上。", [
          ("数量", "更新实验室数量", "≥12间"), ("数量", "购置实验设备数量", "≥360台套"),
          ("质量", "设备验收合格率", "≥98%"), ("时效", "设备安装完成时间", "2025年10月31日前"),
          ("成本", "设备购置单价", "≤2200元/台套"), ("社会", "学生分组实验开出率", "≥95%"),
          ("可持续", "设备使用年限", "≥8年"), ("满意度", "师生满意度", "≥90%")]),
    P("cctv", "市第一中学校园安全监控系统升级项目", "市第一中学", 30, 30, 0, "2025年3月-2025年8月",
      "2025年8月底前新增高清监控点位120个，实现校园公共区域监控全覆盖，录像保存30天以上。", [
          ("数量", "新增高清监控点位数量", "≥120个"), ("质量", "监控设备验收合格率", "≥98%"),
          ("时效", "系统上线运行时间", "2025年8月31日前"), ("成本", "单个监控点位建设成本", "≤2500元/个"),
          ("社会", "校园安全责任事故起数", "0起"), ("可持续", "监控录像保存天数", "≥30天"),
          ("满意度", "师生及家长满意度", "≥90%")]),
    P("aid", "市第二中学家庭经济困难学生资助项目", "市第二中学", 45, 40, 5, "2025年1月-2025年12月",
      "2025年资助家庭经济困难学生300人，人均1500元，资助资金11月底前发放到位。", [
          ("数量", "资助家庭经济困难学生人数", "≥300人"), ("质量", "资助对象认定准确率", "≥98%"),
          ("时效", "资助资金发放时间", "2025年11月30日前"), ("成本", "人均资助标准", "≤1500元/人"),
          ("社会", "受资助学生在校巩固率", "≥99%"), ("满意度", "受助学生及家长满意度", "≥92%")]),
    P("train", "2025-2026年中小学教师培训项目", "市教师发展中心", 96, 96, 0, "2025年1月-2026年12月",
      "2025年培训教师600人次、开设课程20门，培训考核合格率95%以上。",
      [("数量", "培训教师人次", "≥1200人次", "≥600人次"), ("数量", "培训课程门数", "≥40门", "≥20门"),
       ("质量", "培训考核合格率", "≥95%"), ("时效", "培训任务完成时间", "2026年12月31日前", "2025年12月31日前"),
       ("成本", "人均培训成本", "≤800元/人次"), ("社会", "参训教师课堂教学达标率", "≥90%"),
       ("满意度", "参训教师满意度", "≥90%")],
      period_goal="2025-2026年培训教师1200人次、开设课程40门，培训考核合格率95%以上。"),
    # health (市卫生健康委员会)
    P("elder", "65岁以上老年人健康体检项目", "市疾病预防控制中心", 150, 150, 0, "2025年1月-2025年12月",
      "2025年为30000名65岁以上老年人提供健康体检，10月底前完成，老年人健康管理率达到70%以上。", [
          ("数量", "老年人健康体检人数", "≥30000人"), ("质量", "体检结果录入准确率", "≥98%"),
          ("时效", "体检工作完成时间", "2025年10月31日前"), ("成本", "人均体检费用", "≤50元/人"),
          ("社会", "老年人健康管理率", "≥70%"), ("可持续", "健康档案动态更新率", "≥90%"),
          ("满意度", "受检老年人满意度", "≥90%")]),
    P("vaccine", "适龄儿童免疫规划项目", "市疾病预防控制中心", 60, 60, 0, "2025年1月-2025年12月",
      "2025年完成免疫规划疫苗接种50000剂次，适龄儿童免疫规划疫苗接种率保持在95%以上。", [
          ("数量", "免疫规划疫苗接种剂次", "≥50000剂次"), ("质量", "疫苗冷链温度合格率", "≥99%"),
          ("时效", "接种信息上传及时率", "≥95%"), ("成本", "单剂次接种服务成本", "≤12元/剂次"),
          ("社会", "适龄儿童免疫规划疫苗接种率", "≥95%"), ("满意度", "儿童家长满意度", "≥90%")]),
    P("er", "市人民医院急救设备购置项目", "市人民医院", 300, 250, 50, "2025年1月-2026年6月",
      "2025年9月底前购置急救设备25台并投入使用，设备验收合格率98%以上。",
      [("数量", "购置急救设备数量", "≥40台", "≥25台"), ("质量", "设备验收合格率", "≥98%"),
       ("时效", "设备安装完成时间", "2026年6月30日前", "2025年9月30日前"),
       ("成本", "设备采购成本", "≤500万元", "≤300万元"), ("社会", "急诊抢救成功率", "≥95%"),
       ("可持续", "设备完好率", "≥95%"), ("满意度", "急诊患者满意度", "≥90%")],
      period_goal="2026年6月底前购置急救设备40台并投入使用，设备验收合格率98%以上。"),
    # agriculture (县农业农村局)
    P("farmland", "2025-2026年高标准农田建设项目", "县农田建设服务中心", 1500, 1500, 0, "2025年1月-2026年12月",
      "2025年新建高标准农田10000亩、机耕道15公里，工程验收合格率98%以上。",
      [("数量", "新建高标准农田面积", "≥20000亩", "≥10000亩"), ("数量", "新建机耕道长度", "≥30公里", "≥15公里"),
       ("质量", "工程验收合格率", "≥98%"), ("时效", "年度建设任务完成时间", "2026年12月31日前", "2025年12月31日前"),
       ("成本", "亩均建设成本", "≤1500元/亩"), ("经济", "项目区亩均粮食增产量", "≥50公斤/亩"),
       ("生态", "项目区化肥使用量减少比例", "≥5%"), ("可持续", "工程设计使用年限", "≥15年"),
       ("满意度", "项目区农户满意度", "≥90%")],
      period_goal="2025-2026年新建高标准农田20000亩、机耕道30公里，工程验收合格率98%以上。"),
    P("pest", "农作物病虫害统防统治项目", "县农业技术推广中心", 90, 90, 0, "2025年3月-2025年10月",
      "2025年完成病虫害统防统治作业30000亩，防治效果达标率90%以上，挽回粮食损失1500吨以上。", [
          ("数量", "统防统治作业面积", "≥30000亩"), ("质量", "病虫害防治效果达标率", "≥90%"),
          ("时效", "防治作业完成时间", "2025年9月30日前"), ("成本", "亩均防治补助标准", "≤30元/亩"),
          ("经济", "挽回粮食损失", "≥1500吨"), ("生态", "化学农药使用量减少比例", "≥5%"),
          ("满意度", "服务农户满意度", "≥90%")]),
    P("immune", "动物疫病强制免疫项目", "县畜牧兽医站", 70, 70, 0, "2025年1月-2025年12月",
      "2025年完成畜禽强制免疫200万头只，免疫抗体合格率70%以上，全年不发生区域性重大动物疫情。", [
          ("数量", "强制免疫畜禽数量", "≥200万头只"), ("质量", "免疫抗体合格率", "≥70%"),
          ("时效", "春秋两季集中免疫完成时间", "2025年11月30日前"), ("成本", "疫苗采购成本", "≤70万元"),
          ("社会", "区域性重大动物疫情发生次数", "0次"), ("满意度", "养殖场户满意度", "≥90%")]),
    # transport (市交通运输局)
    P("guard", "2025-2026年农村公路安全生命防护工程", "市公路事业发展中心", 400, 400, 0, "2025年1月-2026年11月",
      "2025年完成农村公路安全生命防护工程100公里，交工验收合格率98%以上。",
      [("数量", "安全生命防护工程实施里程", "≥200公里", "≥100公里"), ("质量", "交工验收合格率", "≥98%"),
       ("时效", "年度工程完工时间", "2026年11月30日前", "2025年11月30日前"),
       ("成本", "每公里建设成本", "≤4万元/公里"), ("社会", "项目路段交通事故起数下降比例", "≥10%"),
       ("可持续", "防护设施设计使用年限", "≥10年"), ("满意度", "沿线群众满意度", "≥90%")],
      period_goal="2025-2026年完成农村公路安全生命防护工程200公里，交工验收合格率98%以上。"),
    P("bridge", "公路桥梁定期检测项目", "市公路事业发展中心", 60, 60, 0, "2025年2月-2025年10月",
      "2025年10月底前完成120座公路桥梁定期检测，检测报告合格率98%以上。", [
          ("数量", "定期检测桥梁数量", "≥120座"), ("质量", "检测报告合格率", "≥98%"),
          ("时效", "检测报告提交时间", "2025年10月31日前"), ("成本", "单座桥梁检测费用", "≤5000元/座"),
          ("社会", "一、二类桥梁占比", "≥90%"), ("满意度", "公路管养单位满意度", "≥90%")]),
    P("bus", "城乡公交运营补贴项目", "市道路运输服务中心", 300, 300, 0, "2025年1月-2025年12月",
      "2025年补贴城乡公交线路25条，完成客运量600万人次，建制村通公交率保持在98%以上。", [
          ("数量", "补贴公交线路数量", "≥25条"), ("数量", "公交客运量", "≥600万人次"),
          ("质量", "公交车辆准点率", "≥90%"), ("时效", "补贴资金拨付时间", "2025年12月31日前"),
          ("成本", "单车年度运营补贴标准", "≤3万元/辆"), ("社会", "建制村通公交率", "≥98%"),
          ("满意度", "乘客满意度", "≥90%")]),
]}

DEPARTMENTS = {"lab": "市教育局", "cctv": "市教育局", "aid": "市教育局", "train": "市教育局",
               "elder": "市卫生健康委员会", "vaccine": "市卫生健康委员会", "er": "市卫生健康委员会",
               "farmland": "县农业农村局", "pest": "县农业农村局", "immune": "县农业农村局",
               "guard": "市交通运输局", "bridge": "市交通运输局", "bus": "市交通运输局"}

L1 = {"数量": "产出", "质量": "产出", "时效": "产出", "成本": "产出", "经济": "效益", "社会": "效益",
      "生态": "效益", "可持续": "效益", "满意度": "满意度"}
L2 = {"数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "成本": "成本指标", "经济": "经济效益指标",
      "社会": "社会效益指标", "生态": "生态效益指标", "可持续": "可持续影响指标", "满意度": "服务对象满意度指标"}
CODES = {"产出": "1", "效益": "2", "满意度": "3", "数量": "11", "质量": "12", "时效": "13", "成本": "14",
         "经济": "21", "社会": "22", "生态": "23", "可持续": "24", "满意度2": "31"}


def levels(cat: str, framework: str = "fw2015") -> tuple[str, str]:
    """(一级, 二级) as the framework prints them; "coded" is fw2015 with export codes."""
    l1, l2 = L1[cat] + "指标", L2[cat]
    if framework == "coded":
        return f"{CODES[L1[cat]]}-{l1}", f"{CODES[cat if cat != '满意度' else '满意度2']}-{l2}"
    if framework == "fw2013" and cat == "满意度":
        return "效益指标", "社会公众或服务对象满意度指标"
    if framework == "fw2021" and cat == "成本":
        return "成本指标", "经济成本指标"
    return l1, l2


def planted(project: dict, changes: dict, add=None) -> dict:
    """A copy of a project with some indicators' values replaced and optionally one added:
    changes maps indicator name → (period, annual) or one value for both sides."""
    p = dict(project)
    p["inds"] = []
    for ind in project["inds"]:
        ind = dict(ind)
        if ind["name"] in changes:
            v = changes[ind["name"]]
            ind["period"], ind["annual"] = (v, v) if isinstance(v, str) else v
        p["inds"].append(ind)
    if add:  # (after which indicator, category, name, value)
        after, cat, name, value = add
        k = next(i for i, ind in enumerate(p["inds"]) if ind["name"] == after) + 1
        p["inds"].insert(k, dict(cat=cat, name=name, period=value, annual=value))
    return p


def new_book():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


# (a) department row table: units and projects, both value columns, codes, over two sheets
A_HEADER = ["单位名称", "项目名称", "总计", "财政拨款", "其他资金", "绩效目标", "序号", "一级指标", "二级指标",
            "三级指标", "实施周期指标值", "年度指标值"]


def dept_rows(projects, framework="coded"):
    """One row per indicator: [unit, project, amounts…, goal, no, l1, l2, name, period, annual]."""
    out = []
    for p in projects:
        for k, ind in enumerate(p["inds"]):
            l1, l2 = levels(ind["cat"], framework)
            lead = [p["unit"], p["name"], p["total"], p["fiscal"], p["other"], p["period_goal"]] if k == 0 else [None] * 6
            out.append((p, k == 0, lead + [k + 1, l1, l2, ind["name"], ind["period"], ind["annual"]]))
    return out


def write_dept_sheet(ws, title_lines, header, rows, lead_cols):
    sh = Sheet(ws, len(header))
    for k, t in enumerate(title_lines):
        sh.title(t) if k == 0 else sh.line(t)
    sh.cells(header, bold=True)
    runs = []  # merge the project-level cells over the project's rows on this sheet
    for p, first, cells in rows:
        r = sh.cells(cells)
        if runs and runs[-1][0] is p:
            runs[-1][2] = r
        else:
            runs.append([p, r, r])
    for p, r1, r2 in runs:
        for c in range(1, lead_cols + 1):
            sh.merge(r1, c, r2, c)
    widths(ws, len(header), wide=(2, lead_cols))


def layout_a(out: Path, projects, name: str, split_at: int) -> None:
    rows = dept_rows(projects)
    wb = new_book()
    title = [f"{YEAR}年市教育局项目支出绩效目标表", "金额单位：万元"]
    write_dept_sheet(wb.create_sheet("Sheet1"), title, A_HEADER, rows[:split_at], 6)
    # the export continues on Sheet2: header again, the unit/project cells of the project it
    # breaks inside left blank
    write_dept_sheet(wb.create_sheet("Sheet2"), [], A_HEADER, rows[split_at:], 6)
    save(wb, out / f"{name}.xlsx")
    return wb


# (b)(c)(d)(g)(h)(i)(j)(k) per-project forms
def form(sh: Sheet, p: dict, values=("实施期指标值", "年度指标值"), framework="fw2015", level1=True,
         slots=(), title="项目支出绩效目标申报表", selfeval=False) -> None:
    """One 申报表: title, label rows, then the grid. ``values`` names the value columns (one
    column: annual only); ``slots`` are level-2 categories printed as empty template rows;
    ``selfeval`` adds the 绩效自评表 columns (actual, score, deviation)."""
    both = len(values) == 2
    sh.title(title)
    sh.line(f"（{YEAR}年度）")
    sh.pairs(("项目名称", p["name"]))
    sh.pairs(("主管部门", DEPARTMENTS[p["key"]]), ("实施单位", p["unit"]))
    sh.pairs(("实施期限", p["term"]))
    if selfeval:
        sh.block("项目资金（万元）", [("年度预算数", p["total"]), ("全年执行数", p["total"]),
                                  ("其中：财政拨款", p["fiscal"]), ("其他资金", p["other"]), ("预算执行率", "100%")])
        sh.block("年度总体目标", [("预期目标", p["goal"]), ("实际完成情况", "已全部完成，" + p["goal"])])
    else:
        sh.block("项目资金（万元）", [("年度资金总额", p["total"]), ("其中：财政拨款", p["fiscal"]), ("其他资金", p["other"])])
        goals = [("实施期目标", p["period_goal"]), ("年度目标", p["goal"])] if both else [("年度目标", p["goal"])]
        sh.block("绩效目标", goals)
    header = (["一级指标"] if level1 else []) + ["二级指标", "三级指标", *values]
    rows = []
    order = ["数量", "质量", "时效", "成本", "经济", "社会", "生态", "可持续", "满意度"]
    if framework == "fw2021":
        order = ["成本", "数量", "质量", "时效", "经济", "社会", "生态", "可持续", "满意度"]
    seen = set()
    for cat in order:
        inds = [i for i in p["inds"] if i["cat"] == cat]
        if not inds and cat not in slots:
            continue
        l1, l2 = levels(cat, framework)
        new_l1 = l1 not in seen
        seen.add(l1)
        for k, ind in enumerate(inds or [None]):
            cells = ([l1 if new_l1 and k == 0 else ""] if level1 else []) + [l2 if k == 0 else ""]
            if ind is None:  # an unused template slot
                cells += [""] * (1 + len(values))
            elif selfeval:
                cells += [ind["name"], ind["annual"], ind["actual"], ind["weight"], ind["weight"], ind.get("why", "")]
            else:
                cells += [ind["name"], *([ind["period"], ind["annual"]] if both else [ind["annual"]])]
            rows.append(cells)
    if selfeval:
        header = header[:-len(values)] + ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    merge = (0, 1) if level1 else (0,)
    grid(sh, header, rows, side="绩效指标", merge_cols=merge, bound=(None, 0) if level1 else (None,))


def form_width(values=2, level1=True, selfeval=False):
    return 1 + (1 if level1 else 0) + 2 + (5 if selfeval else values)


def one_form_book(path: Path, p: dict, sheet="Sheet1", **kw) -> None:
    wb = new_book()
    n = len(kw.get("values", ("", "")))
    sh = Sheet(wb.create_sheet(sheet), form_width(n, kw.get("level1", True), kw.get("selfeval", False)))
    form(sh, p, **kw)
    widths(sh.ws, sh.width, wide=(4,))
    save(wb, path)


def layout_b(path: Path, projects) -> None:
    wb = new_book()
    for k, p in enumerate(projects, 1):
        sh = Sheet(wb.create_sheet(f"项目{k}"), form_width())
        form(sh, p)
        widths(sh.ws, sh.width, wide=(4,))
    save(wb, path)


def layout_c(path: Path, projects) -> None:
    wb = new_book()
    sh = Sheet(wb.create_sheet("Sheet1"), form_width(1))
    for k, p in enumerate(projects):
        if k:
            sh.row += 2  # two blank rows between stacked forms
        form(sh, p, values=("指标值",))
    widths(sh.ws, sh.width, wide=(4,))
    save(wb, path)


# (e) 一体化 export with typed columns, amounts in 元
E_HEADER = ["单位名称", "项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质",
            "指标值", "度量单位", "权重", "指标方向性"]
OPS = re.compile(r"^(≥|≤|=)?(\d+(?:\.\d+)?)(.*)$")


def typed(value: str):
    """'≥98%' → ('≥', '98', '%'); a deadline or a text → ('定性', text, '')."""
    m = OPS.match(value)
    if "月" in value or not m or not m.group(3) or m.group(3)[0].isdigit():
        return "定性", value, ""
    return m.group(1) or "=", m.group(2), m.group(3)


def e_rows(projects):
    out = []
    for p in projects:
        for k, ind in enumerate(p["inds"]):
            op, num, unit = ind.get("typed") or typed(ind["annual"])
            l1, l2 = levels(ind["cat"])
            direction = "反向" if op == "≤" or num == "0" else ("正向" if op in ("≥", "=") else "")
            lead = [p["unit"], p["name"], f"{p['total'] * 10000:.2f}", p["goal"]] if k == 0 else [None] * 4
            out.append(lead + [l1, l2, ind["name"], op, num, unit, str(ind["weight"]), direction])
    return out


def layout_e(out: Path, name: str, projects, twin=True) -> None:
    wb = new_book()
    ws = wb.create_sheet("Sheet1")
    sh = Sheet(ws, len(E_HEADER))
    sh.title(f"{YEAR}年项目支出绩效目标表")
    sh.line("金额单位：元")
    sh.cells(E_HEADER, bold=True)
    for cells in e_rows(projects):
        sh.cells(cells)
    widths(ws, len(E_HEADER), wide=(2, 4, 7))
    save(wb, out / f"{name}.xlsx")
    if twin:
        save_csv([openpyxl.load_workbook(out / f"{name}.xlsx").active], out / f"{name}.csv", "utf-8-sig")


# (f) annual-only department table, value column 年度预期指标值
F_HEADER = ["单位名称", "项目名称", "项目金额（万元）", "年度绩效目标", "一级指标", "二级指标", "三级指标", "年度预期指标值"]


def layout_f(out: Path, name: str, projects, twin=True) -> None:
    rows = []
    for p in projects:
        for k, ind in enumerate(p["inds"]):
            l1, l2 = levels(ind["cat"])
            lead = [p["unit"], p["name"], p["total"], p["goal"]] if k == 0 else [None] * 4
            rows.append((p, k == 0, lead + [l1, l2, ind["name"], ind["annual"]]))
    wb = new_book()
    write_dept_sheet(wb.create_sheet("Sheet1"), [f"{YEAR}年市交通运输局项目支出绩效目标表", "单位：万元"], F_HEADER, rows, 4)
    save(wb, out / f"{name}.xlsx")
    if twin:
        save_csv([openpyxl.load_workbook(out / f"{name}.xlsx").active], out / f"{name}.csv", "gbk")


# weights for the typed export (sum 100 per project) and actuals for the self-evaluation
WEIGHTS = {"pest": [20, 15, 10, 15, 15, 10, 15], "immune": [20, 20, 15, 15, 15, 15]}
ACTUALS = {"vaccine": ["52360剂次", "99.6%", "97.2%", "11.5元/剂次", "96.8%", "93.5%"]}
SCORES = {"vaccine": [20, 15, 10, 15, 15, 15]}  # 分值, sum 90 (+10 for budget execution)


def with_extras(p: dict) -> dict:
    p = dict(p)
    p["inds"] = [dict(i) for i in p["inds"]]
    for k, ind in enumerate(p["inds"]):
        if p["key"] in WEIGHTS:
            ind["weight"] = WEIGHTS[p["key"]][k]
        if p["key"] in ACTUALS:
            ind["actual"] = ACTUALS[p["key"]][k]
            ind["weight"] = SCORES[p["key"]][k]
    return p


def layouts() -> None:
    out = FIX / "layouts"
    out.mkdir(parents=True, exist_ok=True)
    pr = {k: with_extras(v) for k, v in PROJECTS.items()}
    # (a) education: 3 units, 4 projects; Sheet2 starts inside 市第二中学's project
    a = [pr["lab"], pr["cctv"], pr["aid"], pr["train"]]
    split = len(pr["lab"]["inds"]) + len(pr["cctv"]["inds"]) + 3
    layout_a(out, a, "a-department-rows", split)
    wb = openpyxl.load_workbook(out / "a-department-rows.xlsx")
    save_csv(wb.worksheets, out / "a-department-rows.csv", "utf-8-sig")
    a_planted = [
        planted(pr["lab"], {"学生分组实验开出率": "有效提升"}),                       # VAG001 ×2
        planted(pr["cctv"], {"新增高清监控点位数量": "120"}),                         # FMT001 ×2
        planted(pr["aid"], {"资助对象认定准确率": "≥105%"}),                          # FMT002 ×2
        planted(pr["train"], {"培训考核合格率": "≥**%"},                              # FMT005 ×2
                add=("培训课程门数", "数量", "培训课程满意度", "≥90%")),             # FIT001
    ]
    a_planted[1]["inds"] = [dict(i) for i in a_planted[1]["inds"]]
    a_planted[1]["cod003"] = "校园安全责任事故起数"                                    # COD003
    layout_a_planted(out, a_planted, split)
    # (b) health: one project per sheet, both value columns
    layout_b(out / "b-form-per-sheet.xlsx", [pr["elder"], pr["vaccine"], pr["er"]])
    layout_b(out / "b-form-per-sheet-planted.xlsx", [
        planted(pr["elder"], {"老年人健康管理率": "明显改善", "人均体检费用": "≤XX元/人"}),  # VAG001, FMT005
        planted(pr["vaccine"], {"免疫规划疫苗接种剂次": "50000"}),                          # FMT001
        planted(pr["er"], {"设备完好率": "≥110%"},                                          # FMT002
                add=("购置急救设备数量", "数量", "住院患者满意度", "≥90%")),               # FIT001
    ])
    # (c) agriculture: three forms stacked down one sheet, annual only
    layout_c(out / "c-forms-stacked.xlsx", [pr["farmland"], pr["pest"], pr["immune"]])
    # (d) transport: one file per project
    d = out / "d-one-file-per-project"
    d.mkdir(exist_ok=True)
    one_form_book(d / "公路桥梁定期检测项目.xlsx", pr["bridge"], values=("年度指标值",))
    one_form_book(d / "城乡公交运营补贴项目.xlsx", pr["bus"], values=("年度指标值",))
    # (e) agriculture: typed 一体化 export in 元
    layout_e(out, "e-typed-export", [pr["pest"], pr["immune"]])
    pest = planted(pr["pest"], {})
    pest["inds"][1]["typed"] = ("≥", "120", "%")                                            # FMT002
    pest["inds"][3]["typed"] = ("≤", "**", "元/亩")                                          # FMT005
    immune = planted(pr["immune"], {}, add=("强制免疫畜禽数量", "数量", "防疫技术服务满意度", "≥90%"))  # FIT001
    immune["inds"][0]["typed"] = ("≥", "200", "")                                           # FMT001
    immune["inds"][2]["typed"] = ("定性", "有效提升", "")                                     # VAG001
    immune["inds"][1]["weight"], immune["inds"][0]["weight"] = 10, 10  # weights still sum to 100
    layout_e(out, "e-typed-export-planted", [pest, immune], twin=False)
    # (f) transport: annual-only table, 年度预期指标值
    layout_f(out, "f-annual-only", [pr["guard"], pr["bridge"]])
    layout_f(out, "f-annual-only-planted", twin=False, projects=[
        planted(pr["guard"], {"交工验收合格率": "≥102%"},                                     # FMT002
                add=("安全生命防护工程实施里程", "数量", "沿线企业满意度", "≥90%")),         # FIT001
        planted(pr["bridge"], {"定期检测桥梁数量": "≥120", "单座桥梁检测费用": "≤**元/座",   # FMT001, FMT005
                               "一、二类桥梁占比": "有效提升"}),                             # VAG001
    ])
    # (g) health: self-evaluation
    one_form_book(out / "g-self-evaluation.xlsx", pr["vaccine"], title="项目支出绩效自评表", selfeval=True,
                  values=("", "", "", "", ""))
    # (h) agriculture: the 2013 framework (satisfaction under 效益)
    one_form_book(out / "h-framework-2013.xlsx", pr["pest"], values=("指标值",), framework="fw2013")
    one_form_book(out / "h-framework-2013-planted.xlsx", planted(pr["pest"], {
        "化学农药使用量减少比例": "明显改善", "统防统治作业面积": "≥30000",                  # VAG001, FMT001
        "病虫害防治效果达标率": "≥105%", "挽回粮食损失": "≥XX吨"},                          # FMT002, FMT005
        add=("统防统治作业面积", "数量", "技术指导服务满意度", "≥90%")),                   # FIT001
        values=("指标值",), framework="fw2013")
    # (i) health: the 2021 framework (成本指标 as level 1)
    one_form_book(out / "i-framework-2021.xlsx", pr["elder"], values=("指标值",), framework="fw2021")
    one_form_book(out / "i-framework-2021-planted.xlsx", planted(pr["elder"], {
        # a name ending in 人数 states its unit (FMT001 stays quiet on "≥30000"): the missing
        # unit is planted on the cost, which names none
        "健康档案动态更新率": "进一步加强", "人均体检费用": "≤50",                          # VAG001, FMT001
        "体检结果录入准确率": "≥101%", "老年人健康体检人数": "≥**人"},                      # FMT002, FMT005
        add=("老年人健康体检人数", "数量", "体检服务满意度", "≥90%")),                     # FIT001
        values=("指标值",), framework="fw2021")
    # (j) education: no 一级 column, no codes
    one_form_book(out / "j-no-level1.xlsx", pr["aid"], values=("指标值",), level1=False)
    # (k) transport: empty template rows
    one_form_book(out / "k-empty-template-rows.xlsx", pr["bus"], values=("指标值",),
                  slots=("经济", "生态", "可持续"))
    print(f"layouts: written to {out}")


def layout_a_planted(out: Path, projects, split: int) -> None:
    rows = dept_rows(projects)
    for p, first, cells in rows:
        if cells[9] == p.get("cod003"):
            cells[7] = "1-效益指标"  # code 1 is 产出: contradicts its name
    wb = new_book()
    title = [f"{YEAR}年市教育局项目支出绩效目标表", "金额单位：万元"]
    write_dept_sheet(wb.create_sheet("Sheet1"), title, A_HEADER, rows[:split], 6)
    write_dept_sheet(wb.create_sheet("Sheet2"), [], A_HEADER, rows[split:], 6)
    save(wb, out / "a-department-rows-planted.xlsx")


# ---------------------------------------------------------------- the sample over two sheets

def sample_continued() -> None:
    """The Guangzhou sample as a department row table whose rows continue from Sheet1 onto
    Sheet2, the break falling inside a project: Sheet2 repeats the header and leaves the unit
    and project cells of that project blank, as an export does."""
    sys.path.insert(0, str(ROOT))
    from linter.readers import read_table
    from linter.writers import INDICATOR_COLUMNS, rows as table_rows, value_columns, _amounts

    table = read_table(ROOT / "examples" / "guangzhou-housing-bureau-targets.txt")
    header = ["单位", "项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", *INDICATOR_COLUMNS,
              *value_columns(("period", "annual"))]
    rows = []
    for unit, project, first, ind in table_rows(table):
        lead = [unit.name, project.name, *[x or None for x in _amounts(project)], project.goal] if first else [None] * 7
        tail = [ind.number_raw or str(ind.number or ""), ind.level1.raw, ind.level2.raw, ind.name,
                ind.period_value or "", ind.annual_value or ""] if ind else [""] * 6
        rows.append((project, first, lead + tail))
    split = len(rows) // 2
    while rows[split][1]:  # the break must fall inside a project
        split += 1
    wb = new_book()
    write_dept_sheet(wb.create_sheet("Sheet1"), [table.title or "项目支出绩效目标表",
                                                 f"部门名称：{table.department} 单位：{table.money_unit}"],
                     header, rows[:split], 7)
    write_dept_sheet(wb.create_sheet("Sheet2"), [], header, rows[split:], 7)
    save(wb, FIX / "formats" / "sample-continued.xlsx")
    print("formats: sample-continued.xlsx")


def main() -> None:
    provinces()
    layouts()
    sample_continued()


if __name__ == "__main__":
    sys.exit(main())
