"""The default report: findings grouped by file, unit and project, then a summary, in Chinese.

Cell text reaches a terminal or a CI log: ``terminal_text`` shows control characters as
escapes and keeps a newline in a cell from starting a ``::`` workflow-command line."""

from __future__ import annotations

from itertools import groupby

from ..result import LintResult
from ..findings import SEVERITY_LABEL, Finding
from ..safe_text import terminal_text
from .summary import summary

MAX_VALUE = 80


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _finding(f: Finding) -> list[str]:
    where = f"第{f.indicator}个指标 " if f.indicator is not None else ""
    lines = [f"    {f.location()}  {f.code} {SEVERITY_LABEL[f.severity]}  {where}{f.message}"]
    if f.value and f.value not in f.message and f.previous is None:  # else shown beside last year's
        lines.append(f"        原文：{_clip(f.value)}")
    if f.reading:
        lines.append("        读作：" + "；".join(f"{k} {v}" for k, v in f.reading.items()))
    if f.previous is not None:
        lines.append(f"        {previous_line(f)}")
    lines.append(f"        修改：{f.fix}")
    if f.suggestion:
        lines.append(f"        建议：{f.suggestion}")
    return lines


def previous_line(f: Finding, clip=_clip) -> str:
    """This year's value beside last year's (findings of a check run with --previous). A
    finding without a field (an indicator gone this year) has no value this year."""
    if f.value and f.field and f.value == f.previous:
        return f"今年与去年相同：{clip(f.value)}"
    now = f"今年：{clip(f.value)}；" if f.value and f.field else ""
    return f"{now}去年：{clip(f.previous or '')}"


def render(result: LintResult) -> str:
    out: list[str] = []
    counts = {t.source.file: t.counts() for t in result.tables}
    by_file = groupby(result.findings, key=lambda f: f.file)
    seen_files = set()
    for file, file_findings in by_file:
        seen_files.add(file)
        c = counts.get(file)
        head = f"{file}" + (f"（{c['units']} 个单位，{c['projects']} 个项目，{c['indicators']} 个指标）" if c else "")
        out.append(head)
        items = sorted(file_findings, key=lambda f: (f.line or 0, f.code))
        # group by unit then project in reading order
        for (unit, project), group in groupby(items, key=lambda f: (f.unit, f.project)):
            if unit or project:
                out.append(f"  ■ {unit or '（未注明单位）'}" + (f" ▸ {project}" if project else ""))
            else:
                out.append("  ■ （表头与版式）")
            for f in group:
                out.extend(_finding(f))
        out.append("")
    for file, c in counts.items():
        if file not in seen_files:
            out.append(f"{file}（{c['units']} 个单位，{c['projects']} 个项目，{c['indicators']} 个指标）：没有发现问题")
    s = summary(result)
    if "baseline" in s:
        b = s["baseline"]
        out.append(f"基线：已忽略 {b['suppressed']} 条已记录的发现；基线中有 {len(b['gone'])} 条已不再出现（已修正或表格已变）")
        for e in b["gone"][:20]:
            out.append(f"  已消失：{e['code']} {e.get('unit') or ''} ▸ {e.get('project') or ''} {e.get('indicator') or ''}")
        if len(b["gone"]) > 20:
            out.append(f"  ……共 {len(b['gone'])} 条")
    sev = s["by_severity"]
    out.append(f"共 {s['total']} 条发现：错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}")
    if s["by_rule"]:
        out.append("按规则：")
        for row in s["by_rule"]:
            out.append(f"  {row['code']}  {row['name']:<28} {row['count']:>5}")
    fixable = sum(1 for f in result.findings if isinstance(f.data, dict) and f.data.get("safe_fix"))
    if fixable:
        out.append(f"其中 {fixable} 条可以安全地自动修复：jxlint fix 表格 -o 修改后的副本（--diff 先查看）。")

    from .suppressed import text_lines

    out += text_lines(result, _finding)
    if s["failed"]:
        out.append(f"存在“{SEVERITY_LABEL[s['fail_on']]}”及以上级别的发现（--fail-on {s['fail_on']}），退出码 1。")
    return terminal_text("\n".join(out) + "\n")


def render_statistics(result: LintResult) -> str:
    """``--statistics``: counts by rule, most frequent first (ruff's --statistics)."""
    s = summary(result)
    rows = sorted(s["by_rule"], key=lambda r: (-r["count"], r["code"]))
    severity = {ar.rule.code: ar.severity for ar in result.active}
    lines = [f"{r['count']:>6}  {r['code']}  {r['name']:<32} {SEVERITY_LABEL[severity.get(r['code'], 'info')]}" for r in rows]
    sev = s["by_severity"]
    lines.append(f"共 {s['total']} 条：错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}"
                 + (f"；另有 {s['suppressed']['total']} 条已抑制" if s["suppressed"]["total"] else ""))
    return terminal_text("\n".join(lines) + "\n")
