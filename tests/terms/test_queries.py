"""Query-count guards of the workspace pages: each measured at two sizes (tests/queries.py), the counts equal."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from terms import selectors, services
from terms.models import CommitteeRole, CommitteeSeat, ProgressEntry, SeatEndKind, Target, TargetKind
from tests.members.factories import MemberFactory
from tests.terms.pages import login, seat_of, url

D = datetime.date


# Query-count guards: each page measured at two sizes (tests/queries.py) ----------------------------------


@pytest.mark.parametrize("page", ["committee", "committee_export"])
def test_the_committee_page_costs_the_same_for_more_seats_changes_and_assignments(
    client, roles, demo_term, demo_branch, assert_constant_queries, page
):
    """Prevents one query per seat (and per change) for its member: committee_seats' select_related("member"),
    and one per assignment for its member: assignments_of_term's select_related("member"). The page's
    spreadsheet (committee_export) reads the same seats and changes."""
    demo_branch.committee_max_size = 50
    demo_branch.save()
    login(client, roles, "secretary")

    def build(n: int) -> str:
        for _ in range(n):
            member = MemberFactory(branch=demo_branch)
            seat = services.seat_add(term=demo_term, member=member, role=CommitteeRole.MEMBER, started_on=D(2023, 1, 5))
            services.seat_end(seat=seat, on=D(2024, 1, 5), end_kind=SeatEndKind.REMOVED, reason="thử")
            services.assignment_set(term=demo_term, member=member, area=f"Mảng {member.pk}")
        return url(page)

    assert_constant_queries(build, client=client, sizes=(2, 6))


def test_the_assignments_page_costs_the_same_for_more_assignments(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per assignment for the member looking after it: assignments_of_term's select_related."""
    login(client, roles, "secretary")
    committee = list(selectors.committee_members(term=demo_term))

    def build(n: int) -> str:
        for i in range(n):
            area = f"Mảng thử {demo_term.assignments.count()}"
            services.assignment_set(term=demo_term, member=committee[i % len(committee)], area=area)
        return url("assignments")

    assert_constant_queries(build, client=client, sizes=(3, 9))


def _target_with_readings(demo_term, name: str, responsible) -> Target:
    target = services.target_create(
        resolution=demo_term.resolution, name=name, kind=TargetKind.NUMBER,
        planned_value=Decimal(10), unit="buổi", responsible=responsible,
    )  # fmt: skip
    for month in (3, 6, 9):
        ProgressEntry.objects.create(target=target, recorded_on=D(2023, month, 1), value=Decimal(month))
    return target


def test_the_targets_page_costs_the_same_for_more_targets_and_progress(
    client, roles, demo_term, assert_constant_queries
):
    """Prevents one query per target for its progress entries, its responsible member and its term (outcome_on):
    targets_of_term's prefetch_related("progress_entries") and select_related("resolution__term", "responsible")."""
    login(client, roles, "committee")
    hang = seat_of(demo_term, "Đặng Tuyết Hằng").member

    def build(n: int) -> str:
        for _ in range(n):
            _target_with_readings(demo_term, f"chỉ tiêu {Target.objects.count()}", hang)
        return url("targets")

    assert_constant_queries(build, client=client, sizes=(3, 9))
    page = client.get(url("targets")).content.decode()
    assert page.count("Ghi tiến độ") >= 12  # the committee member records progress on the targets they look after


def test_a_target_history_costs_the_same_for_more_readings(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per reading for who recorded it: target_of_branch's select_related("recorded_by__member")."""
    login(client, roles, "officer")
    target = _target_with_readings(demo_term, "chỉ tiêu có lịch sử", None)
    recorders = [roles.secretary, roles.deputy, roles.committee]

    def build(n: int) -> str:
        for i in range(n):
            services.progress_record(
                target=target, recorded_on=D(2023, 10, 1) + datetime.timedelta(days=target.progress_entries.count()),
                value=Decimal(9), by=recorders[i % len(recorders)], reason_behind="thử",
            )  # fmt: skip
        return url("target_history", target.pk)

    assert_constant_queries(build, client=client, sizes=(3, 9))


def test_a_seat_history_costs_the_same_for_more_role_changes(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per version of the member's seats for who saved it (chidoan.lib.history's
    select_related("history_user__member")), however long the chain of seats grows."""
    login(client, roles, "officer")
    secretary = Client()
    secretary.force_login(roles.secretary)  # changes made on the page, so that the history knows who made them
    member = seat_of(demo_term, "Hoàng Phạm Phương Nhi").member
    first = seat_of(demo_term, "Hoàng Phạm Phương Nhi").pk
    roles_in_turn = [CommitteeRole.MEMBER, CommitteeRole.DEPUTY]

    def build(n: int) -> str:
        for _ in range(n):
            seats = CommitteeSeat.objects.filter(term=demo_term, member=member)
            open_seat = seats.get(ended_on__isnull=True)
            on = D(2023, 1, 1) + datetime.timedelta(days=seats.count())
            response = secretary.post(
                url("seat_role", open_seat.pk),
                {"role": roles_in_turn[(seats.count() - 1) % 2], "on": on.isoformat(), "version": open_seat.version},
            )
            assert response.status_code == 302
        return url("seat_history", first)

    assert_constant_queries(build, client=client, sizes=(2, 6))
