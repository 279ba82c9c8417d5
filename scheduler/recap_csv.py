"""One recap table as CSV: UTF-8 with a byte-order mark (so Excel reads the accents),
comma-separated, one header row; times as ``YYYY-MM-DD HH:MM`` (WIB), shares as whole
percentages. A text cell that a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@`` first) gets a leading apostrophe."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from scheduler.recap_tables import Cell, Link, Share, Table

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Link):
        return cell.url
    if isinstance(cell, Share):
        return str(round(cell.value * 100))
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_text(cell) for cell in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
