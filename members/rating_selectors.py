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
from django.db.models import Exists, OuterRef, Q, Subquery

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
    latest_change_kind,
)
from members.selectors import member_ids_found


def members_rated_in(*, branch: Organisation, year: int) -> MemberQuerySet:
    """The members of `branch` active at some point of `year`, in name order: the rows of the year's ratings.

    Active on the eve of the year, or made active during it (only an active member leaves, so a
    change during the year from an inactive status is a return). Both are asked of the branch's
    members only (MemberQuerySet.in_status_on: one index probe a member; an EXISTS), so the cost
    is the branch's members, not an anti-join over every status change of the installation.
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    made_active_during = MemberStatusChange.objects.filter(
        member=OuterRef("pk"), kind__in=kinds_leading_to(MemberStatus.ACTIVE), on__gte=start, on__lte=end
    )
    return (
        Member.objects.filter(branch=branch)
        .alias(kind_on_eve=latest_change_kind(start - datetime.timedelta(days=1)))
        .filter(Q(kind_on_eve__in=kinds_leading_to(MemberStatus.ACTIVE)) | Exists(made_active_during))
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


def _year_lines(*, branch: Organisation, year: int) -> list[tuple[int, str]]:
    """The year's members (members_rated_in) in name order, each with their level that year ("": not rated).

    One query: the table's ids under every filter and the counts by level all come from it (the
    level is one probe of the (member, year) unique index a member).
    """
    level = MemberRating.objects.filter(member=OuterRef("pk"), year=year).values("level")[:1]
    lines = members_rated_in(branch=branch, year=year).annotate(level_that_year=Subquery(level))
    return [(pk, level or "") for pk, level in lines.values_list("pk", "level_that_year")]


@dataclass(frozen=True)
class YearTable:
    """The rows of a year's ratings table (_year_lines): what every page, filter and count of it is read from."""

    branch: Organisation
    year: int
    lines: list[tuple[int, str]]

    @property
    def counts(self) -> RatingCounts:
        by_level = dict.fromkeys(RatingLevel.values, 0)
        for _pk, level in self.lines:
            if level in by_level:
                by_level[level] += 1
        return RatingCounts(by_level=by_level, total=len(self.lines))

    def ids(self, *, query: str, unrated_only: bool) -> list[int]:
        """The ids the filters leave, in name order (ratings_shown's, without asking the statuses again)."""
        lines = [(pk, level) for pk, level in self.lines if not (unrated_only and level)]
        if not query:
            return [pk for pk, _level in lines]
        key = hashlib.sha256(query.encode()).hexdigest()[:16]
        found: set[int] = figures_cache.cached(
            self.branch.pk, f"ratings-found:{key}", lambda: member_ids_found(branch=self.branch, query=query)
        )
        return [pk for pk, _level in lines if pk in found]


def year_table(*, branch: Organisation, year: int) -> YearTable:
    """The year's ratings table of `branch`, through the branch's figures cache.

    What grows with the branch is the set of members to rate (each one's status on the eve of the
    year, then who is rated): one query of the branch's members for the page's ids and for its
    counts, read once into the branch's figures cache (chidoan.lib.figures_cache, never stale:
    every write to the members, their status changes and their ratings bumps the branch's token;
    the year is in the key) when it is on, every time (still once a page) when it is off.
    """
    lines = figures_cache.cached(branch.pk, f"ratings-lines:{year}", lambda: _year_lines(branch=branch, year=year))
    return YearTable(branch=branch, year=year, lines=lines)


def ratings_page(*, table: YearTable, query: str, unrated_only: bool, number: Any, per_page: int) -> Page:
    """One page of the year's ratings table (members_rated_in, filtered): its members in name order.

    Paged on the table's ids (year_table), so a page asks the database only for its own rows.
    """
    ids = table.ids(query=query, unrated_only=unrated_only)
    page: Page = Paginator(ids, per_page).get_page(number)
    shown_ids = list(page.object_list)
    rows = Member.objects.in_bulk(shown_ids)
    page.object_list = [rows[pk] for pk in shown_ids if pk in rows]  # one deleted meanwhile is left out
    return page


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
