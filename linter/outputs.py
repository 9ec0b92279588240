"""Every file jxlint writes goes through ``safe_write``: an output never replaces an input,
and an interrupted run never leaves half a file.

An output is refused (exit 2) when it is the same file as an input — the same path, a
hard link (same device and inode) or a symlink to it. The data is written to a temporary
file in the target's folder and moved into place with ``os.replace`` (atomic on POSIX and
Windows), so the old file stays whole until the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import JxlintError


class OutputError(JxlintError):
    """An output path jxlint will not or cannot write (exit 2)."""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()  # follows symlinks: a link to an input is that input
    except OSError:
        return None
    return st.st_dev, st.st_ino


def same_file_as(path: Path, inputs: Iterable[Path | str]) -> Path | None:
    """The input that ``path`` would replace, if any."""
    target = _identity(path)
    resolved = Path(os.path.realpath(path))
    for raw in inputs:
        candidate = Path(raw)
        if Path(os.path.realpath(candidate)) == resolved:
            return candidate
        if target is not None and _identity(candidate) == target:
            return candidate
    return None


def refuse_input(path: Path | str, inputs: Iterable[Path | str], what: str = "输出") -> None:
    path = Path(path)
    hit = same_file_as(path, inputs)
    if hit is not None:
        how = "是同一个文件" if str(hit) == str(path) else "指向同一个文件（同一路径、硬链接或符号链接）"
        raise OutputError(
            f"{path}: 拒绝写入——{what}与输入 {hit} {how}，写入会覆盖输入；请换一个{what}文件名"
        )


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def safe_write(
    path: Path | str,
    data: str | bytes | Callable[[Path], object],
    inputs: Iterable[Path | str] = (),
    what: str = "输出",
) -> None:
    """Write ``data`` (text as UTF-8, bytes, or a callback that writes the file it is given)
    to ``path`` atomically, refusing any path that is one of ``inputs``."""
    path = Path(path)
    refuse_input(path, inputs, what)
    if path.is_dir():
        raise OutputError(f"{path}: 是一个目录，无法作为{what}文件")
    if path.exists() and not path.is_file():  # /dev/stdout, a pipe: nothing to replace
        _write_stream(path, data, path, what)
        return
    final = Path(os.path.realpath(path))  # through a symlink: the link stays, its target changes
    try:
        mode = final.stat().st_mode & 0o7777 if final.exists() else _default_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=f".tmp{final.suffix}", dir=final.parent)
    except OSError as exc:
        raise OutputError(f"{path}: 无法写入{what}（{exc.strerror or exc}）") from None
    tmp = Path(tmp_name)
    try:
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: 无法写入{what}（{exc.strerror or exc}）") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_stream(final: Path, data, path: Path, what: str) -> None:
    try:
        if callable(data):
            data(final)
        else:
            with final.open("wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise OutputError(f"{path}: 无法写入{what}（{exc.strerror or exc}）") from None
