"""Precision and recall of jxlint against the blind hand-labelled set (issue 13, item 7).

    python benchmarks/judgement.py [--verbose] [--json]

The labels live in tests/fixtures/labels/ (indicators.yaml, projects.yaml; criteria in its
README.md); classes.yaml there maps rule codes to the labelled defect classes. This script
lints the sources of the labelled items with default settings, maps every finding to an
(item, class) pair, and prints TP/FP/FN, precision and recall per class and level.

Sources:
- the Guangzhou sample (examples/), read by jxlint's own reader;
- the 19 other-province tables: the layout fixture tests/fixtures/provinces/<stem>.xlsx when
  jxlint can read it, else an in-memory Table built from the raw TSV grid
  (tests/fixtures/provinces/raw/<stem>.tsv), so the rules are measured even where the
  reader is not there yet. Which path each table took is printed.

Scoring: only labelled items count. A finding on an item outside the set is ignored. An
(item, class) pair listed under the item's `unsure` is left out (neither TP, FP nor FN).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JXLINT_CACHE_DIR", tempfile.mkdtemp(prefix="jxlint-judgement-"))

import yaml  # noqa: E402

from linter.api import lint_paths, lint_tables  # noqa: E402
from linter.config import Settings  # noqa: E402
from linter.model import Amounts, Indicator, Project, Source, Table, Unit  # noqa: E402
from linter.readers import read_table  # noqa: E402
from linter.readers.published_text import parse_category  # noqa: E402
from linter.readers.rows import compose_value  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "labels"
PROVINCES = ROOT / "tests" / "fixtures" / "provinces"
SAMPLE_REL = "examples/guangzhou-housing-bureau-targets.txt"

INDICATOR_CLASSES = ["vague", "period-annual", "misfiled", "missing-unit", "structural"]
PROJECT_CLASSES = ["vague", "boilerplate", "structural"]


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def load_yaml(name: str):
    return yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))


def class_of(code: str, mapping: dict[str, str]) -> str | None:
    keys = [k for k in mapping if code.startswith(k)]
    return mapping[max(keys, key=len)] if keys else None


# --- the other-province tables -------------------------------------------------------------

def parse_tsv(path: Path) -> tuple[dict[str, str], list[str], list[list[str]]]:
    meta, header, rows = {}, None, []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# "):
            key, _, value = line[2:].partition(": ")
            meta[key] = value
        elif line:
            cells = line.split("\t")
            if header is None:
                header = cells
            else:
                rows.append(cells + [""] * (len(header) - len(cells)))
    return meta, header or [], rows


def first_amount(text: str) -> Decimal | None:
    for label in ("年度资金总额", "当年年度预算", "当年预算", "项目总预算", "项目金额", "本年度预计投入", "资金总额"):
        m = re.search(re.escape(label) + r"[^\d;|]*?(\d+(?:\.\d+)?)", text)
        if m:
            try:
                return Decimal(m.group(1))
            except InvalidOperation:
                return None
    return None


def table_from_tsv(path: Path) -> Table:
    """The TSV grid as a Table, read the way a form reader would: merged category cells carried
    down, typed columns composed into one value, the 中期 half of Lu'an as period values."""
    meta, header, rows = parse_tsv(path)
    file = path.name
    col = {h: i for i, h in reversed(list(enumerate(header)))}  # first occurrence wins
    flat = header and header[0] == "指标"
    name_col = next((col[h] for h in header if h.startswith("三级") or h == "指标内容"), 0)
    value_col = next(i for i, h in enumerate(header) if h.startswith("指标值") or h == "目标值")
    period_and_annual = header.count("指标值") == 2  # Lu'an: 中期 grid left, 年度 grid right
    op_col = col.get("指标性质", col.get("计算符号"))
    unit_col = col.get("计量单位", col.get("度量单位"))

    level1_all = [r[0] if not flat else "" for r in rows]
    first_l1 = next((x for x in level1_all if x.strip()), "")
    project_name = meta.get("project", "").split(";")[0].strip()
    term = re.search(r"(?:项目期|建设周期|专项起止时间) ([^;]+)", meta.get("project", ""))
    amount = first_amount(meta.get("amounts", ""))
    project = Project(
        name=project_name,
        amounts=Amounts(raw=meta.get("amounts", ""), figures=[amount] if amount is not None else [], total=amount),
        goal=meta.get("绩效目标", ""),
        source=Source(file=file, line=0),
        term=term.group(1).strip() if term else "",
    )
    l1 = l2 = ""
    seq = 0
    for row_no, cells in enumerate(rows, 1):
        if not flat:
            l1 = cells[0].strip() or l1 or first_l1  # a label centred mid-block covers the rows above
            l2 = cells[1].strip() or l2
        name = cells[name_col].strip()
        if not name:
            continue  # an empty template slot
        seq += 1
        op = cells[op_col] if op_col is not None else ""
        measure = cells[unit_col] if unit_col is not None else ""
        if period_and_annual:
            period, annual = cells[value_col].strip(), cells[len(header) - 1].strip()
        else:
            period, annual = None, compose_value(cells[value_col], op, measure)
        project.indicators.append(Indicator(
            number=seq, number_raw="", name=name,
            level1=parse_category(l1) if l1 else parse_category(""),
            level2=parse_category(l2) if l2 else parse_category(""),
            period_value=period or None, annual_value=annual or None,
            raw=" | ".join(c for c in cells if c.strip()),
            source=Source(file=file, line=row_no),
            extra={h: cells[i] for h, i in (("指标性质", op_col), ("计量单位", unit_col)) if i is not None and cells[i]},
        ))
    year = re.match(r"\d{4}", meta.get("year", ""))
    dept = re.search(r"实施单位 ([^;(]+)", meta.get("department", ""))
    unit = Unit(name=(dept.group(1).strip() if dept else path.stem), projects=[project], source=Source(file=file))
    return Table(department=unit.name, units=[unit], source=Source(file=file), format="tsv-grid",
                 value_sides="both" if period_and_annual else "annual",
                 budget_year=int(year.group(0)) if year else None)


