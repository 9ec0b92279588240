"""Options a check type shares with all its rules (category-fit's min_score, margin,
extra_terms live once in rules/vocab/category-fit-options.yaml, not in seven rule files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Settings
from linter.engine.schema import load_rule_file
from linter.errors import RuleError
from linter.rulebook import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIT = sorted((ROOT / "rules" / "category-fit").glob("FIT*.yaml"))


def test_fit_rule_files_do_not_repeat_the_options():
    assert len(FIT) >= 10  # FIT001-007 share the category-fit options; FIT008-010 (measure kind) have none
    for path in FIT:
        assert "\noptions:" not in path.read_text(encoding="utf-8"), path.name


def test_every_category_fit_rule_offers_the_shared_options():
    fit = [r for r in load_rules() if r.check.type == "category-fit"]
    assert len(fit) >= 7
    for rule in fit:
        assert {"min_score": 4, "margin": 2.0, "extra_terms": {}}.items() <= {k: o.default for k, o in rule.options.items()}.items()
        assert "领先类别的最低得分" in rule.options["min_score"].doc
    a, b = fit[0].options["extra_terms"].default, fit[1].options["extra_terms"].default
    assert a == {} and a is not b  # each rule has its own copy of a mutable default


def test_rule_own_option_wins(tmp_path):
    text = (FIT[0]).read_text(encoding="utf-8").replace("code: FIT001", "code: LOC901").replace(
        "name: satisfaction-outside-31", "name: local-fit"
    )
    text = text.replace("message:", "options:\n  margin:\n    default: 9.0\n    doc: 本地更严\nmessage:", 1)
    path = tmp_path / "LOC901.yaml"
    path.write_text(text, encoding="utf-8")
    [rule] = load_rule_file(path)
    assert rule.options["margin"].default == 9.0 and rule.options["margin"].doc == "本地更严"
    assert rule.options["min_score"].default == 4
    assert list(rule.options) == ["min_score", "margin", "extra_terms"]


def test_config_still_tunes_a_shared_option():
    from linter.engine.selection import select_rules

    settings = Settings(rule_options={"FIT003": {"extra_terms": {"timeliness": {"办结时长": 5}}}})
    [active] = [ar for ar in select_rules(load_rules(), settings) if ar.rule.code == "FIT003"]
    assert active.params["extra_terms"] == {"timeliness": {"办结时长": 5}}
    assert active.params["min_score"] == 4 and active.params["margin"] == 2.0


def test_malformed_shared_options_is_a_rule_error(tmp_path, monkeypatch):
    from linter.checks.category_fit import CategoryFitCheck

    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "bad-options.yaml").write_text("min_score: 4\n", encoding="utf-8")
    text = FIT[0].read_text(encoding="utf-8").replace("code: FIT001", "code: LOC902").replace("name: satisfaction-outside-31", "name: local-fit")
    (tmp_path / "LOC902.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(CategoryFitCheck, "shared_options", "vocab/bad-options.yaml")
    with pytest.raises(RuleError, match="bad-options.yaml"):
        load_rule_file(tmp_path / "LOC902.yaml")
