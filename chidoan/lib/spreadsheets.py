"""Spreadsheets the pages give (XLSX), all written one way: openpyxl's write-only mode, which keeps one row in
memory at a time, a bold header on a fill, frozen, columns wide enough for what they hold (a longer text
wraps inside its column), and dates as real date cells (shown dd/mm/yyyy) that Excel sorts and filters as dates.

A long list streams through `start_sheet` and `write_row` with widths given beforehand; a list already in
memory goes through `add_sheet`, which measures its values for the widths.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5FAD")
HEADER_BORDER = Border(bottom=Side(style="thin", color="0B3B75"))
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Wider than this, a column pushes the others off the screen; a longer text wraps inside it (write_row).
MAX_WIDTH = 60
DATE_WIDTH = len("05/08/1998")
WRAPPED = Alignment(wrap_text=True, vertical="top")
MARGIN = 2  # characters beside the longest value, so that it does not touch the next column


def new_workbook() -> Workbook:
    """A workbook in write-only mode (its sheets come from `start_sheet` / `add_sheet`)."""
    return Workbook(write_only=True)


def style_header(cell: Cell) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.border = HEADER_BORDER
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def column_width(header: str, width: int) -> int:
    """A column `width` characters wide, widened for its header to fit (with a margin), at most MAX_WIDTH."""
    return min(MAX_WIDTH, max(width, len(header) + MARGIN))


def start_sheet(workbook: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]) -> WriteOnlyWorksheet:
    """A write-only sheet with its header row written; rows follow through `write_row`.

    `widths` are the columns' widths in characters (a longer header widens its column); they must be
    known now: write-only mode writes the columns' widths before the first row.
    """
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(header, width)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        style_header(cell)
        cells.append(cell)
    sheet.append(cells)
    return sheet


def write_row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> None:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            # A date cell: openpyxl writes a datetime at midnight as the date itself.
            cell = WriteOnlyCell(sheet, value=datetime.datetime.combine(value, datetime.time()))
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        elif isinstance(value, str) and (len(value) > MAX_WIDTH or "\n" in value):
            # Longer than its column, or several lines: wrapped inside the column, all of it readable.
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = WRAPPED
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)


def _value_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return DATE_WIDTH
    return max((len(line) for line in str(value).splitlines()), default=0)


def fitted_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column's width: its longest line (a date: dd/mm/yyyy) and a margin."""
    widths = [0] * len(headers)
    for row in rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _value_width(value))
    return [width + MARGIN for width in widths]


def add_sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A sheet of `rows` (already in memory) under `headers`, each column as wide as its values."""
    sheet = start_sheet(workbook, title, headers, fitted_widths(headers, rows))
    for row in rows:
        write_row(sheet, row)


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An XLSX file (`to_bytes`) as a download named `filename` (ASCII, ending in .xlsx)."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
