"""The dashboard's members at a glance: counts by status, the active members by age band.

One SQL aggregate over each member's latest status change (members.selectors.latest_changes_on),
counted in the branch each member belonged to on the day (members.selectors.members_of_branch_on).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from members import rules
from members.models import (
    STATUS_AFTER,
    Member,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    StatusChangeKind,
    Transfer,
    TransferState,
    kinds_leading_to,
)
from members.selectors import latest_changes_on, members_of_branch_on


@dataclass(frozen=True)
class AgeBand:
    label: str
    lowest: int
    highest: int | None  # None: no upper bound
    total: int = 0
    near_limit: int = 0  # will pass their limit within a year
    over_limit: int = 0  # past their limit, not yet recorded as came of age


AGE_BANDS = [("16 – 20", 16, 20), ("21 – 25", 21, 25), ("26 – 28", 26, 28), ("29 – 30", 29, 30), ("Trên 30", 31, None)]


@dataclass(frozen=True)
class BranchFigures:
    """The dashboard's members at a glance: how many in each status, the active ones by age band."""

    statuses: dict[str, int]
    bands: list[AgeBand]


def _born_for_band(on: datetime.date, lowest: int, highest: int | None, *, first: bool) -> Q:
    """Born so as to be `lowest` to `highest` years old on `on` (the first band also holds anyone younger).

    Aged at least N on `on` is born on or before rules.years_before(on, N), the same rule as
    rules.age_on, 29 February included.
    """
    condition = Q()
    if not first:
        condition &= Q(member__date_of_birth__lte=rules.years_before(on, lowest))
    if highest is not None:
        condition &= Q(member__date_of_birth__gt=rules.years_before(on, highest + 1))
    return condition


def _over_age(on: datetime.date, *, prefix: str = "member__") -> Q:
    """Past the age limit on `on` (rules.age_flags' first flag); `prefix` leads from the queryset to the member."""
    condition = Q()
    for exemption in (False, True):
        limit = rules.age_limit(leadership_exemption=exemption)
        born = rules.years_before(on, limit + 1)
        condition |= Q(**{f"{prefix}leadership_exemption": exemption, f"{prefix}date_of_birth__lte": born})
    return condition


def branch_figures(*, branch: Organisation, on: datetime.date) -> BranchFigures:
    """Status counts and the active members' age bands on `on`: one SQL aggregate, and one count of
    the members transferred away inside the installation (_transferred_away).

    Members count in the branch they belonged to on `on` (members_of_branch_on); the age
    flags are those of rules.age_flags: over the limit, or not yet but within a year.
    """
    active = Q(kind__in=kinds_leading_to(MemberStatus.ACTIVE))
    over = _over_age(on)
    near = _over_age(rules.near_age_horizon(on)) & ~over
    aggregates: dict[str, Count] = {
        f"status_{status}": Count("pk", filter=Q(kind__in=kinds_leading_to(status))) for status in MemberStatus.values
    }
    for index, (_label, lowest, highest) in enumerate(AGE_BANDS):
        band = active & _born_for_band(on, lowest, highest, first=index == 0)
        aggregates[f"band{index}"] = Count("pk", filter=band)
        aggregates[f"band{index}_near"] = Count("pk", filter=band & near)
        aggregates[f"band{index}_over"] = Count("pk", filter=band & over)
    members = members_of_branch_on(branch=branch, on=on).values("pk")
    row = latest_changes_on(on).filter(member__in=members).aggregate(**aggregates)
    statuses = {status: row[f"status_{status}"] for status in MemberStatus.values}
    statuses[STATUS_AFTER[StatusChangeKind.TRANSFERRED_OUT]] += _transferred_away(branch=branch, on=on, members=members)
    return BranchFigures(
        statuses=statuses,
        bands=[
            AgeBand(
                label,
                lowest,
                highest,
                total=row[f"band{index}"],
                near_limit=row[f"band{index}_near"],
                over_limit=row[f"band{index}_over"],
            )
            for index, (label, lowest, highest) in enumerate(AGE_BANDS)
        ],
    )


def _accepted_inside() -> QuerySet[Transfer]:
    return Transfer.objects.filter(state=TransferState.ACCEPTED, to_branch__isnull=False)


