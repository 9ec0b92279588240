"""jxlint's own model shape as YAML or JSON (docs/schema/table.schema.json describes it)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import InputError
from ..limits import current, exceeded, tick
from ..model import Source, Table
from ..yaml_guard import scan_yaml
from .decode import read_text_file


def read_model_file(path: Path, fmt: str) -> Table:
    text, _ = read_text_file(path)
    try:
        data = load_json(text, path) if fmt == "json" else load_yaml(text, path)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own bound (1,000)
            raise exceeded(path, "depth", current().depth, "YAML 嵌套过深") from None
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else (f"第 {exc.lineno} 行" if hasattr(exc, "lineno") else "")
        raise InputError(f"{path}: {fmt.upper()} 语法错误 {where}：{getattr(exc, 'problem', None) or getattr(exc, 'msg', exc)}") from None
    if not isinstance(data, dict) or "units" not in data:
        raise InputError(f"{path}: 不是 jxlint 的表格结构（顶层应是含 units 键的映射；见 docs/schema/table.schema.json）")
    try:
        table = Table.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{path}: 键 {loc}: {err['msg']}（见 docs/schema/table.schema.json）") from None
    table.format = fmt
    _set_file(table, str(path))
    return table


def load_json(text: str, path: Path):
    limits = current()

    def parse_int(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.int_digits:
            raise exceeded(path, "int-digits", limits.int_digits, f"整数长达 {len(digits):,} 位")
        return int(digits)

    try:
        data = json.loads(text, parse_int=parse_int)
    except RecursionError:
        raise exceeded(path, "depth", limits.depth, "JSON 嵌套过深") from None
    # only a "\\ud800"-style escape makes a lone surrogate (YAML's parser refuses them itself)
    check_shape(data, path, "JSON", strings="\\u" in text)
    return data


def check_shape(data, path: Path, fmt: str, strings: bool = False) -> None:
    """Depth and value count of loaded JSON, without recursion; with ``strings``, also that
    every string (keys too) can be written as UTF-8: an escape such as "\\ud800" gives a lone
    surrogate, which every report would fail to write."""
    limits = current()
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > limits.depth:
            raise exceeded(path, "depth", limits.depth, f"{fmt} 嵌套过深")
        if nodes > limits.nodes:
            raise exceeded(path, "nodes", limits.nodes, f"{fmt} 中的值过多")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
            if strings:
                stack.extend((k, depth + 1) for k in value)
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
        elif strings and isinstance(value, str):
            _writable(value, path, fmt)


def _writable(text: str, path: Path, fmt: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        shown = text.encode("utf-8", "backslashreplace").decode("utf-8")[:60]
        raise InputError(f"{path}: {fmt} 文本「{shown}」含孤立的代理字符 \\u{ord(text[exc.start]):04x}（转义写法造出的无效字符，"
                         "任何报告都无法写出）；请删去它或改为正确的字符") from None


def load_yaml(text: str, path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    scan_yaml(text, path, loader)
    return yaml.load(text, Loader=loader)


def _set_file(table: Table, file: str) -> None:
    """Findings point at the file the user gave: lines of another file would mislead, so
    a source keeps only its sheet/cell (none) and the object is found by unit, project and
    indicator number."""
    def fix(src: Source) -> Source:
        return Source(file=file)

    table.source = fix(table.source)
    for unit in table.units:
        unit.source = fix(unit.source)
        for project in unit.projects:
            project.source = fix(project.source)
            project.field_lines = {}
            for ind in project.indicators:
                ind.source = fix(ind.source)
                ind.field_lines = {}
        unit.field_lines = {}
    table.field_lines = {}
