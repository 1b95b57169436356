"""The outgoing committee keeps reading its closed term's records, and changes nothing (issue 10).

After the next term begins, a member of the closed term's committee who was not elected again is
an ordinary member: the records of the new term stay closed to them, the histories of the term
they ran stay open (read only).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from chidoan.lib.dates import today
from members.models import Member
from terms import services
from terms.models import CommitteeRole, SeatEndKind, SeatStartKind, Target


@pytest.fixture
def next_term(demo_branch, demo_term):
    """The demo term closed yesterday; the new one began today with Lê Huỳnh Khắc Huy alone as Secretary."""
    starts = today()
    demo_term.ends_on = starts - datetime.timedelta(days=1)
    demo_term.save()
    for seat in demo_term.seats.open():
        services.seat_end(seat=seat, on=demo_term.ends_on, end_kind=SeatEndKind.TERM_ENDED)
    new = services.term_create(branch=demo_branch, starts_on=starts, ends_on=starts + datetime.timedelta(days=900))
    services.seat_add(
        term=new,
        member=Member.objects.get(branch=demo_branch, user__username="bithu"),
        role=CommitteeRole.SECRETARY,
        started_on=starts,
        start_kind=SeatStartKind.ELECTED,
        position=1,
    )
    return new


def test_the_outgoing_committee_member_reads_the_closed_terms_histories_only(client, roles, demo_term, next_term):
    client.force_login(roles.committee)  # Đặng Tuyết Hằng, on the closed term's committee, not on the new one
    slug = demo_term.branch.slug
    old_seat = demo_term.seats.get(member__user=roles.committee)
    new_seat = next_term.seats.get()
    target = Target.objects.filter(resolution__term=demo_term).first()

    assert client.get(reverse("terms:seat_history", kwargs={"slug": slug, "pk": old_seat.pk})).status_code == 200
    assert client.get(reverse("terms:target_history", kwargs={"slug": slug, "pk": target.pk})).status_code == 200
    assert client.get(reverse("terms:seat_history", kwargs={"slug": slug, "pk": new_seat.pk})).status_code == 403
    assert client.get(reverse("terms:seat_add", kwargs={"slug": slug})).status_code == 403


def test_an_ordinary_member_still_does_not_read_the_closed_terms_histories(client, roles, demo_term, next_term):
    client.force_login(roles.member)  # never on the committee
    old_seat = demo_term.seats.get(member__user=roles.committee)
    url = reverse("terms:seat_history", kwargs={"slug": demo_term.branch.slug, "pk": old_seat.pk})
    assert client.get(url).status_code == 403
