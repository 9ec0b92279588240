"""Every install line in README and docs names where jxlint comes from, and each form is run here.

jxlint is not on PyPI. An install line must take it from a clone (`pip install .` or
`'.[extra]'`), from a wheel built with `pip wheel` (`jxlint-<version>-py3-none-any.whl`), or
from the repository URL with the two documented placeholders. `.ci/run` runs
`pip install -e '.[dev]'`; the tests below build the documented wheel (what `pip install .`
builds too) and install it with the serve extra, and install from a git URL pinned to a commit
(without dependencies, which come from the test environment).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import CLEAN, ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS = set(PYPROJECT["optional-dependencies"])
VERSION = PYPROJECT["version"]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs" / "dev").glob("*.md"))]
REPO, SHA = "<jxlint 仓库地址>", "<提交 SHA>"

SOURCE = re.compile(r"\.(?:\[(?P<extras>[\w,]+)\])?")
WHEEL = re.compile(r"(?:[\w./-]*/)?jxlint-(?P<version>[\d.]+)-py3-none-any\.whl(?:\[(?P<extras>[\w,]+)\])?")
GIT = re.compile(r"jxlint(?:\[(?P<extras>[\w,]+)\])? @ git\+" + re.escape(REPO) + "@" + re.escape(SHA))


def pip_lines() -> list[tuple[str, str, list[str]]]:
    """(file, command, arguments) for every `pip install` / `pip wheel` in the docs."""
    found = []
    for path in DOC_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r"pip (install|wheel)\b([^`\n]*)", line):
                args = re.split(r"\s(?:&&|#|\|\|)\s?", m.group(2))[0]
                found.append((path.name, m.group(1), shlex.split(args)))
    return found


def targets(command: str, args: list[str]) -> list[str]:
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-w", "--wheel-dir", "-r", "--target"):
            skip = True
        elif not arg.startswith("-"):
            out.append(arg)
    return out


def test_every_install_line_says_where_jxlint_comes_from():
    lines = pip_lines()
    assert len(lines) >= 10  # README, reviewers, serve, ci, cli, formats, dev notes
    kinds = set()
    for name, command, args in lines:
        [target] = targets(command, args)
        if command == "wheel":
            assert target == ".", (name, args)
            kinds.add("wheel-build")
            continue
        for kind, pattern in (("source", SOURCE), ("wheel", WHEEL), ("git", GIT)):
            m = pattern.fullmatch(target)
            if m:
                break
        else:
            raise AssertionError(f"{name}: `pip install {' '.join(args)}` does not say where jxlint comes from")
        extras = set((m.group("extras") or "").split(",")) - {""}
        assert extras <= EXTRAS, (name, extras - EXTRAS)
        if kind == "wheel":
            assert m.group("version") == VERSION, (name, target)
        kinds.add(kind)
    assert kinds == {"source", "wheel", "git", "wheel-build"}


def test_reviewer_guide_starts_with_the_two_commands_and_the_screenshot():
    guide = (ROOT / "docs" / "reviewers.md").read_text(encoding="utf-8")
    first_block = guide.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert first_block == ["python3 -m venv .venv && .venv/bin/pip install '.[serve]'", ".venv/bin/jxlint serve --open"]
    windows = guide.split("```bat\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert windows == ["py -m venv .venv", '.venv\\Scripts\\pip install ".[serve]"', ".venv\\Scripts\\jxlint serve --open"]
    assert guide.index("img/serve-page.png") < guide.index("## 命令行检查")
    image = ROOT / "docs" / "img" / "serve-page.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.stat().st_size < 250_000


def test_ci_templates_are_yaml_with_the_documented_install():
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", ci, re.S)
    steps = yaml.safe_load(blocks[0])["jobs"]["lint-tables"]["steps"]
    assert {"run": f'pip install "jxlint @ git+{REPO}@{SHA}"'} in steps
    assert yaml.safe_load(blocks[1])["jxlint"]["script"][0] == f'pip install "jxlint @ git+{REPO}@{SHA}"'
    [hook_repo] = yaml.safe_load(blocks[2])["repos"]
    assert (hook_repo["repo"], hook_repo["rev"]) == (REPO, SHA)  # no made-up tag: tests/test_precommit.py runs it


def _install(spec: str, target: Path, cwd: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-q", "--target", str(target), spec],
        capture_output=True, text=True, cwd=cwd,
    )
    assert proc.returncode == 0, proc.stderr


def _runs_from(target: Path, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import linter; print(linter.__file__)"],
                           capture_output=True, text=True, cwd=cwd, env=env, check=True).stdout
    assert where.startswith(str(target))
    check = subprocess.run([sys.executable, "-m", "linter", "check", str(CLEAN)], capture_output=True, text=True, cwd=cwd, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    serve = subprocess.run([sys.executable, "-c", "import linter.serve.app"], capture_output=True, text=True, cwd=cwd, env=env)
    assert serve.returncode == 0, serve.stderr  # the serve package ships


def test_install_from_a_built_wheel_as_documented(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), "."],
                   check=True, capture_output=True, cwd=ROOT)
    name = f"jxlint-{VERSION}-py3-none-any.whl"
    assert [p.name for p in wheels.iterdir()] == [name]  # the file name the docs give
    _install(f"{wheels / name}[serve]", tmp_path / "site", tmp_path)
    _runs_from(tmp_path / "site", tmp_path)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_install_from_the_repository_url_pinned_to_a_commit(tmp_path):
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [spec] = {m for m in re.findall(r'pip install "([^"]+)"', ci)}
    # a file URL with a host: older pips refuse a direct URL without one; git takes both
    spec = spec.replace(REPO, "file://localhost" + ROOT.as_posix()).replace(SHA, sha)
    _install(spec, tmp_path / "site", tmp_path)
    _runs_from(tmp_path / "site", tmp_path)
