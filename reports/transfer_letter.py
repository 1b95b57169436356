"""The transfer letter (giấy giới thiệu sinh hoạt Đoàn) of one transfer, as a document in the Union's frame.

The sending branch gives it; its Secretary on the day of the transfer signs it on behalf
of the branch committee.
"""

from __future__ import annotations

from typing import Any

from chidoan.lib.text import date_line
from members.models import Transfer
from terms.models import CommitteeRole, CommitteeSeat

TEMPLATE = "reports/members/transfer_letter.html"


def secretary_name(transfer: Transfer) -> str:
    """The sending branch's Secretary on the day of the transfer, or "" (the name is then written by hand)."""
    seat = (
        CommitteeSeat.objects.filter(term__branch=transfer.from_branch, role=CommitteeRole.SECRETARY)
        .held_on(transfer.requested_on)
        .select_related("member")
        .order_by("-started_on")
        .first()
    )
    return seat.member.full_name if seat else ""


def letter_context(transfer: Transfer) -> dict[str, Any]:
    branch = transfer.from_branch
    when = date_line(transfer.requested_on)
    return {
        "transfer": transfer,
        "member": transfer.member,
        "branch": branch,
        "organisation": {"upper_level_line": branch.upper_level_line, "issuing_body_line": branch.issuing_body_line},
        "number_line": f"Số:     /GGT-{branch.document_symbol}",
        "place_date_line": f"{branch.place_name}, {when}" if branch.place_name else when[0].upper() + when[1:],
        "signer_on_behalf": "TM. BAN CHẤP HÀNH",
        "signer_title": "BÍ THƯ",
        "signer_name": secretary_name(transfer),
        "recipients": [transfer.destination, "Lưu Chi đoàn"],
    }


def letter_stem(transfer: Transfer) -> str:
    return f"giay-gioi-thieu-sinh-hoat-doan-{transfer.pk}"
