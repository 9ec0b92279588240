"""``pattern``: flag a text when a regex family matches, unless an exception matches.

Families group the vocabulary by kind ("comparative", "grade"...) so the message can say
which kind of defect was found; rules and config can extend each family.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field

from ..rulekit import Check, Context, Hit, Params, register
from ..text import normalize


class Family(Params):
    label: str
    patterns: list[str]
    # A strict family is not excused by ``unless``: its wording is the defect even when the
    # text ends like a measure ("有效改善环境美观度" is an aim, though it ends in 度).
    strict: bool = False


class PatternParams(Params):
    families: dict[str, Family] = Field(default_factory=dict)
    vocab: str | None = None  # a shared file of families, relative to the rule's folder
    extra_patterns: dict[str, list[str]] = Field(default_factory=dict)
    unless: list[str] = Field(default_factory=list)
    unless_vocab: str | None = None  # a family file whose every pattern also counts as "unless"
    min_length: int = 0
    # Text removed before ``unless`` is tested: numbers that are not targets (years in
    # "2024年-2025年", list numbering "1、"), so they do not count as "quantified".
    ignore: list[str] = Field(default_factory=list)


_NAMES = [f"jxlint_family_{i}" for i in range(200)]
_INDEX = {name: i for i, name in enumerate(_NAMES)}
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?P<")


def _any_family(families) -> re.Pattern | None:
    """One alternation of every family, each its own named group (family order), when all are
    reviewed ``re`` patterns without group references; else None (each family searched alone)."""
    matchers = [regex for _, regex, _ in families]
    if not matchers or len(matchers) > len(_NAMES) or any(m is not None and (m.user is not None or m.trusted is None) for m in matchers):
        return None
    parts = []
    for i, m in enumerate(matchers):
        if m is None:
            continue
        if _BACKREF.search(m.trusted.pattern) or m.trusted.flags & ~re.UNICODE:
            return None
        parts.append(f"(?P<{_NAMES[i]}>{m.trusted.pattern})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _compile(patterns: list[str], where: str, reviewed: frozenset[str]):
    from ..patterns import compile_patterns

    return compile_patterns(patterns, where, reviewed)


def reviewed_patterns(rule, params: PatternParams) -> frozenset[str]:
    """Patterns shipped with jxlint (a built-in rule's own families and unless, built-in
    vocabularies): they run on ``re``. Anything else a user added runs on RE2."""
    from ..patterns import is_builtin
    from ..vocab import builtin_rules_dir, cached_yaml

    found: set[str] = set()
    if is_builtin(getattr(rule, "path", None)):
        declared = rule.default_params()
        for family in (declared.get("families") or {}).values():
            if isinstance(family, dict):
                found.update(p for p in family.get("patterns", []) if isinstance(p, str))
        found.update(p for p in declared.get("unless", []) if isinstance(p, str))
        found.update(p for p in declared.get("ignore", []) if isinstance(p, str))
    for ref in (params.vocab, params.unless_vocab):
        shipped = builtin_rules_dir() / ref if ref else None
        if shipped is not None and shipped.is_file():
            for family in (cached_yaml(str(shipped)) or {}).values():
                if isinstance(family, dict):
                    found.update(p for p in family.get("patterns", []) if isinstance(p, str))
    return frozenset(found)



def _first_family(families, text: str) -> Hit | None:
    """The first family (label, regex, …) whose regex finds something in the text."""
    for label, regex, *_ in families:
        m = regex.search(text) if regex is not None else None
        if m:
            return Hit(vars={"match": m.group(0), "family": label})
    return None

@register("pattern", accepts=("text",))
class PatternCheck(Check):
    Params = PatternParams
    memo_by_target = True  # memo_key below, known to the runner

    def __init__(self, params: PatternParams, rule):
        super().__init__(params, rule)
        families = dict(params.families)
        if params.vocab:
            from ..vocab import load_vocab

            shared = load_vocab(rule, params.vocab)
            try:
                shared_families = {k: Family.model_validate(v) for k, v in shared.items()}
                families |= {k: v for k, v in shared_families.items() if k not in families}
            except Exception as exc:  # a malformed vocabulary file is the rule author's error
                from ..errors import RuleError

                raise RuleError(f"{rule.path}: 词表 {params.vocab} 格式错误（{exc}）") from None
        reviewed = reviewed_patterns(rule, params)
        self.families = []
        self.family_keys = []  # parallel to families: which family a hit came from (autofix.only)
        for key, family in families.items():
            patterns = family.patterns + params.extra_patterns.get(key, [])
            regex = _compile(patterns, f"{rule.path}: check.families.{key}", reviewed)
            self.families.append((family.label, regex, family.strict))
            self.family_keys.append(key)
        for key in params.extra_patterns:
            if key not in families:
                from ..errors import RuleError

                raise RuleError(f"{rule.path}: 选项 extra_patterns.{key}: 没有名为 {key!r} 的词族")
        unless = list(params.unless)
        if params.unless_vocab:
            from ..vocab import load_vocab

            for family in load_vocab(rule, params.unless_vocab).values():
                unless += family.get("patterns", []) if isinstance(family, dict) else []
        self.unless = _compile(unless, f"{rule.path}: unless", reviewed)
        from ..patterns import compile_one

        self.ignore = [compile_one(p, f"{rule.path}: ignore", reviewed) for p in params.ignore]
        # one search over all families serves texts no exception can excuse; with ``unless`` the
        # families are searched one by one (see __call__), and the alternation is never compiled
        self.any = _any_family(self.families) if self.unless is None else None
        # the families an exception does not excuse, in family order
        self.strict = [(label, regex) for label, regex, strict in self.families if strict and regex is not None]

    def _without_ignored(self, text: str) -> str:
        for regex in self.ignore:
            text = regex.sub("", text)
        return text

    # A safe fix deletes a match that opens the text (a leftover prefix: "指标1:", "00-").
    fixes = True

    def edit(self, hit: Hit, target: str | None, ctx: Context) -> dict | None:
        from ..autofix import field_edit

        if not target or not ctx.field:
            return None
        text = normalize(target)
        for key, (label, regex, _strict) in zip(self.family_keys, self.families):
            m = regex.search(text) if regex is not None else None
            if m is None or m.group(0) != hit.vars.get("match"):
                continue
            if m.start() != 0:
                return None
            cut = next((k for k in range(1, len(target) + 1) if normalize(target[:k]) == m.group(0)), None)
            rest = target[cut:].lstrip() if cut else ""
            return field_edit(ctx.field, target, rest, key) if rest else None
        return None

    def memo_key(self, target: str | None, ctx: Context):
        return target

    def __call__(self, target: str | None, ctx: Context) -> Iterable[Hit]:
        if not target:
            return
        text = normalize(target)
        if len(text) < self.params.min_length:
            return
        if self.unless is not None:
            # an exception excuses most families: read it first (most texts hold a number),
            # then only the families it leaves
            excused = self.unless.search(self._without_ignored(text))
            hit = _first_family(self.strict if excused else self.families, text)
        elif self.any is not None:
            # one search says whether any family matches (most texts: none) and which matches
            # leftmost; only the families before it can still win, with a match further on
            m = self.any.search(text)
            if m is None:
                return
            first = _INDEX[m.lastgroup]  # the family's own group encloses any of its groups
            hit = _first_family(self.families[:first], text) or Hit(vars={"match": m.group(0), "family": self.families[first][0]})
        else:
            hit = _first_family(self.families, text)
        if hit is not None:
            yield hit
