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
from congress.models import Congress
from members import services as member_services
from members.models import Member, Organisation, StatusChangeKind
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


# A former seat holder who is no longer an active member of the branch (issue 10): came of age, left, or
# moved to another branch, with the login kept. They read the closed term's records, change nothing, and
# see nothing else of the branch (nor of any other branch they never served).


@pytest.fixture
def gone(roles, demo_term, next_term):
    """Đặng Tuyết Hằng (uyvien), on the closed term's committee, left the branch the day the new term began."""
    member = Member.objects.get(user=roles.committee)
    member_services.member_change_status(
        member=member,
        kind=StatusChangeKind.LEFT,
        on=next_term.starts_on,
        reason="Chuyển công tác.",
        dues_paid_until=next_term.starts_on,
    )
    return roles.committee


def closed_term_pages(demo_term, user) -> list[str]:
    slug = demo_term.branch.slug
    congress = Congress.objects.get(closes_term=demo_term)
    kwargs = {"slug": slug, "pk": congress.pk}
    return [
        reverse("terms:committee", kwargs={"slug": slug}) + f"?nhiem-ky={demo_term.slug}",
        reverse("reports:self_review", kwargs={"slug": slug, "term": demo_term.slug}),
        reverse("reports:self_review_docx", kwargs={"slug": slug, "term": demo_term.slug}),
        reverse("congress:detail", kwargs=kwargs),
        reverse("reports:congress_minutes", kwargs=kwargs),
        reverse("reports:congress_resolution", kwargs=kwargs),
        reverse("reports:congress_delegation", kwargs=kwargs),
        reverse(
            "terms:seat_history",
            kwargs={"slug": slug, "pk": demo_term.seats.get(member__user=user).pk},
        ),
    ]


def test_a_seat_holder_who_left_the_branch_still_reads_the_closed_terms_records(client, gone, demo_term):
    client.force_login(gone)
    for url in closed_term_pages(demo_term, gone):
        assert client.get(url).status_code == 200, url
    page = client.get(closed_term_pages(demo_term, gone)[0]).content.decode()
    assert "Đặng Tuyết Hằng" in page


def test_a_seat_holder_who_left_changes_nothing_of_the_closed_term(client, gone, demo_term):
    client.force_login(gone)
    slug = demo_term.branch.slug
    congress = Congress.objects.get(closes_term=demo_term)
    kwargs = {"slug": slug, "pk": congress.pk}
    posts = [
        reverse("congress:edit", kwargs=kwargs),
        reverse("terms:seat_add", kwargs={"slug": slug}),
        reverse("reports:self_review_edit", kwargs={"slug": slug, "term": demo_term.slug}),
        reverse("reports:self_review_issue", kwargs={"slug": slug, "term": demo_term.slug}),
        reverse("members:add", kwargs={"slug": slug}),
    ]
    version = congress.version
    for url in posts:
        assert client.post(url, {"place": "Nơi khác"}).status_code == 403, url
    congress.refresh_from_db()
    assert congress.version == version


def test_a_seat_holder_who_left_sees_nothing_else_of_the_branch_nor_other_branches(client, gone, demo_term, next_term):
    client.force_login(gone)
    slug = demo_term.branch.slug
    assert client.get(reverse("dashboard", kwargs={"slug": slug})).status_code == 404
    assert client.get(reverse("members:list", kwargs={"slug": slug})).status_code == 404
    # The committee page opens on the term they served, and offers no other.
    committee = client.get(reverse("terms:committee", kwargs={"slug": slug}))
    assert committee.status_code == 200 and committee.context["term"] == demo_term
    assert f"nhiem-ky={next_term.slug}" not in committee.content.decode()
    # The new term, which they never served: its committee page, its report, its seats.
    url = reverse("terms:committee", kwargs={"slug": slug}) + f"?nhiem-ky={next_term.slug}"
    assert client.get(url).status_code == 404
    url = reverse("reports:self_review", kwargs={"slug": slug, "term": next_term.slug})
    assert client.get(url).status_code == 404
    url = reverse("terms:seat_history", kwargs={"slug": slug, "pk": next_term.seats.get().pk})
    assert client.get(url).status_code == 404
    other = Organisation.objects.get(slug="so-y-te-mau")
    assert client.get(reverse("terms:committee", kwargs={"slug": other.slug})).status_code == 404
    assert client.get(reverse("congress:list", kwargs={"slug": other.slug})).status_code == 404


def test_a_seat_holder_who_moved_to_another_branch_still_reads_the_closed_terms_records(
    client, roles, demo_term, next_term
):
    member = Member.objects.get(user=roles.committee)
    receiving = Organisation.objects.get(slug="so-y-te-mau")
    transfer = member_services.transfer_record(
        member=member,
        to_branch=receiving,
        requested_on=next_term.starts_on,
        assessment="Tốt.",
        dues_paid_until=next_term.starts_on,
    )
    services.transfer_accept(
        transfer=transfer, branch=receiving, expected_version=transfer.version, on=next_term.starts_on
    )
    client.force_login(roles.committee)
    for url in closed_term_pages(demo_term, roles.committee):
        assert client.get(url).status_code == 200, url
    slug = demo_term.branch.slug
    assert client.get(reverse("dashboard", kwargs={"slug": slug})).status_code == 404
    assert (
        client.post(
            reverse("congress:edit", kwargs={"slug": slug, "pk": Congress.objects.get(closes_term=demo_term).pk})
        ).status_code
        == 403
    )


def test_a_seat_holder_who_left_lands_on_the_closed_terms_committee_and_the_secretary_may_still_revoke_the_login(
    client, roles, gone, demo_term
):
    client.force_login(gone)
    slug = demo_term.branch.slug
    assert client.get(reverse("home")).url == reverse("terms:committee", kwargs={"slug": slug})
    assert client.get(reverse("organisations:detail", kwargs={"slug": slug})).status_code == 404
    # Their login has no role in the branch today: below the Secretary's, who may take it away.
    assert member_services.account_revoke_refusal(by=roles.secretary, member=Member.objects.get(user=gone)) is None
