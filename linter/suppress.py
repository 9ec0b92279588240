"""Suppressions: findings reviewers accept on purpose.

Two sources (docs/suppressions.md):
- configuration, ``per-project-ignores``: ``"单位glob/项目glob" = ["VAG001", "FMT"]``;
- the table itself: a remark cell (备注, 指标说明 … any column kept in ``extra``) or an
  .xlsx cell comment with ``jxlint: ignore VAG001`` / ``jxlint:忽略 VAG001，FMT004`` — on
  an indicator's row it covers that indicator, on the project's row or cells the project.

Order, the same in every report: ``--select/--ignore`` decide which rules run; suppressions
hide findings of the rules that ran; the baseline (cli) then hides recorded findings among
the rest; the exit code counts what is left. A directive's code that names a rule that did
not run is neither used nor unused; one that names a rule that ran and hid nothing is a
SUP001 finding, one that names no rule at all a SUP002 finding. SUP findings are made after
suppression and are not themselves suppressible (turn them off with ``ignore``).
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
    from .config import Settings
    from .engine.runner import ActiveRule
    from .engine.schema import Rule
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
            out += _directives_in(project.extra, project.field_cells, dict(
                scope="project", file=src.file or file, unit=unit.name, project=project.name, line=src.line, sheet=src.sheet,
                cell=src.cell))
            for ind in project.indicators:
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


# -- applying --------------------------------------------------------------------------------

def is_post(ar: ActiveRule) -> bool:
    return ar.rule.check.type == CHECK_TYPE


class Suppressor:
    """Built once per run, before reading (config errors come first): which codes each
    directive's tokens name, which rules ran, and the SUP rules to report with."""

    def __init__(self, rules: list[Rule], active: list[ActiveRule], settings: Settings):
        self.rules = rules
        self.post = {ar.rule.check.params.get("kind"): ar for ar in active if is_post(ar)}
        self.ran = {ar.rule.code for ar in active if not is_post(ar)}
        self._covers: dict[str, frozenset[str]] = {}
        # copies: the settings' entries are shared by runs (serve), "used" is per run
        self.config = [replace(d, used=set()) for d in getattr(settings, "per_project_ignores", None) or []]
        for d in self.config:
            for token in d.codes:
                if not self.covers(token):
                    from .engine.selection import did_you_mean

                    raise ConfigError(f"{settings.where(f'per-project-ignores.{d.where}')}: 没有与「{token}」匹配的规则"
                                      f"{did_you_mean(rules, token)}（可用编号、编号前缀、规则名或类别名）")

    def covers(self, token: str, written: bool = False) -> frozenset[str]:
        """The codes a token names, among every loaded rule (selected or not). Config tokens
        work like ``ignore``; a token written in a table (``written``) must look like a code:
        a whole code in any case (vag001), an upper-case prefix (VAG, VAG00), a rule name, a
        category or ALL — so that a word of a reason ("per", "fit") never hides a family."""
        key = (token, written)
        if key not in self._covers:
            from .engine.selection import matches

            ok = not written or token == "ALL" or FULL_CODE.fullmatch(token) or UPPER_PREFIX.fullmatch(token) \
                or any(token in (r.name, r.category) for r in self.rules)
            self._covers[key] = frozenset(r.code for r in self.rules if ok and matches(r, token))
        return self._covers[key]

    def apply(self, findings: list[Finding], directives: list[Directive]) -> tuple[list[Finding], list[Suppressed]]:
        """(kept, suppressed). Every config entry and directive that names a finding's code
        at its place hides it; all of them count as used. Directives that cannot be read
        hide nothing (they are SUP002 findings)."""
        directives = [d for d in directives if not d.problem]
        by_place: dict[tuple, list[Directive]] = {}
        for d in directives:
            key = (d.file, d.unit, d.project, d.indicator, d.indicator_name) if d.scope == "indicator" else (d.file, d.unit, d.project)
            by_place.setdefault(key, []).append(d)
        config_for: dict[tuple, list[Directive]] = {}
        kept: list[Finding] = []
        suppressed: list[Suppressed] = []
        for f in findings:
            candidates = by_place.get((f.file, f.unit, f.project), []) + by_place.get(
                (f.file, f.unit, f.project, f.indicator, f.indicator_name), []) if (f.unit or f.project) else []
            if self.config:
                where = (f.unit, f.project)
                if where not in config_for:
                    config_for[where] = [d for d in self.config if _glob(d.pattern[0], f.unit) and _glob(d.pattern[1], f.project)]
                candidates = candidates + config_for[where]
            by = []
            for d in candidates:
                hit = [t for t in d.codes if f.code in self.covers(t, d.scope != "config")]
                if hit:
                    d.used.update(hit)
                    by.append(d)
            if by:
                suppressed.append(Suppressed(f, by))
            else:
                kept.append(f)
        return kept, suppressed

    def problems(self, directives: list[Directive]):
        """(kind, directive, template values): "directive" — it cannot be read or names no
        rule (SUP002); "unused" — codes of rules that ran and hid nothing here (SUP001)."""
        from .engine.selection import did_you_mean

        for d in directives:
            if d.problem:
                yield "directive", d, {"problem": d.problem}
                continue
            unknown = [t for t in d.codes if not self.covers(t, True)]
            if unknown:
                hints = "；".join(f"「{t}」不是任何规则的编号、编号前缀（大写）或规则名{did_you_mean(self.rules, t)}" for t in unknown)
                yield "directive", d, {"problem": hints}
            unused = [t for t in d.codes if self.covers(t, True) & self.ran and t not in d.used]
            if unused:
                yield "unused", d, {"codes": "、".join(unused)}

    def report(self, directives: list[Directive]) -> list[Finding]:
        """SUP findings for the table's directives (after apply)."""
        return [f for kind, d, values in self.problems(directives) for f in self._finding(kind, d, values)]

    def _finding(self, kind: str, d: Directive, values: dict) -> list[Finding]:
        ar = self.post.get(kind)
        if ar is None:  # SUP001/SUP002 not selected
            return []
        from .engine.runner import render

        rule = ar.rule
        values = {**template_values(d), **values}
        return [Finding(code=rule.code, name=rule.name, category=rule.category, severity=ar.severity,
                        message=render(rule.message, values), fix=render(rule.fix, values), file=d.file, line=d.line,
                        sheet=d.sheet, cell=d.cell, unit=d.unit, project=d.project, indicator=d.indicator,
                        indicator_name=d.indicator_name, field=d.where, value=d.text)]


def template_values(d: Directive) -> dict:
    return {"directive": d.text, "where": d.label(), "scope": "该指标" if d.scope == "indicator" else "该项目",
            "unit": d.unit or "", "project": d.project or "", "indicator": d.indicator or ""}


def suppress(findings: list[Finding], directives: list[Directive], suppressor: Suppressor
             ) -> tuple[list[Finding], list[Suppressed]]:
    """Hide what the directives and config name; add the SUP findings; keep the order."""
    kept, suppressed = suppressor.apply(findings, directives)
    kept += suppressor.report(directives)
    kept.sort(key=Finding.sort_key)
    return kept, suppressed
