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

from .directives import (  # noqa: F401  (re-exported: the API and tests use suppress.collect etc.)
    CHECK_TYPE, COMMENT_KEY, FULL_CODE, UPPER_PREFIX, Directive, Suppressed, _glob, collect, config_directives, parse,
)
from .errors import ConfigError
from .findings import Finding

if TYPE_CHECKING:
    from .config import Settings
    from .engine.runner import ActiveRule
    from .engine.schema import Rule


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
        if not directives and not self.config:  # most runs: nothing can hide a finding
            return list(findings), []
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
