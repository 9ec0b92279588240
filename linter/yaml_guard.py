"""Bounds on a YAML text before anything builds its data (rule files and model files share it)."""

from __future__ import annotations

import re

import yaml

from .limits import current, exceeded, tick

INT = re.compile(r"[-+]?(?:0[xob])?[0-9_]+")


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
