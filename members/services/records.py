"""A member's record: admission (kết nạp), joining from another branch (chuyển đến), edits, deletion."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged
from members import rules, selectors
from members.models import (
    MEMBER_DETAIL_FIELDS,
    Member,
    MemberStatusChange,
    Organisation,
    OrganisationOfficer,
    StatusChangeKind,
)
from members.services.accounts import login_lock

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _details(details: dict[str, Any]) -> dict[str, Any]:
    unknown = set(details) - set(MEMBER_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    return details


@transaction.atomic
def member_admit(
    *,
    branch: Organisation,
    admitted_on: datetime.date,
    by: User | None = None,
    **details: Any,
) -> Member:
    """Kết nạp: a new member admitted into this branch on `admitted_on`."""
    rules.check_is_branch(branch)
    member = Member(branch=branch, admitted_on=admitted_on, **_details(details))
    member.full_clean()
    rules.check_admission_age(date_of_birth=member.date_of_birth, admitted_on=admitted_on)
    member.save()
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.ADMITTED, on=admitted_on, recorded_by=by)
    return member


@transaction.atomic
def member_transfer_in(
    *,
    branch: Organisation,
    joined_on: datetime.date,
    came_from: str = "",
    by: User | None = None,
    **details: Any,
) -> Member:
    """Chuyển đến: a member admitted elsewhere joins this branch on `joined_on`."""
    rules.check_is_branch(branch)
    member = Member(branch=branch, **_details(details))
    member.full_clean()
    if member.admitted_on and member.admitted_on > joined_on:
        raise ValidationError({"admitted_on": _("Ngày vào Đoàn không thể sau ngày chuyển đến.")})
    if member.admitted_on:
        rules.check_admission_age(date_of_birth=member.date_of_birth, admitted_on=member.admitted_on)
    member.save()
    MemberStatusChange.objects.create(
        member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=joined_on, destination=came_from, recorded_by=by
    )
    return member


@transaction.atomic
def member_update(
    *, member: Member, expected_version: int, fields: Collection[str] | None = None, **changes: Any
) -> Member:
    """Change a member's details; refused (StaleEditError) if someone else saved the member meanwhile."""
    allowed = set(MEMBER_DETAIL_FIELDS if fields is None else fields)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(member, name, value)
    member.full_clean()
    # Either date can make the admission age wrong; a member who transferred in was
    # held to the same rule on arrival (member_transfer_in), so every member is.
    if changes.keys() & {"admitted_on", "date_of_birth"} and member.admitted_on:
        rules.check_admission_age(date_of_birth=member.date_of_birth, admitted_on=member.admitted_on)
    save_if_unchanged(member, expected_version=expected_version)
    return member


@transaction.atomic
def member_delete(*, member: Member) -> None:
    """Delete a record entered by mistake; a member with a history is ended with a status change instead."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    reasons = selectors.member_delete_blockers(member)
    if reasons:
        raise ValidationError(
            _(
                "Không thể xóa đoàn viên này vì %(reasons)s. Hãy ghi nhận thay đổi tình trạng (chuyển sinh hoạt, rời chi đoàn…) thay vì xóa."
            )
            % {"reasons": "; ".join(reasons)}
        )
    user = member.user
    # A login with rights of its own (the Django admin, an officer's grant) stays usable: deleting
    # a branch record must not lock an administrator or an officer out (issue 9).
    keeps_own_rights = user is not None and (
        user.is_staff or user.is_superuser or OrganisationOfficer.objects.filter(user=user).exists()
    )
    try:
        member.delete()
    except (ProtectedError, RestrictedError):
        raise ValidationError(_("Không thể xóa đoàn viên này vì còn dữ liệu khác gắn với đoàn viên.")) from None
    if user is not None and user.is_active and not keeps_own_rights:
        login_lock(user=user)
