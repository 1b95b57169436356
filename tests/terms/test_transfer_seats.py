"""Accepting a transfer ends the seats the member holds in the sending branch's committee, on the day of the move."""

from __future__ import annotations

import datetime

import pytest

from chidoan.lib.locking import StaleEditError
from members import services as member_services
from members.models import Organisation
from terms import selectors, services
from terms.models import CommitteeRole, SeatEndKind
from tests.members.factories import MemberFactory, OrganisationFactory
from tests.terms.factories import SeatFactory, TermFactory

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = D(2024, 5, 16)


def pending(member, to_branch):
    return member_services.transfer_record(
        member=member, to_branch=to_branch, requested_on=D(2024, 5, 2), assessment="Tốt.", dues_paid_until=DAY
    )


def test_the_members_open_seat_in_the_sending_branch_ends_on_the_day_the_receiver_accepts():
    term = TermFactory()
    seat = SeatFactory(term=term, role=CommitteeRole.DEPUTY)
    other = SeatFactory(term=term)
    receiving = OrganisationFactory()
    accepted = services.transfer_accept(
        transfer=pending(seat.member, receiving), branch=receiving, expected_version=1, on=DAY
    )
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind, seat.end_reason) == (
        DAY,
        SeatEndKind.LEFT,
        f"Chuyển sinh hoạt đến {receiving.name}",
    )
    assert accepted.ended_seats == [seat]
    other.refresh_from_db()
    assert other.ended_on is None
    assert [s.member for s in selectors.committee_seats(term=term) if s.ended_on is None] == [other.member]


def test_a_seat_of_a_finished_term_or_one_already_ended_stays_as_it_was():
    member = MemberFactory()
    old = SeatFactory(
        term=TermFactory(branch=member.branch, starts_on=D(2019, 3, 1), ends_on=D(2021, 8, 31)), member=member
    )
    ended = SeatFactory(
        term=TermFactory(branch=member.branch),
        member=member,
        ended_on=D(2023, 1, 1),
        end_kind=SeatEndKind.LEFT,
        end_reason="Nghỉ việc",
    )
    receiving = OrganisationFactory()
    accepted = services.transfer_accept(
        transfer=pending(member, receiving), branch=receiving, expected_version=1, on=DAY
    )
    assert accepted.ended_seats == []
    old.refresh_from_db()
    ended.refresh_from_db()
    assert old.ended_on is None and ended.ended_on == D(2023, 1, 1)


def test_a_refused_acceptance_ends_no_seat():
    seat = SeatFactory()
    receiving = OrganisationFactory()
    transfer = pending(seat.member, receiving)
    with pytest.raises(StaleEditError):
        services.transfer_accept(transfer=transfer, branch=receiving, expected_version=7, on=DAY)
    seat.refresh_from_db()
    assert seat.ended_on is None
    assert Organisation.objects.filter(pk=receiving.pk, members=seat.member).exists() is False


def test_the_receiving_editor_accepts_on_the_page_and_is_told_the_seat_in_the_sending_branch_ended(client):
    from django.urls import reverse

    from members.models import OrganisationOfficer
    from tests.members.factories import UserFactory

    seat = SeatFactory(role=CommitteeRole.SECRETARY)
    receiving = OrganisationFactory()
    transfer = pending(seat.member, receiving)
    editor = UserFactory(username="bithu-nhan")
    OrganisationOfficer.objects.create(user=editor, organisation=receiving, can_edit=True)
    client.force_login(editor)
    address = reverse("terms:transfer_accept", kwargs={"slug": receiving.slug, "pk": transfer.pk})
    response = client.post(address, {"on": "16/05/2024", "version": 1}, follow=True)
    name = seat.member.full_name
    assert [str(m) for m in response.context["messages"]] == [
        f"Đã tiếp nhận {name} vào chi đoàn từ ngày 16/05/2024.",
        f"Chức danh Bí thư của {name} ở {seat.term.branch.name} kết thúc ngày 16/05/2024.",
    ]
    seat.refresh_from_db()
    assert seat.ended_on == DAY
    assert client.get(address).status_code == 405
