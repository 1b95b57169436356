"""The member list as XLSX: the columns the import takes, so that the file imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from chidoan.lib.spreadsheets import new_workbook, start_sheet, to_bytes, write_row
from members.imports.columns import BOOL, CHOICE, COLUMNS, NO, YES
from members.models import STATUS_AFTER, Gender, Member, MemberStatus


def _cell(member: Member, key: str, kind: str, status: str | None) -> Any:
    if key == "status":
        if status is not None:
            return str(MemberStatus(status).label)
        kind_of_last = getattr(member, "last_change_kind", None)
        return str(MemberStatus(STATUS_AFTER[kind_of_last]).label) if kind_of_last else ""
    value = getattr(member, key)
    if kind == BOOL:
        return YES if value else NO
    if kind == CHOICE:
        return str(Gender(value).label) if value else ""
    return value


def members_xlsx(members: Iterable[Member], *, status: str | None = None) -> bytes:
    """`members` (annotated with their status, e.g. selectors.member_list) as one sheet.

    `status`: the status written on every row instead of the member's own.
    """
    workbook = new_workbook()
    sheet = start_sheet(
        workbook, _("Đoàn viên"), [column.title for column in COLUMNS], [column.width for column in COLUMNS]
    )
    for member in members:
        write_row(sheet, [_cell(member, column.key, column.kind, status) for column in COLUMNS])
    return to_bytes(workbook)


def transferred_member_xlsx(member: Member) -> bytes:
    """The file that goes with the transfer letter to a branch outside the installation, for its import.

    One row in the import's columns, every field of the member's record; the status is
    "Đang sinh hoạt", theirs in the receiving branch (whose import admits a new member
    only with that status).
    """
    return members_xlsx([member], status=MemberStatus.ACTIVE)
