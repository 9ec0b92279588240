"""Receive a multipart/form-data body straight into a per-request folder.

Files go to disk as they arrive (never to the system temp folder, where a framework's
spooled upload would put them), and the body is refused once it passes the size limit.
Built on python-multipart's streaming parser; this module only decides where bytes go.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JxlintError

FIELD_LIMIT = 64 * 1024  # a text field (select, ignore, fail_on) is a short list


class UploadError(JxlintError):
    """The request cannot be taken; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Saved:
    field: str  # the form field ("files", "config")
    name: str  # the file name as the user's browser gave it (base name only)
    path: Path  # where it was written inside the request folder
    size: int = 0


@dataclass
class Form:
    files: list[Saved] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)

    def value(self, key: str) -> str | None:
        values = [v for v in self.fields.get(key, []) if v.strip()]
        return ",".join(values) if values else None


def safe_name(raw: str, index: int) -> str:
    """The base name of what the browser sent, without directories or control characters."""
    name = re.split(r"[\\/]", raw)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 110] + dot + ext[:9]) if dot else name[:120]
    return name or f"file{index}"


def too_large_message(limit: int) -> str:
    return f"上传的文件合计超过 {limit / 1e6:g} MB 的上限；请分批检查，或用 jxlint serve --max-upload-mb 调高上限"


async def receive_form(stream: AsyncIterator[bytes], content_type: str, folder: Path, limit: int) -> Form:
    from python_multipart.multipart import MultipartParser, parse_options_header

    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadError("请求应为 multipart/form-data（表单字段 files 放表格文件）")
    form = Form()
    state: dict = {"headers": {}, "header": b"", "value": b"", "part": None, "text": None, "total": 0, "parts": 0}

    def on_part_begin() -> None:
        state.update(headers={}, header=b"", value=b"", part=None, text=None)

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["header"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["header"].decode("latin-1").lower()] = state["value"].decode("latin-1")
        state["header"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        _, disp = parse_options_header(state["headers"].get("content-disposition", ""))
        name = disp.get(b"name", b"").decode("utf-8", "replace")
        filename = disp.get(b"filename")
        if filename is None:
            state["text"] = (name, bytearray())
            return
        if name not in ("files", "config"):
            raise UploadError(f"未知的文件字段「{name}」：表格放在 files，配置文件放在 config")
        index = state["parts"] = state["parts"] + 1
        slot = folder / str(index)
        slot.mkdir()
        saved = Saved(name, safe_name(filename.decode("utf-8", "replace"), index), Path())
        saved.path = slot / saved.name
        state["part"] = (saved, saved.path.open("wb"), bool(filename))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["total"] += end - start
        if state["total"] > limit:
            raise UploadError(too_large_message(limit), 413)
        if state["part"] is not None:
            saved, fh, _ = state["part"]
            fh.write(data[start:end])
            saved.size += end - start
        elif state["text"] is not None:
            buf = state["text"][1]
            buf += data[start:end]
            if len(buf) > FIELD_LIMIT:
                raise UploadError(f"表单字段「{state['text'][0]}」过长")

    def on_part_end() -> None:
        if state["part"] is not None:
            saved, fh, named = state["part"]
            fh.close()
            if saved.size or named:  # no name and no bytes: a file input left empty
                form.files.append(saved)
        elif state["text"] is not None:
            name, buf = state["text"]
            form.fields.setdefault(name, []).append(buf.decode("utf-8", "replace"))
        state.update(part=None, text=None)

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_headers_finished": on_headers_finished,
        "on_part_data": on_part_data, "on_part_end": on_part_end,
    })
    try:
        async for chunk in stream:
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        raise
    except Exception as exc:  # a malformed body: python-multipart raises its own errors
        raise UploadError(f"无法解析上传的表单（{type(exc).__name__}）") from None
    finally:
        if state["part"] is not None:
            state["part"][1].close()
    return form
