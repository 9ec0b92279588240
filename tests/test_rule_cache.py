"""The compiled rule cache (linter/engine/rule_cache.py): a hit returns what loading returns, a
changed rule file or vocabulary is a miss, a broken or planted entry is a miss and runs no code,
and no finding changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE

from linter import rulebook
from linter.engine import rule_cache, schema


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("JXLINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(schema.builtin_rules_dir(), folder)
    return folder


def counting_loader():
    calls = []

    def load(directory: Path):
        calls.append(directory)
        return schema.load_rule_dir(directory)

    return load, calls


def test_second_load_comes_from_the_cache_and_equals_loading(cache, rules_copy):
    load, calls = counting_loader()
    first = rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    second = rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert len(calls) == 1
    assert len(list(cache.glob("rules-*.json"))) == 1
    assert [r.model_dump() for r in second] == [r.model_dump() for r in first] == [r.model_dump() for r in schema.load_rule_dir(rules_copy)]


def test_a_changed_rule_file_invalidates_the_cache(cache, rules_copy):
    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    path = rules_copy / "vague-target" / "VAG001-vague-indicator-value.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("severity: warning", "severity: error", 1), encoding="utf-8")
    rules = {r.code: r for r in rule_cache.cached(rules_copy, load, schema.RULES_JSON)}
    assert len(calls) == 2
    assert rules["VAG001"].severity == "error"
    assert len(list(cache.glob("rules-*.json"))) == 1, "the older entry of the folder is removed"


def test_a_changed_vocabulary_invalidates_the_cache(cache, rules_copy):
    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    vocab = rules_copy / "vocab" / "vague-phrases.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert len(calls) == 2


def test_a_new_rule_file_invalidates_the_cache(cache, rules_copy):
    load, calls = counting_loader()
    before = rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    source = rules_copy / "vague-target" / "VAG002-vague-goal.yaml"
    copy = source.read_text(encoding="utf-8").replace("code: VAG002", "code: VAG099").replace("name: vague-goal", "name: vague-goal-copy")
    (rules_copy / "vague-target" / "VAG099-copy.yaml").write_text(copy, encoding="utf-8")
    after = rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert len(calls) == 2 and len(after) == len(before) + 1


def test_changed_code_invalidates_the_cache(cache, rules_copy, monkeypatch):
    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    monkeypatch.setattr(rule_cache, "_code_digest", "another version of jxlint")
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert len(calls) == 2


def test_a_broken_entry_is_a_miss_not_an_error(cache, rules_copy):
    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    [entry] = cache.glob("rules-*.json")
    entry.write_bytes(b"not json")
    assert len(rule_cache.cached(rules_copy, load, schema.RULES_JSON)) == len(schema.load_rule_dir(rules_copy))
    assert len(calls) == 2


class _Planted:
    """A pickle payload that would create a file if anything unpickled it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_planted_entry_runs_no_code(cache, rules_copy, tmp_path):
    # a cache folder another job wrote (a CI cache restored from elsewhere) may hold anything:
    # entries are JSON, read as data; a pickle where an entry should be, or an old .pickle
    # entry, is never unpickled
    import pickle

    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    [entry] = cache.glob("rules-*.json")
    marker = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Planted(marker)))
    old = entry.with_suffix(".pickle")
    old.write_bytes(pickle.dumps(_Planted(marker)))
    rules = rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert not marker.exists() and len(calls) == 2  # a miss: loaded from the files
    assert schema.same_rules(rules, schema.load_rule_dir(rules_copy))
    assert not old.exists(), "an entry of the old format is removed when the folder is stored again"
    assert schema.same_rules(schema.decode_rules(json.loads(entry.read_bytes())), rules)


