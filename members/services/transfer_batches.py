"""Batches: a class or unit leaving together (graduates) is transferred in one step, all or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member, Organisation, Transfer
from members.services.transfers import transfer_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Refusal:
    member: Member
    reasons: list[str]

    @property
    def line(self) -> str:
        """ "Họ tên: lý do", as the page shows it."""
        return f"{self.member.full_name}: {' '.join(self.reasons)}"


class BatchRefused(ValidationError):
    """Some members of a batch cannot be transferred; nothing was saved."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        self.summary = _("Chưa chuyển sinh hoạt cho ai: %(n)s đoàn viên không chuyển được.") % {"n": len(refusals)}
        super().__init__([self.summary, *(refusal.line for refusal in refusals)])


@transaction.atomic
def transfer_record_batch(
    *,
    members: Iterable[Member],
    requested_on: datetime.date,
    assessment: str,
    dues_paid_until: datetime.date | None,
    to_branch: Organisation | None = None,
    to_text: str = "",
    by: User | None = None,
) -> list[Transfer]:
    """The same transfer for every one of `members`; BatchRefused, saving nothing, if any one cannot be transferred.

    Each member is held to every rule of a single transfer (transfer_record); a refusal
    that concerns the destination, the same for all, is raised as it is.
    """
    transfers: list[Transfer] = []
    refusals: list[Refusal] = []
    for member in members:
        try:
            with transaction.atomic():  # a savepoint: the others are still tried, to list every refusal
                transfers.append(
                    transfer_record(
                        member=member,
                        requested_on=requested_on,
                        assessment=assessment,
                        dues_paid_until=dues_paid_until,
                        to_branch=to_branch,
                        to_text=to_text,
                        by=by,
                    )
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and {"to_branch", "assessment", "dues_paid_until"} & exc.error_dict.keys():
                raise  # the destination, assessment or dues: wrong for everyone, shown next to the field
            refusals.append(Refusal(member=member, reasons=exc.messages))
    if refusals:
        raise BatchRefused(refusals)
    if not transfers:
        raise ValidationError(_("Chưa chọn đoàn viên nào để chuyển sinh hoạt."))
    return transfers
