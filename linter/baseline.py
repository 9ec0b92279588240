"""Baselines: adopt jxlint on legacy tables without fixing every old finding first.

``--write-baseline FILE`` records the current findings by logical key (unit / project /
indicator name / field + rule + a hash of the offending value — never a line or row).
``--baseline FILE`` then reports only findings that are not in it, and lists the baseline
entries that are no longer found (fixed, or the table changed).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .findings import Finding
from .outputs import safe_write

VERSION = 1


@dataclass
class BaselineResult:
    new: list[Finding]
    baselined: int
    gone: list[dict] = field(default_factory=list)  # entries of the baseline no longer found


def entry(f: Finding) -> dict:
    return {"key": f.logical_key(), "code": f.code, "unit": f.unit, "project": f.project,
            "indicator": f.indicator_name, "field": f.field}


def write_baseline(findings: list[Finding], path: Path, inputs=()) -> None:
    entries = [entry(f) for f in findings]
    entries.sort(key=lambda e: (e["code"], e["unit"] or "", e["project"] or "", e["key"]))
    doc = {"tool": "jxlint", "version": VERSION, "count": len(entries), "entries": entries}
    safe_write(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n", inputs, what="基线文件")


def load_baseline(path: Path) -> list[dict]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: 基线文件不存在；先用 --write-baseline {path} 生成") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: 无法读取基线文件（{exc}）") from None
    if not isinstance(doc, dict) or doc.get("tool") != "jxlint" or not isinstance(doc.get("entries"), list):
        raise InputError(f"{path}: 不是 jxlint 的基线文件")
    if doc.get("version") != VERSION:
        raise InputError(
            f"{path}: 基线文件版本为 {doc.get('version')!r}，本版 jxlint 只能读版本 {VERSION}；"
            f"请用 --write-baseline {path} 重新生成"
        )
    for i, e in enumerate(doc["entries"], start=1):
        problem = _entry_problem(e)
        if problem:
            raise InputError(f"{path}: 第 {i} 条基线条目（entries[{i - 1}]）{problem}；请修正或重新生成基线文件")
    return doc["entries"]


def _entry_problem(e) -> str | None:
    if not isinstance(e, dict):
        return f"应为对象，实际是 {json.dumps(e, ensure_ascii=False)[:80]}"
    for key in ("key", "code"):
        if not isinstance(e.get(key), str) or not e.get(key):
            return f"缺少字符串键 {key!r}"
    for key in ("unit", "project", "indicator", "field"):
        if e.get(key) is not None and not isinstance(e[key], str):
            return f"键 {key!r} 应为字符串或 null"
    return None


def apply_baseline(findings: list[Finding], entries: list[dict]) -> BaselineResult:
    """Count-aware: two baselined copies of a key hide two findings, a third is new."""
    budget = Counter(e["key"] for e in entries)
    new: list[Finding] = []
    used: Counter[str] = Counter()
    for f in findings:
        key = f.logical_key()
        if used[key] < budget[key]:
            used[key] += 1
        else:
            new.append(f)
    gone = []
    remaining = budget - used
    for e in entries:
        if remaining[e["key"]] > 0:
            remaining[e["key"]] -= 1
            gone.append(e)
    return BaselineResult(new=new, baselined=sum(used.values()), gone=gone)
