"""Where the built-in rules and vocabularies live, and loading YAML vocabulary files once.

The lowest shared piece of rule data: the value grammar, the frameworks, the readers' labels
and the check types all read vocabularies through here, so none of them imports the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RuleError


def _loader():
    import yaml  # here, not at the top: a replayed run (run_cache) asks only for builtin_rules_dir

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader, where libyaml is there


def __getattr__(name: str):
    if name == "YAML_LOADER":  # `from .vocab import YAML_LOADER` still works
        return _loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def builtin_rules_dir() -> Path:
    """Rules ship inside the wheel as ``linter/rules``; from a source tree they are ``rules/``."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


_YAML_CACHE: dict[str, Any] = {}


def cached_yaml(path: str) -> Any:
    """A vocabulary file's data, read once per process (callers must not mutate it)."""
    if path not in _YAML_CACHE:
        with open(path, encoding="utf-8") as fh:
            import yaml

            _YAML_CACHE[path] = yaml.load(fh, Loader=_loader())
    return _YAML_CACHE[path]


def load_vocab(rule_or_dir: Any, ref: str) -> Any:
    """Load a shared vocabulary file named relative to a rule's folder (a rule, or anything
    with ``base_dir``) or to a folder, looking in its parents up to the built-in rules."""
    base_dir = getattr(rule_or_dir, "base_dir", None)
    base = Path(base_dir) if base_dir is not None else Path(rule_or_dir)
    builtin = builtin_rules_dir()
    for folder in (base, *base.parents):
        candidate = folder / ref
        if candidate.is_file():
            return cached_yaml(str(candidate))
        if folder == builtin:
            break
    if (builtin / ref).is_file():  # a local rule pack may use the built-in vocabularies
        return cached_yaml(str(builtin / ref))
    raise RuleError(f"{base}: 找不到词表文件 {ref!r}")
