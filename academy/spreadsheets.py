"""Cells that are safe to open in a spreadsheet, for every CSV and workbook the site writes.

A cell that starts with = + - @ (or a tab or carriage return) would be read by
Excel or LibreOffice as a formula, so a learner who names themselves
"=HYPERLINK(...)" could run one on HR's machine. Such cells get a leading
single quote, which spreadsheets show as text.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The cell as text, neutralised when a spreadsheet would take it for a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
