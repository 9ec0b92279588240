"""Command line: argument parsing and exit codes only; the work is in api, engine and report.

Exit codes: 0 clean, 1 findings at or above the fail level — the check ran; 2 it did not:
usage, config, rule or input error, an output that would replace an input, or an internal
error (one line; the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import JxlintError
from .safe_text import terminal_text

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "html")
INPUT_FORMATS = ("published-text", "xlsx", "xls", "csv", "yaml", "json")  # readers.FORMATS, without importing the readers
INPUT_FORMAT_HELP = f"指定输入格式，不按扩展名判断：{'、'.join(INPUT_FORMATS)}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2, one Chinese line, no usage block
        self.exit(EXIT_ERROR, f"jxlint: 错误：{usage_message(message)}（{self.prog} --help 查看用法）\n")


# argparse's English messages (Python 3.11–3.13) for the usage errors users actually make
_ARGPARSE_ZH = [
    (re.compile(r"the following arguments are required: (.+)"), lambda m: f"缺少必需的参数：{m[1]}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda m: f"无法识别的参数：{m[1]}"),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)"), lambda m: _invalid_choice(m[1], m[2])),
    (re.compile(r"invalid (\w+) value: (.+)"), lambda m: f"{m[2]} 不是有效的{_TYPE_ZH.get(m[1], m[1])}"),
    (re.compile(r"expected one argument"), lambda m: "后面缺少取值"),
    (re.compile(r"expected at least one argument"), lambda m: "后面至少需要一个取值"),
    (re.compile(r"ignored explicit argument (.+)"), lambda m: f"不接受取值 {m[1]}"),
    (re.compile(r"not allowed with argument (.+)"), lambda m: f"不能与 {m[1]} 同时使用"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), lambda m: f"选项 {m[1]} 有歧义，可能是 {m[2]}"),
]
_TYPE_ZH = {"int": "整数", "float": "数字"}


def _invalid_choice(value: str, choices: str) -> str:
    import difflib

    names = [c.strip().strip("'\"") for c in choices.split(",")]
    close = difflib.get_close_matches(value.strip("'\""), names, n=1)
    hint = f"；是不是 {close[0]}？" if close else ""
    return f"无效的取值 {value}（可选：{'、'.join(names)}）{hint}"


def usage_message(message: str) -> str:
    prefix = ""
    argument = re.match(r"argument ([^:]+): (.*)", message)
    if argument:
        name = argument[1].split("/")[0]
        prefix, message = ("命令：" if name == "命令" else f"参数 {name}："), argument[2]
    for pattern, zh in _ARGPARSE_ZH:
        found = pattern.fullmatch(message)
        if found:
            return prefix + zh(found)
    return prefix + message


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jxlint",
        description="项目支出绩效目标表质量检查：模糊目标、类别编号、指标值、完整性、金额合计、模板化复制。",
        epilog="退出码：0 无问题；1 有达到 --fail-on 级别的发现；2 未能完成检查（用法、配置、规则或输入错误，输出会覆盖输入，或内部错误）。",
    )
    parser.add_argument("--version", action="version", version=f"jxlint {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    check = sub.add_parser("check", help="检查一个或多个表格文件（或目录）", description="检查表格并报告发现。")
    check.add_argument("paths", nargs="+", metavar="PATH", help="表格文件或目录（目录下所有支持的文件）")
    check.add_argument("--format", choices=FORMATS, default="text", help="输出格式：text（默认）、json、sarif、github、html")
    check.add_argument("--output", "-o", metavar="FILE", help="把报告写入文件而不是标准输出")
    check.add_argument("--select", type=_csv, metavar="CODES", help="只启用这些规则（编号、前缀、规则名或类别名，逗号分隔）")
    check.add_argument("--extend-select", type=_csv, metavar="CODES", help="在配置之外追加启用的规则")
    check.add_argument("--ignore", type=_csv, metavar="CODES", help="停用这些规则（编号、前缀、规则名或类别名）")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="达到此级别的发现使退出码为 1（默认 error）")
    check.add_argument("--exit-zero", action="store_true", help="有发现时也以 0 退出（输入或配置错误仍为 2）")
    check.add_argument("--statistics", action="store_true", help="只输出按规则的计数（文本格式）")
    check.add_argument("--config", type=Path, metavar="FILE", help="配置文件（jxlint.toml 或含 [tool.jxlint] 的 pyproject.toml）")
    check.add_argument("--isolated", action="store_true", help="不查找、不读取任何配置文件")
    check.add_argument("--rules", type=Path, action="append", metavar="DIR", help="追加本地规则目录（可重复）")
    check.add_argument("--input-format", choices=INPUT_FORMATS, metavar="FORMAT", help=INPUT_FORMAT_HELP)
    check.add_argument("--skip-non-tables", action="store_true", help="跳过命令行上不是表格的文件（如 requirements.txt）并在标准错误中列出；供 pre-commit 钩子使用")
    check.add_argument("--jobs", "-j", type=int, metavar="N", help="并行读取和检查的进程数（默认：输入较大时用全部 CPU）")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="只报告基线文件中没有的新发现，并列出基线中已不存在的条目")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="把当前全部发现记为基线（退出码 0）")
    check.add_argument("--previous", type=Path, metavar="LAST", help="去年的表格（文件或目录，任一支持的格式）：与去年对比，报告 year-over-year 类发现")
    check.add_argument("--show-suppressed", action="store_true", help="同时列出被抑制的发现（表内 jxlint: ignore 指令或配置 per-project-ignores；不计入退出码）")
    check.add_argument("--no-cache", action="store_true", help="不使用检查结果缓存，重新检查（规则与分词缓存照用；全部关闭用环境变量 JXLINT_NO_CACHE=1）")
    check.add_argument("--annotate", type=Path, metavar="OUT.xlsx", help="为 .xlsx 输入另存一份标注了问题单元格和批注的工作簿")

    rules = sub.add_parser("rules", help="列出全部规则", description="列出全部规则（编号、名称、类别、默认级别）。")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    rules.add_argument("--rules", type=Path, action="append", metavar="DIR", help="同时列出本地规则目录中的规则")

    rule = sub.add_parser("rule", help="显示一条规则的文档", description="显示一条规则的文档（做什么、为什么、示例、如何修改、选项）。")
    rule.add_argument("code", metavar="CODE", help="规则编号或规则名，如 VAG001 或 vague-indicator-value")
    rule.add_argument("--rules", type=Path, action="append", metavar="DIR", help="本地规则目录")

    convert = sub.add_parser("convert", help="把表格转换为其他格式", description="读取任一支持的表格，按输出文件扩展名写成 .xlsx、.csv、.yaml 或 .json。")
    convert.add_argument("source", metavar="IN", help="输入表格")
    convert.add_argument("target", metavar="OUT", help="输出文件（.xlsx、.csv、.yaml、.yml、.json）")
    convert.add_argument("--input-format", choices=INPUT_FORMATS, metavar="FORMAT", help=INPUT_FORMAT_HELP)

    fix = sub.add_parser("fix", help="把安全的自动修复写入表格副本（不修改输入）",
                         description="按规则的安全修复（类别编号、符号写法、名称前的编号）写出修改后的副本，格式与输入相同；输入文件不会被修改。",
                         epilog="退出码：0 没有可修复的问题或已写出副本；1 --diff 列出了待修复的改动；2 用法或输入错误。")
    fix.add_argument("source", metavar="TABLE", help="要修复的表格文件")
    fix.add_argument("--output", "-o", metavar="FIXED", help="修改后的副本（与输入同一格式；不能是输入本身）")
    fix.add_argument("--diff", action="store_true", help="只列出将要做的修改，不写文件（有待修复的改动时退出码 1）")
    fix.add_argument("--select", type=_csv, metavar="CODES", help="只应用这些规则的修复")
    fix.add_argument("--extend-select", type=_csv, metavar="CODES", help="在配置之外追加启用的规则（如默认关闭的 FMT007）")
    fix.add_argument("--ignore", type=_csv, metavar="CODES", help="不应用这些规则的修复")
    fix.add_argument("--config", type=Path, metavar="FILE", help="配置文件（jxlint.toml 或含 [tool.jxlint] 的 pyproject.toml）")
    fix.add_argument("--isolated", action="store_true", help="不查找、不读取任何配置文件")
    fix.add_argument("--input-format", choices=INPUT_FORMATS, metavar="FORMAT", help=INPUT_FORMAT_HELP)

    inspect = sub.add_parser("inspect", help="显示文件是如何被读取的（版式、表头、列对应、表单字段）",
                             description="逐个文件、逐个工作表显示读取结果：版式、表头行、列名 → 字段、表单字段、金额单位、指标值列、预算年度、类别框架、计数和未归入的行。")
    inspect.add_argument("paths", nargs="+", metavar="PATH", help="表格文件或目录")
    inspect.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    inspect.add_argument("--config", type=Path, metavar="FILE", help="配置文件（列名、表单标签同义词）")
    inspect.add_argument("--input-format", choices=INPUT_FORMATS, metavar="FORMAT", help=INPUT_FORMAT_HELP)

    test = sub.add_parser("test-rules", help="运行规则自带的测试用例", description="运行规则文件中 tests.flag / tests.pass 的用例。")
    test.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="要测试的规则目录（默认：内置规则）")

    serve = sub.add_parser("serve", help="在本机浏览器中检查表格（网页）", description="启动本机网页：拖入表格即可检查（需要可选依赖 serve）。")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机能访问）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 表示任选一个空闲端口）")
    serve.add_argument("--open", action="store_true", help="启动后打开浏览器")
    serve.add_argument("--max-upload-mb", type=float, default=50, metavar="MB", help="单次上传合计上限（默认 50 MB）")
    for command in sub.choices.values():  # also after the command: jxlint check x --debug
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


DEBUG_HELP = "内部错误时打印完整的 Python 调用栈（报告问题时附上）"


def say(message: str) -> None:
    """A one-line notice or error on stderr (cell text in it is shown safely)."""
    sys.stderr.write(terminal_text(f"jxlint: {message}") + "\n")


def _outputs(args: argparse.Namespace) -> list[tuple[Path, str]]:
    named = [(args.output, "报告"), (args.write_baseline, "基线文件"), (args.annotate, "标注工作簿")]
    return [(Path(p), what) for p, what in named if p]


def _refuse_early(args: argparse.Namespace, extra: list) -> None:
    """Before the (possibly long) run: no output may be an input named on the command line,
    nor another output. Inputs found in a directory are checked again at write time."""
    from .outputs import OutputError, refuse_input, same_file_as

    named = [p for p in args.paths if not Path(p).is_dir()] + [p for p in extra if p]
    outputs = _outputs(args)
    for path, what in outputs:
        refuse_input(path, named, what)
    for i, (path, what) in enumerate(outputs):
        other = same_file_as(path, [p for p, _ in outputs[i + 1:]])
        if other is not None:
            raise OutputError(f"{path}: {what}与另一个输出 {other} 是同一个文件；请分别指定")


def cmd_check_cached(args: argparse.Namespace, argv: list[str]) -> int:
    """cmd_check, answered from the result cache when nothing it depends on has changed."""
    from . import run_cache

    if args.no_cache or args.write_baseline or args.annotate or "-" in args.paths or run_cache.cache_folder() is None:
        return cmd_check(args)
    key = run_cache.run_key(argv)
    entry = run_cache.lookup(key)
    if entry is not None and run_cache.replayable(entry, args.output):
        return run_cache.replay(entry, args.output)
    return run_cache.record(lambda recording: cmd_check(args, recording), key, args.output)


def cmd_check(args: argparse.Namespace, recording=None) -> int:
    from .api import lint_paths

    if args.one_shot:
        from .process import one_shot_gc

        one_shot_gc()
    from .config import resolve_settings
    from .report import formatters

    overrides = {
        "select": args.select,
        "extend_select": args.extend_select,
        "ignore": args.ignore,
        "fail_on": args.fail_on,
        "rule_dirs": [p.resolve() for p in args.rules] if args.rules else None,
        "previous": args.previous,
    }
    first = Path(args.paths[0])
    settings = resolve_settings(args.config, None if args.isolated else first, overrides)
    read_too = [settings.source, args.baseline, settings.previous]  # config, baseline, last year's tables are inputs as well
    _refuse_early(args, read_too)
    result = lint_paths(args.paths, settings, args.input_format, args.jobs, args.skip_non_tables)
    result.show_suppressed = args.show_suppressed
    inputs = [*result.inputs, *(p for p in read_too if p)]
    if recording is not None:  # for the result cache: everything this answer depends on
        from .config import config_candidates

        recording.watch(*inputs, *settings.rule_dirs, *args.paths)
        if args.config is None and not args.isolated:
            recording.watch(*config_candidates(first))
    if args.annotate:
        annotate(result, args.annotate, inputs)
    if args.write_baseline:
        from .baseline import write_baseline

        write_baseline(result.findings, args.write_baseline, inputs)
        say(f"已把 {len(result.findings)} 条发现记入基线 {args.write_baseline}")
        return EXIT_CLEAN
    if args.baseline:
        from .baseline import apply_baseline, load_baseline

        result.baseline = apply_baseline(result.findings, load_baseline(args.baseline))
        result.findings = result.baseline.new
    if args.statistics and args.format == "text":
        from .report.text import render_statistics

        text = render_statistics(result)
    elif args.format == "json" and len(result.findings) > STREAM_FINDINGS:
        return _write_streamed(args, result, inputs)
    else:
        text = formatters()[args.format](result)
    if args.output:
        from .outputs import safe_write

        safe_write(args.output, text, inputs, what="报告")
    else:
        sys.stdout.write(text)
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if result.failed() else EXIT_CLEAN


STREAM_FINDINGS = 20_000  # above this many, the JSON report is written as it is made


def _write_streamed(args: argparse.Namespace, result, inputs: list) -> int:
    from .report.json_doc import write

    if args.output:
        from .outputs import safe_write

        def callback(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                write(result, fh)

        safe_write(args.output, callback, inputs, what="报告")
    else:
        write(result, sys.stdout)
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if result.failed() else EXIT_CLEAN


def annotate(result, out: Path, inputs: list) -> None:
    from .report.annotate import write_annotated

    sources = [Path(t.source.file) for t in result.tables if t.format == "xlsx"]
    if len(sources) != 1:
        raise JxlintError(f"--annotate 需要恰好一个 .xlsx 输入（现在有 {len(sources)} 个）")
    cells = write_annotated(result.findings, sources[0], out, inputs)
    say(f"已写出标注工作簿 {out}（{cells} 个单元格有批注）")


def cmd_rules(args: argparse.Namespace) -> int:
    from .rulebook import load_rules

    rules = load_rules(args.rules)
    if args.format == "json":
        rows = [
            {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity, "enabled": r.enabled, "summary": r.summary,
             "fixable": r.autofix is not None}
            for r in rules
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_CLEAN
    from .findings import SEVERITY_LABEL

    for r in rules:
        off = "" if r.enabled else "（默认关闭）"
        sys.stdout.write(terminal_text(f"{r.code}  {r.name:<30} {r.category:<14} {SEVERITY_LABEL[r.severity]}  {r.summary}{off}") + "\n")
    return EXIT_CLEAN


def cmd_rule(args: argparse.Namespace) -> int:
    from .docs import rule_page
    from .rulebook import load_rules
    from .engine.selection import did_you_mean, rule_for_key

    rules = load_rules(args.rules)
    rule = rule_for_key(rules, args.code)
    if rule is None:
        raise JxlintError(f"没有编号或名称为「{args.code}」的规则{did_you_mean(rules, args.code, False)}；用 jxlint rules 查看全部规则")
    from .config import find_config

    found = find_config(Path.cwd())  # show the options table in the form of the user's config file
    sys.stdout.write(terminal_text(rule_page(rule, found.name if found else None)))
    return EXIT_CLEAN


def cmd_convert(args: argparse.Namespace) -> int:
    from .readers import read_table
    from .writers import WRITERS

    target = Path(args.target)
    writer = WRITERS.get(target.suffix.lower())
    if writer is None:
        raise JxlintError(f"{target}: 不支持的输出格式（可用 {', '.join(sorted(WRITERS))}）")
    from .outputs import refuse_input

    refuse_input(target, [args.source])  # before reading: a large input need not be read first
    table = read_table(Path(args.source), args.input_format)
    writer(table, target, inputs=[args.source])
    c = table.counts()
    say(f"已写出 {target}（{c['units']} 个单位，{c['projects']} 个项目，{c['indicators']} 个指标）")
    if table.issues:
        say(f"注意：读取时有 {len(table.issues)} 行无法归位，未写入输出；用 jxlint check 查看")
    return EXIT_CLEAN


def cmd_fix(args: argparse.Namespace) -> int:
    """Safe fixes into a copy: never the input (-o required unless --diff)."""
    from .api import lint_paths
    from .config import resolve_settings
    from .fixed_copy import write_fixed
    from .outputs import refuse_input

    source = Path(args.source)
    if source.is_dir():
        raise JxlintError(f"{source}: jxlint fix 一次修复一个表格文件，不接受目录")
    if not args.output and not args.diff:
        raise JxlintError(f"jxlint fix 不修改输入：请用 -o 指定修改后的副本（如 -o {source.stem}.fixed{source.suffix}），或加 --diff 只查看改动")
    target = Path(args.output) if args.output else None
    if target is not None and not args.diff:
        refuse_input(target, [source], "修改后的副本")
        wanted = {".xls": ".xlsx"}.get(source.suffix.lower(), source.suffix.lower())
        if target.suffix.lower() != wanted:
            raise JxlintError(f"{target}: 修改后的副本与输入同一格式，扩展名应为 {wanted}（格式转换请用 jxlint convert）")
    overrides = {"select": args.select, "extend_select": args.extend_select, "ignore": args.ignore}
    settings = resolve_settings(args.config, None if args.isolated else source, overrides)
    result = lint_paths([str(source)], settings, args.input_format)
    table = result.tables[0]
    fixable = [f for f in result.findings if isinstance(f.data, dict) and f.data.get("safe_fix")]
    if not fixable:
        say(f"{source}: 没有可自动修复的问题（{len(result.findings)} 条发现都需要人工判断）")
        return EXIT_CLEAN
    if args.diff:
        from .fixed_copy import preview

        changes = preview(table, fixable)
    else:
        changes = write_fixed(table, fixable, target, [source, *(p for p in [settings.source] if p)])
    for change in changes:
        sys.stdout.write(terminal_text(change.describe()) + "\n")
    done = [c for c in changes if not c.skipped]
    counts = {}
    for c in done:
        counts[c.code] = counts.get(c.code, 0) + 1
    per_rule = "，".join(f"{code} {n} 处" for code, n in sorted(counts.items()))
    skipped = len(changes) - len(done)
    tail = f"；{skipped} 处未修改（见上）" if skipped else ""
    if args.diff:
        say(f"{source}: 可自动修复 {len(done)} 处（{per_rule or '无'}）{tail}；未写文件")
        return EXIT_FINDINGS if done else EXIT_CLEAN
    if done:
        say(f"已写出 {target}：修改 {len(done)} 处（{per_rule}）{tail}；输入 {source} 未改动")
    else:
        say(f"{source}: 没有可以应用的修复{tail}；未写出 {target}")
    return EXIT_CLEAN


def cmd_test_rules(args: argparse.Namespace) -> int:
    from .rulecases import run_rule_cases
    from .engine.schema import builtin_rules_dir, load_rule_pack

    dirs = args.dirs or [builtin_rules_dir()]
    failed = passed = 0
    for directory in dirs:
        for rule in load_rule_pack(directory):
            for res in run_rule_cases(rule):
                if res.ok:
                    passed += 1
                else:
                    failed += 1
                    sys.stdout.write(terminal_text(f"失败：{res.explain()}") + "\n")
    sys.stdout.write(f"{passed} passed, {failed} failed\n")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def cmd_inspect(args: argparse.Namespace) -> int:
    """How each file was understood; a file that cannot be read makes the exit code 2."""
    from .config import resolve_settings
    from .readers.inspect_files import inspect_paths
    from .readers.layout_report import render

    settings = resolve_settings(args.config, Path(args.paths[0]), {})
    layouts = inspect_paths(args.paths, settings, args.input_format)
    sys.stdout.write(render(layouts, args.format))
    for layout in layouts:
        if layout.error:
            sys.stderr.write(f"jxlint: {layout.error}\n")
    return EXIT_ERROR if any(layout.error for layout in layouts) else EXIT_CLEAN


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import serve

    return serve(args.host, args.port, args.open, args.max_upload_mb)


COMMANDS = {"check": cmd_check, "rules": cmd_rules, "rule": cmd_rule, "convert": cmd_convert, "test-rules": cmd_test_rules,
            "inspect": cmd_inspect, "serve": cmd_serve}
COMMANDS["fix"] = cmd_fix


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the command's own parser, so the hint names `jxlint COMMAND --help`
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
        commands.get(args.command, parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    args.one_shot = argv is None  # the real command line, not a caller in the same process
    try:
        if args.command == "check":
            return cmd_check_cached(args, sys.argv[1:] if argv is None else list(argv))
        return COMMANDS[args.command](args)
    except JxlintError as exc:
        say(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001  a bug, not a table with errors: never exit 1
        return internal_error(exc, getattr(args, "debug", False))


def internal_error(exc: BaseException, debug: bool) -> int:
    """One line that says it is jxlint's fault (exit 2, not 1 — CI must not read a crash as
    a failed table); the traceback, including a worker process's, only with --debug."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    detail = " ".join(str(exc).split())[:300]
    say(f"内部错误：{type(exc).__name__}: {detail}（请附上输入文件和此信息报告问题）")
    return EXIT_ERROR
