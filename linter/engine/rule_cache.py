"""The compiled rule cache: a folder's rules parsed and validated once, kept in the user cache
directory next to the segmentation cache (``JXLINT_CACHE_DIR``; ``JXLINT_NO_CACHE=1`` turns
both off).

Parsing and validating 50 rule files (YAML, the hostile-YAML pre-scan, pydantic, template and
parameter checks) is the largest fixed cost of a short run; the result depends only on the
folder's files and on the code that validates them. The key is a digest of every file under the
folder (rules and vocabularies, by path and content), of the file's own location, of the Python
and pydantic versions and of jxlint's code (each module's size and modification time), so any
change there is a miss and the folder is loaded from its files again. A cache entry holds
exactly what loading would return, so it never changes a finding.

Writes go to a temporary file that is renamed over the entry, so concurrent runs never see a
half-written file; a failed read or write is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..cache_files import package_stamp, write_atomically

T = TypeVar("T")
FORMAT = 1  # bump when the entry's layout changes
_code_digest: str | None = None


def cache_dir() -> Path | None:
    from ..segment import _cache_dir

    return _cache_dir()


def code_fingerprint() -> str:
    """jxlint's own modules by size and modification time (once per process): an edited
    check or schema invalidates every entry, in a source checkout too."""
    global _code_digest
    if _code_digest is None:
        import pydantic.version

        _code_digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{pydantic.version.VERSION}|{package_stamp()}".encode()).hexdigest()
    return _code_digest


def folder_digest(directory: Path) -> str:
    """Every rule and vocabulary file of a folder, by relative path and content."""
    h = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
        h.update(str(path.relative_to(directory)).encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def cached(directory: Path, load: Callable[[Path], T], salt: str = "") -> T:
    """``load(directory)``, from the cache when the folder and the code are unchanged."""
    folder = cache_dir()
    if folder is None or not directory.is_dir():
        return load(directory)
    where = hashlib.sha256(f"{directory.resolve()}|{salt}".encode()).hexdigest()[:12]
    try:
        key = hashlib.sha256(f"{code_fingerprint()}|{folder_digest(directory)}".encode()).hexdigest()[:24]
    except OSError:
        return load(directory)
    path = folder / f"rules-{where}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - an unreadable entry is a miss
        pass
    value = load(directory)  # errors (RuleError) propagate and nothing is written
    _store(path, value, f"rules-{where}-")
    return value


def _store(path: Path, value: object, prefix: str) -> None:
    try:
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob(f"{prefix}*.pickle"):  # older entries of the same folder
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache is an optimisation: never fail a run over it
        pass
