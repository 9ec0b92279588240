"""Readers turn input files into the model. One module per format; this picks the reader."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Table
from .decode import read_text_file
from .published_text import looks_like_published_text, read_published_text

# extension → format name; content sniffing decides where the extension is not enough
EXTENSIONS = {".txt": "published-text", ".text": "published-text"}
FORMATS = ("published-text",)


def supported(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS


def collect_inputs(paths: list[str]) -> list[Path]:
    """Expand directories to the supported files below them; every path must exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: 文件或目录不存在")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and supported(p) and not p.name.startswith("."))
            if not found:
                kinds = "、".join(sorted(EXTENSIONS))
                raise InputError(f"{raw}: 目录中没有可检查的表格文件（支持 {kinds}）")
            files.extend(found)
        else:
            files.append(path)
    return files


def read_table(path: Path, input_format: str | None = None, settings=None) -> Table:
    fmt = input_format or EXTENSIONS.get(path.suffix.lower())
    if fmt is None or fmt == "published-text":
        text, encoding = read_text_file(path)
        if fmt is None and not looks_like_published_text(text):
            raise InputError(f"{path}: 无法识别的表格格式（扩展名 {path.suffix or '无'}）；可用 --input-format 指定")
        table = read_published_text(text, str(path))
        if not any(u.projects for u in table.units):
            raise InputError(f"{path}: 没有识别出任何项目——这不像项目支出绩效目标表的发布版式（应有“项目名称 金额 绩效目标”行和“1、1-产出指标；…”指标段落）")
        return table
    raise InputError(f"{path}: 不支持的输入格式 {fmt!r}；可用：{', '.join(FORMATS)}")
