"""What jxlint's caches (segmentations, compiled rules, check results) share: the atomic write of
an entry and the stamp of a code tree. A cache is an optimisation: callers treat OSError as a miss."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_package_digest: str | None = None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``: a concurrent
    reader sees the old entry or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def tree_stamp(h, top: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Feed ``h`` (a hashlib object) every file under ``top`` (with one of ``suffixes``) by
    relative path, size and modification time: an edited module or rule file changes it."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if suffixes is None or name.endswith(suffixes):
                full = os.path.join(root, name)
                st = os.stat(full)
                h.update(f"{os.path.relpath(full, top)}|{st.st_size}|{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))


def package_stamp() -> str:
    """jxlint's own modules by path, size and modification time, walked once per process and
    shared by the rule cache's and the result cache's keys: an edited module invalidates both."""
    global _package_digest
    if _package_digest is None:
        h = hashlib.sha256()
        tree_stamp(h, _PACKAGE, (".py",))
        _package_digest = h.hexdigest()
    return _package_digest
