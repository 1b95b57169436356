"""Yearly ratings (xếp loại): of one member, of the branch, and of a page of members at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from chidoan.lib.locking import lock_versions, save_if_unchanged, stale_error
from members import rules
from members.models import BranchRating, Member, MemberRating, Organisation

RATING_ROW_FIELDS = ["level", "participation_percent", "note", "version"]

R = TypeVar("R", MemberRating, BranchRating)


def _save_rating(rating: MemberRating | BranchRating, *, created: bool) -> None:
    """Create the year's rating, or change the one read under lock (its version moves on)."""
    if not created:
        save_if_unchanged(rating, expected_version=rating.version)
        return
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError as exc:  # the same year rated at the same moment by someone else
        raise stale_error() from exc


def _year_rating(model: type[R], *, year: int, **rated: object) -> tuple[R, bool]:
    """The year's rating of who is `rated`, locked, or a new one (True: not saved yet)."""
    rating = model.objects.select_for_update().filter(year=year, **rated).first()
    return (rating, False) if rating is not None else (model(year=year, **rated), True)


@transaction.atomic
def member_rating_set(
    *,
    member: Member,
    year: int,
    level: str,
    participation_percent: Decimal | None = None,
    note: str = "",
) -> MemberRating:
    """Rate a member for a year; a second rating of the same year replaces the first."""
    refusal = rules.rating_level_error(level=level, participation_percent=participation_percent)
    if refusal:
        raise ValidationError({"level": refusal})
    rating, created = _year_rating(MemberRating, year=year, member=member)
    rating.level, rating.participation_percent, rating.note = level, participation_percent, note
    rating.full_clean()
    _save_rating(rating, created=created)
    return rating


@transaction.atomic
def branch_rating_set(*, branch: Organisation, year: int, level: str, rank_note: str = "") -> BranchRating:
    """Rate the branch for a year; a second rating of the same year replaces the first."""
    rules.check_is_branch(branch)
    rating, created = _year_rating(BranchRating, year=year, branch=branch)
    rating.level, rating.rank_note = level, rank_note
    rating.full_clean()
    _save_rating(rating, created=created)
    return rating


@dataclass(frozen=True)
class RatingRow:
    """One line of the yearly rating table as the page sent it."""

    member: Member
    level: str  # "" leaves the member as they are
    version: int  # of the member's rating that year when the page was opened; 0: not rated then
    participation_percent: Decimal | None = None
    note: str = ""


def _rating_row_errors(rating: MemberRating) -> list[str]:
    """What is wrong with one line of the rating table, in Vietnamese (no query)."""
    errors: list[str] = []
    refusal = rules.rating_level_error(level=rating.level, participation_percent=rating.participation_percent)
    if refusal:
        errors.append(refusal)
    try:
        # The member is the one given (no lookup); one rating a year is ensured by the lock below
        # and by the database constraint.
        rating.full_clean(exclude=["member"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.extend(exc.messages)
    return errors


@transaction.atomic
def member_ratings_set(*, year: int, rows: list[RatingRow]) -> int:
    """Rate many members for one year at once: all saved, or none if any line is refused.

    A row without a level is skipped. The page is refused whole (StaleEditError) if one of its
    ratings was changed, or given, since the page was opened. Other refusals raise ValidationError
    whose error_dict is keyed by the row's index ("0", "1"…).
    A constant number of queries whatever the number of rows: that year's ratings of these
    members are read and locked once, then created and updated in bulk, with their history.
    """
    wanted = [(index, row) for index, row in enumerate(rows) if row.level]
    if not wanted:
        return 0
    existing = {
        rating.member_id: rating
        for rating in MemberRating.objects.select_for_update().filter(
            year=year, member_id__in={row.member.pk for _index, row in wanted}
        )
    }
    opened = {existing[row.member.pk].pk: row.version for _index, row in wanted if row.member.pk in existing}
    lock_versions(MemberRating.objects.all(), opened)
    errors: dict[str, list[str]] = {}
    to_create: list[MemberRating] = []
    to_update: list[MemberRating] = []
    seen: set[int] = set()
    for index, row in wanted:
        if row.member.pk in seen:
            errors[str(index)] = [_("Đoàn viên %(name)s có hai dòng trong bảng.") % {"name": row.member.full_name}]
            continue
        seen.add(row.member.pk)
        rating = existing.get(row.member.pk)
        if rating is None:
            rating = MemberRating(member=row.member, year=year)
            to_create.append(rating)
        else:
            # lock_versions has checked the version the page was opened on; the bulk write moves it on.
            rating.version = row.version + 1
            to_update.append(rating)
        rating.level = row.level
        rating.participation_percent = row.participation_percent
        rating.note = row.note
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
