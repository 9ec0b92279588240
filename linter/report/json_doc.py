"""``--format json``: one JSON document with files read, findings and a summary."""

from __future__ import annotations

import json
from itertools import chain, repeat

from .. import __version__
from ..findings import FINDING_FIELDS, Finding, to_columns
from ..result import LintResult
from .summary import file_counts, summary


def document(result: LintResult) -> dict:
    return {
        "tool": {"name": "jxlint", "version": __version__},
        "files": file_counts(result),
        "findings": [f.to_dict() for f in result.findings],
        "summary": summary(result),
        **suppressed_json(result),
    }


def suppressed_json(result: LintResult) -> dict:
    from .suppressed import json_part

    return json_part(result)


PRETTY_LIMIT = 5000  # above this many findings, compact JSON (the C encoder; indent is pure Python)


def render(result: LintResult) -> str:
    indent = 2 if len(result.findings) <= PRETTY_LIMIT else None
    return json.dumps(document(result), ensure_ascii=False, indent=indent) + "\n"


STREAM_CHUNK = 5000  # findings encoded at once when streaming: a few MB of text, not the report


def write(result: LintResult, fh) -> None:
    """The document render() returns, written to a text file chunk by chunk: a city corpus's
    report (hundreds of thousands of findings) is never one string in memory."""
    if len(result.findings) <= PRETTY_LIMIT:
        fh.write(render(result))
        return
    dump = json.JSONEncoder(ensure_ascii=False).encode  # the separators json.dumps uses without indent
    fh.write('{"tool": ' + dump({"name": "jxlint", "version": __version__}) + ', "files": ' + dump(file_counts(result)) + ', "findings": [')
    findings = result.findings
    for start in range(0, len(findings), STREAM_CHUNK):
        fh.write((", " if start else "") + encode_findings(findings[start:start + STREAM_CHUNK], dump))
    rest = "".join(f", {dump(key)}: {dump(value)}" for key, value in suppressed_json(result).items())
    fh.write('], "summary": ' + dump(summary(result)) + rest + "}\n")  # the keys render() has after findings


# A city corpus's findings repeat their texts (a rule's fix, a value, an indicator name, a
# message): a chunk is encoded field by field, each distinct value once, in one C encoder call
# per field with the values kept apart by NUL (which the encoder writes inside a string only as
# \u0000); the objects are then joined from keys and encoded values in one call. The text is
# that of encoding each finding's dict, in about half the time.
_NUL_DUMP = json.JSONEncoder(ensure_ascii=False, separators=("\0", ": ")).encode
# what comes before each field's value: ", {" and the key for the first, ", " and the key after
_KEYS = [(", {" if i == 0 else ", ") + json.dumps(name) + ": " for i, name in enumerate(FINDING_FIELDS)]
_TEXT = frozenset({str, type(None)})
_ITEMS = frozenset({dict, list, tuple})


def _split(values: list) -> list[str]:
    """Each value's JSON text (plain values: no item of theirs is kept apart by a NUL)."""
    parts = _NUL_DUMP(values)[1:-1].split("\0")
    if len(parts) != len(values):
        raise ValueError("a plain field holds a value with items")
    return parts


def encode_findings(chunk: list[Finding], dump) -> str:
    """The findings as the items of a JSON array: dump([f.to_dict() for f in chunk])[1:-1]."""
    if not chunk:
        return ""
    try:
        return _by_field(chunk, dump)
    except ValueError:
        return dump([f.to_dict() for f in chunk])[1:-1]


def _by_field(chunk: list[Finding], dump) -> str:
    pieces = []
    for key, column in zip(_KEYS, to_columns(chunk)):
        types = set(map(type, column))
        if types <= _TEXT:  # texts repeat: each distinct one encoded once (equal texts, equal JSON)
            distinct = list(dict.fromkeys(column))
            encoded = list(map(dict(zip(distinct, _split(distinct))).__getitem__, column))
        elif types & _ITEMS:  # reading, data: each object once (findings from one memoised hit share it)
            objects = {id(v): v for v in column}
            text = {k: "{}" if type(v) is dict and not v else dump(v) for k, v in objects.items()}
            encoded = list(map(text.__getitem__, map(id, column)))
        else:  # numbers: 1 == 1.0 == True, so not through a dict
            encoded = _split(list(column))
        pieces += (repeat(key), encoded)
    return "".join(chain.from_iterable(zip(*pieces, repeat("}"))))[2:]
