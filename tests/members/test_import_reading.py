"""Reading a members file: the formats accepted, and the files refused as a whole (nothing is checked or saved)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from members.imports.columns import CellError, date_value
from members.imports.reading import ImportFileError, read_table
from tests.members.import_files import HEADERS, D, csv_bytes, person, xlsx


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(ImportFileError) as refused:
        read_table(data, **kwargs)
    return str(refused.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05/08/1998", D(1998, 8, 5)),
        ("5/8/1998", D(1998, 8, 5)),
        ("1998-08-05", D(1998, 8, 5)),
        ("05-08-1998", D(1998, 8, 5)),
        (D(1998, 8, 5), D(1998, 8, 5)),
        ("", None),
    ],
)
def test_it_reads_the_dates_people_type(typed, expected):
    assert date_value(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/1998", "tháng 8", "1998"])
def test_it_refuses_what_is_not_a_date_in_vietnamese(typed):
    with pytest.raises(CellError, match=r"(?i)ngày"):
        date_value(typed)


def test_an_excel_date_cell_is_a_date():
    table = read_table(xlsx([person(1)]))
    born = next(position for position, column in table.columns.items() if column.key == "date_of_birth")
    assert table.rows[0][1][born].year == 1998  # calamine gives a date, not a serial number
    assert table.rows[0][0] == 2  # the row number as the spreadsheet shows it


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (";", False), (",", True)])
def test_it_reads_csv_with_comma_or_semicolon_with_or_without_bom(delimiter, bom):
    table = read_table(csv_bytes([person(1), person(2)], delimiter=delimiter, bom=bom))
    assert [column.title for column in table.columns.values()] == HEADERS
    assert table.rows[1][1][3] == "Nhập002"


def test_it_refuses_a_file_that_is_not_a_spreadsheet():
    assert "không phải" in refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert "không phải là bảng tính" in refusal(b"PK\x03\x04 not really a zip")


def test_a_text_file_named_like_a_spreadsheet_is_refused_as_not_a_spreadsheet():
    text = "Họ và tên,Ngày sinh\nNguyễn Văn A,05/08/1998\n".encode()
    message = refusal(text, file_name="Danh sach.XLSX")
    assert message.startswith("“Danh sach.XLSX” có đuôi của bảng tính nhưng nội dung không phải là bảng tính Excel")
    # The same bytes named .csv are read as the CSV they are.
    assert "không phải" not in refusal(text, file_name="danh-sach.csv")


def test_it_refuses_an_empty_file():
    assert refusal(b"") == "Tệp trống."
    assert "không có dòng dữ liệu" in refusal(xlsx([]))


def test_it_names_a_missing_required_column():
    headers = [h for h in HEADERS if h != "Ngày sinh"]
    assert "Thiếu cột bắt buộc: Ngày sinh" in refusal(xlsx([person(1)], headers))


def test_extra_columns_are_ignored_and_listed():
    table = read_table(xlsx([person(1, **{"Dân tộc": "Kinh"})], [*HEADERS, "Dân tộc"]))
    assert table.ignored == ["Dân tộc"]
    assert "Dân tộc" not in [column.title for column in table.columns.values()]


def test_headers_are_recognised_without_accents_or_case():
    rows = [{"HO": "Lê", "ten": "An", "Ngay sinh": "01/02/2000", "GIOI TINH": "Nam"}]
    table = read_table(xlsx(rows, ["HO", "ten", "Ngay sinh", "GIOI TINH"]))
    assert [column.key for column in table.columns.values()] == ["family_name", "given_name", "date_of_birth", "gender"]


def test_it_refuses_merged_header_cells():
    assert "ô gộp" in refusal(xlsx([person(1)], merge="A1:B1"))


def test_it_refuses_more_rows_than_the_limit(settings):
    settings.IMPORT_MAX_ROWS = 3
    message = refusal(xlsx([person(i) for i in range(4)]))
    assert "4 dòng" in message and "giới hạn 3 dòng" in message
    assert "giới hạn 3 dòng" in refusal(csv_bytes([person(i) for i in range(4)]))


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.IMPORT_MAX_MB = 1
    assert "1 MB" in refusal(csv_bytes([person(1)]) + b" " * (1024 * 1024))


def test_it_finds_a_formula_in_a_date_cell():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([person(1)[h] for h in HEADERS])
    sheet["E2"] = "=DATE(1998,8,5)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue())
    assert (2, 4) in table.formulas
