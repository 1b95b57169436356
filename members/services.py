"""Writes on organisations, members, their status history and ratings.

Every function validates before it saves and runs in one transaction: a
refused change raises ValidationError with a Vietnamese message and leaves
the database as it was.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from chidoan.lib.locking import save_if_unchanged
from members.models import (
    EXCELLENT_MIN_PARTICIPATION,
    MAX_AGE,
    STATUS_AFTER,
    AccountState,
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
    if kind not in STATUS_AFTER:
        raise ValidationError({"kind": _("Loại thay đổi tình trạng không hợp lệ.")})
    current = STATUS_AFTER[last.kind] if last else None
    becomes = STATUS_AFTER[kind]
    errors: dict[str, str] = {}
    if kind == StatusChangeKind.ADMITTED:
        # A re-admission is an admission: the same age rule as member_admit.
        try:
            check_admission_age(date_of_birth=member.date_of_birth, admitted_on=on)
        except ValidationError as refused:
            errors["on"] = refused.message_dict["admitted_on"][0]
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


# Logins ---------------------------------------------------------------------

# No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_PASSWORD_LENGTH = 10


def _one_time_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(ONE_TIME_PASSWORD_LENGTH))


@transaction.atomic
def account_grant(*, member: Member, username: str, by: AbstractBaseUser | None = None) -> tuple[Any, str]:
    """Give a member a login (or a new one-time password); returns the user and the password, to show once.

    The member must change the password at their next sign-in.
    """
    User = get_user_model()
    member = Member.objects.select_for_update().get(pk=member.pk)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Cần nhập tên đăng nhập.")})
    taken = User.objects.filter(username__iexact=username)
    if member.user_id:
        taken = taken.exclude(pk=member.user_id)
    if taken.exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    if not Member.objects.filter(pk=member.pk).active_on(timezone.localdate()).exists():
        raise ValidationError(_("Chỉ cấp tài khoản cho đoàn viên đang sinh hoạt."))
    user = member.user or User()
    user.username = username
    user.email = member.email
    user.first_name = member.given_name
    user.last_name = " ".join(p for p in (member.family_name, member.middle_name) if p)
    user.is_active = True
    password = _one_time_password()
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user"])
    AccountState.objects.update_or_create(
        user=user, defaults={"must_change_password": True, "granted_by": by, "granted_at": timezone.now()}
    )
    return user, password


@transaction.atomic
def account_revoke(*, member: Member) -> None:
    """Take a member's login away: the account is locked, not deleted, so history keeps who did what."""
    # Lock only the member row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if member.user is None or not member.user.is_active:
        raise ValidationError(_("Đoàn viên này không có tài khoản đang hoạt động."))
    user = member.user
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def account_password_changed(*, user: AbstractBaseUser) -> None:
    AccountState.objects.filter(user=user, must_change_password=True).update(must_change_password=False)


# Deleting -------------------------------------------------------------------


def member_delete_blockers(member: Member) -> list[str]:
    """Why a member cannot be deleted: deleting would erase part of the branch's history."""
    reasons = []
    if member.status_changes.count() > 1:
        reasons.append(_("đã có thay đổi tình trạng sau khi vào chi đoàn"))
    if member.committee_seats.exists():
        reasons.append(_("đã từng giữ chức danh trong Ban Chấp hành"))
    if member.responsible_targets.exists():
        reasons.append(_("đang phụ trách chỉ tiêu của nghị quyết"))
    if member.ratings.exists():
        reasons.append(_("đã có xếp loại hằng năm"))
    return reasons


@transaction.atomic
def member_delete(*, member: Member) -> None:
    """Delete a record entered by mistake; a member with a history is ended with a status change instead."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    reasons = member_delete_blockers(member)
    if reasons:
        raise ValidationError(
            _(
                "Không thể xóa đoàn viên này vì %(reasons)s. Hãy ghi nhận thay đổi tình trạng (chuyển sinh hoạt, rời chi đoàn…) thay vì xóa."
            )
            % {"reasons": "; ".join(reasons)}
        )
    user = member.user
    try:
        member.delete()
    except (ProtectedError, RestrictedError):
        raise ValidationError(_("Không thể xóa đoàn viên này vì còn dữ liệu khác gắn với đoàn viên.")) from None
    if user is not None and user.is_active:
        user.is_active = False
        user.set_unusable_password()
        user.save()


RATING_ROW_FIELDS = ["level", "participation_percent", "note", "version"]


def _rating_row_errors(rating: MemberRating) -> list[str]:
    """What is wrong with one line of the rating table, in Vietnamese (no query)."""
    errors: list[str] = []
    if rating.level == RatingLevel.EXCELLENT and (
        rating.participation_percent is None or rating.participation_percent < EXCELLENT_MIN_PARTICIPATION
    ):
        errors.append(_("Xếp loại “Hoàn thành xuất sắc nhiệm vụ” cần tỷ lệ tham gia sinh hoạt từ 90% trở lên."))
    try:
        # The member is the one given (no lookup); one rating a year is ensured by the lock below
        # and by the database constraint.
        rating.full_clean(exclude=["member"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.extend(exc.messages)
    return errors


@transaction.atomic
def member_ratings_set(*, year: int, rows: list[dict[str, Any]]) -> int:
    """Rate many members for one year at once: all saved, or none if any line is refused.

    `rows`: dicts with member, level, participation_percent, note; a row without a level is skipped.
    Raises ValidationError whose error_dict is keyed by the row's index ("0", "1"…).
    A constant number of queries whatever the number of rows: that year's ratings of these
    members are read (and locked) once, then created and updated in bulk, with their history.
    """
    wanted = [(index, row) for index, row in enumerate(rows) if row.get("level")]
    if not wanted:
        return 0
    existing = {
        rating.member_id: rating
        for rating in MemberRating.objects.select_for_update().filter(
            year=year, member_id__in={row["member"].pk for _index, row in wanted}
        )
    }
    errors: dict[str, list[str]] = {}
    to_create: list[MemberRating] = []
    to_update: list[MemberRating] = []
    seen: set[int] = set()
    for index, row in wanted:
        member: Member = row["member"]
        if member.pk in seen:
            errors[str(index)] = [_("Đoàn viên %(name)s có hai dòng trong bảng.") % {"name": member.full_name}]
            continue
        seen.add(member.pk)
        rating = existing.get(member.pk)
        if rating is None:
            rating = MemberRating(member=member, year=year)
            to_create.append(rating)
        else:
            rating.version += 1
            to_update.append(rating)
        rating.level = row["level"]
        rating.participation_percent = row.get("participation_percent")
        rating.note = row.get("note") or ""
        row_errors = _rating_row_errors(rating)
        if row_errors:
            errors[str(index)] = row_errors
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            if to_create:
                bulk_create_with_history(to_create, MemberRating)
            if to_update:
                bulk_update_with_history(to_update, MemberRating, fields=RATING_ROW_FIELDS)
    except IntegrityError as exc:  # another secretary rated one of them at the same moment
        raise ValidationError(
            _("Một đoàn viên trong bảng vừa được xếp loại ở nơi khác. Hãy tải lại trang và lưu lại.")
        ) from exc
    return len(to_create) + len(to_update)
