"""chidoan.lib.spreadsheets: what a user sees when opening a sheet written in write-only mode."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from chidoan.lib.spreadsheets import MAX_WIDTH, add_sheet, new_workbook, to_bytes

D = datetime.date


def written(headers, rows):
    workbook = new_workbook()
    add_sheet(workbook, "Trang", headers, rows)
    return load_workbook(io.BytesIO(to_bytes(workbook)))["Trang"]


def test_each_column_is_as_wide_as_its_header_or_its_longest_value_and_no_wider_than_a_screen_allows():
    long_reason = "đa phần không còn tuổi đoàn " * 10
    sheet = written(
        ["STT", "Ngày", "Tham gia sinh hoạt (%)", "Lý do"],
        [[1, D(2024, 8, 15), Decimal("85.5"), "ngắn"], [2, None, None, long_reason]],
    )
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths == [len("STT") + 2, len("05/08/1998") + 2, len("Tham gia sinh hoạt (%)") + 2, MAX_WIDTH]
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].value == 85.5  # a number, summed by Excel
    assert sheet["D3"].value == long_reason and sheet["D3"].alignment.wrap_text  # all of it readable
    assert not sheet["D2"].alignment.wrap_text


def test_a_value_of_several_lines_wraps_and_is_measured_by_its_longest_line():
    sheet = written(["Ghi chú"], [["Dòng một\nDòng thứ hai dài hơn"]])
    assert sheet["A2"].value == "Dòng một\nDòng thứ hai dài hơn" and sheet["A2"].alignment.wrap_text
    assert sheet.column_dimensions["A"].width == len("Dòng thứ hai dài hơn") + 2


def test_a_date_is_a_date_cell_shown_day_month_year():
    sheet = written(["Ngày sinh"], [[D(1998, 8, 5)]])
    assert sheet["A2"].value == datetime.datetime(1998, 8, 5) and sheet["A2"].is_date
    assert sheet["A2"].number_format == "DD/MM/YYYY"
