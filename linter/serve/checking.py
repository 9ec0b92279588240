"""One check of uploaded files: settings from the form, the lint run, and every output the
page offers (reports, how each file was read, annotated workbooks), with the request
folder's paths replaced by the names the user uploaded."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..api import lint_paths
from ..result import LintResult
from ..config import FAIL_LEVELS, resolve_settings
from ..errors import JxlintError
from .uploads import Form, Saved, UploadError

FORMAT_LABEL = {
    "published-text": "发布版式文本",
    "xlsx": "Excel 工作簿（.xlsx）",
    "xls": "旧版 Excel（.xls）",
    "csv": "CSV",
    "yaml": "jxlint YAML",
    "json": "jxlint JSON",
}
SIDES_LABEL = {
    "both": "实施周期与年度两列指标值",
    "period": "只有实施周期指标值",
    "annual": "只有年度指标值",
    None: "实施周期与年度指标值（版式未注明）",
}

# One lint run at a time in this process: runs no longer share state (each has its own
# cross-table stage, engine/cross.py), but two city-size uploads at once would double the memory.
_RUN_LOCK = threading.Lock()


@dataclass
class Outcome:
    result: LintResult
    reading: list[dict]
    annotated: list[tuple[str, Path]] = field(default_factory=list)  # (download name, file)


def _display_names(files: list[Saved]) -> dict[str, str]:
    """Request-folder path → the uploaded name; a name uploaded twice gets " (2)"."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for f in files:
        name, n = f.name, 1
        while name in taken:
            n += 1
            stem, dot, ext = f.name.rpartition(".")
            name = f"{stem} ({n}).{ext}" if dot else f"{f.name} ({n})"
        taken.add(name)
        names[str(f.path)] = name
    return names


class _Relabel:
    def __init__(self, names: dict[str, str], folder: Path) -> None:
        self.names = names
        self.keys = sorted(names, key=len, reverse=True)
        self.folder = str(folder)

    def text(self, s):
        if not isinstance(s, str):
            return s
        for key in self.keys:
            if key in s:
                s = s.replace(key, self.names[key])
        return s.replace(self.folder, "")

    def deep(self, value):
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.deep(v) for v in value]
        return self.text(value)

    def result(self, result: LintResult) -> None:
        for table in result.tables:
            table.source = table.source.model_copy(update={"file": self.text(table.source.file)})
        for f in result.findings:
            f.file, f.message, f.fix = self.text(f.file), self.text(f.message), self.text(f.fix)
            f.data = self.deep(f.data)
        for s in result.suppressed:  # suppressed findings reach the SARIF download too
            s.finding.file, s.finding.message, s.finding.fix = self.text(s.finding.file), self.text(s.finding.message), self.text(s.finding.fix)
            for d in s.by:
                d.file = self.text(d.file)


def _settings(form: Form, config: Saved | None):
    fail_on = form.value("fail_on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise UploadError(f"fail_on 应为 {' / '.join(FAIL_LEVELS)} 之一，实际是「{fail_on}」", 422)
    split = lambda v: [x.strip() for x in v.split(",") if x.strip()] if v else None  # noqa: E731
    overrides = {"select": split(form.value("select")), "ignore": split(form.value("ignore")), "fail_on": fail_on}
    settings = resolve_settings(config.path if config else None, None, overrides)
    if settings.rule_dirs:
        raise UploadError(f"{config.name}: 网页检查不加载本地规则目录（rule-dirs）；请在命令行用 jxlint check --rules", 422)
    return settings


def reading(result: LintResult) -> list[dict]:
    """How each file was read: format, value columns, counts, rows that could not be placed."""
    rows = []
    for t in result.tables:
        rows.append({
            "file": t.source.file,
            "format": t.format,
            "format_label": FORMAT_LABEL.get(t.format, t.format),
            "value_sides": t.value_sides,
            "layout": SIDES_LABEL.get(t.value_sides, str(t.value_sides)),
            "department": t.department,
            "budget_year": t.budget_year,
            **t.counts(),
            "unplaced": len(t.issues),
        })
    return rows


def check_upload(form: Form, folder: Path, annotate: bool = True) -> Outcome:
    configs = [f for f in form.files if f.field == "config" or f.name.lower().endswith(".toml")]
    tables = [f for f in form.files if f not in configs]
    if len(configs) > 1:
        raise UploadError(f"只能上传一个配置文件（现在有 {len(configs)} 个：{'、'.join(c.name for c in configs)}）", 422)
    if not tables:
        raise UploadError("没有收到表格文件：请选择 .xlsx .xls .csv .txt .yaml .json 文件（表单字段 files）", 400)
    relabel = _Relabel(_display_names(form.files), folder)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    try:
        settings = _settings(form, configs[0] if configs else None)
        with _RUN_LOCK:
            # jobs=1: no worker processes forked from the server's threads
            result = lint_paths([str(f.path) for f in tables], settings, None, jobs=1)
        annotated = []
        if annotate:
            from ..report.annotate import write_annotated

            for table in result.tables:
                if table.format == "xlsx":
                    source = Path(table.source.file)
                    stem = relabel.text(str(source)).rsplit(".", 1)[0]
                    target = out / f"{len(annotated)}.xlsx"
                    write_annotated(result.findings, source, target)
                    annotated.append((f"{stem}-jxlint标注.xlsx", target))
    except UploadError as exc:
        raise UploadError(relabel.text(str(exc)), exc.status) from None
    except JxlintError as exc:  # InputError, ConfigError, RuleError: the CLI's message
        raise UploadError(relabel.text(str(exc)), 422) from None
    relabel.result(result)
    return Outcome(result, reading(result), annotated)
