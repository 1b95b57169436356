"""The columns of a members file: Vietnamese headers, what each holds, and how a cell becomes a value.

The template, the export and the import all read this one list, so that an exported
file imports back unchanged.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from chidoan.lib.text import nfc, search_key
from members.models import Gender, MemberStatus

TEXT, DATE, CHOICE, BOOL = "text", "date", "choice", "bool"
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    key: str  # the Member field, or "status"
    header: Any  # lazy Vietnamese text
    kind: str = TEXT
    required: bool = False  # the header must be in the file, and the cell filled
    width: int = 16  # characters, in the template and the export
    example: Any = ""

    @property
    def title(self) -> str:
        return str(self.header)


COLUMNS: tuple[Column, ...] = (
    Column("card_number", gettext_lazy("Số thẻ đoàn viên"), example="079098001234"),
    Column("family_name", gettext_lazy("Họ"), required=True, width=12, example="Nguyễn"),
    Column("middle_name", gettext_lazy("Tên đệm"), width=14, example="Thị Thu"),
    Column("given_name", gettext_lazy("Tên"), required=True, width=10, example="Trang"),
    Column(
        "date_of_birth", gettext_lazy("Ngày sinh"), DATE, required=True, width=12, example=datetime.date(1998, 8, 5)
    ),
    Column("gender", gettext_lazy("Giới tính"), CHOICE, required=True, width=10, example="Nữ"),
    Column("admitted_on", gettext_lazy("Ngày vào Đoàn"), DATE, width=14, example=datetime.date(2014, 3, 26)),
    Column("status", gettext_lazy("Tình trạng"), CHOICE, width=22, example="Đang sinh hoạt"),
    Column("is_party_member", gettext_lazy("Đảng viên"), BOOL, width=10, example=NO),
    Column("party_admitted_on", gettext_lazy("Ngày vào Đảng"), DATE, width=14),
    Column("has_salary", gettext_lazy("Có lương"), BOOL, width=10, example=YES),
    Column("leadership_exemption", gettext_lazy("Cấp ủy / chuyên trách Đoàn"), BOOL, width=14, example=NO),
    Column("phone", gettext_lazy("Điện thoại"), width=14, example="0912345678"),
    Column("email", gettext_lazy("Email"), width=26, example="trang.nguyen@example.org"),
    Column("address", gettext_lazy("Địa chỉ"), width=30),
    Column("workplace", gettext_lazy("Nơi công tác / học tập"), width=30, example="Phòng Kế hoạch - Tài chính"),
    Column("notes", gettext_lazy("Ghi chú"), width=30),
)
BY_KEY = {column.key: column for column in COLUMNS}
# Member fields the import writes (status is not a field: it is a dated record).
MEMBER_FIELDS = tuple(column.key for column in COLUMNS if column.key != "status")
NAME_PARTS = ("family_name", "middle_name", "given_name")
BOOL_DEFAULTS = {"is_party_member": False, "has_salary": True, "leadership_exemption": False}


def header_key(text: Any) -> str:
    """How a header is recognised: accent-free, case-free, spaces squeezed ("HO VA TEN" = "Họ và tên")."""
    return search_key(str(text or ""))


HEADERS = {header_key(column.header): column for column in COLUMNS}


def choices(key: str) -> list[tuple[str, str]]:
    """(stored value, label) of a choice column."""
    if key == "gender":
        return [(value, str(label)) for value, label in Gender.choices]
    return [(value, str(label)) for value, label in MemberStatus.choices]


@functools.lru_cache(maxsize=16)
def _choice_map(key: str, language: str | None) -> dict[str, str]:
    """Accent-free label (or the stored value) -> stored value, once per column and language."""
    found = {value: value for value, _label in choices(key)}
    found.update({search_key(label): value for value, label in choices(key)})
    return found


def choice_labels(key: str) -> list[str]:
    return [label for _value, label in choices(key)]


class CellError(ValueError):
    """A cell that cannot be read; its message is Vietnamese."""


def text_value(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # a phone or card number typed as a number
    if isinstance(cell, datetime.datetime | datetime.date):
        return f"{cell:%d/%m/%Y}"
    return nfc(str(cell).replace("\r\n", "\n").strip())


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def date_value(cell: Any) -> datetime.date | None:
    """A date from an Excel date cell or text typed as 05/08/1998, 5/8/1998, 05-08-1998 or 1998-08-05."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = text_value(cell)
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(
            _("“%(value)s” không phải là ngày; hãy ghi ngày/tháng/năm, ví dụ 05/08/1998.") % {"value": text}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(_("Ngày “%(value)s” không có trên lịch.") % {"value": text}) from None


_YES = {"co", "x", "1", "true", "yes", "dang vien", "la dang vien"}
_NO = {"khong", "0", "false", "no", ""}


def bool_value(cell: Any, default: bool) -> bool:
    if isinstance(cell, bool):
        return cell
    key = search_key(text_value(cell))
    if not key:
        return default
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(_("Hãy ghi “Có” hoặc “Không”, không phải “%(value)s”.") % {"value": text_value(cell)})


def choice_value(key: str, cell: Any) -> str:
    """The stored value of a choice cell: its label (accents optional) or the stored value itself; "" if empty."""
    text = text_value(cell)
    if not text:
        return ""
    found = _choice_map(key, get_language()).get(search_key(text))
    if found is not None:
        return found
    raise CellError(
        _("“%(value)s” không phải một lựa chọn; hãy chọn một trong: %(labels)s.")
        % {"value": text, "labels": ", ".join(choice_labels(key))}
    )


def cell_value(column: Column, cell: Any) -> Any:
    """The value of one cell for its column; raises CellError with a Vietnamese message."""
    if column.kind == DATE:
        return date_value(cell)
    if column.kind == BOOL:
        return bool_value(cell, BOOL_DEFAULTS[column.key])
    if column.kind == CHOICE:
        return choice_value(column.key, cell)
    if column.key in NAME_PARTS:
        return " ".join(text_value(cell).split())
    return text_value(cell)
