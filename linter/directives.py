"""Suppression directives as written: ``jxlint: ignore …`` in a table's remark cells or cell
comments, and ``per-project-ignores`` entries in the configuration (docs/suppressions.md).

Below the configuration and the readers' consumers: it only parses text into Directives;
linter/suppress.py applies them after the rules ran.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import ConfigError
from .findings import Finding

if TYPE_CHECKING:
    from .model import Table

# Check type of the SUP rules: they run after every other rule (on all findings), never in
# the engine's pass over the tables.
CHECK_TYPE = "suppression"

PREFIX = re.compile(r"jxlint\s*[:：]", re.IGNORECASE)
VERB = re.compile(r"\s*(?:(?i:ignore)(?![A-Za-z])|忽略)\s*[:：]?")
TOKEN = r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"
CODES = re.compile(rf"\s*({TOKEN}(?:(?:\s*[,，、]\s*|\s+){TOKEN})*)")  # a separator between codes: no split inside one
SPLIT = re.compile(r"[\s,，、]+")
WORD = re.compile(r"\s*([^\s,，、:：;；。]{1,20})")
VERBS = ("ignore", "忽略")
FULL_CODE = re.compile(r"[A-Za-z]{2,4}\d{3}")
UPPER_PREFIX = re.compile(r"[A-Z]{2,4}\d{0,2}")
COMMENT_KEY = "批注"  # Indicator/Project.extra key of an .xlsx cell comment (readers/xlsx_comments)


@dataclass
class Directive:
    """One ``jxlint: ignore …`` in a table, or one ``per-project-ignores`` entry."""

    codes: list[str]
    text: str  # as written: "jxlint: ignore VAG001" or the config entry
    scope: str  # indicator | project | config | table (a directive placed nowhere: reported, never applied)
    file: str = ""
    unit: str | None = None
    project: str | None = None
    indicator: int | None = None
    indicator_name: str | None = None
    where: str = ""  # the column or 批注 it was written in; the config key
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    problem: str = ""  # why it cannot be read (a SUP002 finding)
    pattern: tuple[str, str] | None = None  # config: (unit glob, project glob)
    used: set[str] = field(default_factory=set)  # codes that hid at least one finding

    @property
    def kind(self) -> str:
        """SARIF suppression kind: written in the table (inSource) or in config (external)."""
        return "external" if self.scope == "config" else "inSource"

    def label(self) -> str:
        if self.scope == "config":
            return f"配置 per-project-ignores「{self.where}」"
        # an indicator's number is already in every report's location of the finding
        whose = {"indicator": "", "project": "项目"}.get(self.scope, "表头或标题")
        return f"{whose}{self.where}中的「{self.text}」"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "scope": self.scope, "codes": list(self.codes), "text": self.text, "where": self.where,
                "file": self.file or None, "sheet": self.sheet, "cell": self.cell, "line": self.line}


@dataclass
class Suppressed:
    finding: Finding
    by: list[Directive]

    def to_dict(self) -> dict:
        return {**self.finding.to_dict(), "suppressed_by": [d.to_dict() for d in self.by]}


# -- reading directives ----------------------------------------------------------------------

def parse(text: str) -> list[tuple[str, list[str], str]]:
    """Every directive in a cell: (text as written, codes, problem — "" when well formed)."""
    out = []
    for m in PREFIX.finditer(text or ""):
        rest = text[m.end():]
        verb = VERB.match(rest)
        if verb is None:
            word = WORD.match(rest)
            got = word[1] if word else ""
            close = difflib.get_close_matches(got.lower(), VERBS, n=1, cutoff=0.5)
            hint = f"，是不是 {close[0]}？" if close else ""
            what = f"「{got}」" if got else "（空）"
            out.append((text[m.start():m.end() + (word.end() if word else 0)].strip(), [],
                        f"指令{what}无法识别{hint}；应写作 jxlint: ignore 编号 或 jxlint:忽略 编号"))
            continue
        codes = CODES.match(rest, verb.end())
        end = codes.end() if codes else verb.end()
        written = text[m.start():m.end() + end].strip()
        if codes is None:
            out.append((written, [], "没有写出要忽略的规则编号；应写作 jxlint: ignore VAG001（可写多个，用逗号分隔）"))
            continue
        out.append((written, [c for c in SPLIT.split(codes[1]) if c], ""))
    return out


def _directives_in(extra: dict[str, str], cells: dict[str, str], base: dict) -> list[Directive]:
    found = []
    for key, value in extra.items():
        if not isinstance(value, str) or "jxlint" not in value.lower():
            continue
        for written, codes, problem in parse(value):
            found.append(Directive(codes=codes, text=written, where=key, cell=cells.get(key) or base.get("cell"), problem=problem,
                                   **{k: v for k, v in base.items() if k != "cell"}))
    return found


def collect(table: Table) -> list[Directive]:
    """The directives written in a table's remark columns, form fields and cell comments."""
    out: list[Directive] = []
    file = table.source.file
    for issue in table.issues:
        if issue.kind == "unplaced-directive":  # readers/xlsx_comments: a comment on a header or title cell
            src = issue.source
            for written, codes, _ in parse(issue.text):
                out.append(Directive(codes=codes, text=written, scope="table", file=src.file or file, where="批注", line=src.line,
                                     sheet=src.sheet, cell=src.cell, problem="它所在的单元格不属于任何指标或项目，不抑制任何发现；"
                                     "请写在该指标所在行（备注列或批注），或项目名称、绩效目标、金额单元格的批注中"))
    for unit in table.units:
        for project in unit.projects:
            src = project.source
            if project.extra:  # most tables have no remark column: no place for a directive
                out += _directives_in(project.extra, project.field_cells, dict(
                    scope="project", file=src.file or file, unit=unit.name, project=project.name, line=src.line, sheet=src.sheet,
                    cell=src.cell))
            for ind in project.indicators:
                if not ind.extra:
                    continue
                src = ind.source
                out += _directives_in(ind.extra, ind.field_cells, dict(
                    scope="indicator", file=src.file or file, unit=unit.name, project=project.name, indicator=ind.number,
                    indicator_name=ind.name, line=src.line, sheet=src.sheet, cell=src.cell))
    return out


# -- configuration ---------------------------------------------------------------------------

def config_directives(mapping: dict, where) -> list[Directive]:
    """``per-project-ignores``: keys are globs (``*``, ``?``, ``[…]``) on 单位/项目 — a key
    without "/" is a project glob in any unit; values are lists of codes, prefixes, rule
    names or categories (like ``ignore``)."""
    out = []
    for key, codes in mapping.items():
        here = where(f"per-project-ignores.{key}")
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and c.strip() for c in codes):
            raise ConfigError(f"{here}: 应为规则编号的数组，如 [\"VAG001\", \"FMT\"]，实际是 {codes!r}")
        unit_glob, sep, project_glob = key.partition("/")
        pattern = (unit_glob, project_glob) if sep else ("*", key)
        out.append(Directive(codes=[c.strip() for c in codes], text=f"{key} = {'、'.join(codes)}", scope="config", where=key, pattern=pattern))
    return out


def _glob(pattern: str, name: str | None) -> bool:
    return fnmatch.fnmatchcase(name or "", pattern)
