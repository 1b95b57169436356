"""Members files for the import tests: XLSX (openpyxl) and CSV, with the template's headers."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from members.imports.columns import COLUMNS

HEADERS = [column.title for column in COLUMNS]
D = datetime.date


def person(i: int = 0, **changes: Any) -> dict[str, Any]:
    """One row of a new member, by header: Nguyễn Thị Nhập000, born 5 August 1998, admitted 26 March 2014."""
    row = {
        "Số thẻ đoàn viên": f"IMP{i:05d}",
        "Họ": "Nguyễn",
        "Tên đệm": "Thị",
        "Tên": f"Nhập{i:03d}",
        "Ngày sinh": D(1998, 8, 5),
        "Giới tính": "Nữ",
        "Ngày vào Đoàn": D(2014, 3, 26),
        "Tình trạng": "Đang sinh hoạt",
        "Đảng viên": "Không",
        "Ngày vào Đảng": None,
        "Có lương": "Có",
        "Cấp ủy / chuyên trách Đoàn": "Không",
        "Điện thoại": "0912345678",
        "Email": f"nhap{i}@example.org",
        "Địa chỉ": "Phường 1, TP. Thử",
        "Nơi công tác / học tập": "Phòng Nhập liệu",
        "Ghi chú": "",
    }
    row.update(changes)
    return row


def xlsx(rows: Sequence[dict[str, Any]], headers: Sequence[str] = HEADERS, *, merge: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[dict[str, Any]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    def text(value: Any) -> str:
        if isinstance(value, datetime.date):
            return f"{value:%d/%m/%Y}"
        return "" if value is None else str(value)

    lines = [delimiter.join(HEADERS)]
    lines += [delimiter.join(text(row.get(header)) for header in HEADERS) for row in rows]
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode("utf-8")


def read_xlsx(data: bytes) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
