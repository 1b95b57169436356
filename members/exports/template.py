"""The import template: the header row, drop-down lists for the choice columns, and a sheet of instructions."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chidoan.lib.spreadsheets import DATE_FORMAT, column_width, style_header, to_bytes
from members.imports.columns import BOOL, CHOICE, COLUMNS, DATE, NO, YES, choice_labels

VALIDATED_ROWS = 20_000


def _list(labels: list[str]) -> DataValidation:
    validation = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    validation.error = _("Hãy chọn một giá trị trong danh sách.")
    validation.errorTitle = _("Giá trị không hợp lệ")
    validation.showErrorMessage = True
    return validation


def template_xlsx() -> bytes:
    # Small and fixed, so the ordinary (not write-only) mode, which has data validation.
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Đoàn viên")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        style_header(sheet.cell(row=1, column=index, value=column.title))
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column_width(column.title, column.width)
        cells = f"{letter}2:{letter}{VALIDATED_ROWS}"
        if column.kind == CHOICE:
            validation = _list(choice_labels(column.key))
        elif column.kind == BOOL:
            validation = _list([YES, NO])
        else:
            validation = None
        if validation is not None:
            validation.add(cells)
            sheet.add_data_validation(validation)
        if column.kind == DATE:
            for row in range(2, 202):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
    _instructions(workbook)
    return to_bytes(workbook)


def _instructions(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(_("Hướng dẫn"))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    lines = [
        (_("Cách điền"), ""),
        ("", _("Mỗi dòng của trang “Đoàn viên” là một đoàn viên; dòng đầu là tiêu đề cột, đừng đổi tên hay gộp ô.")),
        ("", _("Cột bắt buộc: Họ, Tên, Ngày sinh, Giới tính; đoàn viên mới cần thêm Ngày vào Đoàn.")),
        ("", _("Ngày ghi ngày/tháng/năm (05/08/1998 hay 5/8/1998) hoặc là ô ngày của Excel; không dùng công thức.")),
        (
            "",
            _(
                "Đoàn viên đã có (cùng số thẻ, hoặc cùng họ tên và ngày sinh) được cập nhật; các dòng khác là đoàn viên mới."
            ),
        ),
        (
            "",
            _(
                "Thay đổi tình trạng (chuyển sinh hoạt, rời chi đoàn, trưởng thành Đoàn) ghi trên trang của từng đoàn viên, "
                "không qua tệp."
            ),
        ),
        (
            "",
            _("Tối đa %(rows)s dòng và %(mb)s MB mỗi tệp; cũng nhận tệp CSV UTF-8 (dấu phẩy hoặc chấm phẩy).")
            % {"rows": f"{settings.IMPORT_MAX_ROWS:,}".replace(",", "."), "mb": settings.IMPORT_MAX_MB},
        ),
        ("", ""),
        (_("Dòng ví dụ"), ""),
    ]
    for title, text in lines:
        sheet.append([title, text])
    sheet.append([column.title for column in COLUMNS])
    sheet.append([column.example for column in COLUMNS])
    for row in (1, len(lines), len(lines) + 1):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for cell in sheet[len(lines) + 2]:
        if hasattr(cell.value, "year"):
            cell.number_format = DATE_FORMAT
