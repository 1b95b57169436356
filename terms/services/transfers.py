"""Accepting a transfer ends the member's committee seats in the branch they leave, on the same day.

The transfer itself is the members app's (members.services.transfer_accept), which may not
know about seats (a layer above it); this step does both in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from members import services as member_services
from members.models import Organisation, Transfer
from terms.models import CommitteeSeat, SeatEndKind
from terms.services.committee import seat_end

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Accepted:
    transfer: Transfer
    ended_seats: list[CommitteeSeat]


@transaction.atomic
def transfer_accept(
    *, transfer: Transfer, branch: Organisation, expected_version: int, on: datetime.date, by: User | None = None
) -> Accepted:
    """Tiếp nhận (members.services.transfer_accept), and the seats the member holds in the sending branch end on `on`.

    The open seats held that day in a term of the sending branch that has not ended by then
    (a seat of a finished term stays as the term left it); each ends as "Thôi tham gia Ban
    Chấp hành" with the transfer as its reason.
    """
    transfer = member_services.transfer_accept(
        transfer=transfer, branch=branch, expected_version=expected_version, on=on, by=by
    )
    seats = (
        CommitteeSeat.objects.filter(member=transfer.member, term__branch=transfer.from_branch, term__ends_on__gte=on)
        .filter(started_on__lte=on, ended_on__isnull=True)
        .order_by("started_on", "id")
    )
    reason = _("Chuyển sinh hoạt đến %(branch)s") % {"branch": branch.name}
    ended = [seat_end(seat=seat, on=on, end_kind=SeatEndKind.LEFT, reason=reason) for seat in seats]
    return Accepted(transfer=transfer, ended_seats=ended)
