"""Batches: a class leaving together is transferred in one step, from the members list; all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import figures, selectors, services
from members.models import MemberStatus, MemberStatusChange, Organisation, StatusChangeKind, Transfer, TransferState
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory
from tests.members.helpers import add_members, members_adder, url

pytestmark = pytest.mark.django_db

D = datetime.date
ASKED = D(2024, 9, 2)


@pytest.fixture
def branches():
    parent = ParentOrganisationFactory()
    return OrganisationFactory(parent=parent), OrganisationFactory(parent=parent)


def batch(members, **changes):
    values = {
        "members": members,
        "requested_on": ASKED,
        "assessment": "Hoàn thành tốt nhiệm vụ, tốt nghiệp khóa 2024.",
        "dues_paid_until": D(2024, 9, 30),
        **changes,
    }
    return services.transfer_record_batch(**values)


def tables():
    return Transfer.objects.count(), MemberStatusChange.objects.count()


# The service --------------------------------------------------------------------------------------------


def test_a_batch_inside_leaves_every_member_pending_for_the_one_receiving_branch(branches):
    sending, receiving = branches
    leaving = MemberFactory.create_batch(3, branch=sending)
    transfers = batch(leaving, to_branch=receiving)
    assert {t.member for t in transfers} == set(leaving)
    assert {(t.state, t.to_branch, t.requested_on, t.dues_paid_until) for t in transfers} == {
        (TransferState.PENDING, receiving, ASKED, D(2024, 9, 30))
    }
    assert selectors.pending_transfer_member_ids(branch=sending) == {m.pk for m in leaving}
    assert selectors.transfers_to_accept(branch=receiving).count() == 3


def test_a_batch_outside_transfers_every_member_at_once(branches):
    sending, _receiving = branches
    leaving = MemberFactory.create_batch(2, branch=sending)
    stays = MemberFactory(branch=sending)
    batch(leaving, to_text="Đoàn Trường Đại học Y Dược")
    assert figures.status_counts(branch=sending, on=ASKED)[MemberStatus.TRANSFERRED] == 2
    assert selectors.member_status_on(stays, ASKED) == MemberStatus.ACTIVE


def test_if_anyone_cannot_be_transferred_nobody_is_and_each_refusal_names_the_person(branches):
    sending, receiving = branches
    fine = MemberFactory(branch=sending, given_name="An")
    gone = MemberFactory(branch=sending, given_name="Bình")
    services.member_change_status(member=gone, kind=StatusChangeKind.LEFT, on=D(2024, 1, 5), reason="Nghỉ việc")
    waiting = MemberFactory(branch=sending, given_name="Chi")
    services.transfer_record(
        member=waiting, to_branch=receiving, requested_on=ASKED, assessment="Tốt.", dues_paid_until=ASKED
    )
    before = tables()
    with pytest.raises(services.BatchRefused) as refused:
        batch([fine, gone, waiting], to_text="Đoàn phường X")
    assert refused.value.messages == [
        "Chưa chuyển sinh hoạt cho ai: 2 đoàn viên không chuyển được.",
        "Trần Văn Bình: Chỉ thay đổi được tình trạng của đoàn viên đang sinh hoạt.",
        "Trần Văn Chi: Đoàn viên này đang chờ chi đoàn khác tiếp nhận.",
    ]
    assert tables() == before
    assert selectors.member_status_on(fine, ASKED) == MemberStatus.ACTIVE


def test_a_wrong_destination_is_refused_once_for_the_whole_batch(branches):
    sending, _receiving = branches
    members = MemberFactory.create_batch(2, branch=sending)
    before = tables()
    with pytest.raises(ValidationError) as refused:
        batch(members, to_branch=sending)
    assert not isinstance(refused.value, services.BatchRefused)
    assert refused.value.message_dict == {"to_branch": ["Không thể chuyển sinh hoạt về chính chi đoàn của đoàn viên."]}
    assert tables() == before


# The pages ------------------------------------------------------------------------------------------------


@pytest.fixture
def receiving():
    return Organisation.objects.get(slug="so-y-te-mau")


def batch_url(branch) -> str:
    return reverse("members:transfer_batch", kwargs={"slug": branch.slug})


def form_data(members, **changes) -> dict:
    return {
        "members": ",".join(str(m.pk) for m in members),
        "requested_on": "02/09/2026",
        "assessment": "Hoàn thành tốt nhiệm vụ.",
        "dues_paid_until": "30/09/2026",
        **changes,
    }


def test_the_secretary_ticks_members_on_the_list_and_transfers_them_in_one_step(client, roles, demo_branch, receiving):
    leaving = add_members(demo_branch, 3)
    client.force_login(roles.secretary)
    listing = client.get(url("list", demo_branch), {"q": "thu"})
    page = listing.content.decode()
    assert f'name="member" value="{leaving[0].pk}"' in page and "Chuyển cả danh sách đang lọc" in page
    shown = client.get(batch_url(demo_branch), {"member": [m.pk for m in leaving[:2]]})
    assert [m.full_name for m in shown.context["chosen"]] == ["Nguyễn Văn Thử000", "Nguyễn Văn Thử001"]
    response = client.post(batch_url(demo_branch), form_data(leaving[:2], to_branch=receiving.pk), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Đã ghi nhận chuyển sinh hoạt cho 2 đoàn viên đến {receiving.name}."
    ]
    assert selectors.pending_transfer_member_ids(branch=demo_branch) == {leaving[0].pk, leaving[1].pk}
    assert [t.member.full_name for t in selectors.transfers_to_accept(branch=receiving)] == [
        "Nguyễn Văn Thử000",
        "Nguyễn Văn Thử001",
    ]


def test_the_whole_filtered_list_is_chosen_with_the_lists_own_filters(client, roles, demo_branch):
    add_members(demo_branch, 3)
    client.force_login(roles.secretary)
    shown = client.get(batch_url(demo_branch), {"all": "1", "q": "thu0"})
    assert [m.full_name for m in shown.context["chosen"]] == [
        "Nguyễn Văn Thử000",
        "Nguyễn Văn Thử001",
        "Nguyễn Văn Thử002",
    ]
    assert shown.context["form"]["members"].value() == ",".join(str(m.pk) for m in shown.context["chosen"])


def test_a_batch_with_someone_who_cannot_go_saves_nothing_and_says_who_and_why(client, roles, demo_branch):
    fine, gone = add_members(demo_branch, 2)
    services.member_change_status(member=gone, kind=StatusChangeKind.LEFT, on=D(2026, 1, 5), reason="Nghỉ việc")
    client.force_login(roles.secretary)
    before = tables()
    response = client.post(batch_url(demo_branch), form_data([fine, gone], to_text="Đoàn phường X"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa chuyển sinh hoạt cho ai: 1 đoàn viên không chuyển được." in page
    assert "Nguyễn Văn Thử001: Chỉ thay đổi được tình trạng của đoàn viên đang sinh hoạt." in page
    assert tables() == before
    assert [m.full_name for m in response.context["chosen"]] == ["Nguyễn Văn Thử000", "Nguyễn Văn Thử001"]


def test_a_missing_assessment_is_shown_by_its_field_and_the_choice_is_kept(client, roles, demo_branch):
    leaving = add_members(demo_branch, 2)
    client.force_login(roles.secretary)
    response = client.post(batch_url(demo_branch), form_data(leaving, to_text="Đoàn phường X", assessment=""))
    assert response.context["form"].errors["assessment"] == ["Chuyển sinh hoạt cần có nhận xét của chi đoàn."]
    assert len(response.context["chosen"]) == 2
    assert Transfer.objects.count() == 0


def test_a_member_of_another_branch_cannot_be_slipped_into_a_batch(client, roles, demo_branch, receiving):
    ours = add_members(demo_branch, 1)
    theirs = add_members(receiving, 1)
    client.force_login(roles.secretary)
    shown = client.get(batch_url(demo_branch), {"member": [ours[0].pk, theirs[0].pk]})
    assert shown.context["chosen"] == ours
    response = client.post(batch_url(demo_branch), form_data(ours + theirs, to_text="Đoàn phường X"))
    assert response.context["form"].non_field_errors() == [
        "Có đoàn viên đã chọn không còn trong chi đoàn; hãy chọn lại từ danh sách đoàn viên."
    ]
    assert response.context["chosen"] == ours  # the other branch's member is never named on the page
    assert Transfer.objects.count() == 0


def test_nothing_chosen_says_how_to_choose(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(batch_url(demo_branch)).content.decode()
    assert "Chưa chọn đoàn viên nào." in page


def test_the_list_shows_no_checkboxes_to_a_reader_who_may_not_edit(client, roles, demo_branch):
    client.force_login(roles.committee)
    page = client.get(url("list", demo_branch)).content.decode()
    assert 'name="member"' not in page and "Chuyển cả danh sách đang lọc" not in page


def test_the_batch_page_costs_the_same_for_more_members_chosen(client, roles, demo_branch, assert_constant_queries):
    """The chosen members come in one query (no per-member lookup of their names or status), the list's too."""
    client.force_login(roles.secretary)
    add = members_adder(demo_branch)

    def build(n):
        add(n)
        return batch_url(demo_branch) + "?all=1&q=thu0"

    assert_constant_queries(build, client=client, sizes=(4, 12))


def test_the_members_list_with_its_checkboxes_costs_the_same_for_more_members(
    client, roles, demo_branch, assert_constant_queries
):
    """The checkboxes and the batch links add no query per row to the list."""
    client.force_login(roles.secretary)
    add = members_adder(demo_branch)

    def build(n):
        add(n)
        return url("list", demo_branch) + "?q=thu0"

    assert_constant_queries(build, client=client, sizes=(4, 12))
