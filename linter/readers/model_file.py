"""jxlint's own model shape as YAML or JSON (docs/schema/table.schema.json describes it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import InputError
from ..limits import current, exceeded, tick
from ..model import Source, Table
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


INT = re.compile(r"[-+]?(?:0[xob])?[0-9_]+")


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
    check_shape(data, path, "JSON")
    return data


def check_shape(data, path: Path, fmt: str) -> None:
    """Depth and value count of loaded JSON, without recursion."""
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
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def load_yaml(text: str, path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    scan_yaml(text, path, loader)
    return yaml.load(text, Loader=loader)


def scan_yaml(text: str, path, loader) -> None:
    """Walk the event stream first (libyaml's parser keeps its own stack: no recursion) to
    count depth, integer digits and the values aliases expand to — a 1.5 KB alias bomb
    expands to billions — before anything builds the data. Raises InputError."""
    limits = current()
    sizes: dict[str, int] = {}  # anchor → values under it
    stack: list[list] = [[None, 0]]  # [anchor, values so far] per open collection
    for event in yaml.parse(text, Loader=loader):
        tick()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            stack.append([event.anchor, 1])
            if len(stack) - 1 > limits.depth:
                raise exceeded(path, "depth", limits.depth, f"YAML 嵌套过深（第 {event.start_mark.line + 1} 行）")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            if not event.style and event.implicit[0] and len(event.value) > limits.int_digits and INT.fullmatch(event.value):
                raise exceeded(path, "int-digits", limits.int_digits, f"第 {event.start_mark.line + 1} 行的整数长达 {len(event.value):,} 位")
            stack[-1][1] += 1
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][1] += sizes.get(event.anchor, 1)
        else:
            continue
        if stack[-1][1] > limits.nodes or sum(level[1] for level in stack) > limits.nodes:
            raise exceeded(path, "nodes", limits.nodes, "YAML 展开别名（&/*）后的值过多")


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
