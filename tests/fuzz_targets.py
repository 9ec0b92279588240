"""Fuzzing targets shared by tests/test_fuzz.py (short, in the suite) and scripts/fuzz.py (long
runs): seed files per input kind, mutators, and one function that runs an input through the
public entry points and says whether the outcome is acceptable.

Acceptable: findings, or an InputError/RuleError with a message. Anything else — another
exception, or a ReaderCrash (an unexpected library error that read_table wrapped) — is a
crash: a bug to fix at its cause.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import tempfile
import traceback
import zipfile
from functools import lru_cache
from pathlib import Path
from test_rule_loading import GOOD as RULE  # the same small local rule

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CRASHERS = FIXTURES / "crashers"
TARGETS = ("txt", "tsv", "html", "csv", "xlsx", "xls", "yaml", "json", "value", "rule", "baseline")

# tokens that have broken readers before, spliced into inputs
TOKENS = [
    b"NaN", b"Infinity", b"-inf", b"1e999999", b"9" * 60, b"\r", b"\x00", b" " * 300, b"\"", b",",
    b"&a", b"*a", b"[[[[[[", b"{{{{", b"]]]", b"<", b"/>", b"\xef\xbb\xbf", b"\xff\xfe", "序号".encode(),
    "、1-产出指标；".encode(), "实施周期指标值:".encode(), "年度指标值:".encode(), b"20240101", "；".encode(),
    "合计 1.00 1.00".encode(), "部门名称：".encode(), b"\t", b"\n\n", "０１２".encode(), "≥".encode(),
]


@lru_cache(maxsize=None)
def clean_table():
    from linter.readers.decode import read_text_file
    from linter.readers.published_text import read_published_text

    text, _ = read_text_file(FIXTURES / "clean.txt")
    return read_published_text(text, "clean.txt")


@lru_cache(maxsize=None)
def seed(target: str) -> bytes:
    """One small valid input per target (built from tests/fixtures/clean.txt)."""
    from linter import writers

    if target == "txt":
        return (FIXTURES / "clean.txt").read_bytes()
    if target == "xls":
        return (FIXTURES / "formats" / "sample.xls").read_bytes()
    if target == "value":
        return "≥95%|不少于2次|每年12月31日前|1200户/年|90分以上".encode()
    if target == "rule":
        return RULE.encode()
    if target == "baseline":
        return json.dumps({"tool": "jxlint", "entries": [{"key": "VAG001|x|y", "code": "VAG001"}]}).encode()
    if target == "html":  # a web page's table saved as .xls: the CSV seed's rows as <tr>/<td>, a merged title
        import csv
        import html

        rows = list(csv.reader(io.StringIO(seed("csv").decode("utf-8-sig"))))
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<html><body><table><tr><td colspan=\"{len(rows[0])}\">绩效目标表</td></tr>{body}</table></body></html>".encode("utf-8")
    if target == "tsv":  # a sheet saved as tab-separated text (.txt): the CSV seed's cells joined by tabs
        import csv

        out = io.StringIO()
        csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(csv.reader(io.StringIO(seed("csv").decode("utf-8-sig"))))
        return out.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"seed.{target}"
        {"csv": writers.write_csv, "xlsx": writers.write_xlsx, "yaml": writers.write_yaml, "json": writers.write_json}[target](clean_table(), path)
        return path.read_bytes()




# -- mutators ----------------------------------------------------------------------------

def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    buf = bytearray(data)
    for _ in range(rounds or rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip a byte
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:  # delete a span
            del buf[pos:pos + rng.randint(1, 64)]
        elif op == 2:  # insert a known-troublesome token
            buf[pos:pos] = rng.choice(TOKENS) * rng.choice((1, 1, 1, 50))
        elif op == 3 and buf:  # duplicate a span
            start = rng.randrange(len(buf))
            buf[pos:pos] = buf[start:start + rng.randint(1, 200)]
        elif op == 4:  # truncate
            del buf[pos:]
        elif op == 5 and buf:  # swap two spans
            a, b = sorted(rng.randrange(len(buf)) for _ in range(2))
            n = rng.randint(1, 32)
            buf[a:a + n], buf[b:b + n] = buf[b:b + n], buf[a:a + n]
        else:  # a digit becomes a big number
            digits = [m.start() for m in re.finditer(rb"\d", bytes(buf[:20000]))]
            if digits:
                at = rng.choice(digits)
                buf[at:at + 1] = str(rng.choice((0, 10**6, 20240101, 10**12, -1))).encode()
    return bytes(buf)


XML_EDITS = [
    (rb'<dimension ref="[^"]*"', [b'<dimension ref="A1:XFD1048576"', b'<dimension ref="A1:B2"', b'<dimension ref="ZZZ"']),
    (rb' r="[A-Z]+\d+"', [b' r="XFD1048576"', b' r="A0"', b' r="?"', b' r="A99999999999"']),
    (rb'<row r="\d+"', [b'<row r="1048576"', b'<row r="0"', b'<row r="-5"', b'<row r="x"']),
    (rb' t="[a-zA-Z]+"', [b' t="s"', b' t="n"', b' t="b"', b' t="e"', b' t="d"', b' t="inlineStr"', b' t="zz"']),
    (rb"<v>[^<]*</v>", [b"<v>999999</v>", b"<v>-1</v>", b"<v>NaN</v>", b"<v>1e999</v>", b"<v></v>", b"<v>x</v>"]),
    (rb' s="\d+"', [b' s="99999"', b' s="-1"']),
    (rb'<mergeCell ref="[^"]*"/>', [b'<mergeCell ref="A1:XFD1048576"/>', b'<mergeCell ref="B2:A1"/>']),
    (rb"</sheetData>", [b'<row r="3"><c r="A3" t="s"><v>5000</v></c></row></sheetData>', b""]),
    (rb"<sheet [^>]*/>", [b"", b'<sheet name="x" sheetId="9" r:id="rId99"/>']),
]


def mutate_xlsx(data: bytes, rng: random.Random) -> bytes:
    """Structural mutations of a workbook: edit tags and attributes of its XML parts (or the
    bytes of one part), then zip it again."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    except Exception:
        return mutate_bytes(data, rng)
    name = rng.choice(sorted(parts))
    body = parts[name]
    if rng.random() < 0.7:
        pattern, replacements = rng.choice(XML_EDITS)
        found = list(re.finditer(pattern, body))
        if found:
            m = rng.choice(found)
            body = body[:m.start()] + rng.choice(replacements) + body[m.end():]
        else:
            body = mutate_bytes(body, rng, 1)
    elif rng.random() < 0.5:
        body = mutate_bytes(body, rng)
    else:
        parts.pop(name)  # a missing part
        body = None
    if body is not None:
        parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, content in parts.items():
            zout.writestr(part, content)
    return out.getvalue()


