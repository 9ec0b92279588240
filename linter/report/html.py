"""``--format html``: one self-contained page for a reviewer (no network needed to view it).

Totals by severity, category and unit (with a bar chart), findings grouped by unit and
project with the offending text highlighted and the fix hint, and filters by severity,
category and unit. Everything — style, script, data — is inline.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from .. import __version__
from ..result import LintResult
from ..docs import CATEGORY_LABEL
from ..findings import SEVERITY_LABEL, Finding

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header p{margin:2px 0;opacity:.85}
main{padding:16px 24px;max-width:1200px;margin:auto}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:120px}
.card b{font-size:26px;display:block}.sev-error{color:#cf222e}.sev-warning{color:#9a6700}.sev-info{color:#0969da}
section.box{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:16px 0}
.bars{display:grid;grid-template-columns:220px 1fr 60px;gap:4px 8px;align-items:center}.bar{height:14px;background:#0969da;border-radius:3px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;position:sticky;top:0;background:#f6f8fa;padding:8px 0;z-index:2}
.filters select,.filters input{font-size:14px;padding:4px}
details.unit{margin:8px 0}details.unit>summary{font-weight:bold;font-size:17px;cursor:pointer}
div.project{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:8px 0 8px 16px;padding:8px 12px}
div.project h3{margin:4px 0 8px;font-size:15px}
div.finding{border-left:4px solid #d0d7de;padding:4px 10px;margin:6px 0}
div.finding.error{border-color:#cf222e}div.finding.warning{border-color:#d4a72c}div.finding.info{border-color:#0969da}
.meta{font-size:12px;color:#57606a}.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;margin-right:6px}
.badge.error{background:#cf222e}.badge.warning{background:#bf8700}.badge.info{background:#0969da}
mark{background:#fff3b0;padding:0 2px}.fix{color:#1a7f37}.reading{color:#57606a;font-size:13px}.suggestion{color:#0550ae;font-size:13px}
.hidden{display:none}
"""

SCRIPT = """
(function(){
  const sel = id => document.getElementById(id);
  function apply(){
    const sev = sel('f-severity').value, cat = sel('f-category').value, unit = sel('f-unit').value;
    const q = sel('f-text').value.trim();
    let shown = 0;
    document.querySelectorAll('div.finding').forEach(el => {
      const ok = (!sev || el.dataset.severity === sev) && (!cat || el.dataset.category === cat)
        && (!unit || el.dataset.unit === unit) && (!q || el.textContent.indexOf(q) >= 0);
      el.classList.toggle('hidden', !ok); if (ok) shown++;
    });
    document.querySelectorAll('div.project').forEach(el => {
      el.classList.toggle('hidden', !el.querySelector('div.finding:not(.hidden)'));
    });
    document.querySelectorAll('details.unit').forEach(el => {
      const n = el.querySelectorAll('div.finding:not(.hidden)').length;
      el.classList.toggle('hidden', n === 0);
      el.querySelector('.n').textContent = n;
    });
    sel('shown').textContent = shown;
  }
  ['f-severity','f-category','f-unit','f-text'].forEach(id => ['input','change'].forEach(ev => sel(id).addEventListener(ev, apply)));
  apply();
})();
"""


def _highlight(message: str, value: str | None) -> str:
    text = escape(message)
    if value and len(value) <= 200:
        v = escape(value)
        if v in text:
            return text.replace(v, f"<mark>{v}</mark>", 1)
    return text


def _bars(title: str, counts: Counter, labels: dict[str, str] | None = None) -> str:
    if not counts:
        return ""
    top = max(counts.values())
    rows = []
    for key, n in counts.most_common():
        label = escape(labels.get(key, key) if labels else key)
        width = max(1, round(100 * n / top))
        rows.append(f'<span>{label}</span><div class="bar" style="width:{width}%"></div><span>{n}</span>')
    return f'<section class="box"><h2>{escape(title)}</h2><div class="bars">{"".join(rows)}</div></section>'


