"""Yearly ratings (xếp loại): of one member, of the branch, and of a page of members at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from chidoan.lib import figures_cache
from chidoan.lib.locking import lock_versions, save_if_unchanged, stale_error
from members import rules
from members.models import BranchRating, Member, MemberRating, Organisation

RATING_ROW_FIELDS = ["level", "participation_percent", "note", "version"]

R = TypeVar("R", MemberRating, BranchRating)


def _save_rating(rating: MemberRating | BranchRating, *, created: bool, expected_version: int | None = None) -> None:
    """Create the year's rating, or change the one read under lock over the version the user's form
    was opened on (`expected_version`; None: as it stands now, for a step that has just read it)."""
    if not created:
        save_if_unchanged(rating, expected_version=rating.version if expected_version is None else expected_version)
        return
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError as exc:  # the same year rated at the same moment by someone else
        raise stale_error() from exc


def _year_rating(model: type[R], *, year: int, **rated: Member | Organisation) -> tuple[R, bool]:
    """The year's rating of who is `rated`, locked, or a new one (True: not saved yet).

    Who is rated is locked first: two ratings of the same year go one after the other, so the
    second finds the first's rating (and its version) rather than a free year.
    """
    for who in rated.values():
        type(who)._default_manager.select_for_update().filter(pk=who.pk).values_list("pk", flat=True).get()
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
def branch_rating_set(
    *, branch: Organisation, year: int, level: str, rank_note: str = "", expected_version: int | None = None
) -> BranchRating:
    """Rate the branch for a year; a second rating of the same year replaces the first.

    `expected_version` is the version of that year's rating when the user's form was opened (0: not
    rated then): a rating saved meanwhile, or given at the same moment, is refused (StaleEditError)
    rather than overwritten. None (the demo, a step of another service) takes the year as it stands.
    """
    rules.check_is_branch(branch)
    rating, created = _year_rating(BranchRating, year=year, branch=branch)
    rating.level, rating.rank_note = level, rank_note
    rating.full_clean()
    _save_rating(rating, created=created, expected_version=expected_version)
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
    A constant number of queries whatever the number of rows: the members of the page are locked
    (two pages rating the same members go one after the other, so the second sees the first's
    ratings and is refused as stale, even for a member nobody had rated), that year's ratings of
    these members are read and locked once, then created and updated in bulk, with their history.
    """
    wanted = [(index, row) for index, row in enumerate(rows) if row.level]
    if not wanted:
        return 0
    # In primary-key order, so two pages sharing members never wait for each other in a circle.
    members = {row.member.pk for _index, row in wanted}
    list(Member.objects.select_for_update().filter(pk__in=members).order_by("pk").values_list("pk", flat=True))
    existing = {
        rating.member_id: rating
        for rating in MemberRating.objects.select_for_update().filter(year=year, member_id__in=members)
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
    except IntegrityError as exc:  # rated at the same moment elsewhere (member_rating_set): the page is stale
        raise stale_error() from exc
    figures_cache.invalidate_branches({row.member.branch_id for _index, row in wanted})  # bulk writes: no signal
    return len(to_create) + len(to_update)