def mutate(target: str, data: bytes, rng: random.Random) -> bytes:
    if target == "xlsx" and rng.random() < 0.85:
        return mutate_xlsx(data, rng)
    return mutate_bytes(data, rng)


# -- running one input -------------------------------------------------------------------

def run(target: str, data: bytes) -> str | None:
    """None when the outcome is acceptable; else a description of the crash."""
    from linter.errors import InputError, ReaderCrash, RuleError

    tmp = Path(tempfile.mkdtemp(prefix="jxlint-fuzz-"))
    try:
        _run(target, data, tmp)
        return None
    except ReaderCrash as exc:
        return f"ReaderCrash: {exc}\n{''.join(traceback.format_exception(exc.__cause__)) if exc.__cause__ else ''}"
    except (InputError, RuleError) as exc:
        return None if str(exc).strip() else "empty error message"
    except Exception:  # noqa: BLE001 - that is what a fuzzer looks for
        return traceback.format_exc()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(target: str, data: bytes, tmp: Path) -> None:
    from linter.api import lint_paths
    from linter.config import Settings
    from linter.limits import Limits

    settings = Settings(limits=Limits(seconds=20))
    if target in ("txt", "tsv", "html", "csv", "xlsx", "xls", "yaml", "json"):
        # tsv: found by content in a .txt; html: in an .xls
        path = tmp / f"input.{ {'tsv': 'txt', 'html': 'xls'}.get(target, target) }"
        path.write_bytes(data)
        lint_paths([str(path)], settings, jobs=1)
    elif target == "value":
        from linter.values import parse_value

        for part in data.decode("utf-8", "replace").split("|"):
            parse_value(part)
    elif target == "rule":
        from linter.engine.schema import load_rule_file
        from linter.engine.selection import select_rules

        path = tmp / "rule.yaml"
        path.write_bytes(data)
        rules = load_rule_file(path)
        if rules:  # an empty file has no rules: nothing to select
            select_rules(rules, Settings(select=[r.code for r in rules]))
    elif target == "baseline":
        from linter.baseline import apply_baseline, load_baseline

        path = tmp / "baseline.json"
        path.write_bytes(data)
        apply_baseline(list(clean_findings()), load_baseline(path))


@lru_cache(maxsize=None)
def clean_findings():
    from linter.api import lint_paths
    from linter.config import Settings

    return tuple(lint_paths([str(FIXTURES / "clean.txt")], Settings(), jobs=1).findings)


def save_crasher(target: str, data: bytes) -> Path:
    import hashlib

    CRASHERS.mkdir(parents=True, exist_ok=True)
    ext = {"value": "txt", "rule": "yaml", "baseline": "json", "tsv": "txt", "html": "xls"}.get(target, target)
    path = CRASHERS / f"{target}-{hashlib.sha1(data).hexdigest()[:12]}.{ext}"
    path.write_bytes(data)
    return path


def crasher_target(path: Path) -> str:
    return path.name.split("-", 1)[0]
