"""The recap as an Excel workbook (XlsxWriter), from the tables of :mod:`scheduler.recap_tables`.

Every sheet has a bold header row that stays in view (frozen), columns as wide as
their content (within limits), an autofilter on its first list, dates and times as
real Excel dates (WIB, without a zone) and every report's link as a clickable
hyperlink. Text is always written as text: a title or a name typed as ``=...`` is
never a formula, a string that looks like a link or a number stays as typed. Charts
are embedded as PNG images to the right of the summary.
"""

from __future__ import annotations

import io
import struct
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from scheduler.recap_tables import Cell, Link, Share, Sheet, Table

MAX_URLS = 65_530
"""Excel's limit of hyperlinks in one worksheet; further links are written as text."""
MAX_URL_LENGTH = 2_079
"""Excel's limit on a hyperlink's address; a longer link is written as text."""
_MIN_WIDTH, _MAX_WIDTH, _LINK_WIDTH, _TIME_WIDTH = 6, 48, 45, 17
_SAMPLE = 500  # rows looked at to size a column
_ROW_PIXELS = 20  # Excel's default row height
_IMAGE_SCALE = 0.5  # a 1080-pixel chart shown 540 pixels wide
_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (in its 1900 date system, after February 1900)


class _Formats:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#D9E2F3", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.label = workbook.add_format({"bold": True})
        self.moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.share = workbook.add_format({"num_format": "0%"})
        self.link = workbook.get_default_url_format()


def _serial(moment: datetime) -> float:
    """An Excel date: days since 1899-12-30 (what write_datetime stores, computed at once)."""
    return (moment - _EPOCH).total_seconds() / 86_400


def _width(header: str, cells: Sequence[Cell]) -> float:
    longest = len(header)
    for cell in cells[:_SAMPLE]:
        if isinstance(cell, Link):
            return _LINK_WIDTH
        if isinstance(cell, datetime):
            longest = max(longest, _TIME_WIDTH - 2)
        elif isinstance(cell, str):
            longest = max(longest, len(cell))
        elif cell is not None:
            longest = max(longest, len(str(cell.value if isinstance(cell, Share) else cell)))
    return float(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))


class _SheetWriter:
    def __init__(self, worksheet: Worksheet, formats: _Formats) -> None:
        self.sheet = worksheet
        self.formats = formats
        self.urls = 0

    def cell(self, row: int, col: int, value: Cell, *, label: bool = False) -> None:
        sheet, formats = self.sheet, self.formats
        if value is None:
            return
        if isinstance(value, Link):
            if self.urls < MAX_URLS and len(value.url) <= MAX_URL_LENGTH:
                self.urls += 1
                sheet.write_url(row, col, value.url, formats.link, string=value.text or value.url)
            else:
                sheet.write_string(row, col, value.url)
        elif isinstance(value, Share):
            sheet.write_number(row, col, value.value, formats.share)
        elif isinstance(value, datetime):
            sheet.write_number(row, col, _serial(value), formats.moment)
        elif isinstance(value, date):
            sheet.write_number(row, col, _serial(datetime.combine(value, time(0))), formats.day)
        elif isinstance(value, int):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, value, formats.label if label else None)

    def table(self, first_row: int, table: Table, *, autofilter: bool) -> int:
        """Write ``table`` from ``first_row``; return the row after it."""
        for col, header in enumerate(table.headers):
            self.sheet.write_string(first_row, col, header, self.formats.header)
        for index, values in enumerate(table.rows, start=first_row + 1):
            for col, value in enumerate(values):
                self.cell(index, col, value, label=not table.filtered and col == 0)
        last = first_row + len(table.rows)
        if autofilter:
            self.sheet.autofilter(first_row, 0, last, len(table.headers) - 1)
        return last + 1


def _png_height(png: bytes) -> int:
    """The height in pixels written in a PNG's header."""
    return int(struct.unpack(">I", png[20:24])[0])


def _write_sheet(workbook: xlsxwriter.Workbook, formats: _Formats, sheet: Sheet) -> None:
    worksheet = workbook.add_worksheet(sheet.name)
    writer = _SheetWriter(worksheet, formats)
    widths: dict[int, float] = {}
    for table in sheet.tables:
        for col, header in enumerate(table.headers):
            cells = [row[col] for row in table.rows]
            widths[col] = max(widths.get(col, 0.0), _width(header, cells))
    for col, width in widths.items():
        worksheet.set_column(col, col, width)
    worksheet.freeze_panes(1, 0)
    row = 0
    filter_placed = False
    for table in sheet.tables:
        autofilter = table.filtered and not filter_placed and bool(table.rows)
        filter_placed = filter_placed or autofilter
        row = writer.table(row, table, autofilter=autofilter) + 1
    image_row = 1
    image_col = len(widths) + 1
    for png in sheet.images:
        worksheet.insert_image(
            image_row,
            image_col,
            "chart.png",
            {"image_data": io.BytesIO(png), "x_scale": _IMAGE_SCALE, "y_scale": _IMAGE_SCALE},
        )
        image_row += int(_png_height(png) * _IMAGE_SCALE) // _ROW_PIXELS + 2


def workbook_bytes(sheets: Sequence[Sheet], created: datetime) -> bytes:
    """The workbook of ``sheets`` as .xlsx bytes; ``created`` (the recap's moment) is its
    creation date, so the same recap gives the same file. Rows are written in order and
    flushed as they go (XlsxWriter's constant-memory mode, through a temporary file): a
    month of the regency's links stays small in memory."""
    with tempfile.TemporaryDirectory(prefix="humas-xlsx-") as folder:
        path = Path(folder) / "recap.xlsx"
        workbook = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": folder,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "remove_timezone": True,
            },
        )
        workbook.set_properties({"created": created.replace(tzinfo=None)})
        formats = _Formats(workbook)
        for sheet in sheets:
            _write_sheet(workbook, formats, sheet)
        workbook.close()
        return path.read_bytes()
