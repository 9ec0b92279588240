"""Regexes from rule files and configuration.

The built-in rule packs' patterns are reviewed (tests run them against adversarial text) and
use Python's ``re``. A pattern a user adds — a rule in a local rule directory, or a pattern
added in configuration — runs on RE2 (google-re2), whose matching time is linear in the text:
a pattern like ``(a+)+$`` cannot hang a run. RE2 has no backreferences or lookarounds; such a
user pattern is refused with a message saying how to write it instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import RuleError
from .vocab import builtin_rules_dir

UNSUPPORTED = "此正则表达式可能很慢/不受支持"


class Matcher:
    """``search(text)`` over reviewed ``re`` patterns and linear-time user patterns: the
    leftmost match wins, as in one alternation."""

    def __init__(self, trusted: re.Pattern | None, user):
        self.trusted, self.user = trusted, user
        if user is None and trusted is not None:
            self.search = trusted.search  # one engine: its own search, no merging per call

    def search(self, text: str):
        found = [m for m in (r.search(text) for r in (self.trusted, self.user) if r is not None) if m]
        return min(found, key=lambda m: m.start()) if found else None


def is_builtin(path: Path | str | None) -> bool:
    if path is None:
        return False
    try:
        Path(path).resolve().relative_to(builtin_rules_dir().resolve())
        return True
    except ValueError:
        return False


def compile_patterns(patterns: Iterable[str], where: str, trusted: set[str] | frozenset[str] = frozenset()) -> Matcher | None:
    """One matcher for an alternation of patterns; those in ``trusted`` use ``re``."""
    patterns = list(patterns)
    if not patterns:
        return None
    reviewed = [p for p in patterns if p in trusted]
    added = [p for p in patterns if p not in trusted]
    try:
        python = re.compile("|".join(f"(?:{p})" for p in reviewed)) if reviewed else None
    except re.error as exc:
        raise RuleError(f"{where}: 正则表达式错误：{exc}") from None
    user = None
    if added:
        for p in added:  # name the pattern that fails
            _re2(p, where)
        user = _re2("|".join(f"(?:{p})" for p in added), where)
    return Matcher(python, user)


def compile_one(pattern: str, where: str, trusted: set[str] | frozenset[str] = frozenset()):
    """One pattern (its groups are used): ``re`` when reviewed, else RE2 (same API)."""
    if pattern in trusted:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{where}: 正则表达式错误：{exc}") from None
    return _re2(pattern, where)


def _re2(pattern: str, where: str):
    try:
        re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"{where}: 正则表达式错误：{exc}（{pattern}）") from None
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        raise RuleError(f"{where}: {UNSUPPORTED}：自定义正则需要 google-re2（pip install google-re2）") from None
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own parse errors on stderr
    try:
        return re2.compile(pattern, options)
    except Exception as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise RuleError(
            f"{where}: {UNSUPPORTED}：「{pattern}」（{detail}）。自定义正则用线性时间引擎 RE2 执行，"
            "不支持回溯引用（\\1）和环视（(?=…)、(?<=…)、(?!…)）；请改写，例如用 unless 列出例外而不用否定环视"
        ) from None
