"""``--format github``: GitHub Actions workflow commands (annotations), then one summary
line per rule — GitHub shows only a few annotations per step, the summary shows them all.

Escaping follows the workflow-command spec: data % CR LF as %25 %0D %0A, properties also
: and , as %3A %2C — so cell text can never end a command or start a new one. Other
control characters are shown as visible escapes (``\\x1b``)."""

from __future__ import annotations

from collections import Counter

from ..result import LintResult
from ..findings import SEVERITY_LABEL
from ..safe_text import escape_controls
from .text import previous_line

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        props = [f"file={_escape_prop(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.end_line and f.end_line > f.line:
                props.append(f"endLine={f.end_line}")
        props.append(f"title={_escape_prop(f'{f.code} {f.name}')}")
        where = f"{f.sheet + '!' if f.sheet else ''}{f.cell} " if f.cell else ""
        year = f"（{previous_line(f)}）" if f.previous is not None else ""  # checked with --previous
        lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{_escape_data(f'{where}{f.message}{year}（修改：{f.fix}）')}")
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    for (code, name, severity), n in sorted(counts.items()):
        lines.append(f"::notice title={_escape_prop(f'jxlint {code}')}::{code} {name}：{n} 条{SEVERITY_LABEL[severity]}")
    total = len(result.findings)
    lines.append(f"jxlint: {total} 条发现" + ("，存在达到失败级别的发现" if result.failed() else "")
                 + (f"；另有 {len(result.suppressed)} 条已抑制（不计入退出码）" if result.suppressed else ""))
    # every line above starts with a command we wrote; nothing from a cell can start one
    return "\n".join(lines) + "\n"
