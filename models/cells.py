"""Cells written for a spreadsheet (CSV exports, rejected rows, the audit trail): text that Excel or
LibreOffice could take for a formula (``=HYPERLINK(…)``, ``+cmd|…``) is made inert."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Text a spreadsheet could take for a formula, made inert with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
