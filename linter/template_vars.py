"""Which ``{names}`` a rule's message and fix templates can use, read from the code.

Every finding offers the names the engine fills (the ``values`` dict of
engine.runner.make_finding); a check type adds the keys of the ``vars`` it gives its Hits.
Both are read from the source (ast), so the rule-author reference (docs/check-types.md,
generated) cannot drift from the code: a stale page fails tests/test_docs.py.

Keys of a check's vars are the string keys of dict literals that are passed as
``Hit(vars=...)``, assigned to a variable or item named ``vars``, and — when such a dict
spreads another (``**result``) — returned by a method of the check class (its aspects).
"""

from __future__ import annotations

import ast
import inspect
from functools import lru_cache


def _keys(node: ast.AST | None) -> list[str]:
    if not isinstance(node, ast.Dict):
        return []
    return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]


def _spreads(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Dict) and any(k is None for k in node.keys)


def _is_vars(target: ast.AST) -> bool:
    if isinstance(target, ast.Subscript):
        target = target.value
    return isinstance(target, ast.Name) and target.id == "vars"


def vars_of(tree: ast.AST) -> list[str]:
    """The template names a class (or module) puts into its Hits' vars, in source order."""
    found: dict[str, None] = {}
    spread = False
    for node in ast.walk(tree):
        dicts: list[ast.AST] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Hit":
            dicts += [kw.value for kw in node.keywords if kw.arg == "vars"]
        elif isinstance(node, ast.Assign) and any(_is_vars(t) for t in node.targets):
            dicts.append(node.value)
            if isinstance(node.targets[0], ast.Subscript) and isinstance(node.targets[0].slice, ast.Constant):
                found[str(node.targets[0].slice.value)] = None
        for d in dicts:
            found.update(dict.fromkeys(_keys(d)))
            spread = spread or _spreads(d)
    if spread:  # e.g. {"reading": …, **result}: result is what an aspect method returned
        for node in ast.walk(tree):
            if isinstance(node, ast.Return):
                found.update(dict.fromkeys(_keys(node.value)))
    return list(found)


@lru_cache(maxsize=1)
def common_vars() -> tuple[str, ...]:
    """The names every finding fills (engine.runner.make_finding's ``values``)."""
    from .engine import runner

    tree = ast.parse(inspect.getsource(runner.make_finding))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "values" for t in node.targets):
            return tuple(_keys(node.value))
    raise LookupError("engine.runner.make_finding no longer builds a `values` dict")


def check_vars(cls: type) -> list[str]:
    """The names a check type adds, beyond common_vars()."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(cls)))
    own = next((n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls.__name__), None)
    names = vars_of(own) if own is not None else []
    # helpers at module level that build Hits for the class (e.g. a shared judge function)
    module_level = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for fn in module_level:
        names += [n for n in vars_of(fn) if n not in names]
    common = set(common_vars())
    return [n for n in names if n not in common]
