"""The 指标值 grammar: raw text → a typed Reading, the way a reviewer reads a value.

Kinds: ``quantity`` (operator, number, unit, period, approximation), ``range`` ("1-2个"),
``deadline`` ("中标通知书发出之日起20日内签订合同"), ``qualitative`` (text, no number),
``placeholder`` (XX, **, -: an unfinished draft) and ``empty``. Word operators count
(以上, 不低于, 达到…), full- and half-width symbols alike, and the indicator's name repeated
inside the value ("验收工程合格率90%以上") becomes the ``subject``. The vocabulary lives in
``rules/vocab/value-grammar.yaml``. ``parse_value`` never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import normalize

NUMBER = r"\d+(?:\.\d+)?"
KINDS = ("quantity", "range", "deadline", "qualitative", "placeholder", "empty")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
CN_NUMERAL = rf"[{CN_NUMERAL_CHARS}]+"
# The grammar reads at most this many characters of a value (after NFKC folding). A target
# value is a few words; anything longer is prose whose reading is settled by its start. Every
# scan below is linear anyway; the bound also caps patterns a user adds to the vocabulary.
MAX_VALUE_CHARS = 500
MULTIPLIERS = "万千百亿"
# Operator spellings, replaced in this order on the folded text (＞= folds to >=).
SYMBOLS = {"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "≥=": "≥", "≤=": "≤", ">=": "≥", "<=": "≤", "=>": "≥", "=<": "≤",
           "﹥": ">", "﹤": "<"}
# "95百分比" and "百分之九十五" are 95%.
PERCENT_WORD = re.compile(r"(?<=\d)百分比")
PERCENT_PREFIX = re.compile(rf"百分之(\d+(?:\.\d+)?|[{'零〇一二两三四五六七八九十百千'}]{{1,12}})")
# Every date pattern holds a month or year digit followed by 年/月 or a year followed by . - /
# (a prefilter; the patterns themselves decide).
DATE_HINT = re.compile(r"\d[年月]|(?:19|20)\d{2}[./-]")
# An operator plus a (compound) unit is short; a longer value is not an unfilled slot.
MAX_SLOT_CHARS = 16
# A bracket in an indicator name ("(亩)", "（≥**万元）"); placeholder marks and a "单位:" label
# inside it are not part of the unit.
NAME_BRACKET = re.compile(r"[(（]([^()（）]{1,12})[)）]")
TEMPLATE_MARKS = re.compile(r"[*＊XxＸ×?？]")
UNIT_LABEL = re.compile(r"^(?:计量)?单位[:：]?")
# "/日" after a unit: the count is per that period ("4次/日", "≥1次/工作日")
PER_AFTER_UNIT = re.compile(r"/(每)?([^\d/,;，；。]{1,3})")
PER_WORDS = ("日", "天", "月", "年", "周", "季度", "季", "工作日", "年度", "月度")
OP_TEXT = {">=": "≥", ">": ">", "=": "=", "<": "<", "<=": "≤"}


@dataclass(frozen=True, slots=True)
class Reading:
    raw: str
    kind: str  # quantity | range | deadline | qualitative | placeholder | empty
    op: str | None = None  # >= > = < <= (None: no direction stated)
    number: float | None = None
    upper: float | None = None  # for a range
    unit: str | None = None
    per: str | None = None  # 年 季度 月 周 日: the period a count is per
    approx: bool = False
    subject: str = ""  # text before the number ("验收工程合格率")
    rest: str = ""  # text after the number and unit
    numbers: int = 0  # how many numbers the text holds
    span: str = ""  # the matched deadline ("20日内", "12月31日前")
    op_word: str = ""  # the operator as written ("≥", "以上", "达到")
    # A date or date span in the value ("2024年2月底前", "2023.07-2024.01"): the last year and
    # month it allows (None when not stated: "12月31日前" has no year, "2021年全年" no month).
    end_year: int | None = None
    end_month: int | None = None
    spans: bool = False  # a from–to period ("2023年1月至12月"), not a single date

    @property
    def quantitative(self) -> bool:
        return self.kind in ("quantity", "range", "deadline")

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def direction(self) -> int:
        """+1 for ≥/>, -1 for ≤/<, 0 for = or none."""
        return {">=": 1, ">": 1, "<": -1, "<=": -1}.get(self.op or "", 0)

    def describe(self) -> str:
        """Chinese description for reports: "≥ 98 %", "约 90 个", "文本"."""
        if self.kind == "empty":
            return "空"
        if self.kind == "placeholder":
            return "占位符（未填写完成）"
        if self.kind == "qualitative":
            return "文本（无数字）"
        if self.kind == "deadline":
            return f"{'时段' if self.spans else '期限'} {self.span}"
        per = f"每{self.per} " if self.per else ""
        unit = f" {self.unit}" if self.unit else "（无单位）"
        if self.kind == "range":
            return f"{per}{_num(self.number)}–{_num(self.upper)}{unit}"
        op = OP_TEXT.get(self.op or "", "")
        lead = "约 " if self.approx else (f"{op} " if op else "")
        tail = "" if op or self.approx else "（未写方向）"
        return f"{per}{lead}{_num(self.number)}{unit}{tail}"


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class Grammar:
    def __init__(self, data: dict):
        self.op_words: list[tuple[str, str]] = sorted(
            ((w, op) for op, words in data["operators"].items() for w in words), key=lambda x: -len(x[0])
        )
        self.suffix_ops = sorted(data["suffix_operators"], key=len, reverse=True)
        self.approx_words = data["approximations"]
        units = sorted({str(u) for u in data["units"]}, key=len, reverse=True)
        self.unit_re = re.compile(rf"[{MULTIPLIERS}]?(?:{'|'.join(re.escape(u) for u in units)})")
        self.range_re = re.compile(rf"({self.unit_re.pattern})?[-~～至到]({NUMBER})")
        self.periods = sorted(((w, p) for p, words in data["periods"].items() for w in words), key=lambda x: -len(x[0]))
        # No "(?=.*\d)" lookahead: retried at every position it made the scan quadratic
        # ("每年" × 100,000 took minutes). find_period bounds the search by the last digit instead.
        self.period_re = re.compile(rf"(?<![\d.])(?:{'|'.join(re.escape(w) for w, _ in self.periods)})")
        self.period_of = dict(self.periods)
        self.placeholder_re = re.compile("|".join(f"(?:{p})" for p in data["placeholders"]))
        self.deadline_res = [re.compile(p) for p in data["deadlines"]]
        signs = "".join(map(re.escape, data.get("quotient_signs", [])))
        self.quotient_re = re.compile(rf"[^\s{signs}][{signs}][^\s{signs}]") if signs else None
        self.date_res = [re.compile(p) for p in data.get("dates", [])]
        self.date_by_re = re.compile(data.get("date_deadline_suffix", "(?!)"))
        self.date_whole_re = re.compile(data.get("date_whole_suffix", "(?!)"))
        # A value that is only an operator and/or a unit: an unfilled template slot ("公里", "≥%").
        ops = "|".join(re.escape(w) for w, _ in self.op_words)
        unit = self.unit_re.pattern
        self.bare_slot_re = re.compile(rf"(?:{ops})?(?:{unit}(?:/(?:{unit})){{0,2}})?")
        self.canonical = {alias: unit for unit, aliases in data.get("unit_synonyms", {}).items() for alias in aliases}
        cn_units = "|".join(re.escape(u) for u in units if not u.isascii())
        # A numeral run is tried from its first character only (the lookbehind): starting again
        # inside the run re-scanned it at every position, quadratic on a long run.
        self.cn_unit_re = re.compile(
            rf"(?<![\d.{CN_NUMERAL_CHARS}]){CN_NUMERAL}(?=[{MULTIPLIERS}]?(?:{cn_units})(?!性))"
        )

    def find_period(self, text: str) -> re.Match | None:
        """The first period word ("每年", "1个月") that another number follows."""
        last_digit = next((i for i in range(len(text) - 1, -1, -1) if text[i].isdecimal()), -1)
        if last_digit <= 0:
            return None
        return self.period_re.search(text, 0, last_digit)

    def find_date(self, text: str) -> tuple[re.Match, int, str] | None:
        """The first date or date span, where it ends with its suffix, and the suffix's kind:
        "by" ("前", "底前": a deadline), "whole" ("全年") or ""."""
        if not DATE_HINT.search(text):  # most values hold no date: one cheap scan instead of seven
            return None
        best = None
        for regex in self.date_res:
            m = regex.search(text)
            if m and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return None
        end = best.end()
        whole = self.date_whole_re.match(text, end)
        if whole:
            return best, whole.end(), "whole"
        by = self.date_by_re.match(text, end)
        return (best, by.end(), "by") if by else (best, end, "")

    def unit_in_brackets(self, name: str) -> str | None:
        """The unit a name states in brackets: "实施营造林总面积(亩)" → 亩, "项目总投入(≥**万元)" →
        万元 (a template comparator around it is allowed); "受益脱贫(监测)人口" → None."""
        for m in NAME_BRACKET.finditer(normalize(name)):
            inner = UNIT_LABEL.sub("", TEMPLATE_MARKS.sub("", m.group(1)))
            um = self.unit_re.search(inner)
            if um and self.bare_slot_re.fullmatch(inner):
                return um.group(0)
        return None

    def is_bare_slot(self, text: str) -> bool:
        return 0 < len(text) <= MAX_SLOT_CHARS and self.bare_slot_re.fullmatch(text) is not None

    def is_quotient(self, subject: str) -> bool:
        """"完成户数/计划户数": one named quantity divided by another."""
        return bool(self.quotient_re and subject and self.quotient_re.search(normalize(subject)))

    def find_deadline(self, text: str) -> re.Match | None:
        for regex in self.deadline_res:
            m = regex.search(text)
            if m:
                return m
        return None

    def cn_numerals_to_digits(self, text: str) -> str:
        """Chinese numerals before a unit: "零次" → 0次, "一次" → 1次, "一年" → 1年."""
        return self.cn_unit_re.sub(lambda m: str(v) if (v := cn_to_int(m.group(0))) is not None else m.group(0), text)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    from .vocab import builtin_rules_dir, cached_yaml

    return Grammar(cached_yaml(str(builtin_rules_dir() / "vocab" / "value-grammar.yaml")))


def canonical_unit(unit: str | None) -> str:
    """The unit's first spelling in unit_synonyms ("名" → "人"), keeping a multiplier prefix."""
    if not unit:
        return ""
    if "/" in unit:  # "元/平米" → "元/平方米"
        return "/".join(canonical_unit(part) for part in unit.split("/"))
    canonical = grammar().canonical
    if unit in canonical:
        return canonical[unit]
    if unit[0] in MULTIPLIERS and unit[1:] in canonical:
        return unit[0] + canonical[unit[1:]]
    return unit