def test_rules_come_back_from_json_as_they_were_loaded(cache, rules_copy):
    # every field, the names given, the validated check parameters, extra check keys, types
    rules = schema.load_rule_dir(rules_copy)
    back = schema.decode_rules(json.loads(json.dumps(schema.encode_rules(rules), ensure_ascii=False)))
    assert schema.same_rules(back, rules) and len(back) == len(rules) > 60
    for old, new in zip(rules, back):
        assert type(new._checked_defaults) is type(old._checked_defaults)
        assert new.model_fields_set == old.model_fields_set and new.tests.model_fields_set == old.tests.model_fields_set
        assert new.check.__pydantic_extra__ == old.check.__pydantic_extra__
        assert new.default_params() == old.default_params()
    # a value JSON would not give back as it was (an int key, a tuple): the folder is not cached
    odd = schema.load_rule_dir(rules_copy)
    odd[0].tests.flag[0].__dict__["input"] = {1: "一"}
    path = cache / "rules-odd-x.json"
    rule_cache._store(path, odd, schema.RULES_JSON, "rules-odd-")
    assert not path.exists()
    odd[0].tests.flag[0].__dict__["input"] = ("一", "二")
    rule_cache._store(path, odd, schema.RULES_JSON, "rules-odd-")
    assert not path.exists()
    assert not schema.same_rules(schema.decode_rules(schema.encode_rules(rules[1:])), rules)
    # equal under == but not of the same type (True == 1): not the same rules, not stored
    typed = schema.load_rule_dir(rules_copy)
    typed[0].tests.flag[0].__dict__["options"] = {"n": True}
    other = schema.load_rule_dir(rules_copy)
    other[0].tests.flag[0].__dict__["options"] = {"n": 1}
    assert typed[0] == other[0] and not schema.same_rules(typed, other)
    assert schema.same_rules(typed, schema.decode_rules(json.loads(json.dumps(schema.encode_rules(typed)))))


def test_a_rule_error_is_not_cached(cache, rules_copy):
    from linter.errors import RuleError

    bad = rules_copy / "vague-target" / "VAG001-vague-indicator-value.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("severity: warning", "severity: loud", 1), encoding="utf-8")
    for _ in range(2):  # the second load reports the error again
        with pytest.raises(RuleError, match="severity"):
            rule_cache.cached(rules_copy, schema.load_rule_dir, schema.RULES_JSON)
    assert not list(cache.glob("rules-*.json"))


def test_no_cache_means_no_file(tmp_path, monkeypatch, rules_copy):
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JXLINT_NO_CACHE", "1")
    load, calls = counting_loader()
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    rule_cache.cached(rules_copy, load, schema.RULES_JSON)
    assert len(calls) == 2 and not (tmp_path / "cache").exists()


def test_concurrent_writers_leave_one_readable_entry(cache, rules_copy):
    rules = schema.load_rule_dir(rules_copy)
    path = cache / "rules-x-y.json"
    threads = [threading.Thread(target=rule_cache._store, args=(path, rules, schema.RULES_JSON, "rules-x-")) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert schema.same_rules(schema.decode_rules(json.loads(path.read_bytes())), rules)
    assert not list(cache.glob(".rules-*")), "no temporary file is left behind"


def test_cached_rules_give_the_same_findings_in_a_new_process(cache):
    """Cold (nothing cached), then from the cache, then without any cache: same report."""
    cmd = [sys.executable, "-m", "linter", "check", str(SAMPLE), "--format", "json"]
    env = {k: v for k, v in __import__("os").environ.items() if k != "JXLINT_NO_CACHE"}
    env["JXLINT_CACHE_DIR"] = str(cache)
    runs = [subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env).stdout for _ in range(2)]
    assert list(cache.glob("rules-*.json")), "the first run filled the cache"
    uncached = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**env, "JXLINT_NO_CACHE": "1"}).stdout
    assert runs[0] == runs[1] == uncached
    assert '"code": "DUP003"' in uncached


LOCAL_RULE = """\
code: LOC001
name: local-placeholder
category: vague-target
severity: warning
summary: 目标值写成“待定”
given: indicator.annual_value
check:
  type: pattern
  families:
    pending:
      label: 待定
      patterns: ['待定']
message: '年度指标值「{value}」尚未确定（{match}）'
fix: 写出确定的目标值
docs: {what: 待定的值, why: 无法考核, bad: 待定, good: ≥90%, fix: 写出目标值}
tests:
  flag: [待定]
  pass: [≥90%]
"""


def test_local_rule_dirs_are_cached_separately(cache, tmp_path):
    local = tmp_path / "local"
    local.mkdir()
    (local / "LOC001.yaml").write_text(LOCAL_RULE, encoding="utf-8")
    first = rulebook.load_rules([local])
    second = rulebook.load_rules([local])
    assert "LOC001" in {r.code for r in second}
    assert [r.code for r in first] == [r.code for r in second]
    assert len(list(cache.glob("rules-*.json"))) == 2  # built-in folder and the local one
    (local / "LOC001.yaml").write_text(LOCAL_RULE.replace("{match}", "{matched}"), encoding="utf-8")
    from linter.errors import RuleError

    with pytest.raises(RuleError, match="matched"):  # the template check runs again on a change
        rulebook.load_rules([local])