def _transferred_away(*, branch: Organisation, on: datetime.date, members: QuerySet[Any]) -> int:
    """Members the branch had transferred to another branch of the installation by `on` (one query).

    The accepted transfer moved their row away, so they are not among `members` (the branch's on
    `on`); they count as "Đã chuyển sinh hoạt" as a member transferred outside the installation does,
    whose row stays. Once each, and not at all if they have come back.
    """
    left = _accepted_inside().filter(from_branch=branch, decided_on__lte=on).values("member")
    return Member.objects.filter(pk__in=left).exclude(pk__in=members).count()


def active_count(*, branch: Organisation, on: datetime.date) -> int:
    """How many members of the branch are active on `on` (one count over each member's latest change)."""
    members = members_of_branch_on(branch=branch, on=on).values("pk")
    return latest_changes_on(on).filter(member__in=members, kind__in=kinds_leading_to(MemberStatus.ACTIVE)).count()


def status_counts(*, branch: Organisation, on: datetime.date) -> dict[str, int]:
    """How many members of the branch are in each status on `on` (two queries: branch_figures)."""
    return branch_figures(branch=branch, on=on).statuses


def active_age_bands(*, branch: Organisation, on: datetime.date) -> list[AgeBand]:
    """Active members by age band, with how many are near or past coming of age (one query: branch_figures)."""
    return branch_figures(branch=branch, on=on).bands


def figures_by_branch(*, branches: QuerySet[Organisation], on: datetime.date) -> dict[int, dict[str, int]]:
    """Per branch of `branches`: its members in each status on `on`, and its active members near or
    past their age limit (keys "near_age", "over_age"), counted in each member's current branch.

    One query: the branches' members (with their age flags) joined to each member's latest change
    on `on` (the change latest_changes_on picks: the latest day, then the highest pk), grouped by
    branch, status change kind and flags. On PostgreSQL the latest change is a DISTINCT ON over
    every member, read in order from the covering index status_member_latest (an index-only scan,
    no sort) before the join; at 100,000 members it beat latest_changes_on's parallel anti-join
    (15 interleaved rounds, load average 8: 286 against 345 ms median, bench/officer_overview.py's
    data). Filtering it by the branches as well made the planner sort all the changes on disk at
    the province level (426 against 246 ms) for no gain on a bloc of 50 branches (79 against 72).
    SQLite has no DISTINCT ON and keeps the anti-join (filtered). The join and the grouping are the
    same SQL over either.
    """
    over = _over_age(on, prefix="")
    near = _over_age(rules.near_age_horizon(on), prefix="") & ~over
    members = (
        Member.objects.filter(branch__in=branches.values("pk"))
        .order_by()
        .values(
            "id",
            "branch_id",
            is_over=ExpressionWrapper(over, output_field=BooleanField()),
            is_near=ExpressionWrapper(near, output_field=BooleanField()),
        )
    )
    if connection.features.can_distinct_on_fields:
        changes = MemberStatusChange.objects.filter(on__lte=on)
        latest = changes.order_by("member_id", "-on", "-pk").distinct("member_id")
    else:
        latest = latest_changes_on(on).filter(member__branch__in=branches.values("pk")).order_by()
    members_sql, members_params = members.query.sql_with_params()
    latest_sql, latest_params = latest.values("member_id", "kind").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT "m"."branch_id", "l"."kind", "m"."is_over", "m"."is_near", COUNT(*)'
            f' FROM ({members_sql}) "m" INNER JOIN ({latest_sql}) "l" ON "l"."member_id" = "m"."id"'
            " GROUP BY 1, 2, 3, 4",
            (*members_params, *latest_params),
        )
        grouped = cursor.fetchall()
    keys = [*MemberStatus.values, "near_age", "over_age"]
    result: dict[int, dict[str, int]] = {}
    for branch, kind, is_over, is_near, count in grouped:
        if branch not in result:
            result[branch] = dict.fromkeys(keys, 0)
        figures = result[branch]
        status = STATUS_AFTER.get(kind)  # each kind leads to one status (kinds_leading_to)
        if status is None:
            continue
        figures[status] += count
        if status == MemberStatus.ACTIVE:
            figures["over_age"] += count if is_over else 0
            figures["near_age"] += count if is_near else 0
    return result
