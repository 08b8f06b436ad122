"""Every cell the app writes to a workbook is a value, never a formula.

openpyxl turns any string that starts with ``=`` into a live formula. Plan
text is data: a department named ``=cmd|' /C calc'!A0`` or a rating label
``=HYPERLINK(…)`` must show as text in the reader's spreadsheet program, not
run. :func:`values_only` is called on every workbook just before it is saved,
so no writer can forget it.
"""

from __future__ import annotations


def values_only(wb) -> int:
    """Turn every formula cell of *wb* back into the text it was written as; returns how many."""
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    n += 1
    return n
