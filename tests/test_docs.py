"""Docs are part of the product: generated pages are current, the guide's example runs, and
the documented CLI options match the parser."""

import argparse
import json
import re

from conftest import ROOT, SAMPLE
from linter.cli import build_parser, main
from linter.docs_gen import stale

DOCS = ROOT / "docs"
PACK = DOCS / "examples" / "rule-pack"


def test_generated_reference_is_current():
    assert stale(DOCS) == [], "run: python -m linter.docs_gen"


def test_every_rule_has_a_page_with_four_parts():
    from linter.rulebook import load_rules

    for rule in load_rules():
        page = (DOCS / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
        for part in ("## 做什么", "## 为什么", "## 示例", "## 如何修改"):
            assert part in page, (rule.code, part)


def test_rule_authoring_example_is_the_file_and_runs(capsys):
    guide = (DOCS / "rule-authoring.md").read_text(encoding="utf-8")
    example = (PACK / "LOC001-training-count-unit.yaml").read_text(encoding="utf-8")
    assert example in guide
    assert main(["test-rules", str(PACK)]) == 0
    assert capsys.readouterr().out.strip().endswith("4 passed, 0 failed")
    main(["check", str(SAMPLE), "--rules", str(PACK), "--select", "LOC001", "--format", "json"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert {f["value"] for f in found} >= {"住房保障审核人员培训率"}
    assert main(["rule", "LOC001", "--rules", str(PACK)]) == 0


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--")}


def test_documented_options_match_the_parser():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "`--debug`" in cli_doc.split("## jxlint ")[0]
    for name, subparser in sub.choices.items():
        assert f"jxlint {name}" in readme or f"jxlint {name}" in cli_doc
        documented = set(re.findall(r"`(--[a-z-]+)", cli_doc.split(f"## jxlint {name}\n")[1].split("\n## ")[0]))
        actual = _options(subparser) - {"--help", "--debug"}  # --debug: every command, documented once
        assert documented == actual, (name, documented ^ actual)
        for action in subparser._actions:
            if action.option_strings and "--help" not in action.option_strings:
                assert action.help, (name, action.option_strings)
