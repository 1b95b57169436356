"""Reads for the yearly ratings of members: who is rated in a year, the table's pages, the counts by level.

The members, their statuses and the list are in members.selectors; the dashboard's figures in members.figures.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q

from chidoan.lib import figures_cache
from members.models import (
    Member,
    MemberQuerySet,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    RatingLevel,
    kinds_leading_to,
)
from members.selectors import latest_changes_on


def members_rated_in(*, branch: Organisation, year: int) -> MemberQuerySet:
    """The members of `branch` active at some point of `year`, in name order: the rows of the year's ratings.

    Active on the eve of the year, or made active during it (only an active member leaves, so a
    change during the year from an inactive status is a return): two subqueries the database
    builds once (hashed), so it pages and counts without a lookup per member.
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active_kinds = kinds_leading_to(MemberStatus.ACTIVE)
    of_branch = MemberStatusChange.objects.filter(member__branch=branch, kind__in=active_kinds)
    active_before = latest_changes_on(start - datetime.timedelta(days=1)).filter(
        member__branch=branch, kind__in=active_kinds
    )
    made_active_during = of_branch.filter(on__gte=start, on__lte=end)
    return (
        Member.objects.filter(branch=branch)
        .filter(Q(pk__in=active_before.values("member_id")) | Q(pk__in=made_active_during.values("member_id")))
        .in_name_order()
    )


def unrated_in(members: MemberQuerySet, *, year: int) -> MemberQuerySet:
    """`members` without a rating for `year`."""
    return members.filter(~Exists(MemberRating.objects.filter(member=OuterRef("pk"), year=year)))


def ratings_shown(members: MemberQuerySet, *, year: int, query: str, unrated_only: bool) -> MemberQuerySet:
    """The lines the filters leave, still a query (the ratings page and its export)."""
    if unrated_only:
        members = unrated_in(members, year=year)
    if query:
        members = members.search(query)
    return members


def _ratings_part(name: str, *, year: int, query: str = "", unrated_only: bool = False) -> str:
    key = hashlib.sha256(query.encode()).hexdigest()[:16] if query else ""
    return f"{name}:{year}:{int(unrated_only)}:{key}"


def ratings_page(
    *, branch: Organisation, year: int, query: str, unrated_only: bool, number: Any, per_page: int
) -> Page:
    """One page of the year's ratings table (members_rated_in, filtered): its members in name order.

    What grows with the branch is the set of members to rate (each one's latest status change
    before the year, an anti-join over the branch's changes; then the not-yet-rated anti-join and
    the sort), about 40 ms at 5,000 members whichever page is shown. So the ids of the whole
    table, in order, are read once into the branch's figures cache (chidoan.lib.figures_cache,
    never stale: every write to the members, their status changes and their ratings bumps the
    branch's token; the year and the filters are in the key) and a page asks only its rows. With
    the cache off the ids are read every time: one query instead of a count and an OFFSET.
    """
    shown = ratings_shown(members_rated_in(branch=branch, year=year), year=year, query=query, unrated_only=unrated_only)
    part = _ratings_part("ratings-ids", year=year, query=query, unrated_only=unrated_only)
    ids: list[int] = figures_cache.cached(branch.pk, part, lambda: list(shown.values_list("pk", flat=True)))
    page: Page = Paginator(ids, per_page).get_page(number)
    shown_ids = list(page.object_list)
    rows = Member.objects.in_bulk(shown_ids)
    page.object_list = [rows[pk] for pk in shown_ids if pk in rows]  # one deleted meanwhile is left out
    return page


def year_rating_counts(*, branch: Organisation, year: int) -> RatingCounts:
    """rating_counts of the year's members (members_rated_in), through the branch's figures cache (as ratings_page)."""
    return figures_cache.cached(
        branch.pk,
        _ratings_part("rating-counts", year=year),
        lambda: rating_counts(members_rated_in(branch=branch, year=year), year=year),
    )


def with_ratings(members: Iterable[Member], *, year: int) -> list[tuple[Member, MemberRating | None]]:
    """Each of `members` (a page) with their rating for `year` (one query for the page)."""
    members = list(members)
    ratings = {r.member_id: r for r in MemberRating.objects.filter(member_id__in=[m.pk for m in members], year=year)}
    return [(m, ratings.get(m.pk)) for m in members]


@dataclass(frozen=True)
class RatingCounts:
    by_level: dict[str, int]
    total: int  # members to rate that year

    @property
    def unrated(self) -> int:
        return self.total - sum(self.by_level.values())


def rating_counts(members: MemberQuerySet, *, year: int) -> RatingCounts:
    """How many of `members` have each level for `year`, and how many there are (one aggregate)."""
    levels = RatingLevel.values
    # One rating a member and year (a unique constraint): the left join adds no rows.
    row = (
        members.order_by()
        .annotate(that_year=FilteredRelation("ratings", condition=Q(ratings__year=year)))
        .aggregate(total=Count("pk"), **{f"level_{lv}": Count("pk", filter=Q(that_year__level=lv)) for lv in levels})
    )
    return RatingCounts(by_level={level: row[f"level_{level}"] for level in levels}, total=row["total"])
