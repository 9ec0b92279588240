"""Cell text is data: outputs must not let it run as a spreadsheet formula, a terminal
escape sequence or a CI workflow command.

- Spreadsheets evaluate text that starts with = + - @ (also after leading blanks), tab or
  CR (OWASP "CSV injection"). In .xlsx such text is stored as a string with the quote
  prefix style; in CSV it gets a leading single quote.
- Terminals act on control characters (ESC/OSC sequences can retitle the window, hide text,
  write the clipboard): C0 except tab and newline, DEL, C1 and bidi overrides are shown as
  visible escapes such as ``\\x1b``.
- GitHub Actions runs any log line that starts with ``::`` (after blanks) as a workflow
  command, so such a line in human output gets a visible mark in front.
"""

from __future__ import annotations

import re

FORMULA_LEAD = "=+-@"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# characters an .xlsx (XML 1.0) cannot hold; openpyxl raises IllegalCharacterError on them
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
COMMAND_MARK = "↳ "


def formula_like(text: str) -> bool:
    """Would a spreadsheet evaluate this text instead of showing it?"""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_LEAD


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Control characters as visible escapes; tab and newline are kept."""
    return _CONTROL.sub(_visible, text)


def terminal_text(text: str) -> str:
    """Human output for a terminal or a CI log: controls escaped, and no line that a CI
    runner would take for a workflow command (``::cmd`` or ``##[cmd``)."""
    text = escape_controls(text)
    if "::" not in text and "##[" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("::", "##[")):
            lines[i] = COMMAND_MARK + line
    return "\n".join(lines)


def csv_field(value):
    """A CSV field a spreadsheet shows as typed: formula-like text gets a leading quote
    (plain signed numbers such as -5 or +3% stay numbers)."""
    if isinstance(value, str) and formula_like(value) and not _NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value


def xlsx_text(value):
    """Text an .xlsx can hold: XML-illegal control characters as visible escapes."""
    return _XML_ILLEGAL.sub(_visible, value) if isinstance(value, str) else value


def set_cell(cell, value) -> None:
    """Put a value into an openpyxl cell as data: text stays text (never a formula), and
    formula-like text gets the quote prefix so editing it in Excel does not evaluate it."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value


def append_row(ws, values: list) -> list:
    """``ws.append`` with every text set as data (see ``set_cell``); returns the row's cells.
    The cells are built before appending: looking the row up again (``ws[ws.max_row]``) scans
    every cell of the sheet, which made writing n rows O(n^2)."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(ws)
        set_cell(cell, value)
        cells.append(cell)
    ws.append(cells)
    return cells
