"""Message and fix templates of rules: ``{name}`` fields filled from the finding's values.

A template is checked when its rule is loaded, so a typo is a RuleError naming the file and
the key rather than a crash on the first finding: unbalanced braces ("}" or "{"),
positional fields ("{}" "{0}"), attribute or index access ("{a.b}" "{a[0]}") and unknown
conversions are refused. Names the check does not provide render as themselves
("{unknown}"): a local rule pack is refused at load when its own flag cases leave such a
name, and rule test cases (``jxlint test-rules``, the test suite) fail on them.
"""

from __future__ import annotations

import string
from pathlib import Path

from ..errors import RuleError

_FORMATTER = string.Formatter()


def template_names(template: str) -> list[str]:
    """The field names of a valid template, in order."""
    return [name for _, name, _, _ in _FORMATTER.parse(template) if name is not None]


def check_template(template: str, key: str, path: Path | str) -> None:
    try:
        fields = [(name, conv) for _, name, _, conv in _FORMATTER.parse(template) if name is not None]
    except ValueError as exc:
        raise RuleError(f"{path}: 键 {key}: 模板格式错误（{exc}）；字面的花括号请写成 {{{{ 或 }}}}") from None
    for name, conv in fields:
        if not name.isidentifier():
            raise RuleError(f"{path}: 键 {key}: 模板字段 {{{name}}} 无效；应为变量名，如 {{value}}、{{project}}")
        if conv not in (None, "s", "r"):
            raise RuleError(f"{path}: 键 {key}: 模板字段 {{{name}!{conv}}} 的转换无效")


def unresolved(template: str, rendered: str) -> list[str]:
    """Names of ``template`` left as ``{name}`` in ``rendered`` (no value was provided)."""
    return [n for n in dict.fromkeys(template_names(template)) if "{" + n + "}" in rendered]
