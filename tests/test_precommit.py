"""The pre-commit hook, run by the real pre-commit tool against a temporary repository."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLEAN, ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


@pytest.mark.skipif(not Path(PRE_COMMIT).exists() or not (ROOT / ".git").exists(), reason="needs pre-commit and a git checkout")
def test_pre_commit_hook_blocks_a_bad_table(tmp_path):
    repo = tmp_path / "drafts"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    good = CLEAN.read_text(encoding="utf-8")
    (repo / "good.txt").write_text(good, encoding="utf-8")
    (repo / "bad.txt").write_text(good.replace("2、1-产出指\n标；12-质量指标", "2、1-效益指\n标；12-质量指标"), encoding="utf-8")
    git("add", ".")
    run = lambda *files: subprocess.run(  # noqa: E731
        [PRE_COMMIT, "try-repo", str(ROOT), "jxlint", "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    bad = run("bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "COD003" in bad.stdout and "bad.txt" in bad.stdout
    ok = run("good.txt")
    assert ok.returncode == 0, ok.stdout + ok.stderr
