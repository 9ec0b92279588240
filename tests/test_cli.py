"""The command line: exit codes, JSON shape, selection, configuration, bad input."""

import json
import os
import subprocess
import sys

import pytest

from conftest import CLEAN, ROOT, SAMPLE
from linter.cli import build_parser, main


def run(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sample_exit_1_with_report(capsys):
    code, out, _ = run(["check", SAMPLE], capsys)
    assert code == 1
    assert "17 个单位，276 个项目，1378 个指标" in out
    assert f"{SAMPLE}:1283  COD003 错误" in out
    assert "■ 广州市住房和城乡建设局 ▸ 越秀区物业管理工作奖励经费" in out
    assert "修改：" in out and "按规则：" in out


def test_clean_table_exit_0(capsys):
    code, out, _ = run(["check", CLEAN], capsys)
    assert code == 0, out
    assert "没有发现问题" in out


def test_json_shape(capsys):
    code, out, _ = run(["check", SAMPLE, "--format", "json"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert doc["files"] == [
        {"path": str(SAMPLE), "format": "published-text", "department": "广州市住房和城乡建设局", "units": 17, "projects": 276, "indicators": 1378}
    ]
    f = next(f for f in doc["findings"] if f["code"] == "COD003")
    for key in ("code", "name", "category", "severity", "message", "fix", "file", "line", "unit", "project", "indicator", "field", "value"):
        assert key in f
    assert (f["name"], f["category"], f["severity"], f["line"], f["field"], f["value"]) == (
        "code-name-mismatch", "category-code", "error", 1283, "level1", "1-效益指标")
    # COD003, COD004 ×2, CMP001, FMT005 and 18 projects without a 效益 indicator (CMP002)
    assert doc["summary"]["by_severity"]["error"] == 23
    assert doc["summary"]["total"] == len(doc["findings"])


def test_select_and_ignore(capsys):
    code, out, _ = run(["check", SAMPLE, "--format", "json", "--select", "COD"], capsys)
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes == {"COD003", "COD004"} and code == 1
    code, out, _ = run(["check", SAMPLE, "--format", "json", "--select", "vague-target", "--ignore", "VAG002"], capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"VAG001", "VAG003"}
    assert code == 0  # warnings only; default fail level is error
    code, _, _ = run(["check", SAMPLE, "--select", "VAG001", "--fail-on", "warning"], capsys)
    assert code == 1
    code, _, _ = run(["check", SAMPLE, "--exit-zero"], capsys)
    assert code == 0


def test_unknown_selector_is_usage_error(capsys):
    code, _, err = run(["check", SAMPLE, "--select", "XYZ9"], capsys)
    assert code == 2 and "XYZ9" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda d: d / "missing.txt", "不存在"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "为空"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00") and d / "bin.txt", "二进制"),
        (lambda d: (d / "sub").mkdir() or d / "sub", "没有可检查的表格文件"),
        (lambda d: (d / "notes.dat").write_text("今天开会，讨论预算。\n", encoding="utf-8") and d / "notes.dat", "无法识别"),
        (lambda d: (d / "prose.txt").write_text("实施周期指标值:1\n", encoding="utf-8") and d / "prose.txt", "没有识别出任何项目"),
    ],
    ids=["missing", "empty", "binary", "empty-dir", "not-a-table", "no-project"],
)
def test_bad_input_exit_2_one_line(tmp_path, capsys, make, needle):
    path = make(tmp_path)
    code, out, err = run(["check", path], capsys)
    assert code == 2
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_directory_argument(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "t.txt").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(["check", tmp_path, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["files"][0]["projects"] == 2


def test_config_discovery_and_overrides(tmp_path, capsys):
    table = tmp_path / "drafts" / "t.txt"
    table.parent.mkdir()
    table.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jxlint]\nselect = ["COD", "CMP001"]\nfail-on = "never"\n[tool.jxlint.severity]\nCOD004 = "info"\n',
        encoding="utf-8",
    )
    code, out, _ = run(["check", table, "--format", "json"], capsys)
    doc = json.loads(out)
    assert code == 0
    assert {f["code"] for f in doc["findings"]} == {"COD003", "COD004", "CMP001"}
    assert {f["severity"] for f in doc["findings"] if f["code"] == "COD004"} == {"info"}
    # command-line flags win over the file
    code, out, _ = run(["check", table, "--format", "json", "--select", "CMP001", "--fail-on", "error"], capsys)
    assert code == 1 and {f["code"] for f in json.loads(out)["findings"]} == {"CMP001"}
    # jxlint.toml next to the table wins over the pyproject above it
    (table.parent / "jxlint.toml").write_text('select = ["COD003"]\n', encoding="utf-8")
    code, out, _ = run(["check", table, "--format", "json"], capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"COD003"}
    code, out, _ = run(["check", table, "--format", "json", "--isolated", "--select", "COD004"], capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"COD004"}


def test_rule_options_from_config(tmp_path, capsys):
    cfg = tmp_path / "jxlint.toml"
    cfg.write_text('select = ["VAG001"]\n[rules.VAG001]\nextend-unless = ["有效"]\n', encoding="utf-8")
    code, out, _ = run(["check", SAMPLE, "--format", "json", "--config", cfg], capsys)
    values = {f["value"] for f in json.loads(out)["findings"]}
    assert "良好" in values and "有效提升" not in values


@pytest.mark.parametrize(
    "content, needle",
    [
        ("selct = [\"VAG\"]\n", "selct"),
        ("fail-on = \"sometimes\"\n", "fail-on"),
        ("select = \"VAG\"\n", "select"),
        ("[rules.VAG001]\nfloor = 3\n", "rules.VAG001.floor"),
        ("[rules.VAG001]\nunless = 3\n", "rules.VAG001.unless"),
        ("[rules.NOPE001]\nx = 1\n", "rules.NOPE001"),
        ("[severity]\nVAG001 = \"fatal\"\n", "severity.VAG001"),
        ("select = [\n", "TOML"),
    ],
)
def test_bad_config_exit_2(tmp_path, capsys, content, needle):
    cfg = tmp_path / "jxlint.toml"
    cfg.write_text(content, encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--config", cfg], capsys)
    assert code == 2
    assert str(cfg) in err and needle in err and "Traceback" not in err


def test_rules_and_rule_commands(capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "VAG001" in out and "COD003" in out
    code, out, _ = run(["rules", "--format", "json"], capsys)
    assert {r["code"] for r in json.loads(out)} >= {"VAG001", "VAG002", "COD001", "COD004", "PRS001", "CMP001"}
    code, out, _ = run(["rule", "COD003"], capsys)
    assert code == 0 and "## 为什么" in out and "1-效益指标" in out
    code, out, _ = run(["rule", "vague-indicator-value"], capsys)
    assert code == 0 and out.startswith("# VAG001")
    code, _, err = run(["rule", "NOPE"], capsys)
    assert code == 2 and "NOPE" in err


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", str(SAMPLE), "--format", "yaml"])
    assert exc.value.code == 2


def test_output_file(tmp_path, capsys):
    out_file = tmp_path / "report.json"
    code, out, _ = run(["check", SAMPLE, "--format", "json", "--output", out_file], capsys)
    assert out == "" and json.loads(out_file.read_text(encoding="utf-8"))["files"][0]["indicators"] == 1378


def test_test_rules_command(capsys):
    code, out, _ = run(["test-rules"], capsys)
    assert code == 0 and out.strip().endswith("0 failed")


def test_console_entry_point_runs_as_module():
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", str(SAMPLE), "--select", "COD003"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 1 and "COD003" in proc.stdout


@pytest.mark.parametrize("args, loaded", [(["--ignore", "FIT"], "False"), (["--select", "FIT001"], "True")])
def test_jieba_loaded_only_for_rules_that_need_it(args, loaded):
    code = "import sys; from linter.cli import main; main(['check', %r, '-o', '/dev/null'] + %r); print('jieba' in sys.modules)" % (str(SAMPLE), args)
    env = {**os.environ, "JXLINT_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.stdout.strip().endswith(loaded), proc.stderr


def test_segmentation_cache_spares_jieba_on_the_next_run(tmp_path):
    code = ("import sys, json; from linter.cli import main; main(['check', %r, '--select', 'FIT', '--format', 'json', '-o', %r]); "
            "print('jieba' in sys.modules)")
    env = {**os.environ, "JXLINT_CACHE_DIR": str(tmp_path / "cache")}
    outputs = []
    for i in range(2):
        out = tmp_path / f"run{i}.json"
        proc = subprocess.run([sys.executable, "-c", code % (str(SAMPLE), str(out))], capture_output=True, text=True, cwd=ROOT, env=env)
        outputs.append((proc.stdout.strip(), json.loads(out.read_text(encoding="utf-8"))["findings"]))
    assert outputs[0][0] == "True" and outputs[1][0] == "False"
    assert outputs[0][1] == outputs[1][1]
    assert list((tmp_path / "cache").glob("segments-*.json"))


def test_help_lists_subcommands():
    text = build_parser().format_help()
    for sub in ("check", "rules", "rule", "convert", "test-rules"):
        assert sub in text


def test_local_rule_pack_with_rules_flag_and_config(tmp_path, capsys):
    from test_rule_loading import GOOD

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "LOC001.yaml").write_text(GOOD.replace("口号']", "有效']").replace("indicator.name", "indicator.period_value"), encoding="utf-8")
    code, out, _ = run(["check", SAMPLE, "--format", "json", "--rules", pack, "--select", "LOC001"], capsys)
    found = json.loads(out)["findings"]
    assert found and {f["code"] for f in found} == {"LOC001"} and code == 0  # info only
    cfg = tmp_path / "jxlint.toml"
    cfg.write_text('rule-dirs = ["pack"]\nselect = ["LOC"]\nfail-on = "info"\n', encoding="utf-8")
    code, out, _ = run(["check", SAMPLE, "--config", cfg], capsys)
    assert code == 1 and "LOC001" in out


def test_statistics(capsys):
    code, out, _ = run(["check", SAMPLE, "--statistics"], capsys)
    lines = out.strip().splitlines()
    assert lines[0].split()[:2] == ["298", "VAG001"]
    assert lines[-1].startswith("共 ") and code == 1


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".yaml", ".json"])
def test_convert_round_trip(tmp_path, capsys, suffix):
    out = tmp_path / f"sample{suffix}"
    code, _, err = run(["convert", SAMPLE, out], capsys)
    assert code == 0 and "276 个项目" in err
    code, doc, _ = run(["check", out, "--format", "json", "--select", "COD"], capsys)
    assert json.loads(doc)["files"][0]["indicators"] == 1378


def test_convert_bad_target(tmp_path, capsys):
    code, _, err = run(["convert", SAMPLE, tmp_path / "x.pdf"], capsys)
    assert code == 2 and "不支持的输出格式" in err


def test_same_file_twice_is_read_once(capsys):
    code, out, _ = run(["check", SAMPLE, str(SAMPLE), SAMPLE.parent, "--format", "json", "--select", "DUP002"], capsys)
    doc = json.loads(out)
    assert len(doc["files"]) == 1
    assert all(len({(m["file"], m["line"]) for m in f["data"]["members"]}) == len(f["data"]["members"]) for f in doc["findings"])
