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
