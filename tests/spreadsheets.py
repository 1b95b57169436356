"""Reading back the spreadsheets the pages give, as a user opening them in Excel would see them."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    """One sheet: its header, its rows below it (values), and the sheet itself for styles and widths."""

    sheet: Worksheet
    header: list[Any]
    rows: list[tuple[Any, ...]]

    def column(self, title: str) -> int:
        """The 0-based index of the column headed `title`."""
        return self.header.index(title)

    def row_where(self, title: str, value: Any) -> tuple[Any, ...]:
        (row,) = [row for row in self.rows if row[self.column(title)] == value]
        return row

    def values(self, title: str) -> list[Any]:
        return [row[self.column(title)] for row in self.rows]

    def cell_below(self, title: str, row: tuple[Any, ...]) -> Any:
        """The cell of `row` in the column `title` (for its number format)."""
        return self.sheet.cell(row=self.rows.index(row) + 2, column=self.column(title) + 1)


def download(client, address: str, query: dict | None = None) -> dict[str, Sheet]:
    """GET `address`, check it is an XLSX attachment, and read every sheet by its title."""
    response = client.get(address, query or {})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="')
    workbook = load_workbook(io.BytesIO(response.content))
    sheets = {}
    for sheet in workbook.worksheets:
        header, *rows = list(sheet.iter_rows(values_only=True)) or [()]
        sheets[sheet.title] = Sheet(sheet=sheet, header=list(header), rows=rows)
    return sheets


def _shown_width(value: Any) -> int:
    if isinstance(value, datetime.date):
        return len("05/08/1998")
    return max((len(line) for line in str(value if value is not None else "").splitlines()), default=0)


def assert_styled_and_fitting(sheet: Sheet) -> None:
    """What every exported sheet has: a bold header on a fill, frozen, and every column as wide as its header
    and its longest value (up to the widest a column gets)."""
    assert sheet.sheet.freeze_panes == "A2"
    for index, cell in enumerate(sheet.sheet[1], start=1):
        assert cell.font.bold and cell.fill.fgColor.rgb.endswith("1F5FAD"), cell.value
        letter = cell.column_letter
        longest = max(_shown_width(value) for value in [cell.value, *(row[index - 1] for row in sheet.rows)])
        assert sheet.sheet.column_dimensions[letter].width >= min(longest, 60), (cell.value, longest)


def is_date_cell(cell: Any, day: datetime.date) -> bool:
    """A real date (Excel sorts and filters it as one), shown dd/mm/yyyy: not text that looks like a date."""
    return isinstance(cell.value, datetime.datetime) and cell.value.date() == day and cell.number_format == "DD/MM/YYYY"
