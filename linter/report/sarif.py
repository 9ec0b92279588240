"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, IDEs)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .. import __version__
from ..result import LintResult
from ..docs import rule_page
from ..findings import cell_position

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"



def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def document(result: LintResult) -> dict:
    rules = sorted({ar.rule.code: ar.rule for ar in result.active}.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": " ".join(r.docs.what.split())},
            "help": {"text": f"{' '.join(r.docs.fix.split())}\n\n{' '.join(r.docs.why.split())}", "markdown": rule_page(r)},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"category": r.category, "tags": [r.category]},
        }
        for r in rules
    ]
    from ..fixed_copy import sarif_fixes

    fixes = sarif_fixes(result, _uri)
    results = []
    for f in result.findings:
        region: dict = {}
        if f.cell and (pos := cell_position(f.cell)):
            region = {"startLine": pos[0], "startColumn": pos[1]}
        elif f.line:
            region = {"startLine": f.line}
            if f.end_line and f.end_line >= f.line:
                region["endLine"] = f.end_line
        physical = {"artifactLocation": {"uri": _uri(f.file)}}
        if region:
            physical["region"] = region
        names = [x for x in (f.unit, f.project, f"第{f.indicator}个指标" if f.indicator is not None else None) if x]
        logical = [{"name": names[-1], "fullyQualifiedName": " / ".join(names), "kind": "object"}] if names else []
        message = f"{f.message}。修改：{f.fix}"
        res = {
            "ruleId": f.code,
            "ruleIndex": index[f.code] if f.code in index else -1,
            "level": LEVEL[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": physical, **({"logicalLocations": logical} if logical else {})}],
            "partialFingerprints": {"jxlintLogicalKey/v1": f.logical_key()},
            "properties": {k: v for k, v in {"sheet": f.sheet, "cell": f.cell, "field": f.field, "value": f.value,
                                             "reading": f.reading or None, "suggestion": f.suggestion,
                                             "previous": f.previous}.items() if v},
        }
        if id(f) in fixes:
            res["fixes"] = [fixes[id(f)]]
        if res["ruleIndex"] < 0:
            del res["ruleIndex"]
        results.append(res)
    results += suppressed_results(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "jxlint", "version": __version__, "informationUri": "https://pypi.org/project/jxlint/", "rules": driver_rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"suppressed": len(result.suppressed)},
        }],
    }


def render(result: LintResult) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=1) + "\n"


def suppressed_results(result: LintResult) -> list[dict]:
    """SARIF results of the suppressed findings, built by the same code as the others, each
    with ``suppressions`` (kind inSource: written in the table; external: the config)."""
    if not result.suppressed:
        return []
    shadow = dataclasses.replace(result, findings=[s.finding for s in result.suppressed], suppressed=[], baseline=None)
    out = []
    for res, s in zip(document(shadow)["runs"][0]["results"], result.suppressed, strict=True):
        res["suppressions"] = [_suppression(d) for d in s.by]
        out.append(res)
    return out


def _suppression(d) -> dict:
    item = {"kind": d.kind, "status": "accepted", "justification": d.label()}
    if d.kind == "inSource" and d.file:
        region: dict = {}
        if d.cell and (pos := cell_position(d.cell)):
            region = {"startLine": pos[0], "startColumn": pos[1]}
        elif d.line:
            region = {"startLine": d.line}
        physical = {"artifactLocation": {"uri": _uri(d.file)}, **({"region": region} if region else {})}
        item["location"] = {"physicalLocation": physical}
    return item
