"""The dashboard's members at a glance: counts by status, the active members by age band.

One SQL aggregate over each member's latest status change (members.selectors.latest_changes_on),
counted in the branch each member belonged to on the day (members.selectors.members_of_branch_on).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from members import rules
from members.models import (
    STATUS_AFTER,
    Member,
    MemberStatus,
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


def _over_age(on: datetime.date) -> Q:
    """Past the age limit on `on` (rules.age_flags' first flag)."""
    condition = Q()
    for exemption in (False, True):
        limit = rules.age_limit(leadership_exemption=exemption)
        born = rules.years_before(on, limit + 1)
        condition |= Q(member__leadership_exemption=exemption, member__date_of_birth__lte=born)
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
