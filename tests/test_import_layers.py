"""Imports in linter/ run one way: down the layers below, with no cycle.

The graph is built from the source with ``ast`` (nothing is imported): every ``import`` and
``from … import`` counts, also those inside functions (a late import is still a dependency, it
only hides a cycle) and under ``if TYPE_CHECKING:`` (a type names what a module depends on).
Importing ``a.b.c`` also runs the package ``a.b``'s ``__init__``, so that is an edge too (except
from a module inside ``a.b``: its own package has run before it; a name taken from that package's
``__init__`` with ``from . import name`` is an edge all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

LINTER = Path(__file__).resolve().parent.parent / "linter"

# Lowest first. A module may import modules of a lower layer and of its own group. Groups in
# one layer are siblings: they must not import each other (the engine runs checks it never
# imports; readers and writers do not know each other).
LAYERS: list[dict[str, tuple[str, ...]]] = [
    {  # plain helpers: no linter imports beyond this layer
        "foundation": (
            "linter",
            "linter.errors",
            "linter.text",
            "linter.markers",
            "linter.safe_text",
            "linter.findings",
            "linter.limits",
            "linter.outputs",
            "linter.vocab",
            "linter.yaml_guard",
            "linter.cache_files",
            "linter.segment_index",
            "linter.segment",
            "linter.autofix",
            "linter.stage_times",
            "linter.process",
        ),
    },
    {"values": ("linter.values",)},  # the value grammar (rules/vocab/value-grammar.yaml)
    {"model": ("linter.model", "linter.frameworks")},
    {"config": ("linter.config", "linter.config_model", "linter.directives")},
    {"readers": ("linter.readers",), "writers": ("linter.writers",)},
    {"previous": ("linter.previous",), "fixed-copy": ("linter.fixed_copy",)},  # last year's tables read and matched (year over year)
    {"rulekit": ("linter.rulekit", "linter.patterns")},  # what checks and the engine share
    {"checks": ("linter.checks",), "engine": ("linter.engine",)},
    {"post": ("linter.suggestions", "linter.suppress")},  # passes over the findings after the engine
    {"rulebook": ("linter.rulebook", "linter.rulecases")},  # checks registered, rules loaded
    {"docs": ("linter.docs", "linter.result", "linter.template_vars")},
    {"api": ("linter.api",), "report": ("linter.report",), "baseline": ("linter.baseline",),
     "run-cache": ("linter.run_cache",)},  # answers of unchanged check runs, replayed
    {"top": ("linter.cli", "linter.__main__", "linter.serve", "linter.docs_gen")},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LINTER.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(LINTER.rglob("*.py"))}


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import linter.x.y` → nearest known module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
            parent = target.rpartition(".")[0]
            while parent.startswith("linter"):  # the packages it runs on the way, but not
                if not name.startswith(parent + "."):  # the importer's own (those run first anyway)
                    found.add(parent)
                parent = parent.rpartition(".")[0]
    return found - {"linter"}  # the root package holds only the version


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def place(name: str) -> tuple[int, str]:
    best: tuple[int, int, str] | None = None  # longest matching prefix wins
    for level, groups in enumerate(LAYERS):
        for group, prefixes in groups.items():
            for prefix in prefixes:
                if name == prefix or (prefix != "linter" and name.startswith(prefix + ".")):
                    if best is None or len(prefix) > best[0]:
                        best = (len(prefix), level, group)
    assert best is not None, f"{name} is in no layer: add it to LAYERS"
    return best[1], best[2]


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    bad = []
    for src, dsts in sorted(edges.items()):
        src_level, src_group = place(src)
        for dst in sorted(dsts):
            dst_level, dst_group = place(dst)
            if dst_group != src_group and dst_level >= src_level:
                bad.append(f"{src} ({src_group}) -> {dst} ({dst_group})")
    return bad


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_every_module_has_a_layer():
    for name in all_modules():
        place(name)


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_no_import_runs_up_or_sideways():
    assert upward_imports(graph()) == []


def test_the_graph_sees_late_relative_and_package_imports():
    """The checker itself: it must see the kinds of import the layering forbids."""
    edges = graph()
    assert "linter.errors" in edges["linter.readers.decode"]  # from ..errors import …
    assert "linter.readers.layout_report" in edges["linter.cli"]  # a late import inside a function
    assert "linter.readers" in edges["linter.cli"]  # the package whose __init__ runs on the way
    assert upward_imports({"linter.values": {"linter.readers"}}) == ["linter.values (values) -> linter.readers (readers)"]
    assert upward_imports({"linter.readers.rows": {"linter.writers"}}) != []  # siblings
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_engine_alone_registers_no_check_type(tmp_path):
    """Built-in checks register from above the engine: importing the engine loads none, and
    loading rules without them says what to import instead of listing no check types."""
    import subprocess
    import sys

    code = (
        "import sys, linter.engine.schema as s, linter.engine.runner, linter.engine.selection\n"
        "assert not any(m.startswith('linter.checks') or m.startswith('linter.readers') for m in sys.modules), sorted(sys.modules)\n"
        "from linter.errors import RuleError\n"
        "try:\n    s.load_rules()\nexcept RuleError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert "检查类型尚未注册" in out and "import linter.checks" in out