def cn_to_int(text: str) -> int | None:
    """Small Chinese numerals: 零, 一, 十二, 二十, 三百五十 (None for a run too long to be one)."""
    if not text or len(text) > 12:
        return None
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in "十百千":
            scale = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * scale
            current = 0
        else:
            return None
    return total + current


def _clean(raw: str) -> str:
    text = normalize(raw)
    for a, b in SYMBOLS.items():
        text = text.replace(a, b)
    if "百分" in text:
        text = PERCENT_WORD.sub("%", text)
        text = PERCENT_PREFIX.sub(lambda m: f"{_percent_number(m.group(1))}%", text)
    return text.lstrip(":：").rstrip("。.;；,，")


def _percent_number(text: str) -> str:
    if text[0].isdecimal():
        return text
    value = cn_to_int(text)
    return str(value) if value is not None else text


@lru_cache(maxsize=65536)
def parse_value(raw: str | None) -> Reading:
    try:
        return _parse(raw)
    except Exception:  # pragma: no cover - the grammar must never break a run
        return Reading(raw=raw or "", kind="qualitative")


def _parse(raw: str | None) -> Reading:
    if raw is None or not raw.strip():
        return Reading(raw=raw or "", kind="empty")
    g = grammar()
    text = _clean(raw)[:MAX_VALUE_CHARS]
    if not text:
        return Reading(raw=raw, kind="empty")
    if g.placeholder_re.search(text) or g.is_bare_slot(text):
        return Reading(raw=raw, kind="placeholder")
    # A date is never a number: "2021年12月31日", "2023.07-2024.01" are deadlines or periods;
    # in "2023年完成培训300人次" the date is context and 300 人次 the target.
    dated: dict = {}
    found = g.find_date(text)
    if found:
        dm, end, suffix = found
        groups = dm.groupdict()
        year = groups.get("ey") or groups.get("sy")
        dated = {
            "end_year": int(year) if year else None,
            "end_month": int(groups["em"]) if groups.get("em") else None,
            "spans": bool(groups.get("sy") or groups.get("sm")) or suffix == "whole",
        }
        remainder = text[: dm.start()] + text[end:]
        if suffix == "by" or not any(ch.isdecimal() for ch in remainder):
            return Reading(raw=raw, kind="deadline", op=None if dated["spans"] else "<=", subject=text[: dm.start()],
                           rest=text[end:], span=text[dm.start():end], numbers=len(re.findall(NUMBER, text)), **dated)
        text = remainder
    m = g.find_deadline(text)
    if m:
        groups = m.groupdict()
        if groups.get("month") and not dated:
            dated = {"end_year": int(groups["year"]) if groups.get("year") else None, "end_month": int(groups["month"])}
        common = dict(subject=text[: m.start()], rest=text[m.end():], span=m.group(0),
                      numbers=len(re.findall(NUMBER, text)), **dated)
        if groups.get("n"):
            unit = groups["unit"].replace("个", "") if groups["unit"] != "个月" else "个月"
            return Reading(raw=raw, kind="deadline", op="<=", number=float(groups["n"]), unit=unit, **common)
        return Reading(raw=raw, kind="deadline", op="<=", **common)
    text = g.cn_numerals_to_digits(text)
    # A period qualifier is not a number: "一年不少于2次" is ≥2 次 per 年.
    per = None
    pm = g.find_period(text)
    if pm:
        per = g.period_of[pm.group(0)]
        text = text[: pm.start()] + text[pm.end():]
    numbers = list(re.finditer(NUMBER, text))
    if not numbers:
        return Reading(raw=raw, kind="qualitative", per=per, **dated)
    first = numbers[0]
    value = float(first.group(0))
    pos = first.end()
    upper = None
    unit = None
    # range: "1-2个", "1场-2场", "2-24小时"
    rm = g.range_re.match(text, pos)
    if rm and not re.match(r"20\d{2}$", first.group(0)):
        upper = float(rm.group(2))
        unit = rm.group(1)
        pos = rm.end()
    am = re.match(r"余|多", text[pos:])
    if am and upper is None:  # "10余篇"
        approx_after = True
        pos += am.end()
    else:
        approx_after = False
    um = g.unit_re.match(text, pos)
    if um:
        unit = um.group(0)
        pos = um.end()
    # After the unit: "/日", "/月" make a per-period count ("4次/日"); another unit makes a
    # compound unit ("元/亩", "人/次", "元/人/天" = 元/人 per 天).
    for _ in range(2):
        if not unit or not text.startswith("/", pos):
            break
        sm = PER_AFTER_UNIT.match(text, pos)
        if sm:
            word = sm.group(2)
            per_word = next((p for w, p in g.periods if word.startswith(w) or word == p), None)
            if per_word or word in PER_WORDS:
                per = per_word or word
                pos = sm.end()
                break
        um = g.unit_re.match(text, pos + 1)
        if not um:
            break
        unit = f"{unit}/{um.group(0)}"
        pos = um.end()
    before = text[: first.start()]
    op, op_word = None, ""
    approx = approx_after
    for word, candidate in g.op_words:
        if before.endswith(word):
            op, op_word = candidate, word
            before = before[: -len(word)]
            break
    for word in g.approx_words:
        if before.endswith(word):
            approx = True
            before = before[: -len(word)]
            break
    after = text[pos:]
    for word in g.suffix_ops:
        if after.startswith(word):
            suffix_op = next(op2 for w, op2 in g.op_words if w == word)
            if op is None:
                op, op_word = suffix_op, word
            after = after[len(word):]
            break
    if after.startswith(("左右", "余", "多")):
        approx = True
        after = after.lstrip("左右余多")
    kind = "range" if upper is not None else "quantity"
    return Reading(
        raw=raw, kind=kind, op=op, op_word=op_word, number=value, upper=upper, unit=unit, per=per, approx=approx,
        subject=before.strip(",，:：;；"), rest=after.strip(",，;；。"), numbers=len(numbers), **dated,
    )
