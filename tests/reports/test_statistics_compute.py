"""The periodic statistics' figures: a built tree, the period's boundaries, transfers, and the query count."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Congress, CongressStatus
from members.models import (
    BranchRating,
    Gender,
    MemberRating,
    MemberStatusChange,
    OrganisationKind,
    RatingLevel,
    StatusChangeKind,
    Transfer,
    TransferState,
)
from reports.statistics.compute import statistics_compute
from reports.statistics.periods import Period
from terms.models import SeatEndKind
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory
from tests.terms.factories import SeatFactory, TermFactory

D = datetime.date
Q1 = Period.quarter(2025, 1)

pytestmark = pytest.mark.django_db


def _tree():
    province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE, name="Tỉnh đoàn Thử")
    district = ParentOrganisationFactory(parent=province, name="Đoàn cơ sở A")
    a1 = OrganisationFactory(parent=district, name="Chi đoàn A1")
    a2 = OrganisationFactory(parent=district, name="Chi đoàn A2")
    b1 = OrganisationFactory(parent=province, name="Chi đoàn B1")
    return province, district, a1, a2, b1


def _change(member, kind, on, **extra):
    if kind == StatusChangeKind.TRANSFERRED_OUT:
        extra = {"assessment": "Tốt", "dues_paid_until": on, **extra}
    return MemberStatusChange.objects.create(member=member, kind=kind, on=on, **extra)


def _row(stats, name):
    return next(row for row in stats.rows if row.name == name).figures


def test_a_member_admitted_on_the_last_day_counts_and_one_the_day_after_does_not():
    province, _district, a1, _a2, _b1 = _tree()
    MemberFactory(branch=a1, admitted_on=D(2025, 3, 31))
    MemberFactory(branch=a1, admitted_on=D(2025, 4, 1))
    MemberFactory(branch=a1, admitted_on=D(2025, 1, 1))
    MemberFactory(branch=a1, admitted_on=D(2024, 12, 31))
    figures = _row(statistics_compute(organisation=province, period=Q1), "Đoàn cơ sở A")
    assert figures["in_admitted"] == 2  # 1 January and 31 March, not 31 December nor 1 April
    assert figures["active"] == 3


def test_the_rows_are_the_children_and_the_total_their_sum():
    province, _district, a1, a2, b1 = _tree()
    MemberFactory.create_batch(3, branch=a1, gender=Gender.FEMALE)
    MemberFactory.create_batch(2, branch=a2, is_party_member=True)
    MemberFactory.create_batch(4, branch=b1)
    stats = statistics_compute(organisation=province, period=Q1)
    assert [row.name for row in stats.rows] == ["Đoàn cơ sở A", "Chi đoàn B1"]
    assert _row(stats, "Đoàn cơ sở A")["active"] == 5
    assert _row(stats, "Đoàn cơ sở A")["female"] == 3
    assert _row(stats, "Đoàn cơ sở A")["party"] == 2
    assert _row(stats, "Đoàn cơ sở A")["branches"] == 2
    assert stats.total.figures["active"] == 9
    assert stats.total.figures["male"] == 6
    # The second level: the branches of the district beside the province's own branch is a level further up.
    assert [row.name for row in stats.levels[1]] == ["Chi đoàn A1", "Chi đoàn A2"]


def test_statuses_on_the_last_day_and_changes_within_the_period():
    province, _district, _a1, _a2, b1 = _tree()
    left, aged, removed = MemberFactory.create_batch(3, branch=b1)
    _change(left, StatusChangeKind.LEFT, D(2025, 2, 1), reason="nghỉ việc")
    _change(aged, StatusChangeKind.CAME_OF_AGE, D(2025, 3, 31))
    _change(removed, StatusChangeKind.REMOVED, D(2025, 4, 1))
    figures = _row(statistics_compute(organisation=province, period=Q1), "Chi đoàn B1")
    assert (figures["active"], figures["left"], figures["came_of_age"], figures["removed"]) == (1, 1, 1, 0)
    assert (figures["in_left"], figures["in_came_of_age"], figures["in_removed"]) == (1, 1, 0)


def test_a_transfer_counts_out_of_the_sending_branch_and_into_the_receiving_one():
    province, _district, a1, _a2, b1 = _tree()
    member = MemberFactory(branch=b1)
    on = D(2025, 2, 10)
    Transfer.objects.create(
        member=member, from_branch=b1, to_branch=a1, requested_on=on, assessment="Tốt", dues_paid_until=on,
        state=TransferState.ACCEPTED, decided_on=on,
    )  # fmt: skip
    _change(member, StatusChangeKind.TRANSFERRED_OUT, on, destination=a1.name)
    member.branch = a1
    member.save()
    _change(member, StatusChangeKind.TRANSFERRED_IN, on, destination=b1.name)

    q1 = statistics_compute(organisation=province, period=Q1)
    assert _row(q1, "Chi đoàn B1")["in_transferred_out"] == 1
    assert _row(q1, "Đoàn cơ sở A")["in_transferred_in"] == 1
    assert _row(q1, "Đoàn cơ sở A")["active"] == 1
    assert _row(q1, "Chi đoàn B1")["active"] == 0
    # At the end of 2024 the member was still in B1: the old statistics do not change.
    q4 = statistics_compute(organisation=province, period=Period.quarter(2024, 4))
    assert _row(q4, "Chi đoàn B1")["active"] == 1
    assert _row(q4, "Đoàn cơ sở A")["active"] == 0


def test_ratings_of_the_period_year_congresses_and_vacant_seats():
    province, _district, a1, a2, b1 = _tree()
    member = MemberFactory(branch=a1)
    MemberRating.objects.create(member=member, year=2025, level=RatingLevel.EXCELLENT)
    MemberRating.objects.create(member=MemberFactory(branch=a1), year=2024, level=RatingLevel.GOOD)
    BranchRating.objects.create(branch=a2, year=2025, level=RatingLevel.GOOD)
    term = TermFactory(branch=a1, starts_on=D(2022, 9, 1), ends_on=D(2025, 2, 28))
    seat = SeatFactory(term=term)
    seat.ended_on, seat.end_kind, seat.end_reason = D(2024, 5, 1), SeatEndKind.LEFT, "nghỉ việc"
    seat.save()
    old = TermFactory(branch=b1, starts_on=D(2022, 3, 1), ends_on=D(2025, 1, 31))
    TermFactory(branch=b1, starts_on=D(2025, 2, 1), ends_on=D(2027, 7, 31))
    Congress.objects.create(
        closes_term=old, held_on=D(2025, 1, 20), status=CongressStatus.CLOSED,
        new_term_starts_on=D(2025, 2, 1), new_term_ends_on=D(2027, 7, 31),
    )  # fmt: skip
    stats = statistics_compute(organisation=province, period=Q1)
    district_figures = _row(stats, "Đoàn cơ sở A")
    assert district_figures["member_excellent"] == 1
    assert district_figures["member_good"] == 0  # rated for 2024, not the period's year
    assert district_figures["branch_good"] == 1
    assert district_figures["congress_due"] == 1  # A1's term ended 28/02/2025 with no congress
    assert (district_figures["committees_vacant"], district_figures["seats_vacant"]) == (1, 1)
    assert _row(stats, "Chi đoàn B1")["congress_held"] == 1
    assert _row(stats, "Chi đoàn B1")["congress_due"] == 0


def test_a_branch_is_its_own_single_row():
    _province, _district, a1, _a2, _b1 = _tree()
    MemberFactory.create_batch(3, branch=a1)
    stats = statistics_compute(organisation=a1, period=Q1)
    assert [row.name for row in stats.rows] == ["Chi đoàn A1"]
    assert stats.total.figures["active"] == 3


def _queries(organisation) -> int:
    with CaptureQueriesContext(connection) as captured:
        statistics_compute(organisation=organisation, period=Q1)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_branches():
    """One aggregate per kind of figure, grouped by branch: never a query per branch or per child."""
    province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE)

    def grow(n: int) -> int:
        for _ in range(n):
            district = ParentOrganisationFactory(parent=province)
            branch = OrganisationFactory(parent=district)
            MemberFactory.create_batch(2, branch=branch)
            TermFactory(branch=branch)
            BranchRating.objects.create(branch=branch, year=2025, level=RatingLevel.GOOD)
        return _queries(province)

    small = grow(3)
    large = grow(6)  # 9 in all: three times the first size
    assert small == large