def province_tables(stems: list[str]) -> list[tuple[str, Table, str]]:
    """(stem, table, how it was read) for each labelled other-province table."""
    out = []
    for stem in stems:
        fixture = PROVINCES / f"{stem}.xlsx"
        table, how = None, ""
        if fixture.exists():
            try:
                table = read_table(fixture)
                how = f"reader: {fixture.relative_to(ROOT)}"
            except Exception as exc:  # noqa: BLE001 - any reader failure falls back to the grid
                how = f"in-memory from raw TSV (reader: {type(exc).__name__}: {str(exc)[:60]})"
        if table is None or table.counts()["indicators"] == 0:
            table = table_from_tsv(PROVINCES / "raw" / f"{stem}.tsv")
            how = how or "in-memory from raw TSV"
        out.append((stem, table, how))
    return out


# --- matching findings to labelled items ---------------------------------------------------

class Matcher:
    """Finds the labelled item a finding points at, through the indicator/project jxlint read."""

    def __init__(self, indicators: list[dict], projects: list[dict]):
        self.ind_by_line = defaultdict(list)  # (source, line) -> items
        self.ind_by_name = defaultdict(list)  # (source, name) -> items in file order
        for item in indicators:
            src = Path(item["source"]).name
            where = item.get("line", item.get("row"))
            self.ind_by_line[(src, where)].append(item)
            self.ind_by_name[(src, norm(item["name"]))].append(item)
        self.proj_by_line = {}
        self.proj_by_source = defaultdict(list)
        for item in projects:
            src = Path(item["source"]).name
            self.proj_by_line[(src, item.get("line", item.get("row")))] = item
            self.proj_by_source[src].append(item)
        self.jx_ind = {}  # (file, unit, project, number) -> jxlint Indicator
        self.jx_proj = {}  # (file, unit, project) -> jxlint Project
        self.item_of_jx = {}  # id(jxlint object) -> labelled item

    def add_table(self, table: Table, source_name: str) -> None:
        seen_names = Counter()
        for unit, project in table.projects():
            self.jx_proj[(source_name, unit.name, project.name)] = project
            self.item_of_jx[id(project)] = self._project_item(source_name, project)
            for ind in project.indicators:
                self.jx_ind[(source_name, unit.name, project.name, ind.number)] = ind
                key = (source_name, norm(ind.name))
                self.item_of_jx[id(ind)] = self._indicator_item(source_name, ind, seen_names[key])
                seen_names[key] += 1

    def _indicator_item(self, src: str, ind: Indicator, occurrence: int):
        line = ind.source.line
        if line is not None and not src.endswith(".tsv"):  # the published text: lines are exact
            for delta in (0, -1, 1):  # the number and its 、 may sit on adjacent lines
                for item in self.ind_by_line.get((src, line + delta), []):
                    if norm(item["name"]) == norm(ind.name):
                        return item
            return None
        # a province table is read from its workbook, whose rows are not the TSV's: by name
        same = self.ind_by_name.get((src, norm(ind.name)), [])
        return same[occurrence] if occurrence < len(same) else None

    def _project_item(self, src: str, project: Project):
        line = project.source.line
        if line is not None and not src.endswith(".tsv"):
            for delta in (0, -1, 1):
                item = self.proj_by_line.get((src, line + delta))
                if item and norm(item["project"])[:8] == norm(project.name)[:8]:
                    return item
            return None
        items = self.proj_by_source.get(src, [])
        return items[0] if len(items) == 1 else None

    def targets(self, finding, source_name: str) -> list[tuple[str, dict]]:
        """[(level, item)] a finding counts for; [] when it points outside the labelled set."""
        members = finding.data.get("members") if isinstance(finding.data, dict) else None
        if members:
            out = []
            for m in members + [{"unit": finding.unit, "project": finding.project}]:
                proj = self.jx_proj.get((source_name, m.get("unit"), m.get("project")))
                item = self.item_of_jx.get(id(proj)) if proj is not None else None
                if item is not None and ("project", item) not in out:
                    out.append(("project", item))
            return out
        if finding.indicator is not None:
            ind = self.jx_ind.get((source_name, finding.unit, finding.project, finding.indicator))
            item = self.item_of_jx.get(id(ind)) if ind is not None else None
            return [("indicator", item)] if item is not None else []
        if finding.project:
            proj = self.jx_proj.get((source_name, finding.unit, finding.project))
            if proj is None:
                return []
            named = self._named_indicators(proj, finding)
            if named:  # e.g. a duplicate name: a project-level finding about its indicators
                items = [self.item_of_jx.get(id(ind)) for ind in named]
                return [("indicator", item) for item in items if item is not None]
            item = self.item_of_jx.get(id(proj))
            return [("project", item)] if item is not None else []
        return []

    @staticmethod
    def _named_indicators(project: Project, finding) -> list[Indicator]:
        """Indicators a project-level finding names in its value (field "name"): the one on the
        finding's line if there is one, else every occurrence after the first."""
        if finding.field != "name" or not finding.value:
            return []
        same = [i for i in project.indicators if norm(i.name) == norm(finding.value)]
        if not same:
            return []
        at_line = [i for i in same if finding.line is not None and i.source.line == finding.line]
        return at_line or same[1:] or same


