"""The result cache of ``jxlint check``: a run whose inputs, options and code are all unchanged
is answered from disk instead of being done again (ruff does the same per file).

A run's answer depends on: the command line and working directory, the ``JXLINT_*``
environment, jxlint's code and built-in rules, the installed libraries, and every file the run
read (tables, config, baseline, last year's tables, rule folders) — and on the files that were
*not* there (a ``jxlint.toml`` created above the table changes the settings). The key covers
the first group; the entry lists the second (each file by content, each folder by its listing,
each config file candidate as present or absent) and is used only when all of them still match.
The entry (JSON, never pickle: a cache folder shared by CI jobs must not be a way to run code)
holds what the run printed and wrote (standard output, standard error, the ``-o``
report, the exit code), so a hit gives byte for byte the answer of the run it replays: it never
changes a finding. Runs that end in an error (exit 2), write a baseline or an annotated
workbook, read standard input or print more than ``MAX_BYTES`` are not kept.

This module sits beside the command line and imports nothing of the pipeline: a hit costs
an interpreter, argparse and a few file digests.
"""

from __future__ import annotations

import hashlib
import io
import os
import base64
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache_files import package_stamp, tree_stamp, write_atomically

FORMAT = 1  # bump when the entry's layout changes
MAX_BYTES = 32 * 1024 * 1024  # larger answers are cheaper to recompute than to keep
KEEP = 64  # entries kept; the least recently used beyond this are removed
FOLDER = "results"


def cache_folder() -> Path | None:
    from .segment import _cache_dir  # JXLINT_CACHE_DIR / JXLINT_NO_CACHE, one place

    base = _cache_dir()
    if base is None or os.environ.get("JXLINT_NO_RESULT_CACHE"):  # the test suite sets it: every run is done
        return None
    return base / FOLDER


def code_stamp() -> str:
    """jxlint's modules and built-in rules (path, size, modification time), the Python version
    and the installed distributions (their dist-info names carry the versions)."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{sys.executable}".encode())
    from .vocab import builtin_rules_dir

    h.update(package_stamp().encode())
    tree_stamp(h, builtin_rules_dir(), (".yaml", ".yml"))
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            h.update("\n".join(sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info")))).encode())
    return h.hexdigest()


def run_key(argv: list[str]) -> str:
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("JXLINT_") and k != "JXLINT_CACHE_DIR")
    text = repr((code_stamp(), os.getcwd(), list(argv), env))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def state(path: Path) -> str:
    """A file by content, a folder by its listing (names, sizes, times), or absent."""
    try:
        if path.is_dir():
            h = hashlib.sha256(b"dir\0")
            tree_stamp(h, path)
            return h.hexdigest()
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "unreadable"


@dataclass
class Entry:
    watched: list[tuple[str, str]]  # (path, state) — all must still match
    exit_code: int
    stdout: str
    stderr: str
    output: bytes | None = None  # the -o report


@dataclass
class Recording:
    """What a run read, filled in by the check command; what it printed, captured here."""

    watched: set[Path] = field(default_factory=set)
    stdout: io.StringIO = field(default_factory=io.StringIO)
    stderr: io.StringIO = field(default_factory=io.StringIO)
    too_big: bool = False
    started: int = field(default_factory=time.time_ns)

    def watch(self, *paths: Path | str | None) -> None:
        self.watched.update(Path(p) for p in paths if p)


class _Tee:
    """Passes writes through to a stream and keeps a copy (until MAX_BYTES)."""

    def __init__(self, stream, copy: io.StringIO, recording: Recording):
        self._stream, self._copy, self._recording = stream, copy, recording

    def write(self, text: str) -> int:
        if not self._recording.too_big:
            if self._copy.tell() + len(text) > MAX_BYTES:
                self._recording.too_big = True
            else:
                self._copy.write(text)
        return self._stream.write(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def lookup(key: str) -> Entry | None:
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / f"{key}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        output = data["output"]
        entry = Entry([(str(p), str(s)) for p, s in data["watched"]], int(data["exit_code"]), str(data["stdout"]),
                      str(data["stderr"]), None if output is None else base64.b64decode(output, validate=True))
    except Exception:  # noqa: BLE001 - missing, half-removed or foreign: a miss
        return None
    if entry.exit_code not in (0, 1) or any(state(Path(p)) != s for p, s in entry.watched):
        return None
    try:
        os.utime(path)  # recently used: kept longest
    except OSError:
        pass
    return entry


def replayable(entry: Entry, output: str | None) -> bool:
    """An entry kept without a report (its -o was the null device) answers only a run whose -o
    still is: a path that became a file (a swapped symlink) must get its report written."""
    return entry.output is not None or not output or _discarded(output)


def replay(entry: Entry, output: str | None) -> int:
    if output and entry.output is not None:
        from .outputs import safe_write

        safe_write(output, entry.output, [p for p, _ in entry.watched], what="报告")
    sys.stdout.write(entry.stdout)
    sys.stderr.write(entry.stderr)
    return entry.exit_code


def record(run, key: str, output: str | None) -> int:
    """Run ``run(recording)`` with its printing captured; keep the answer when it can be replayed."""
    recording = Recording()
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Tee(out, recording.stdout, recording), _Tee(err, recording.stderr, recording)
    try:
        code = run(recording)
    finally:
        sys.stdout, sys.stderr = out, err
    if code in (0, 1) and not recording.too_big:
        _store(key, recording, code, output)
    return code


def _store(key: str, recording: Recording, code: int, output: str | None) -> None:
    folder = cache_folder()
    if folder is None:
        return
    try:
        data = None
        if output and not _discarded(output):  # -o /dev/null: nothing to write again
            target = Path(output)
            if not target.is_file() or target.stat().st_size > MAX_BYTES:
                return  # a pipe or device, or too large: nothing to replay from
            data = target.read_bytes()
        watched = sorted(str(p) for p in recording.watched)
        if any(_changed_since(Path(p), recording.started) for p in watched):
            return  # edited while the run read it: the answer may belong to the older text
        entry = {"watched": [(p, state(Path(p))) for p in watched], "exit_code": code, "stdout": recording.stdout.getvalue(),
                 "stderr": recording.stderr.getvalue(), "output": None if data is None else base64.b64encode(data).decode("ascii")}
        write_atomically(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        _prune(folder)
    except Exception:  # noqa: BLE001 - a cache is an optimisation: never fail a run over it
        pass


def _discarded(output: str) -> bool:
    """The report went to the null device (a CI step that wants the exit code only)."""
    try:
        return os.path.samefile(output, os.devnull)
    except OSError:
        return False


def _changed_since(path: Path, started: int) -> bool:
    try:
        return path.stat().st_mtime_ns >= started
    except OSError:
        return False


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
