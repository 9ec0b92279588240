"""Traps for users (issue 14): non-table files in a checked folder, usage errors, selections."""

import shutil

import pytest

from conftest import CLEAN

from linter.cli import main


def _folder(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    shutil.copy(CLEAN, folder / "clean.txt")
    (folder / "requirements.txt").write_text("requests==2.31\npyyaml>=6\n", encoding="utf-8")
    (folder / "README.txt").write_text("本目录存放 2024 年项目支出绩效目标表的草稿。\n", encoding="utf-8")
    return folder


def test_non_table_txt_in_a_folder_is_skipped_and_named(tmp_path, capsys):
    folder = _folder(tmp_path)
    # a GBK-encoded table is still a table, not skipped
    (folder / "gbk.txt").write_bytes(CLEAN.read_text(encoding="utf-8").encode("gb18030"))
    code = main(["check", str(folder), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    skipped = sorted(line for line in err.splitlines() if "跳过" in line)
    assert len(skipped) == 2
    assert "README.txt" in skipped[0] and "requirements.txt" in skipped[1]
    assert "clean.txt" in out and "gbk.txt" in out and "requirements.txt" not in out


def test_non_table_txt_named_explicitly_is_an_input_error(tmp_path, capsys):
    folder = _folder(tmp_path)
    code = main(["check", str(folder / "requirements.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert "requirements.txt" in err and "没有识别出任何项目" in err


def test_skip_non_tables_lets_the_hook_pass_requirements_txt(tmp_path, capsys):
    folder = _folder(tmp_path)
    code = main(["check", "--skip-non-tables", str(folder / "requirements.txt"), str(folder / "clean.txt")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "跳过" in err and "requirements.txt" in err
    code = main(["check", "--skip-non-tables", str(folder / "requirements.txt")])  # nothing left: clean
    assert code == 0


def _usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert len(err.splitlines()) == 1 and "usage:" not in err, err  # one line, no usage block
    return err.strip()


def test_usage_errors_are_one_chinese_line(capsys):
    assert _usage_error(["check"], capsys) == "jxlint: 错误：缺少必需的参数：PATH（jxlint check --help 查看用法）"
    err = _usage_error(["check", "x.txt", "--format", "yml"], capsys)
    assert err.startswith("jxlint: 错误：参数 --format：无效的取值 'yml'（可选：text、json、sarif、github、html）")
    assert err.endswith("（jxlint check --help 查看用法）")
    assert "；是不是 check？" in _usage_error(["chek", "x.txt"], capsys)
    assert _usage_error(["check", "x.txt", "--jobs", "two"], capsys) == (
        "jxlint: 错误：参数 --jobs：'two' 不是有效的整数（jxlint check --help 查看用法）"
    )
    # unknown options are reported by the command's parser, so the hint names the command
    assert _usage_error(["check", "x.txt", "--bogus"], capsys) == (
        "jxlint: 错误：无法识别的参数：--bogus（jxlint check --help 查看用法）"
    )
    assert "argument" not in _usage_error(["check", "x.txt", "--output"], capsys)


def test_unknown_selector_suggests_the_closest_rules(capsys):
    sample = str(CLEAN)
    assert main(["check", sample, "--select", "VAG01"]) == 2
    assert "没有与「VAG01」匹配的规则，是不是 VAG001？" in capsys.readouterr().err
    assert main(["check", sample, "--ignore", "vague-indicator-valu"]) == 2
    assert "是不是 vague-indicator-value？" in capsys.readouterr().err
    assert main(["check", sample, "--select", "vague-targt"]) == 2  # a category
    assert "是不是 vague-target？" in capsys.readouterr().err
    assert main(["check", sample, "--select", "XYZ9"]) == 2  # nothing close: no guess
    err = capsys.readouterr().err
    assert "XYZ9" in err and "是不是" not in err
    assert main(["rule", "PER01"]) == 2
    assert "是不是 PER001？" in capsys.readouterr().err


def test_a_selection_that_leaves_no_rule_is_an_error(capsys):
    assert main(["check", str(CLEAN), "--select", "VAG001", "--ignore", "VAG001"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "jxlint: select/ignore: 选择之后没有任何规则会运行（选择 VAG001，停用 VAG001）；"
        "请检查 select/ignore，或用 --extend-select 启用默认关闭的规则"
    )
    # one rule left is a normal run
    assert main(["check", str(CLEAN), "--select", "VAG", "--ignore", "VAG001"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("fmt", ["sarif", "github", "html"])
def test_rules_accepts_only_the_formats_it_prints(fmt, capsys):
    err = _usage_error(["rules", "--format", fmt], capsys)
    assert f"无效的取值 '{fmt}'（可选：text、json）" in err


def test_rules_json_lists_every_rule(capsys):
    import json

    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"VAG001", "CMP004", "DUP003"} <= {r["code"] for r in rows}


def test_default_off_is_said_once(capsys):
    assert main(["rules"]) == 0
    [line] = [l for l in capsys.readouterr().out.splitlines() if l.startswith("CMP004")]
    assert line.count("默认关闭") == 1
    assert main(["rule", "CMP004"]) == 0
    assert capsys.readouterr().out.count("（默认关闭）") == 0  # the page says it in its severity line


@pytest.mark.parametrize(
    "config, shown, not_shown",
    [
        ("jxlint.toml", "在 jxlint.toml 中设置：`[rules.VAG001]`", "tool.jxlint"),
        ("pyproject.toml", "在 pyproject.toml 中设置：`[tool.jxlint.rules.VAG001]`", "[rules.VAG001]"),
        (None, "在 jxlint.toml 中设置：`[rules.VAG001]`；在 pyproject.toml 中设置：`[tool.jxlint.rules.VAG001]`", "\0"),
    ],
)
def test_rule_page_shows_the_form_of_the_config_found(config, shown, not_shown, tmp_path, monkeypatch, capsys):
    if config == "jxlint.toml":
        (tmp_path / "jxlint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    elif config:
        (tmp_path / "pyproject.toml").write_text('[tool.jxlint]\nfail-on = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rule", "VAG001"]) == 0
    out = capsys.readouterr().out
    assert shown in out and not_shown not in out


def test_input_formats_are_listed_and_checked(capsys):
    from linter.cli import INPUT_FORMATS, build_parser
    from linter.readers import FORMATS

    assert INPUT_FORMATS == FORMATS
    assert "published-text、xlsx、xls、csv、yaml、json" in build_parser()._subparsers._group_actions[0].choices["check"].format_help()
    err = _usage_error(["check", str(CLEAN), "--input-format", "txt"], capsys)
    assert "参数 --input-format：无效的取值 'txt'（可选：published-text、xlsx、xls、csv、yaml、json）" in err
