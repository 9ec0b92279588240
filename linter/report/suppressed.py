"""Suppressed findings in every report: counted in each summary, listed with
``--show-suppressed``; SARIF always carries them, marked with ``suppressions``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..result import LintResult
from ..findings import Finding

KIND_LABEL = {"inSource": "表内指令", "external": "配置 per-project-ignores"}


def _kinds(s) -> list[str]:
    return list(dict.fromkeys(d.kind for d in s.by))


def summary_part(result: LintResult) -> dict:
    """``summary.suppressed``: how many findings were hidden on purpose, by rule and by source."""
    items = result.suppressed
    by_rule = Counter(s.finding.code for s in items)
    by_kind = Counter(k for s in items for k in _kinds(s))
    return {"suppressed": {"total": len(items), "by_kind": {k: by_kind.get(k, 0) for k in KIND_LABEL},
                           "by_rule": [{"code": c, "count": n} for c, n in sorted(by_rule.items())]}}


def reasons(s) -> str:
    return "；".join(d.label() for d in s.by)


def text_lines(result: LintResult, render_finding: Callable[[Finding], list[str]]) -> list[str]:
    items = result.suppressed
    if not items:
        return []
    part = summary_part(result)["suppressed"]
    kinds = "，".join(f"{KIND_LABEL[k]} {n}" for k, n in part["by_kind"].items() if n)
    lines = [f"已抑制 {len(items)} 条发现（{kinds}），不计入退出码"
             + ("" if result.show_suppressed else "；用 --show-suppressed 列出")]
    if result.show_suppressed:
        for s in items:
            f = s.finding
            lines.append(f"  [已抑制] {f.unit or '（未注明单位）'}" + (f" ▸ {f.project}" if f.project else ""))
            lines += render_finding(f)
            lines.append(f"        抑制：{reasons(s)}")
    return lines


def json_part(result: LintResult) -> dict:
    return {"suppressed": [s.to_dict() for s in result.suppressed]} if result.show_suppressed else {}


def html_section(result: LintResult, render_finding: Callable[[Finding], str]) -> str:
    from html import escape

    items = result.suppressed
    if not items:
        return ""
    head = f'<section class="box" id="suppressed"><h2>已抑制 {len(items)} 条发现（不计入退出码）</h2>'
    if not result.show_suppressed:
        return head + "<p>用 --show-suppressed 列出。</p></section>"
    # not class "finding": the page's filters and counts are about the unsuppressed findings
    rows = "".join(
        render_finding(s.finding).replace('<div class="finding ', '<div class="finding-suppressed ', 1)[:-len("</div>")]
        + f'<div class="meta">抑制：{escape(reasons(s))}</div></div>'
        for s in items)
    style = "<style>div.finding-suppressed{border-left:4px dashed #8c959f;padding:4px 10px;margin:6px 0;opacity:.8}</style>"
    return style + head + rows + "</section>"
