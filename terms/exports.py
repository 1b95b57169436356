"""A term's lists as XLSX (chidoan.lib.spreadsheets): the committee with its changes, the targets with their progress.

Each builder takes what the page's selectors read, so that the file holds what the page shows, and reads no
more from the database than the page does.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from chidoan.lib.spreadsheets import add_sheet, new_workbook, to_bytes
from terms.models import CommitteeSeat, Outcome, SeatStartKind, Target, TargetKind
from terms.selectors import CommitteeChange

Row = list[Any]


def _seat_rows(seats: Sequence[CommitteeSeat], on: datetime.date) -> list[Row]:
    held, ended = _("Đang giữ chức danh"), _("Đã thôi")
    return [
        [
            number,
            seat.member.full_name,
            seat.get_role_display(),
            seat.started_on,
            seat.get_start_kind_display(),
            seat.ended_on,
            seat.get_end_kind_display(),
            seat.end_reason,
            held if seat.held_on(on) else ended,
        ]
        for number, seat in enumerate(seats, start=1)
    ]


def _change_what(change: CommitteeChange) -> str:
    return {
        "added": _("Bổ sung vào Ban Chấp hành"),
        "role_change": _("Thay đổi chức danh"),
        "term_ended": _("Hết nhiệm kỳ"),
        "left": _("Thôi giữ chức danh"),
    }[change.kind]


def _change_rows(seats: Sequence[CommitteeSeat], changes: Sequence[CommitteeChange]) -> list[Row]:
    """Every start and end of a seat in date order: the congress's election (in the committee's order), then
    the changes of the term (selectors.committee_changes, in the page's order)."""
    elected = [
        [seat.started_on, seat.member.full_name, _("Bầu tại Đại hội"), "", seat.get_role_display(), "", ""]
        for seat in seats
        if seat.start_kind == SeatStartKind.ELECTED
    ]
    later = [
        [
            change.on,
            change.member.full_name,
            _change_what(change),
            change.old_role_label,
            change.role_label,
            change.end_kind_label if change.kind == "left" else "",
            change.reason,
        ]
        for change in changes
    ]
    # A stable sort by the day alone keeps each list's own order within a day.
    return sorted(elected + later, key=lambda row: row[0])


def committee_xlsx(*, seats: Sequence[CommitteeSeat], changes: Sequence[CommitteeChange], on: datetime.date) -> bytes:
    """The term's seats (selectors.committee_seats, Secretary first) on one sheet, their changes on another;
    `on` is the day the committee page shows (selectors.reference_date), which says who still holds a seat."""
    workbook = new_workbook()
    seat_headers = [
        _("STT"),
        _("Họ và tên"),
        _("Chức danh"),
        _("Ngày bắt đầu"),
        _("Hình thức"),
        _("Ngày thôi"),
        _("Hình thức thôi"),
        _("Lý do thôi"),
        _("Tình trạng"),
    ]
    add_sheet(workbook, _("Ban Chấp hành"), seat_headers, _seat_rows(seats, on))
    change_headers = [
        _("Ngày"),
        _("Họ và tên"),
        _("Thay đổi"),
        _("Chức danh trước"),
        _("Chức danh sau"),
        _("Hình thức thôi"),
        _("Lý do"),
    ]
    add_sheet(workbook, _("Thay đổi trong nhiệm kỳ"), change_headers, _change_rows(seats, changes))
    return to_bytes(workbook)


def _recorder(user: User | None) -> str:
    if user is None:
        return _("Hệ thống")
    member = getattr(user, "member", None)  # prefetched with the entry; a login may have no member
    return member.full_name if member is not None else (user.get_full_name() or user.get_username())


def _target_rows(targets: Sequence[Target], on: datetime.date) -> list[Row]:
    rows = []
    for number, target in enumerate(targets, start=1):
        latest = target.latest_entry()
        rows.append(
            [
                number,
                capfirst(target.name),
                target.area,
                target.get_kind_display(),
                target.planned_text,
                target.reading_text(latest) if latest else "",
                latest.recorded_on if latest else None,
                target.progress_percent(),
                str(Outcome(target.outcome_on(on)).label),
                target.responsible.full_name if target.responsible else "",
                target.reason_behind(),
            ]
        )
    return rows


def _reading_rows(targets: Sequence[Target]) -> list[Row]:
    rows = []
    for number, target in enumerate(targets, start=1):
        for entry in sorted(target.progress_entries.all(), key=lambda e: (e.recorded_on, e.id)):
            rows.append(
                [
                    number,
                    capfirst(target.name),
                    entry.recorded_on,
                    target.reading_text(entry),
                    # The number itself as well, for sums and charts in the spreadsheet.
                    entry.value if target.kind != TargetKind.RATING else None,
                    entry.evidence,
                    entry.reason_behind,
                    _recorder(entry.recorded_by),
                ]
            )
    return rows


def targets_xlsx(*, targets: Sequence[Target], on: datetime.date) -> bytes:
    """The targets (selectors.targets_of_term, in their order) with their outcome on `on` on one sheet, and
    every progress reading of each, oldest first, on another."""
    workbook = new_workbook()
    target_headers = [
        _("STT"),
        _("Chỉ tiêu"),
        _("Mảng công tác"),
        _("Loại chỉ tiêu"),
        _("Chỉ tiêu đề ra"),
        _("Đã đạt"),
        _("Ngày ghi nhận gần nhất"),
        _("Tiến độ (%)"),
        _("Kết quả"),
        _("Ủy viên phụ trách"),
        _("Lý do chưa đạt"),
    ]
    add_sheet(workbook, _("Chỉ tiêu"), target_headers, _target_rows(targets, on))
    reading_headers = [
        _("STT chỉ tiêu"),
        _("Chỉ tiêu"),
        _("Ngày ghi nhận"),
        _("Kết quả đạt được"),
        _("Giá trị"),
        _("Minh chứng"),
        _("Lý do chưa đạt"),
        _("Người ghi nhận"),
    ]
    add_sheet(workbook, _("Tiến độ"), reading_headers, _reading_rows(targets))
    return to_bytes(workbook)