def _finding(f: Finding) -> str:
    where = escape(f.location())
    ind = f"第{f.indicator}个指标 · " if f.indicator is not None else ""
    reading = ""
    if f.reading:
        reading = '<div class="reading">读作：' + escape("；".join(f"{k} {v}" for k, v in f.reading.items())) + "</div>"
    original = ""
    if f.value and f.value not in f.message and f.previous is None:  # else shown beside last year's
        original = f'<div class="reading">原文：<mark>{escape(f.value[:300])}</mark></div>'
    if f.previous is not None:
        from .text import previous_line

        original += f'<div class="reading previous">{escape(previous_line(f, lambda s: s[:300]))}</div>'
    return (
        f'<div class="finding {f.severity}" data-severity="{f.severity}" data-category="{escape(f.category)}" '
        f'data-unit="{escape(f.unit or "")}" data-code="{f.code}">'
        f'<div class="meta"><span class="badge {f.severity}">{SEVERITY_LABEL[f.severity]}</span>'
        f'<b>{f.code}</b> {escape(f.name)} · {ind}{where}</div>'
        f"<div>{_highlight(f.message, f.value)}</div>{original}{reading}"
        f'<div class="fix">修改：{escape(f.fix)}</div>'
        + (f'<div class="suggestion">建议：{escape(f.suggestion)}</div>' if f.suggestion else "")
        + '</div>'
    )


def suppressed_html(result: LintResult, render_finding) -> str:
    from .suppressed import html_section

    return html_section(result, render_finding)


def render(result: LintResult) -> str:
    findings = result.findings
    by_sev = Counter(f.severity for f in findings)
    by_cat = Counter(f.category for f in findings)
    by_unit = Counter(f.unit or "（表头与版式）" for f in findings)
    files = "；".join(
        f"{escape(t.source.file)}（{t.counts()['units']} 个单位，{t.counts()['projects']} 个项目，{t.counts()['indicators']} 个指标）"
        for t in result.tables
    )
    cards = "".join(
        f'<div class="card"><span class="sev-{s}">{SEVERITY_LABEL[s]}</span><b class="sev-{s}" id="count-{s}">{by_sev.get(s, 0)}</b></div>'
        for s in ("error", "warning", "info")
    )
    options = lambda values, labels=None: "".join(  # noqa: E731
        f'<option value="{escape(v)}">{escape(labels.get(v, v) if labels else v)}</option>' for v in values
    )
    filters = (
        '<div class="filters">'
        f'<label>级别 <select id="f-severity"><option value="">全部</option>{options(["error", "warning", "info"], SEVERITY_LABEL)}</select></label>'
        f'<label>类别 <select id="f-category"><option value="">全部</option>{options(sorted(by_cat), CATEGORY_LABEL)}</select></label>'
        f'<label>单位 <select id="f-unit"><option value="">全部</option>{options(sorted(u for u in {f.unit for f in findings} if u))}</select></label>'
        '<label>搜索 <input id="f-text" type="search" placeholder="项目、指标、原文"></label>'
        f'<span>显示 <b id="shown">{len(findings)}</b> / {len(findings)} 条</span></div>'
    )
    body: list[str] = []
    units: dict[str, dict[str, list[Finding]]] = {}
    for f in findings:
        units.setdefault(f.unit or "（表头与版式）", {}).setdefault(f.project or "（单位级）", []).append(f)
    for unit, projects in units.items():
        n = sum(len(v) for v in projects.values())
        body.append(f'<details class="unit" open><summary>{escape(unit)}（<span class="n">{n}</span> 条）</summary>')
        for project, items in projects.items():
            body.append(f'<div class="project"><h3>{escape(project)}</h3>{"".join(_finding(f) for f in items)}</div>')
        body.append("</details>")
    if not findings:
        body.append('<section class="box">没有发现问题。</section>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>jxlint 绩效目标表检查报告</title><style>{CSS}</style></head>
<body><header><h1>绩效目标表检查报告</h1><p>{files}</p><p>jxlint {__version__} · 共 {len(findings)} 条发现</p></header>
<main><div class="cards">{cards}</div>{suppressed_html(result, _finding)}
{_bars("按类别", by_cat, CATEGORY_LABEL)}{_bars("按单位", by_unit)}
{filters}
<div id="findings">{"".join(body)}</div></main>
<script>{SCRIPT}</script></body></html>
"""
