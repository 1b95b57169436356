"""Reads of members that span models: the member list with its filters, counts by status and age.

Committee seats live in the terms app, a layer above; the member list is
given them by its caller (`Access.seats`, a lazy QuerySet of the current
term's seats), so this module imports nothing of terms.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from members.models import (
    MAX_AGE,
    MAX_AGE_LEADERSHIP,
    STATUS_AFTER,
    Member,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    StatusChangeKind,
    age_on,
)

# "Near coming of age": will pass the age limit within this many days.
NEAR_AGE_DAYS = 365


def _kinds_for(status: str) -> list[str]:
    return [kind for kind, after in STATUS_AFTER.items() if after == status]


def seats_held_on(seats: QuerySet, on: datetime.date) -> QuerySet:
    """The seats of `seats` (committee seats of one term) held on `on`."""
    return seats.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def _add_days(d: datetime.date, days: int) -> datetime.date:
    return d + datetime.timedelta(days=days)


def near_age_condition(on: datetime.date) -> Q:
    """Members who pass their age limit (30, or 35 with a leadership role) within a year of `on`, or already have."""
    horizon = _add_days(on, NEAR_AGE_DAYS)
    condition = Q()
    for exemption, limit in ((False, MAX_AGE), (True, MAX_AGE_LEADERSHIP)):
        # Over the limit means aged limit + 1; that birthday falls on or before the horizon.
        try:
            latest_birth = horizon.replace(year=horizon.year - (limit + 1))
        except ValueError:
            latest_birth = horizon.replace(year=horizon.year - (limit + 1), day=28)
        condition |= Q(leadership_exemption=exemption, date_of_birth__lte=latest_birth)
    return condition


@dataclass(frozen=True)
class MemberFilters:
    query: str = ""
    status: str = MemberStatus.ACTIVE  # "" for every status
    committee: bool = False
    near_age: bool = False


def member_list(*, branch: Organisation, on: datetime.date, seats: QuerySet, filters: MemberFilters) -> QuerySet:
    """The branch's members in Vietnamese name order, each annotated with status and committee role on `on`.

    A fixed number of queries whatever the number of members: status and role
    are subqueries, not per-row lookups.
    """
    held = seats_held_on(seats, on)
    role = held.filter(member=OuterRef("pk")).order_by("started_on").values("role_label")[:1]
    members = (
        Member.objects.filter(branch=branch)
        .with_status_on(on)
        .annotate(committee_role=Subquery(role))
        .select_related("user")
        .in_name_order()
    )
    if filters.query:
        members = members.search(filters.query)
    if filters.status:
        members = members.filter(last_change_kind__in=_kinds_for(filters.status))
    if filters.committee:
        members = members.filter(Exists(held.filter(member=OuterRef("pk"))))
    if filters.near_age:
        members = members.filter(near_age_condition(on))
    return members


def status_of(member: Member) -> str | None:
    """The status from the `last_change_kind` annotation of `with_status_on`."""
    kind = getattr(member, "last_change_kind", None)
    return STATUS_AFTER[kind] if kind else None


def status_counts(*, branch: Organisation, on: datetime.date) -> dict[str, int]:
    """How many members of the branch are in each status on `on` (one query)."""
    rows = (
        Member.objects.filter(branch=branch)
        .with_status_on(on)
        .values("last_change_kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counter[str] = Counter()
    for row in rows:
        if row["last_change_kind"]:
            counts[STATUS_AFTER[row["last_change_kind"]]] += row["n"]
    return {status: counts.get(status, 0) for status in MemberStatus.values}


@dataclass(frozen=True)
class AgeBand:
    label: str
    lowest: int
    highest: int | None  # None: no upper bound
    total: int = 0
    near_limit: int = 0  # will pass their limit within a year
    over_limit: int = 0  # past their limit, not yet recorded as came of age


AGE_BANDS = [("16 – 20", 16, 20), ("21 – 25", 21, 25), ("26 – 28", 26, 28), ("29 – 30", 29, 30), ("Trên 30", 31, None)]


def active_age_bands(*, branch: Organisation, on: datetime.date) -> list[AgeBand]:
    """Active members by age band, with how many are near or past coming of age (one query)."""
    rows = Member.objects.filter(branch=branch).active_on(on).values_list("date_of_birth", "leadership_exemption")
    horizon = _add_days(on, NEAR_AGE_DAYS)
    tallies = {label: [0, 0, 0] for label, _low, _high in AGE_BANDS}
    for born, exempt in rows:
        age = age_on(born, on)
        limit = MAX_AGE_LEADERSHIP if exempt else MAX_AGE
        label = next(
            (lbl for lbl, low, high in AGE_BANDS if age >= low and (high is None or age <= high)), AGE_BANDS[0][0]
        )
        tally = tallies[label]
        tally[0] += 1
        if age > limit:
            tally[2] += 1
        elif age_on(born, horizon) > limit:
            tally[1] += 1
    return [
        AgeBand(label, low, high, total=t[0], near_limit=t[1], over_limit=t[2])
        for (label, low, high), t in zip(AGE_BANDS, tallies.values(), strict=True)
    ]


def member_detail(*, branch: Organisation, pk: int, on: datetime.date) -> Member:
    """One member of `branch` with their status history, ratings and committee seats; Member.DoesNotExist otherwise.

    The seats (of the terms app) come through the reverse relation, in the page's order (latest first).
    """
    return (
        Member.objects.filter(branch=branch)
        .with_status_on(on)
        .select_related("user", "user__account_state")
        .prefetch_related(
            Prefetch("status_changes", queryset=MemberStatusChange.objects.select_related("recorded_by")),
            Prefetch("ratings", queryset=MemberRating.objects.order_by("-year")),
            "committee_seats__term",
        )
        .get(pk=pk)
    )


def ratings_table(*, branch: Organisation, year: int) -> list[tuple[Member, MemberRating | None]]:
    """Members active at some point of `year`, each with their rating for that year (two queries)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active_kinds = _kinds_for(MemberStatus.ACTIVE)
    members = list(
        Member.objects.filter(branch=branch)
        .with_status_on(end)
        .annotate(
            was_active=Exists(
                MemberStatusChange.objects.filter(member=OuterRef("pk"), on__lte=end, kind__in=active_kinds)
            )
        )
        .filter(Q(last_change_kind__in=active_kinds) | Q(status_changes__on__gte=start, status_changes__on__lte=end))
        .filter(was_active=True)
        .distinct()
        .in_name_order()
    )
    ratings = {r.member_id: r for r in MemberRating.objects.filter(member__in=members, year=year)}
    return [(m, ratings.get(m.pk)) for m in members]


LEAVING_KINDS = [
    StatusChangeKind.TRANSFERRED_OUT,
    StatusChangeKind.CAME_OF_AGE,
    StatusChangeKind.LEFT,
    StatusChangeKind.REMOVED,
]
