"""Names jxlint gives to what it writes into a user's workbook, so that reading that workbook
again recognises jxlint's own parts (the annotated copy's summary sheet) and skips them."""

SUMMARY_SHEET = "jxlint检查结果"
SUMMARY_NAME = "jxlint_summary"  # workbook defined name pointing at the summary sheet


def summary_sheet_of(defined_names) -> str | None:
    """The sheet a ``jxlint_summary`` defined name points at (openpyxl's DefinedNameDict)."""
    marked = defined_names.get(SUMMARY_NAME)
    if marked is None:
        return None
    return (marked.attr_text or "").rsplit("!", 1)[0].strip("'").replace("''", "'") or None

# In an annotated copy, jxlint's part of a cell comment starts after this line (report.annotate
# writes it; the xlsx reader keeps only the reviewer's part above it).
COMMENT_MARK = "——jxlint——"
