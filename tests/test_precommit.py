"""The pre-commit hook as docs/ci.md configures it, run by the real pre-commit tool against a
temporary repository (the placeholders replaced by this checkout and its HEAD commit)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLEAN, ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def documented_config(repo: str, rev: str) -> str:
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", ci, re.S) if b.startswith("repos:")]
    assert "<jxlint 仓库地址>" in block and "<提交 SHA>" in block
    return block.replace("<jxlint 仓库地址>", repo).replace("<提交 SHA>", rev)


@pytest.mark.skipif(not Path(PRE_COMMIT).exists() or not (ROOT / ".git").exists(), reason="needs pre-commit and a git checkout")
def test_pre_commit_hook_blocks_a_bad_table(tmp_path):
    repo = tmp_path / "drafts"
    (repo / "tables").mkdir(parents=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(documented_config(str(ROOT), sha), encoding="utf-8")
    good = CLEAN.read_text(encoding="utf-8")
    (repo / "tables" / "good.txt").write_text(good, encoding="utf-8")
    (repo / "tables" / "bad.txt").write_text(good.replace("2、1-产出指\n标；12-质量指标", "2、1-效益指\n标；12-质量指标"), encoding="utf-8")
    (repo / "notes.txt").write_text("不是表格，不在 tables/ 下：钩子不检查\n", encoding="utf-8")
    (repo / "tables" / "requirements.txt").write_text("pyyaml>=6\n", encoding="utf-8")  # not a table: skipped
    git("add", ".")
    run = lambda *files: subprocess.run(  # noqa: E731
        [PRE_COMMIT, "run", "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    bad = run("tables/bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "COD003" in bad.stdout and "tables/bad.txt" in bad.stdout
    ok = run("tables/good.txt", "notes.txt", "tables/requirements.txt")  # pre-commit hides a passing hook's output
    assert ok.returncode == 0, ok.stdout + ok.stderr
