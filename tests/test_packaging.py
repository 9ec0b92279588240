"""A non-editable install (a built wheel) run from another directory still finds its rules."""

import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SAMPLE


def test_wheel_ships_rules_and_runs_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    [wheel] = dist.glob("jxlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    rule_files = [n for n in names if n.startswith("linter/rules/") and n.endswith(".yaml")]
    assert "linter/rules/vocab/frameworks.yaml" in rule_files
    assert any(n.startswith("linter/rules/vague-target/VAG001") for n in rule_files)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    table = elsewhere / "table.txt"
    table.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import linter, linter.engine.schema as s; print(linter.__file__); print(s.builtin_rules_dir())"],
        capture_output=True, text=True, cwd=elsewhere, env=env, check=True,
    ).stdout.split()
    assert where[0].startswith(str(target)) and where[1] == str(target / "linter" / "rules")
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "table.txt", "--select", "COD,CMP"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert proc.returncode == 1, proc.stderr
    assert "table.txt:1283  COD003" in proc.stdout
