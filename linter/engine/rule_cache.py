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

Entries are JSON, never pickle: a cache folder shared between CI jobs (restored from a cache
another job wrote) must not be able to run code. An entry holds each rule's fields, the names
given (``model_fields_set``) and its validated default check parameters, and is rebuilt without
validation (it was validated when stored); a folder whose rules do not come back equal from their
JSON (a YAML value JSON cannot hold) is not cached.

Writes go to a temporary file that is renamed over the entry, so concurrent runs never see a
half-written file; a failed read or write is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..cache_files import package_stamp, write_atomically


class Codec(NamedTuple):
    """How a folder's loaded value becomes JSON data and back (engine/schema.py: RULES_JSON)."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]
    same: Callable[[Any, Any], bool]  # whether a decoded value is the loaded one


FORMAT = 2  # bump when the entry's layout changes (2: JSON instead of pickle)
ENTRY_LIMIT = 16_000_000  # bytes; the built-in rules' entry is ~0.3 MB: a larger file is not ours
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


def cached(directory: Path, load: Callable[[Path], Any], codec: Codec, salt: str = "") -> Any:
    """``load(directory)``, from the cache when the folder and the code are unchanged."""
    folder = cache_dir()
    if folder is None or not directory.is_dir():
        return load(directory)
    where = hashlib.sha256(f"{directory.resolve()}|{salt}".encode()).hexdigest()[:12]
    try:
        key = hashlib.sha256(f"{code_fingerprint()}|{folder_digest(directory)}".encode()).hexdigest()[:24]
    except OSError:
        return load(directory)
    path = folder / f"rules-{where}-{key}.json"
    try:
        if path.stat().st_size <= ENTRY_LIMIT:
            return codec.decode(json.loads(path.read_bytes()))
    except Exception:  # noqa: BLE001 - absent, unreadable or not an entry: a miss
        pass
    value = load(directory)  # errors (RuleError) propagate and nothing is written
    _store(path, value, codec, f"rules-{where}-")
    return value


def _store(path: Path, value: Any, codec: Codec, prefix: str) -> None:
    try:
        text = json.dumps(codec.encode(value), ensure_ascii=False)
        if not codec.same(codec.decode(json.loads(text)), value):
            return  # something JSON does not hold as it was: load from the files each time
        write_atomically(path, text.encode("utf-8"))
        for old in path.parent.glob(f"{prefix}*"):  # older entries of the same folder
            if old != path and old.suffix in (".json", ".pickle"):
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache is an optimisation: never fail a run over it
        pass
