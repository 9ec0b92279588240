"""Baselines: adopt jxlint on legacy tables without fixing every old finding first.

``--write-baseline FILE`` records the current findings by logical key (unit / project /
indicator name / field + rule + a hash of the offending value — never a line or row).
``--baseline FILE`` then reports only findings that are not in it, and lists the baseline
entries that are no longer found (fixed, or the table changed).

A group finding (near-duplicate projects) also records a key per member: when one copy of
a group is fixed, the rest of the group is a smaller group with another logical key, yet
nothing new — a group whose members were all in one baselined group stays known.
"""

from __future__ import annotations

import hashlib
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


def member_keys(f: Finding) -> list[str]:
    """One key per member of a group finding (rule + unit/project), [] for other findings."""
    members = f.data.get("members") if isinstance(f.data, dict) else None
    if not members:
        return []
    keys = {f"{f.code}\x1f{m.get('unit')}/{m.get('project')}" for m in members if isinstance(m, dict)}
    return sorted(hashlib.sha256(k.encode("utf-8")).hexdigest()[:32] for k in keys)


def entry(f: Finding) -> dict:
    e = {"key": f.logical_key(), "code": f.code, "unit": f.unit, "project": f.project,
         "indicator": f.indicator_name, "field": f.field}
    members = member_keys(f)
    if members:
        e["members"] = members
    return e


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
    members = e.get("members")
    if members is not None and not (isinstance(members, list) and all(isinstance(m, str) for m in members)):
        return "键 'members' 应为字符串列表"
    return None


def apply_baseline(findings: list[Finding], entries: list[dict]) -> BaselineResult:
    """Count-aware: two baselined copies of a key hide two findings, a third is new."""
    budget = Counter(e["key"] for e in entries)
    groups = [(e["code"], e["key"], frozenset(e["members"])) for e in entries if e.get("members")]
    new: list[Finding] = []
    used: Counter[str] = Counter()
    known_parts = 0  # group remainders whose entry an earlier remainder already used
    for f in findings:
        key = f.logical_key()
        if used[key] < budget[key]:
            used[key] += 1
            continue
        members = frozenset(member_keys(f))
        # what is left of a baselined group (some copies fixed) is not new; its entry is
        # used up, so it is not listed as gone either
        known = next((g for g in groups if g[0] == f.code and members and members <= g[2]), None)
        if known is None:
            new.append(f)
        elif used[known[1]] < budget[known[1]]:
            used[known[1]] += 1
        else:
            known_parts += 1
    gone = []
    remaining = budget - used
    for e in entries:
        if remaining[e["key"]] > 0:
            remaining[e["key"]] -= 1
            gone.append(e)
    return BaselineResult(new=new, baselined=sum(used.values()) + known_parts, gone=gone)
