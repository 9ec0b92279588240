"""Label vocabularies of spreadsheet layouts: grid column labels (rules/vocab/columns.yaml) and
the label/value pairs of forms above a grid (rules/vocab/form-labels.yaml), both extendable in
config. Labels are compared by ``label_key``: NFKC, no spaces, "*", colons or brackets' contents.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import InputError
from ..text import nfkc

# Words that mark a value column, a group label or a sheet as one side of the targets.
PERIOD_MARK = re.compile(r"实施期|实施周期|中期|总体|中长期|整体目标|绩效期")
ANNUAL_MARK = re.compile(r"年度|当年|本年")
ACTUAL_MARK = re.compile(r"实际|完成")


def label_key(text: str) -> str:
    text = nfkc(str(text))
    text = re.sub(r"[(（][^()（）]*[)）]", "", text)
    return re.sub(r"[\s:：*＊]", "", text)


def value_side(label: str) -> str | None:
    """"period", "annual" or None for a label, group label or sheet name."""
    text = nfkc(label or "")
    period, annual = PERIOD_MARK.search(text), ANNUAL_MARK.search(text)
    if period and not (annual and annual.start() < period.start()):
        return "period"
    if annual:
        return "annual"
    return None


class _LabelMap:
    kind = ""

    def __init__(self, synonyms: dict[str, list[str]], extra: dict[str, list[str]] | None = None):
        self.fields = [f for f, v in synonyms.items() if isinstance(v, list)]
        self.label_to_field: dict[str, str] = {}
        self.rank: dict[str, int] = {}  # a label's place in its field's list: earlier wins
        for fld in self.fields:
            for n, label in enumerate(synonyms[fld]):
                self.label_to_field.setdefault(label_key(label), fld)
                self.rank.setdefault(label_key(label), n)
        for label_or_field, labels in (extra or {}).items():
            # config: {"实施周期指标值": ["总体指标值"]} (a label) or {"period_value": [...]} (a field)
            fld = label_or_field if label_or_field in self.fields else self.label_to_field.get(label_key(label_or_field))
            if not fld:
                raise InputError(f"配置 {self.kind}: 不认识的标签「{label_or_field}」；可用字段：{', '.join(self.fields)}")
            for label in labels:
                self.label_to_field[label_key(label)] = fld
                self.rank[label_key(label)] = -1
        self._cache: dict[str, str | None] = {}

    def field_of(self, label: str) -> str | None:
        if not label or len(label) > 40:  # labels are short; long cells are content
            return None
        try:
            return self._cache[label]
        except KeyError:
            if len(self._cache) > 50_000:  # bounded: a large sheet's cells are mostly unique
                self._cache.clear()
            found = self._cache[label] = self.label_to_field.get(label_key(label))
            return found


    def rank_of(self, label: str) -> int:
        return self.rank.get(label_key(label), 999)


class ColumnMap(_LabelMap):
    """Grid column labels → model fields."""

    kind = "column-synonyms"


class FormLabels(_LabelMap):
    """Form labels → project fields, plus the sheet-name, title and footer patterns."""

    kind = "form-labels"

    def __init__(self, vocab: dict, extra: dict[str, list[str]] | None = None):
        super().__init__({k: v for k, v in vocab.items() if not k.endswith(("_patterns", "_names"))}, extra)
        whole = vocab.get("page_sheet_names") or []
        self.page_name = re.compile("|".join(f"(?:{p})" for p in whole)) if whole else None
        self.title = _any(vocab.get("title_patterns"))
        self.footer = _any(vocab.get("footer_patterns"))
        self.whole_department = _any(vocab.get("whole_department_patterns"))

    def is_page_name(self, name: str | None) -> bool:
        """Sheet1, 表2, 第2页, 续表 … are pages of one table, never a unit."""
        if not name:
            return True
        text = nfkc(name).strip()
        return bool(self.page_name and self.page_name.fullmatch(text))


def _any(patterns: list[str] | None) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def split_label(text: str) -> tuple[str, str] | None:
    """"项目名称：某项目" → ("项目名称", "某项目"); None without a colon."""
    m = re.match(r"^\s*([^:：]{1,20}?)\s*[:：]\s*(.*)$", text, re.S)
    return (m[1], m[2].strip()) if m else None


@lru_cache(maxsize=4)
def builtin_vocab(name: str) -> dict:
    """A vocabulary file of the built-in rules (rules/vocab/NAME), read once."""
    here = Path(__file__).resolve().parent.parent
    rules = here / "rules" if (here / "rules").is_dir() else here.parent / "rules"
    with open(rules / "vocab" / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
