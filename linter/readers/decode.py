"""Turn the bytes of a text table into str, the way government files come: UTF-8 (with or
without BOM) or GB18030/GBK."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head


def decode_text(data: bytes, path: Path | str) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # before the NUL test: UTF-16 text is full of NULs
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{path}: UTF-16 编码的文本无法解码（文件可能已损坏）；请另存为 UTF-8 后重试") from None
    if looks_binary(data):
        raise InputError(f"{path}: 不是文本文件（含二进制内容），无法读取；请提供 .txt/.csv/.xlsx/.yaml/.json 表格")
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: 文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）；请另存为 UTF-8 后重试")


def read_text_file(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    if not data.strip():
        raise InputError(f"{path}: 文件为空，没有可检查的内容")
    return decode_text(data, path)
