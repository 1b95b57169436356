"""Reading an uploaded members file (XLSX through python-calamine, or CSV) into a header and rows.

Everything that makes the whole file unusable is refused here with one Vietnamese
message (ImportFileError); what is wrong with a single row is left to the check.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from members.imports.columns import COLUMNS, HEADERS, Column, header_key

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why, in Vietnamese."""


@dataclass
class Table:
    """The rows of the first sheet, with the column each header stands for."""

    columns: dict[int, Column]  # position in the row -> column
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)
    ignored: list[str] = field(default_factory=list)  # headers of columns the import does not take
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row number, position) of formula cells


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def read_table(data: bytes, *, max_rows: int | None = None, file_name: str = "") -> Table:
    """The file's header and rows; `file_name` only sharpens the message for a file that is not what its name says."""
    max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    if len(data) > settings.IMPORT_MAX_MB * 1024 * 1024:
        raise ImportFileError(_("Tệp lớn hơn giới hạn %(mb)s MB.") % {"mb": settings.IMPORT_MAX_MB})
    if not data.strip():
        raise ImportFileError(_("Tệp trống."))
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        grid, merged_header, formulas = _read_workbook(data, max_rows=max_rows)
        if merged_header:
            raise ImportFileError(_("Dòng tiêu đề có ô gộp; hãy bỏ gộp ô để mỗi cột có một tiêu đề riêng."))
    elif file_name.lower().endswith(SPREADSHEET_SUFFIXES):
        raise ImportFileError(
            _(
                "“%(name)s” có đuôi của bảng tính nhưng nội dung không phải là bảng tính Excel (tệp bị hỏng hoặc bị "
                "đổi tên). Hãy mở tệp bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)”."
            )
            % {"name": file_name}
        )
    else:
        grid, formulas = _read_csv(data, max_rows=max_rows), set()
    return _table(grid, formulas, max_rows=max_rows)


def _read_workbook(data: bytes, *, max_rows: int) -> tuple[list[list[Any]], bool, set[tuple[int, int]]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
    except (CalamineError, ValueError, OSError, IndexError) as exc:
        raise ImportFileError(_("Không đọc được tệp: đây không phải là bảng tính XLSX.")) from exc
    if sheet.height > max_rows + 1:
        raise ImportFileError(_too_many(sheet.height - 1, max_rows))
    grid = sheet.to_python(skip_empty_area=False)
    merged = sheet.merged_cell_ranges or []
    header_row = _header_index(grid)
    merged_header = any(start[0] <= header_row <= end[0] for start, end in merged)
    return grid, merged_header, _formula_cells(data) if data.startswith(ZIP_MAGIC) else set()


def _read_csv(data: bytes, *, max_rows: int) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("Không đọc được tệp: đây không phải là bảng tính XLSX hay tệp CSV."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("Tệp CSV phải được lưu với mã UTF-8 (trong Excel: “CSV UTF-8 (phân tách bằng dấu phẩy)”).")
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if len(rows) > max_rows + 1:
        raise ImportFileError(_too_many(len(rows) - 1, max_rows))
    return [list(row) for row in rows]


def _too_many(rows: int, max_rows: int) -> str:
    return _("Tệp có %(rows)s dòng, quá giới hạn %(max)s dòng mỗi lần nhập; hãy chia thành nhiều tệp.") % {
        "rows": f"{rows:,}".replace(",", "."),
        "max": f"{max_rows:,}".replace(",", "."),
    }


def _blank(row: list[Any]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def _header_index(grid: list[list[Any]]) -> int:
    """The first row that is not blank: the header."""
    for index, row in enumerate(grid):
        if not _blank(row):
            return index
    return 0


def _table(grid: list[list[Any]], formulas: set[tuple[int, int]], *, max_rows: int) -> Table:
    header_index = _header_index(grid)
    if not grid or _blank(grid[header_index]):
        raise ImportFileError(_("Tệp trống."))
    columns: dict[int, Column] = {}
    ignored: list[str] = []
    for position, cell in enumerate(grid[header_index]):
        title = str(cell or "").strip()
        column = HEADERS.get(header_key(title))
        if column is None or column in columns.values():
            if title:
                ignored.append(title)
            continue
        columns[position] = column
    missing = [column.title for column in COLUMNS if column.required and column not in columns.values()]
    if missing:
        raise ImportFileError(
            _("Thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu (dòng đầu là tiêu đề cột).")
            % {"columns": ", ".join(missing)}
        )
    rows = [(index + 1, row) for index, row in enumerate(grid) if index > header_index and not _blank(row)]
    if not rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if len(rows) > max_rows:
        raise ImportFileError(_too_many(len(rows), max_rows))
    return Table(columns=columns, rows=rows, ignored=ignored, formulas=formulas)


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>/]*>(.*?)</c>', re.DOTALL)
_FIRST_SHEET = re.compile(rb'<sheet\b[^>]*\br:id="([^"]+)"')


def _formula_cells(data: bytes) -> set[tuple[int, int]]:
    """(row number, position) of each formula cell of the first sheet, read from the XLSX's XML.

    calamine gives a formula's last computed value (or nothing), never the formula;
    a date the editor did not type is refused rather than guessed.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _first_sheet_path(archive)
            xml = archive.read(path)
    except (zipfile.BadZipFile, KeyError, ValueError):
        return set()
    if b"<f" not in xml:
        return set()
    found = set()
    for match in _CELL.finditer(xml):
        if b"<f" in match.group(3):
            found.add((int(match.group(2)), _column_index(match.group(1).decode())))
    return found


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    first = _FIRST_SHEET.search(workbook)
    if first is None:
        raise ValueError("no sheet")
    rel_id = re.escape(first.group(1))
    target = re.search(rb'<Relationship\b[^>]*Id="' + rel_id + rb'"[^>]*Target="([^"]+)"', rels) or re.search(
        rb'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="' + rel_id + rb'"', rels
    )
    if target is None:
        raise ValueError("no sheet target")
    path = target.group(1).decode()
    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
