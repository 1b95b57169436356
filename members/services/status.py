"""Dated status changes of a member: transfer out, came of age, left, removed, or back in."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from members import rules
from members.models import Member, MemberStatusChange

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def member_change_status(
    *,
    member: Member,
    kind: str,
    on: datetime.date,
    reason: str = "",
    assessment: str = "",
    dues_paid_until: datetime.date | None = None,
    destination: str = "",
    by: User | None = None,
) -> MemberStatusChange:
    """Record a dated status change (members.rules.check_status_change says which are allowed)."""
    # Locked so that two changes recorded at once cannot both pass as "the latest".
    member = Member.objects.select_for_update().get(pk=member.pk)
    last = member.status_changes.order_by("-on", "-id").first()
    rules.check_status_change(
        kind=kind,
        on=on,
        last_kind=last.kind if last else None,
        last_on=last.on if last else None,
        date_of_birth=member.date_of_birth,
        reason=reason,
        assessment=assessment,
        dues_paid_until=dues_paid_until,
    )
    change = MemberStatusChange(
        member=member,
        kind=kind,
        on=on,
        reason=reason.strip(),
        assessment=assessment.strip(),
        dues_paid_until=dues_paid_until,
        destination=destination.strip(),
        recorded_by=by,
    )
    change.full_clean()
    change.save()
    return change