def item_id(level: str, item: dict) -> str:
    where = f"{item['source']}:{item.get('line', item.get('row'))}"
    if level == "indicator":
        return f"{where} {item['project'][:24]} #{item.get('number') or ''} {item['name'][:30]}"
    return f"{where} {item['project'][:40]}"


def level2_code(text: str) -> str:
    m = re.match(r"\s*(\d+)", text or "")
    return m.group(1) if m else norm(text).removesuffix("指标")[:2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="list every FP and FN")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    indicators = load_yaml("indicators.yaml")
    projects = load_yaml("projects.yaml")
    mapping = load_yaml("classes.yaml")["codes"]
    matcher = Matcher(indicators, projects)
    settings = Settings()

    runs = []  # (source name, findings)
    sample = lint_paths([str(ROOT / SAMPLE_REL)], settings, jobs=1)
    for table in sample.tables:
        matcher.add_table(table, Path(SAMPLE_REL).name)
    runs.append((Path(SAMPLE_REL).name, sample.findings))
    stems = sorted({Path(i["source"]).stem for i in indicators + projects if i["source"].endswith(".tsv")})
    paths_used = []
    for stem, table, how in province_tables(stems):
        name = f"{stem}.tsv"
        matcher.add_table(table, name)
        result = lint_tables([table], settings)
        runs.append((name, result.findings))
        paths_used.append((stem, how))

    predicted = defaultdict(set)  # (level, class) -> ids of items flagged
    by_item = defaultdict(list)  # (level, class, id) -> finding codes
    unmapped, outside = Counter(), Counter()
    level2_hits = []  # (item, agrees) for misfiled TPs
    for source_name, findings in runs:
        for f in findings:
            cls = class_of(f.code, mapping)
            if cls is None:
                unmapped[f.code] += 1
                continue
            targets = matcher.targets(f, source_name)
            if not targets:
                outside[f.code] += 1
            for level, item in targets:
                key = (level, cls, id(item))
                predicted[(level, cls)].add(id(item))
                by_item[key].append(f.code)
                if cls == "misfiled" and item.get("right_level2"):
                    level2_hits.append((id(item), level2_code(item["right_level2"]) in norm(f.message)))

    rows, details = [], {}
    for level, items, classes in (("indicator", indicators, INDICATOR_CLASSES), ("project", projects, PROJECT_CLASSES)):
        for cls in classes:
            tp, fp, fn = [], [], []
            for item in items:
                if cls in (item.get("unsure") or []):
                    continue
                truth = cls in item["labels"]
                hit = id(item) in predicted[(level, cls)]
                if truth and hit:
                    tp.append(item)
                elif hit:
                    fp.append(item)
                elif truth:
                    fn.append(item)
            p = len(tp) / (len(tp) + len(fp)) if tp or fp else None
            r = len(tp) / (len(tp) + len(fn)) if tp or fn else None
            rows.append({"level": level, "class": cls, "tp": len(tp), "fp": len(fp), "fn": len(fn),
                         "precision": p, "recall": r})
            details[(level, cls)] = (fp, fn)

    agree = {}
    for key, ok in level2_hits:
        agree[key] = agree.get(key, False) or ok

    seen = {id(item) for item in matcher.item_of_jx.values() if item is not None}
    if args.json:
        print(json.dumps({"classes": rows, "found": [sum(id(i) in seen for i in indicators), sum(id(p) in seen for p in projects)], "misfiled_level2_agrees": [sum(agree.values()), len(agree)],
                          "unmapped_codes": dict(unmapped), "outside_labelled_set": dict(outside),
                          "province_paths": dict(paths_used)}, ensure_ascii=False, indent=1))
        return 0

    print(f"Labelled set: {len(indicators)} indicators, {len(projects)} projects (tests/fixtures/labels/)")
    print(f"Found in jxlint's reading: {sum(id(i) in seen for i in indicators)}/{len(indicators)} indicators, "
          f"{sum(id(p) in seen for p in projects)}/{len(projects)} projects (an item not found cannot be scored as flagged)")
    print("Other-province tables read via:")
    for how, n in Counter(h.split(" (")[0] if h.startswith("in-memory") else "reader" for _, h in paths_used).items():
        print(f"  {how}: {n}")
    print()
    print(f"{'level':<10} {'class':<14} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for r in rows:
        fmt = lambda x: "   -" if x is None else f"{x:.2f}"  # noqa: E731
        print(f"{r['level']:<10} {r['class']:<14} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} {fmt(r['precision']):>10} {fmt(r['recall']):>8}")
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    fn = sum(r["fn"] for r in rows)
    print(f"{'all':<10} {'':<14} {tp:>4} {fp:>4} {fn:>4} {tp / (tp + fp) if tp + fp else 0:>10.2f} {tp / (tp + fn) if tp + fn else 0:>8.2f}")
    if agree:
        print(f"\nmisfiled: the suggested level 2 agrees with the label on {sum(agree.values())}/{len(agree)} flagged items")
    print(f"findings of unmapped codes (not measured): {sum(unmapped.values())} "
          f"({', '.join(f'{c} {n}' for c, n in sorted(unmapped.items()))})")
    print(f"findings of mapped codes outside the labelled set: {sum(outside.values())}")

    if args.verbose:
        for (level, cls), (fps, fns) in details.items():
            for tag, items in (("FP", fps), ("FN", fns)):
                for item in items:
                    codes = ",".join(sorted(set(by_item.get((level, cls, id(item)), []))))
                    why = item.get("note", "") if tag == "FN" else (item.get("note") or "labelled: " + (",".join(item["labels"]) or "none"))
                    print(f"{tag} {level:<9} {cls:<13} {item_id(level, item)}  [{codes}] {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
