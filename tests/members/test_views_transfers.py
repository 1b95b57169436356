"""The transfer pages as the two branches' editors meet them: record, Chờ tiếp nhận, accept, refuse.

The demo branch sends; the other demo branch (so-y-te-mau) receives, through an officer
who may edit it (its editor here).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from chidoan.lib.locking import STALE_MESSAGE
from members import services
from members.models import Member, Organisation, OrganisationOfficer, Transfer, TransferState
from tests.members.factories import UserFactory
from tests.members.helpers import add_members, member_named, url

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def receiving():
    return Organisation.objects.get(slug="so-y-te-mau")


@pytest.fixture
def receiver(receiving):
    user = UserFactory(username="bithu-yte")
    OrganisationOfficer.objects.create(user=user, organisation=receiving, can_edit=True)
    return user


def transfers_url(branch) -> str:
    return reverse("members:transfers", kwargs={"slug": branch.slug})


def decide_url(name: str, transfer: Transfer) -> str:
    """members:transfer_refuse, or terms:transfer_accept (accepting also ends committee seats)."""
    name = f"terms:{name}" if name == "transfer_accept" else f"members:{name}"
    return reverse(name, kwargs={"slug": transfer.to_branch.slug, "pk": transfer.pk})


def pending(member: Member, to_branch) -> Transfer:
    return services.transfer_record(
        member=member,
        to_branch=to_branch,
        requested_on=D(2024, 9, 2),
        assessment="Hoàn thành tốt nhiệm vụ.",
        dues_paid_until=D(2024, 9, 30),
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_secretary_records_a_transfer_and_the_member_shows_as_pending(client, roles, demo_branch, receiving):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    form = client.get(url("transfer_record", demo_branch, member))
    choices = [label for _value, label in form.context["form"].fields["to_branch"].choices]
    assert receiving.name in choices and demo_branch.name not in choices
    response = client.post(
        url("transfer_record", demo_branch, member),
        {
            "to_branch": receiving.pk,
            "requested_on": "02/09/2024",
            "assessment": "Hoàn thành tốt nhiệm vụ.",
            "dues_paid_until": "30/09/2024",
        },
        follow=True,
    )
    assert messages_of(response) == [
        f"Đã ghi nhận chuyển sinh hoạt của Phạm Thị Thu Trang đến {receiving.name}: chờ chi đoàn đó tiếp nhận."
    ]
    member.refresh_from_db()
    assert member.branch == demo_branch
    listing = client.get(url("list", demo_branch), {"q": "thu trang"})
    assert [row.pending_transfer for row in listing.context["rows"]] == [True]
    assert "Chờ tiếp nhận" in listing.content.decode()


def test_the_record_form_says_what_is_missing_in_vietnamese(client, roles, demo_branch):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    response = client.post(url("transfer_record", demo_branch, member), {"requested_on": "02/09/2024"})
    errors = response.context["form"].errors
    assert errors["to_branch"] == ["Chọn chi đoàn tiếp nhận hoặc ghi nơi chuyển đến ngoài hệ thống."]
    assert errors["assessment"] == ["Chuyển sinh hoạt cần có nhận xét của chi đoàn."]
    assert errors["dues_paid_until"] == ["Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào."]
    assert not Transfer.objects.filter(member=member).exists()


def test_the_pending_list_shows_only_the_transferred_member(client, roles, demo_branch, receiving, receiver):
    transfer = pending(member_named("Trang"), receiving)
    client.force_login(receiver)
    response = client.get(transfers_url(receiving))
    body = response.content.decode()
    assert [t for t, _form in response.context["to_accept"]] == [transfer]
    assert "Phạm Thị Thu Trang" in body and "Hoàn thành tốt nhiệm vụ." in body
    others = Member.objects.filter(branch=demo_branch).exclude(pk=transfer.member_id)
    assert not [m.full_name for m in others if m.full_name in body]
    # Nor can the receiving editor open the member's record before (or after) accepting through the branch pages.
    assert client.get(url("detail", demo_branch, transfer.member)).status_code == 404


def test_accepting_moves_the_member_into_the_receiving_list(client, roles, demo_branch, receiving, receiver):
    member = member_named("Trang")
    transfer = pending(member, receiving)
    client.force_login(receiver)
    response = client.post(decide_url("transfer_accept", transfer), {"on": "16/09/2024", "version": 1}, follow=True)
    assert messages_of(response) == ["Đã tiếp nhận Phạm Thị Thu Trang vào chi đoàn từ ngày 16/09/2024."]
    member.refresh_from_db()
    assert member.branch == receiving
    detail = client.get(url("detail", receiving, member))
    assert detail.status_code == 200 and "Chuyển đến" in detail.content.decode()
    client.force_login(roles.secretary)
    assert client.get(url("detail", demo_branch, member)).status_code == 404
    sent = client.get(transfers_url(demo_branch)).content.decode()
    assert "Đã tiếp nhận" in sent


def test_refusing_shows_the_reason_in_the_sending_branch(client, roles, demo_branch, receiving, receiver):
    member = member_named("Trang")
    transfer = pending(member, receiving)
    client.force_login(receiver)
    assert client.get(decide_url("transfer_refuse", transfer)).status_code == 200
    empty = client.post(decide_url("transfer_refuse", transfer), {"reason": "", "version": 1})
    assert empty.context["form"].errors["reason"] == ["Cần ghi lý do từ chối."]
    response = client.post(
        decide_url("transfer_refuse", transfer), {"reason": "Không đúng đơn vị", "version": 1}, follow=True
    )
    assert messages_of(response) == ["Đã từ chối tiếp nhận Phạm Thị Thu Trang; chi đoàn chuyển đi sẽ thấy lý do."]
    member.refresh_from_db()
    assert member.branch == demo_branch
    client.force_login(roles.secretary)
    sent = client.get(transfers_url(demo_branch)).content.decode()
    assert "Bị từ chối" in sent and "Không đúng đơn vị" in sent


def test_a_stale_accept_is_refused_with_a_message_not_an_error_page(client, demo_branch, receiving, receiver):
    member = member_named("Trang")
    transfer = pending(member, receiving)
    services.transfer_refuse(transfer=transfer, branch=receiving, expected_version=1, reason="Sai", on=D(2024, 9, 3))
    client.force_login(receiver)
    response = client.post(decide_url("transfer_accept", transfer), {"on": "16/09/2024", "version": 1}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [STALE_MESSAGE]
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.state == TransferState.REFUSED and member.branch == demo_branch


def test_the_sending_secretary_cannot_decide_their_own_transfer(client, roles, demo_branch, receiving):
    transfer = pending(member_named("Trang"), receiving)
    client.force_login(roles.secretary)
    own_slug = reverse("terms:transfer_accept", kwargs={"slug": demo_branch.slug, "pk": transfer.pk})
    assert client.post(own_slug, {"on": "16/09/2024", "version": 1}).status_code == 404
    assert client.post(decide_url("transfer_accept", transfer), {"on": "16/09/2024", "version": 1}).status_code == 404
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PENDING


def test_a_get_to_accept_is_refused(client, receiving, receiver):
    transfer = pending(member_named("Trang"), receiving)
    client.force_login(receiver)
    assert client.get(decide_url("transfer_accept", transfer)).status_code == 405


def test_the_transfers_page_costs_the_same_queries_for_three_times_the_transfers(
    client, demo_branch, receiving, receiver, assert_constant_queries
):
    """Guards the N+1 of each transfer's member and sending branch on the Chờ tiếp nhận list (select_related)."""
    added = 0

    def build(n: int) -> str:
        nonlocal added
        for member in add_members(demo_branch, n, start=added):
            pending(member, receiving)
        added += n
        return transfers_url(receiving)

    client.force_login(receiver)
    assert_constant_queries(build, client=client, sizes=(5, 15))


def test_the_sent_list_costs_the_same_queries_for_three_times_the_transfers(
    client, roles, demo_branch, receiving, assert_constant_queries
):
    """Guards the N+1 of each sent transfer's member and receiving branch (select_related)."""
    added = 0

    def build(n: int) -> str:
        nonlocal added
        for member in add_members(demo_branch, n, start=added):
            pending(member, receiving)
        added += n
        return transfers_url(demo_branch)

    client.force_login(roles.secretary)
    assert_constant_queries(build, client=client, sizes=(5, 15))
