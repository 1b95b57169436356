"""The counts through a transfer: both branches' status counts and the dashboard, the day before, of and after.

Inside the installation the member row moves to the receiving branch when it accepts;
the sending branch still counts the member, as "Đã chuyển sinh hoạt", from that day on,
as it does for a member transferred outside the installation (whose row stays).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from chidoan.web import dashboard
from members import figures, services
from members.models import MemberStatus, Organisation
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory
from tests.members.helpers import member_named

pytestmark = pytest.mark.django_db

D = datetime.date
ASKED = D(2024, 9, 2)
DAY = D(2024, 9, 16)  # the transfer takes effect (accepted inside; recorded outside)
BEFORE, AFTER = DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=30)
DAYS = (BEFORE, DAY, AFTER)
ACTIVE, TRANSFERRED = MemberStatus.ACTIVE, MemberStatus.TRANSFERRED


@pytest.fixture
def branches():
    parent = ParentOrganisationFactory()
    sending, receiving = OrganisationFactory(parent=parent), OrganisationFactory(parent=parent)
    MemberFactory.create_batch(2, branch=sending)
    MemberFactory.create_batch(3, branch=receiving)
    return sending, receiving


def record(member, **destination):
    return services.transfer_record(
        member=member,
        requested_on=destination.pop("requested_on", ASKED),
        assessment="Hoàn thành tốt nhiệm vụ.",
        dues_paid_until=D(2024, 9, 30),
        **destination,
    )


def accept(transfer, on=DAY):
    return services.transfer_accept(
        transfer=transfer, branch=transfer.to_branch, expected_version=transfer.version, on=on
    )


def counts(branch, status) -> list[int]:
    return [figures.status_counts(branch=branch, on=day)[status] for day in DAYS]


def totals(branch) -> list[int]:
    return [sum(figures.status_counts(branch=branch, on=day).values()) for day in DAYS]


def test_inside_accepted_the_sender_counts_the_member_transferred_from_the_day_and_the_receiver_active(branches):
    sending, receiving = branches
    accept(record(MemberFactory(branch=sending), to_branch=receiving))
    assert counts(sending, ACTIVE) == [3, 2, 2]
    assert counts(sending, TRANSFERRED) == [0, 1, 1]
    assert totals(sending) == [3, 3, 3]
    assert counts(receiving, ACTIVE) == [3, 4, 4]
    assert counts(receiving, TRANSFERRED) == [0, 0, 0]
    assert totals(receiving) == [3, 4, 4]


def test_outside_the_sender_counts_the_member_transferred_from_the_day_and_no_branch_of_ours_gains_one(branches):
    sending, receiving = branches
    record(MemberFactory(branch=sending), to_text="Chi đoàn Công ty ABC, tỉnh Bình Dương", requested_on=DAY)
    assert counts(sending, ACTIVE) == [3, 2, 2]
    assert counts(sending, TRANSFERRED) == [0, 1, 1]
    assert totals(sending) == [3, 3, 3]
    assert counts(receiving, ACTIVE) == [3, 3, 3]
    assert totals(receiving) == [3, 3, 3]


def test_a_pending_transfer_counts_the_member_active_in_the_sender_only(branches):
    sending, receiving = branches
    record(MemberFactory(branch=sending), to_branch=receiving)
    assert counts(sending, ACTIVE) == [3, 3, 3]
    assert counts(sending, TRANSFERRED) == [0, 0, 0]
    assert counts(receiving, ACTIVE) == [3, 3, 3]


def test_a_member_who_moved_on_counts_transferred_once_in_each_branch_they_left(branches):
    first, second = branches
    third = OrganisationFactory()
    member = MemberFactory(branch=first)
    accept(record(member, to_branch=second))
    member.refresh_from_db()
    later = AFTER - datetime.timedelta(days=10)
    accept(record(member, to_branch=third, requested_on=later), on=later)
    # first: transferred from DAY on; second: active on DAY, transferred by AFTER; third: active by AFTER.
    assert counts(first, TRANSFERRED) == [0, 1, 1]
    assert counts(second, ACTIVE) == [3, 4, 3]
    assert counts(second, TRANSFERRED) == [0, 0, 1]
    assert counts(third, ACTIVE) == [0, 0, 1]
    assert counts(third, TRANSFERRED) == [0, 0, 0]


def test_a_member_who_came_back_counts_active_not_also_transferred(branches):
    first, second = branches
    member = MemberFactory(branch=first)
    accept(record(member, to_branch=second))
    member.refresh_from_db()
    back = AFTER - datetime.timedelta(days=10)
    accept(record(member, to_branch=first, requested_on=back), on=back)
    assert counts(first, ACTIVE) == [3, 2, 3]
    assert counts(first, TRANSFERRED) == [0, 1, 0]
    assert counts(second, ACTIVE) == [3, 4, 3]
    assert counts(second, TRANSFERRED) == [0, 0, 1]


def test_a_member_transferred_in_counts_nowhere_in_the_receiver_before_they_came(branches):
    """A member who joined `second` and later left it was never in `second` before joining: no "transferred" there."""
    first, second = branches
    third = OrganisationFactory()
    member = MemberFactory(branch=first)
    accept(record(member, to_branch=second, requested_on=AFTER), on=AFTER)
    member.refresh_from_db()
    final = AFTER + datetime.timedelta(days=5)
    accept(record(member, to_branch=third, requested_on=final), on=final)
    assert counts(second, TRANSFERRED) == [0, 0, 0]
    assert totals(second) == [3, 3, 4]


# The dashboard, as the parent organisation's officer sees both demo branches --------------------------


def dashboard_counts(client, branch, day, monkeypatch) -> dict[str, int]:
    monkeypatch.setattr(dashboard, "local_today", lambda: day)
    response = client.get(reverse("dashboard", kwargs={"slug": branch.slug}))
    assert response.status_code == 200
    return {key: n for key, _label, n in response.context["status_counts"]}


def test_the_dashboards_of_both_branches_stay_right_through_a_transfer_inside(client, roles, demo_branch, monkeypatch):
    receiving = Organisation.objects.get(slug="so-y-te-mau")
    client.force_login(roles.officer)
    day = D(2026, 9, 16)
    days = (day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=30))
    pairs = [(b, shown) for b in (demo_branch, receiving) for shown in days]
    before = {pair: dashboard_counts(client, *pair, monkeypatch) for pair in pairs}
    accept(record(member_named("Trang"), to_branch=receiving, requested_on=D(2026, 9, 2)), on=day)
    after = {pair: dashboard_counts(client, *pair, monkeypatch) for pair in pairs}
    moved = {
        (b, shown): (
            after[b, shown][ACTIVE] - before[b, shown][ACTIVE],
            after[b, shown][TRANSFERRED] - before[b, shown][TRANSFERRED],
        )
        for b, shown in pairs
    }
    assert [moved[demo_branch, shown] for shown in days] == [(0, 0), (-1, 1), (-1, 1)]
    assert [moved[receiving, shown] for shown in days] == [(0, 0), (1, 0), (1, 0)]
