"""One year's ratings of the members as XLSX: the lines the ratings page shows for its filters, every page."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from chidoan.lib.spreadsheets import add_sheet, new_workbook, to_bytes
from members.models import Member, MemberRating


def ratings_xlsx(lines: Sequence[tuple[Member, MemberRating | None]], *, year: int) -> bytes:
    """`lines` (rating_selectors.with_ratings of the members the page's filters leave) as one sheet, in the page's order."""
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Số thẻ đoàn viên"),
        _("Năm"),
        _("Xếp loại"),
        _("Tham gia sinh hoạt (%)"),
        _("Ghi chú"),
    ]
    not_rated = _("Chưa xếp loại")
    rows = [
        [
            number,
            member.full_name,
            member.date_of_birth,
            member.card_number,
            year,
            rating.get_level_display() if rating else not_rated,
            rating.participation_percent if rating else None,
            rating.note if rating else "",
        ]
        for number, (member, rating) in enumerate(lines, start=1)
    ]
    workbook = new_workbook()
    add_sheet(workbook, _("Xếp loại năm %(year)s") % {"year": year}, headers, rows)
    return to_bytes(workbook)
