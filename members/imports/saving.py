"""Saving a checked members file: every row or none, in bulk, with history naming the file."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from chidoan.lib import figures_cache, text
from members.imports.checking import Plan
from members.models import Member, MemberStatusChange, StatusChangeKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH = 500
REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def change_reason(file_name: str, sha256: str) -> str:
    """What each history record of the import says: the file's name (shortened to fit) and its SHA-256."""
    tail = f" · SHA-256 {sha256}"
    room = REASON_LENGTH - len("Tệp ") - len(tail)
    name = file_name if len(file_name) <= room else file_name[: room - 1] + "…"
    return f"Tệp {name}{tail}"


def _normalise(member: Member) -> None:
    # What Member.save() does; bulk writes do not call it.
    member.family_name = text.nfc(member.family_name.strip())
    member.middle_name = text.nfc(" ".join(member.middle_name.split()))
    member.given_name = text.nfc(member.given_name.strip())
    member.name_sort_key = text.name_sort_key(member.family_name, member.middle_name, member.given_name)
    member.search_key = text.search_key(member.full_name)


@transaction.atomic
def plan_save(*, plan: Plan, by: User | None, reason: str) -> None:
    """Admit the new members (with their admission record) and update the others, all in one transaction."""
    now = timezone.now()
    # Bulk writes send no signal: the branches' cached figures are made stale here.
    figures_cache.invalidate_branches({m.branch_id for m in plan.new} | {m.branch_id for m in plan.updated})
    for member in plan.new:
        _normalise(member)
    if plan.new:
        bulk_create_with_history(plan.new, Member, batch_size=BATCH, default_user=by, default_change_reason=reason)
        admissions = [
            # A new member without an admission date is refused by the check.
            MemberStatusChange(
                member=member,
                kind=StatusChangeKind.ADMITTED,
                on=cast(datetime.date, member.admitted_on),
                recorded_by=by,
            )
            for member in plan.new
        ]
        bulk_create_with_history(
            admissions, MemberStatusChange, batch_size=BATCH, default_user=by, default_change_reason=reason
        )
    if plan.updated:
        for member in plan.updated:
            _normalise(member)
            member.version += 1
            member.updated_at = now
        fields = sorted(plan.changed_fields | {"name_sort_key", "search_key", "version", "updated_at"})
        bulk_update_with_history(
            plan.updated, Member, fields, batch_size=BATCH, default_user=by, default_change_reason=reason
        )
