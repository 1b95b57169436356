"""Writes on organisations, members, their status history and ratings.

Every function validates before it saves and runs in one transaction: a
refused change raises ValidationError with a Vietnamese message and leaves
the database as it was.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.concurrency import save_if_unchanged
from members.models import (
    EXCELLENT_MIN_PARTICIPATION,
    MAX_AGE,
    STATUS_AFTER,
    BranchRating,
    Member,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    OrganisationKind,
    RatingLevel,
    StatusChangeKind,
    age_on,
)

MIN_ADMISSION_AGE = 15  # admitted from 15 years and one day, i.e. "in their 16th year"

MEMBER_DETAIL_FIELDS = {
    "family_name",
    "middle_name",
    "given_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "address",
    "workplace",
    "admitted_on",
    "card_number",
    "is_party_member",
    "party_admitted_on",
    "has_salary",
    "leadership_exemption",
    "notes",
}

CONTACT_FIELDS = {"phone", "email", "address", "workplace"}


def _birthday(born: datetime.date, years: int) -> datetime.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + years, month=3, day=1)


def check_admission_age(*, date_of_birth: datetime.date, admitted_on: datetime.date) -> None:
    if admitted_on <= _birthday(date_of_birth, MIN_ADMISSION_AGE):
        raise ValidationError(
            {"admitted_on": _("Chưa đủ tuổi kết nạp: phải từ 15 tuổi 1 ngày trở lên vào ngày kết nạp.")}
        )
    if age_on(date_of_birth, admitted_on) > MAX_AGE:
        raise ValidationError({"admitted_on": _("Quá tuổi kết nạp: không quá 30 tuổi vào ngày kết nạp.")})


def _require_branch(branch: Organisation) -> None:
    if branch.kind != OrganisationKind.BRANCH:
        raise ValidationError({"branch": _("Đoàn viên phải thuộc một chi đoàn.")})


def _clean_details(details: dict[str, Any]) -> dict[str, Any]:
    unknown = set(details) - MEMBER_DETAIL_FIELDS
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    return details


@transaction.atomic
def member_admit(
    *,
    branch: Organisation,
    admitted_on: datetime.date,
    by: AbstractBaseUser | None = None,
    **details: Any,
) -> Member:
    """Kết nạp: a new member admitted into this branch on `admitted_on`."""
    _require_branch(branch)
    member = Member(branch=branch, admitted_on=admitted_on, **_clean_details(details))
    member.full_clean()
    check_admission_age(date_of_birth=member.date_of_birth, admitted_on=admitted_on)
    member.save()
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.ADMITTED, on=admitted_on, recorded_by=by)
    return member


@transaction.atomic
def member_transfer_in(
    *,
    branch: Organisation,
    joined_on: datetime.date,
    came_from: str = "",
    by: AbstractBaseUser | None = None,
    **details: Any,
) -> Member:
    """Chuyển đến: a member admitted elsewhere joins this branch on `joined_on`."""
    _require_branch(branch)
    member = Member(branch=branch, **_clean_details(details))
    member.full_clean()
    if member.admitted_on and member.admitted_on > joined_on:
        raise ValidationError({"admitted_on": _("Ngày vào Đoàn không thể sau ngày chuyển đến.")})
    if member.admitted_on:
        check_admission_age(date_of_birth=member.date_of_birth, admitted_on=member.admitted_on)
    member.save()
    MemberStatusChange.objects.create(
        member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=joined_on, destination=came_from, recorded_by=by
    )
    return member


def member_status_on(member: Member, on: datetime.date) -> str | None:
    last = member.status_changes.filter(on__lte=on).order_by("-on", "-id").first()
    return STATUS_AFTER[last.kind] if last else None


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
    by: AbstractBaseUser | None = None,
) -> MemberStatusChange:
    """Record a dated status change: transfer out, came of age, left, removed, or back in."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    last = member.status_changes.order_by("-on", "-id").first()
    if last and on < last.on:
        raise ValidationError(
            {
                "on": _("Ngày thay đổi không thể trước lần thay đổi gần nhất (%(date)s).")
                % {"date": f"{last.on:%d/%m/%Y}"}
            }
        )
    current = STATUS_AFTER[last.kind] if last else None
    becomes = STATUS_AFTER[kind]
    errors: dict[str, str] = {}
    if becomes == MemberStatus.ACTIVE:
        if current == MemberStatus.ACTIVE:
            errors["kind"] = _("Đoàn viên đang sinh hoạt tại chi đoàn.")
    elif current != MemberStatus.ACTIVE:
        errors["kind"] = _("Chỉ thay đổi được tình trạng của đoàn viên đang sinh hoạt.")
    if kind == StatusChangeKind.TRANSFERRED_OUT:
        if not assessment.strip():
            errors["assessment"] = _("Chuyển sinh hoạt cần có nhận xét của chi đoàn.")
        if dues_paid_until is None:
            errors["dues_paid_until"] = _("Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào.")
    if kind in (StatusChangeKind.LEFT, StatusChangeKind.REMOVED) and not reason.strip():
        errors["reason"] = _("Cần ghi lý do (ví dụ: nghỉ việc).")
    if kind == StatusChangeKind.CAME_OF_AGE and member.age_on(on) < MAX_AGE:
        errors["on"] = _("Đoàn viên chưa đến tuổi trưởng thành Đoàn.")
    if errors:
        raise ValidationError(errors)
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


@transaction.atomic
def member_update(*, member: Member, expected_version: int, fields: set[str] | None = None, **changes: Any) -> Member:
    """Change a member's details; refused if someone else saved the member meanwhile."""
    allowed = MEMBER_DETAIL_FIELDS if fields is None else fields
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(member, name, value)
    member.full_clean()
    # Either date can make the admission age wrong; a member who transferred in was
    # held to the same rule on arrival (member_transfer_in), so every member is.
    if changes.keys() & {"admitted_on", "date_of_birth"} and member.admitted_on:
        check_admission_age(date_of_birth=member.date_of_birth, admitted_on=member.admitted_on)
    save_if_unchanged(member, expected_version=expected_version)
    return member


@transaction.atomic
def member_rating_set(
    *,
    member: Member,
    year: int,
    level: str,
    participation_percent: Decimal | None = None,
    note: str = "",
) -> MemberRating:
    if level == RatingLevel.EXCELLENT and (
        participation_percent is None or participation_percent < EXCELLENT_MIN_PARTICIPATION
    ):
        raise ValidationError(
            {"level": _("Xếp loại “Hoàn thành xuất sắc nhiệm vụ” cần tỷ lệ tham gia sinh hoạt từ 90% trở lên.")}
        )
    rating, _created = MemberRating.objects.select_for_update().get_or_create(
        member=member, year=year, defaults={"level": level}
    )
    rating.level = level
    rating.participation_percent = participation_percent
    rating.note = note
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def branch_rating_set(*, branch: Organisation, year: int, level: str, rank_note: str = "") -> BranchRating:
    _require_branch(branch)
    rating, _created = BranchRating.objects.select_for_update().get_or_create(
        branch=branch, year=year, defaults={"level": level}
    )
    rating.level = level
    rating.rank_note = rank_note
    rating.full_clean()
    rating.save()
    return rating
