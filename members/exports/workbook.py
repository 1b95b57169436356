"""A styled sheet written in openpyxl's write-only mode: bold header on a fill, frozen, widths set, real dates."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5FAD")
HEADER_BORDER = Border(bottom=Side(style="thin", color="0B3B75"))
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def start_sheet(workbook: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]) -> WriteOnlyWorksheet:
    """A write-only sheet with its header row written; rows follow through `write_row`."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(width, len(header) + 2)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)
    return sheet


def write_row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> None:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, datetime.date):
            # A date cell: openpyxl writes a datetime at midnight as the date itself.
            cell = WriteOnlyCell(sheet, value=datetime.datetime.combine(value, datetime.time()))
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
