"""``value-format``: one indicator's values read by the 指标值 grammar, judged against what its
name measures (a shared metric lexicon). One check type, several aspects, one rule each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..vocab import load_vocab
from ..findings import FIELD_LABEL
from ..model import Indicator
from ..text import normalize
from ..values import Reading, grammar, parse_value
from .metrics import MetricLexicon

FIELDS = ("period_value", "annual_value")
SIDE = {"period_value": "实施周期", "annual_value": "年度"}


class FormatParams(Params):
    aspect: Literal["missing-unit", "over-100", "direction", "bare-percent", "placeholder", "satisfaction"]
    lexicon: str = "vocab/metric-lexicon.yaml"
    extra_positive: list[str] = Field(default_factory=list)
    extra_negative: list[str] = Field(default_factory=list)
    floor: float = 85.0  # satisfaction: the local minimum, in %
    # placeholder: values another rule owns, named by the families of a shared vocabulary
    # ({"vocab/vague-phrases.yaml": ["unselected-options"]}: VAG001 reports a 高中低 list),
    # so one cell does not get two findings for one defect.
    leave_to: dict[str, list[str]] = Field(default_factory=dict)


def reading_of(ind: Indicator) -> dict[str, str]:
    return {SIDE[f]: parse_value(getattr(ind, f)).describe() for f in FIELDS if getattr(ind, f) is not None}


def _left_patterns(rule, leave_to: dict[str, list[str]]):
    """One regex for every pattern of the named families (built-in vocabularies: ``re``)."""
    patterns: list[str] = []
    for ref, names in leave_to.items():
        families = load_vocab(rule, ref) or {}
        for name in names:
            family = families.get(name)
            if not isinstance(family, dict):
                from ..errors import RuleError

                raise RuleError(f"{rule.path}: 选项 leave_to: 词表 {ref} 中没有名为 {name!r} 的词族")
            patterns += [p for p in family.get("patterns", []) if isinstance(p, str)]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@register("value-format", accepts=("indicator",))
class ValueFormatCheck(Check):
    Params = FormatParams
    memo_fields = {"indicator": ("name", "period_value", "annual_value")}  # the memo key

    def __init__(self, params: FormatParams, rule):
        super().__init__(params, rule)
        self.lexicon = MetricLexicon(load_vocab(rule, params.lexicon), params.extra_positive, params.extra_negative)
        self.judge = getattr(self, "_" + params.aspect.replace("-", "_"))
        self.left = _left_patterns(rule, params.leave_to)

    def __call__(self, ind: Indicator, ctx: Context) -> Iterable[Hit]:
        seen: set[str] = set()
        for field in FIELDS:
            raw = getattr(ind, field)
            if raw is None:
                continue
            if raw in seen:  # the same text on both sides: one finding, not two
                continue
            reading = parse_value(raw)
            result = self.judge(ind, reading)
            if result is not None:
                seen.add(raw)
                same = raw == (ind.annual_value if field == "period_value" else ind.period_value)
                vars = {"reading": reading.describe(), "side": FIELD_LABEL[field] + ("（年度指标值相同）" if same else ""), **result}
                yield Hit(field=field, value=raw, vars=vars, reading=reading_of(ind))

    def _missing_unit(self, ind: Indicator, r: Reading) -> dict | None:
        if r.kind not in ("quantity", "range") or r.unit or r.number == 0 and not r.upper:
            return None
        if self.lexicon.implies_unit(ind.name) or (r.subject and self.lexicon.implies_unit(r.subject)):
            return None
        if grammar().unit_in_brackets(ind.name):  # "实施营造林总面积(亩)" = "80000"
            return None
        if grammar().is_quotient(r.subject):  # a formula, one quantity over another: a ratio
            return None
        return {}

    def _over_100(self, ind: Indicator, r: Reading) -> dict | None:
        if r.kind not in ("quantity", "range") or not r.percent or self.lexicon.is_growth(ind.name + r.subject):
            return None
        top = r.upper if r.upper is not None else r.number
        if top is not None and top > 100:
            return {"problem": f"{r.raw.strip()} 超过 100%，比率不可能超过 100%"}
        if r.number == 100 and r.op in (">=", ">") and r.op_word not in ("达到", "达", "为", "均为"):
            return {"problem": f"「{r.op_word}100%」对比率没有意义（比率最多 100%）"}
        return None

    def _direction(self, ind: Indicator, r: Reading) -> dict | None:
        if r.kind != "quantity" or r.direction == 0:
            return None
        sign, term = self.lexicon.direction(ind.name)
        if sign == 0 and r.subject:
            sign, term = self.lexicon.direction(r.subject)
        if r.unit and not r.percent and self.lexicon.is_rate(term):
            return None  # "检测及时率 ≤7工作日": the value is a time limit or a count, not the rate
        if sign > 0 and r.direction < 0:
            return {"term": term, "kind": "正向指标（越高越好）", "want": "≥ 或 >"}
        if sign < 0 and r.direction > 0 and (r.number or 0) > 0:
            return {"term": term, "kind": "反向指标（越低越好）", "want": "≤、< 或 0"}
        return None

    def _bare_percent(self, ind: Indicator, r: Reading) -> dict | None:
        if r.kind != "quantity" or not r.percent or r.op is not None or r.approx:
            return None
        sign, _ = self.lexicon.direction(ind.name)
        if sign == 0 and not self.lexicon.is_rate(ind.name):
            return None
        if r.number in (0, 100):  # 0% and 100% leave no doubt about the direction
            return None
        want = "≥" if sign >= 0 else "≤"
        return {"want": want, "suggest": f"{want}{r.raw.strip()}"}

    def _placeholder(self, ind: Indicator, r: Reading) -> dict | None:
        if r.kind != "placeholder":
            return None
        if self.left is not None and self.left.search(normalize(r.raw)):
            return None
        return {}

    def _satisfaction(self, ind: Indicator, r: Reading) -> dict | None:
        if not self.lexicon.is_satisfaction(ind.name) or r.kind in ("empty", "placeholder"):
            return None
        floor = self.params.floor
        if r.kind == "quantity" and self.lexicon.is_score(ind.name, r.unit):
            return None  # a satisfaction score on a points scale states its own unit
        if not (r.kind == "quantity" and r.percent):
            return {"problem": "不是百分比（满意度应写作“≥90%”这样的比例）", "floor": _pct(floor)}
        if r.direction >= 0 and r.number is not None and r.number < floor:
            return {"problem": f"{_pct(r.number)} 低于本地要求的 {_pct(floor)}", "floor": _pct(floor)}
        return None


def _pct(x: float) -> str:
    return f"{int(x)}%" if float(x).is_integer() else f"{x:g}%"
