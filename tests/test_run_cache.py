"""The result cache of `jxlint check` (linter/run_cache.py): an unchanged run is replayed byte
for byte, and any change to what the answer depends on is a miss."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter import cli, run_cache

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"
SAMPLE_FINDINGS = 1145  # the example's default findings (tests/test_reports.py)


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A folder with a copy of the example, the result cache on, in its own cache folder."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "t.txt")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("JXLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JXLINT_NO_RESULT_CACHE", raising=False)
    monkeypatch.delenv("JXLINT_NO_CACHE", raising=False)
    return folder


class Runs:
    """Counts the checks actually done (lint_paths calls); a replay does none."""

    def __init__(self, monkeypatch):
        import linter.api

        self.done = 0
        real = linter.api.lint_paths

        def counting(*args, **kwargs):
            self.done += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(linter.api, "lint_paths", counting)


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unchanged_run_is_replayed_byte_for_byte(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    first = check(capsys, "t.txt")
    second = check(capsys, "t.txt")
    assert runs.done == 1
    assert first == second and first[0] == 1
    assert f"共 {SAMPLE_FINDINGS} 条" in first[1], first[1][-300:]


def test_the_report_file_is_written_again_from_the_cache(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    assert check(capsys, "t.txt", "--format", "json", "-o", "a.json")[0] == 1
    first = (work / "a.json").read_bytes()
    (work / "a.json").unlink()
    assert check(capsys, "t.txt", "--format", "json", "-o", "a.json")[0] == 1
    assert runs.done == 1
    assert (work / "a.json").read_bytes() == first
    assert len(json.loads(first)["findings"]) == SAMPLE_FINDINGS


def test_a_report_sent_to_the_null_device_is_replayed(work, capsys, monkeypatch):
    # `-o /dev/null` (the exit code is all a CI step wants): nothing to write again, the rest replays;
    # another device or a pipe still cannot be replayed (what was written there cannot be read back)
    runs = Runs(monkeypatch)
    first = check(capsys, "t.txt", "-o", os.devnull)
    assert check(capsys, "t.txt", "-o", os.devnull) == first and first[0] == 1
    assert runs.done == 1
    # the same -o, now a link to a file (a swapped symlink): the report must be written
    link = work / "report.txt"
    link.symlink_to(os.devnull)
    check(capsys, "t.txt", "-o", str(link))
    link.unlink()
    link.symlink_to(work / "real.txt")
    assert check(capsys, "t.txt", "-o", str(link))[0] == 1
    assert f"共 {SAMPLE_FINDINGS} 条" in (work / "real.txt").read_text(encoding="utf-8")
    runs.done -= 2
    if os.path.exists("/dev/zero"):
        check(capsys, "t.txt", "-o", "/dev/zero")
        check(capsys, "t.txt", "-o", "/dev/zero")
        assert runs.done == 3


def test_an_edited_table_is_checked_again(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    code, out, _ = check(capsys, "t.txt", "--format", "json")
    text = (work / "t.txt").read_text(encoding="utf-8")
    # one indicator value made vague: a new finding, which only a real check can know
    edited = text.replace("≥95%", "有效提升", 1)
    assert edited != text
    (work / "t.txt").write_text(edited, encoding="utf-8")
    code2, out2, _ = check(capsys, "t.txt", "--format", "json")
    assert runs.done == 2
    assert len(json.loads(out2)["findings"]) > len(json.loads(out)["findings"])


def test_other_options_are_another_answer(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    full = check(capsys, "t.txt")
    fewer = check(capsys, "t.txt", "--ignore", "VAG")
    assert runs.done == 2 and fewer[1] != full[1]
    assert check(capsys, "t.txt", "--ignore", "VAG") == fewer and runs.done == 2


def test_a_new_config_file_above_the_table_is_a_miss(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    full = check(capsys, "t.txt")
    (work / "jxlint.toml").write_text('ignore = ["VAG"]\n', encoding="utf-8")
    configured = check(capsys, "t.txt")
    assert runs.done == 2 and configured[1] != full[1]
    (work / "jxlint.toml").unlink()
    assert check(capsys, "t.txt") == full and runs.done == 3  # one entry per command line: checked again
    assert check(capsys, "t.txt") == full and runs.done == 3


def test_an_edited_rule_folder_is_a_miss(work, capsys, monkeypatch):
    sys.path.insert(0, str(ROOT / "tests"))
    from test_rule_loading import GOOD

    pack = work / "pack"
    pack.mkdir()
    rule = pack / "LOC001.yaml"
    rule.write_text(GOOD.replace("口号']", "有效']").replace("indicator.name", "indicator.period_value"), encoding="utf-8")
    runs = Runs(monkeypatch)
    argv = ("t.txt", "--format", "json", "--rules", "pack", "--select", "LOC001")
    first = check(capsys, *argv)
    assert check(capsys, *argv) == first and runs.done == 1
    rule.write_text(rule.read_text(encoding="utf-8").replace("有效']", "有效', '提升']"), encoding="utf-8")
    edited = check(capsys, *argv)
    assert runs.done == 2 and len(json.loads(edited[1])["findings"]) > len(json.loads(first[1])["findings"]) > 0


def test_a_failed_run_is_not_kept(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    (work / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert check(capsys, "bad.xlsx")[0] == 2
    assert check(capsys, "bad.xlsx")[0] == 2
    assert runs.done == 2


def test_no_cache_neither_reads_nor_writes(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    check(capsys, "t.txt", "--no-cache")
    assert not (work.parent / "cache" / "results").exists()
    check(capsys, "t.txt")
    check(capsys, "t.txt", "--no-cache")
    assert runs.done == 3


def test_the_suite_switch_and_no_cache_env_turn_it_off(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    monkeypatch.setenv("JXLINT_NO_RESULT_CACHE", "1")
    check(capsys, "t.txt")
    check(capsys, "t.txt")
    monkeypatch.delenv("JXLINT_NO_RESULT_CACHE")
    monkeypatch.setenv("JXLINT_NO_CACHE", "1")
    check(capsys, "t.txt")
    check(capsys, "t.txt")
    assert runs.done == 4


def test_a_baseline_written_is_never_replayed(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    check(capsys, "t.txt", "--write-baseline", "b.json")
    (work / "b.json").unlink()
    check(capsys, "t.txt", "--write-baseline", "b.json")
    assert runs.done == 2 and (work / "b.json").is_file()


def test_a_table_edited_during_the_run_is_not_kept(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    future = os.stat(work / "t.txt").st_mtime_ns + 10**12
    os.utime(work / "t.txt", ns=(future, future))  # looks written after the run started
    check(capsys, "t.txt")
    check(capsys, "t.txt")
    assert runs.done == 2


def test_a_broken_entry_is_a_miss(work, capsys, monkeypatch):
    runs = Runs(monkeypatch)
    first = check(capsys, "t.txt")
    for entry in (work.parent / "cache" / "results").glob("*.json"):
        entry.write_text('{"watched": [], "exit_code": 0, "stdout": "forged"', encoding="utf-8")
    assert check(capsys, "t.txt") == first
    assert runs.done == 2


def test_the_cache_keeps_a_bounded_number_of_entries(work, capsys, monkeypatch):
    monkeypatch.setattr(run_cache, "KEEP", 2)
    for codes in ("VAG", "FIT", "PER"):
        check(capsys, "t.txt", "--select", codes)
    assert len(list((work.parent / "cache" / "results").glob("*.json"))) == 2


def test_a_replayed_run_loads_no_pipeline_module(work, tmp_path):
    """A hit imports neither the engine nor the readers nor pydantic's models, nor yaml nor the
    package metadata machinery — not even in the handlers that run at exit (the modules are
    listed by a handler registered first, so it runs last)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JXLINT_NO_RESULT_CACHE", "JXLINT_NO_CACHE")}
    env["JXLINT_CACHE_DIR"] = str(tmp_path / "cache")
    heavy = ("linter.api", "linter.engine", "linter.readers", "pydantic.main", "yaml", "importlib.metadata")
    cmd = [sys.executable, "-c", "import atexit, sys; code = []; "
           f"atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith({heavy!r})), code[0])); "
           "from linter.cli import main; code.append(main(['check', 't.txt']))"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=work, env=env)
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=work, env=env)
    assert first.stdout.strip().endswith("1") and "'linter.api'" in first.stdout
    assert second.stdout.rstrip().endswith("[] 1")
    assert second.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]


def test_a_new_table_in_a_checked_folder_is_a_miss(work, capsys, monkeypatch):
    tables = work / "tables"
    tables.mkdir()
    shutil.copy(work / "t.txt", tables / "a.txt")
    runs = Runs(monkeypatch)
    one = check(capsys, "tables", "--format", "json")
    shutil.copy(ROOT / "tests" / "fixtures" / "clean.txt", tables / "b.txt")
    two = check(capsys, "tables", "--format", "json")
    assert runs.done == 2
    assert [f["path"] for f in json.loads(two[1])["files"]] == ["tables/a.txt", "tables/b.txt"]
    assert len(json.loads(one[1])["files"]) == 1
