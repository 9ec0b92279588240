"""The segmentation cache: keyed once per dictionary, saved by every process layout."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
CSV = ROOT / "tests" / "fixtures" / "formats" / "sample.csv"


def test_parallel_run_saves_the_cache_from_its_workers(tmp_path):
    # With --jobs 2 the per-table rules (the FIT rules that segment names) run in worker
    # processes, which exit without atexit: their segmentations must still reach the file.
    code = "from linter.cli import main; main(['check', %r, %r, '--select', 'FIT', '--jobs', '2', '-o', '/dev/null'])"
    env = {**os.environ, "JXLINT_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code % (str(SAMPLE), str(CSV))], capture_output=True, text=True, cwd=ROOT, env=env)
    files = list((tmp_path / "cache").glob("segments-*.json"))
    assert len(files) == 1
    assert len(json.loads(files[0].read_text(encoding="utf-8"))) > 500  # the sample's distinct names


def test_cache_key_is_computed_once_per_dictionary(monkeypatch):
    from linter import segment

    calls = []
    monkeypatch.setattr(segment, "_jieba_version", lambda: calls.append(1) or "x")
    monkeypatch.setattr(segment, "_digests", {})
    monkeypatch.setattr(segment, "_words", set(segment._words))  # add_words below must not leak
    first = segment._digest()
    for _ in range(50):
        assert segment._digest() == first
    assert len(calls) == 1
    segment.add_words(["一个新词条用于测试"])
    assert segment._digest() != first and len(calls) == 2


def test_a_damaged_cache_file_is_read_as_what_it_holds_of_value(tmp_path):
    # A cache folder restored or edited by hand: the file holds a list, numbers, nulls. The run
    # ends as a run without the cache ends (same findings), and the file is rewritten whole.
    env = {**os.environ, "JXLINT_CACHE_DIR": str(tmp_path / "cache")}
    check = [sys.executable, "-m", "linter", "check", str(SAMPLE), "--select", "FIT", "--no-cache", "--format", "json"]
    clean = subprocess.run(check, capture_output=True, text=True, cwd=ROOT, env={**env, "JXLINT_NO_CACHE": "1"})
    assert clean.returncode == 0 and clean.stdout.count('"code": "FIT') > 100  # warnings only
    subprocess.run(check, capture_output=True, text=True, cwd=ROOT, env=env)  # writes the cache file
    [cache] = (tmp_path / "cache").glob("segments-*.json")
    names = json.loads(cache.read_text(encoding="utf-8"))
    name = next(iter(names))
    for damaged in ([1, 2], "text", {name: 5, "其他": [1, None]}, {name: [7]}):
        cache.write_text(json.dumps(damaged, ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(check, capture_output=True, text=True, cwd=ROOT, env=env)
        assert (run.returncode, run.stdout, run.stderr) == (0, clean.stdout, ""), damaged
        kept = json.loads(cache.read_text(encoding="utf-8"))
        assert kept[name] == names[name] and "其他" not in kept
