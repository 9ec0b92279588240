"""The hand-labelled measurement set (tests/fixtures/labels) stays well formed, and its items
still point at the text they copy: benchmarks/judgement.py relies on both."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from conftest import FIXTURES, ROOT

LABELS = FIXTURES / "labels"
INDICATOR_CLASSES = {"vague", "period-annual", "misfiled", "missing-unit", "structural"}
PROJECT_CLASSES = {"vague", "boilerplate", "structural"}


def load(name):
    return yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))


def check_items(items, allowed):
    for item in items:
        where = f"{item['source']}:{item.get('line', item.get('row'))}"
        assert set(item["labels"]) <= allowed, where
        assert len(set(item["labels"])) == len(item["labels"]), where
        if item["labels"]:
            assert item.get("note"), f"{where}: every label needs a note"
        assert set(item.get("unsure") or []) <= set(item["labels"]), where
        if "misfiled" in item["labels"]:
            assert item.get("right_level2"), f"{where}: misfiled needs right_level2"
        else:
            assert "right_level2" not in item, where


def test_indicator_labels_well_formed():
    items = load("indicators.yaml")
    check_items(items, INDICATOR_CLASSES)
    keys = Counter((i["source"], i.get("line", i.get("row")), i["name"]) for i in items)
    assert max(keys.values()) == 1
    assert len(items) == 469
    assert Counter(label for i in items for label in i["labels"]) == {
        "structural": 79, "vague": 66, "misfiled": 30, "period-annual": 15, "missing-unit": 17}


def test_project_labels_well_formed():
    items = load("projects.yaml")
    check_items(items, PROJECT_CLASSES)
    assert len({(i["source"], i.get("line", i.get("row"))) for i in items}) == len(items) == 80
    assert Counter(label for i in items for label in i["labels"]) == {"vague": 54, "boilerplate": 20, "structural": 1}


def test_guangzhou_items_point_at_their_text():
    """The line of a Guangzhou indicator holds its number; its name is printed there or just after."""
    lines = (ROOT / "examples" / "guangzhou-housing-bureau-targets.txt").read_text(encoding="utf-8").split("\n")
    joined = lambda a, b: "".join(lines[a - 1:b]).replace(" ", "")  # noqa: E731
    for item in load("indicators.yaml"):
        if item["source"].endswith(".txt"):
            text = joined(item["line"], item["line"] + 4)
            assert f"{item['number']}" in lines[item["line"] - 1], item["line"]
            assert item["name"].replace(" ", "")[:12] in text, item["line"]
    for item in load("projects.yaml"):
        if item["source"].endswith(".txt"):
            assert item["project"][:10] in joined(item["line"], item["line"] + 2), item["line"]


def test_province_items_point_at_their_rows():
    for item in load("indicators.yaml"):
        if item["source"].endswith(".tsv"):
            path = FIXTURES / "provinces" / "raw" / item["source"]
            rows = [r for r in path.read_text(encoding="utf-8").split("\n") if r and not r.startswith("# ")][1:]
            assert item["name"] in rows[item["row"] - 1].split("\t"), (item["source"], item["row"])


def test_class_mapping_covers_every_class():
    codes = load("classes.yaml")["codes"]
    assert set(codes.values()) == INDICATOR_CLASSES | PROJECT_CLASSES
    rule_codes = {p.name[:6] for p in (ROOT / "rules").glob("*/*.yaml") if p.name[:3].isupper()}
    for key in codes:
        assert any(code.startswith(key) for code in rule_codes), key


def test_judgement_script_builds_province_tables():
    """The in-memory reading of a raw TSV keeps every labelled row at its row number."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import judgement

    table = judgement.table_from_tsv(FIXTURES / "provinces" / "raw" / "anhui-luan_2024_nongchanpin-zhijian.tsv")
    (project,) = [p for _, p in table.projects()]
    assert table.value_sides == "both" and str(project.amounts.total) == "51.35" and project.term == "3年"
    row6 = next(i for i in project.indicators if i.source.line == 6)
    assert (row6.name, row6.level2.raw, row6.period_value, row6.annual_value) == ("实验室仪器维修维护", "质量指标", "≥4次", "≥4次")
    table = judgement.table_from_tsv(FIXTURES / "provinces" / "raw" / "sichuan-ganzi_2023_shipin-anquan.tsv")
    names = {i.name: i for _, p in table.projects() for i in p.indicators}
    assert names["食安委成员单位食品安全工作齐抓共管"].annual_value == "100%"
    assert names["召开食品安委会全体会议"].annual_value == "2"
    assert Path(judgement.__file__).parent.name == "benchmarks"
