"""Transfers between branches (chuyển sinh hoạt Đoàn): record, accept, refuse, stale decisions, and the counts.

Services against the real database; every refusal is a Vietnamese ValidationError that
leaves the tables as they were.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from chidoan.lib.locking import StaleEditError
from members import figures, selectors, services
from members.models import (
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    RatingLevel,
    StatusChangeKind,
    Transfer,
    TransferState,
)
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ASKED = D(2024, 9, 2)
ACCEPTED = D(2024, 9, 16)


@pytest.fixture
def branches():
    parent = ParentOrganisationFactory()
    return OrganisationFactory(parent=parent), OrganisationFactory(parent=parent)


def record(member, to_branch=None, **changes):
    values = {
        "member": member,
        "requested_on": ASKED,
        "assessment": "Hoàn thành tốt nhiệm vụ, tích cực tham gia phong trào.",
        "dues_paid_until": D(2024, 9, 30),
        "to_branch": to_branch,
        **changes,
    }
    return services.transfer_record(**values)


def tables() -> tuple[int, int, list[tuple[int, int]]]:
    return (
        Transfer.objects.count(),
        MemberStatusChange.objects.count(),
        sorted(Transfer.objects.values_list("pk", "version")),
    )


def test_recording_a_transfer_inside_leaves_the_member_active_and_pending_in_the_sending_branch(branches):
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    transfer = record(member, receiving)
    member.refresh_from_db()
    assert transfer.state == TransferState.PENDING and transfer.from_branch == sending
    assert member.branch == sending
    assert selectors.member_status_on(member, ACCEPTED) == MemberStatus.ACTIVE
    assert selectors.pending_transfer_member_ids(branch=sending) == {member.pk}
    assert list(selectors.transfers_to_accept(branch=receiving)) == [transfer]


def test_a_transfer_outside_the_installation_is_the_transferred_out_status_and_a_record(branches):
    sending, _receiving = branches
    member = MemberFactory(branch=sending)
    transfer = record(member, to_text="Chi đoàn Công ty ABC, tỉnh Bình Dương")
    assert transfer.state == TransferState.ACCEPTED and transfer.decided_on == ASKED
    assert selectors.member_status_on(member, ASKED) == MemberStatus.TRANSFERRED
    change = member.status_changes.get(kind=StatusChangeKind.TRANSFERRED_OUT)
    assert change.destination == "Chi đoàn Công ty ABC, tỉnh Bình Dương" and change.dues_paid_until == D(2024, 9, 30)
    assert selectors.pending_transfer_member_ids(branch=sending) == set()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"assessment": "  "}, "assessment", "Chuyển sinh hoạt cần có nhận xét của chi đoàn."),
        ({"dues_paid_until": None}, "dues_paid_until", "Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào."),
        ({"to_branch": None}, "to_branch", "Chọn chi đoàn tiếp nhận hoặc ghi nơi chuyển đến ngoài hệ thống."),
        ({"requested_on": D(2010, 1, 1)}, "on", "Ngày thay đổi không thể trước lần thay đổi gần nhất (26/03/2012)."),
    ],
)
def test_recording_refuses_what_the_union_requires_and_saves_nothing(branches, changes, field, message):
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    before = tables()
    with pytest.raises(ValidationError) as refused:
        record(member, **{"to_branch": receiving, **changes})
    assert refused.value.message_dict[field] == [message]
    assert tables() == before


def test_it_refuses_a_transfer_to_the_members_own_branch_or_a_level_above(branches):
    sending, _receiving = branches
    member = MemberFactory(branch=sending)
    with pytest.raises(ValidationError) as own:
        record(member, sending)
    assert own.value.message_dict["to_branch"] == ["Không thể chuyển sinh hoạt về chính chi đoàn của đoàn viên."]
    with pytest.raises(ValidationError) as level:
        record(member, sending.parent)
    assert level.value.message_dict["to_branch"] == ["Nơi tiếp nhận phải là một chi đoàn."]


def test_it_refuses_a_second_transfer_while_one_is_pending(branches):
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    record(member, receiving)
    with pytest.raises(ValidationError) as refused:
        record(member, OrganisationFactory())
    assert refused.value.messages == ["Đoàn viên này đang chờ chi đoàn khác tiếp nhận."]
    assert Transfer.objects.count() == 1


def test_accepting_moves_the_member_with_their_history_ratings_and_admission_date(branches):
    sending, receiving = branches
    member = MemberFactory(branch=sending, admitted_on=D(2012, 3, 26))
    MemberRating.objects.create(member=member, year=2023, level=RatingLevel.GOOD)
    transfer = record(member, receiving)
    services.transfer_accept(transfer=transfer, branch=receiving, expected_version=transfer.version, on=ACCEPTED)
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert member.branch == receiving and member.admitted_on == D(2012, 3, 26)
    assert [r.year for r in member.ratings.all()] == [2023]
    assert [(c.kind, c.on) for c in member.status_changes.order_by("on", "id")] == [
        (StatusChangeKind.ADMITTED, D(2012, 3, 26)),
        (StatusChangeKind.TRANSFERRED_OUT, ACCEPTED),
        (StatusChangeKind.TRANSFERRED_IN, ACCEPTED),
    ]
    assert member.status_changes.get(kind=StatusChangeKind.TRANSFERRED_IN).destination == sending.name
    assert selectors.member_status_on(member, ACCEPTED) == MemberStatus.ACTIVE
    assert transfer.state == TransferState.ACCEPTED and transfer.decided_on == ACCEPTED
    assert selectors.transfers_to_accept(branch=receiving).count() == 0
    assert selectors.branch_member(branch=sending, pk=member.pk) is None
    assert selectors.branch_member(branch=receiving, pk=member.pk) == member


def test_refusing_keeps_the_member_in_the_sending_branch_and_shows_the_reason_there(branches):
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    transfer = record(member, receiving)
    services.transfer_refuse(
        transfer=transfer, branch=receiving, expected_version=transfer.version, reason="Không có chỉ tiêu", on=ACCEPTED
    )
    member.refresh_from_db()
    assert member.branch == sending
    assert selectors.member_status_on(member, ACCEPTED) == MemberStatus.ACTIVE
    sent = selectors.transfers_sent(branch=sending).get()
    assert (sent.state, sent.refusal_reason) == (TransferState.REFUSED, "Không có chỉ tiêu")
    assert selectors.pending_transfer_member_ids(branch=sending) == set()
    record(member, receiving)  # a refused transfer may be sent again


def test_refusing_needs_a_reason(branches):
    sending, receiving = branches
    transfer = record(MemberFactory(branch=sending), receiving)
    with pytest.raises(ValidationError) as refused:
        services.transfer_refuse(transfer=transfer, branch=receiving, expected_version=1, reason=" ", on=ACCEPTED)
    assert refused.value.message_dict["reason"] == ["Cần ghi lý do từ chối."]
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PENDING


def test_another_branchs_editor_cannot_accept_or_refuse(branches):
    sending, receiving = branches
    transfer = record(MemberFactory(branch=sending), receiving)
    before = tables()
    for deciding in (sending, OrganisationFactory()):
        with pytest.raises(ValidationError) as refused:
            services.transfer_accept(transfer=transfer, branch=deciding, expected_version=1, on=ACCEPTED)
        assert refused.value.messages == ["Chỉ chi đoàn tiếp nhận mới quyết định được việc chuyển sinh hoạt này."]
        with pytest.raises(ValidationError):
            services.transfer_refuse(transfer=transfer, branch=deciding, expected_version=1, reason="x", on=ACCEPTED)
    assert tables() == before


def test_a_stale_decision_is_refused_and_changes_nothing(branches):
    """Two editors opened the list on version 1; the first refused, the second's accept must not pass."""
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    transfer = record(member, receiving)
    services.transfer_refuse(transfer=transfer, branch=receiving, expected_version=1, reason="Sai đơn vị", on=ASKED)
    before = tables()
    with pytest.raises(StaleEditError):
        services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=ACCEPTED)
    with pytest.raises(StaleEditError):  # the right version, but decided already
        services.transfer_accept(transfer=transfer, branch=receiving, expected_version=2, on=ACCEPTED)
    assert tables() == before
    member.refresh_from_db()
    assert member.branch == sending


def test_accepting_before_the_transfer_date_is_refused(branches):
    sending, receiving = branches
    transfer = record(MemberFactory(branch=sending), receiving)
    with pytest.raises(ValidationError) as refused:
        services.transfer_accept(
            transfer=transfer, branch=receiving, expected_version=1, on=ASKED - datetime.timedelta(days=1)
        )
    assert refused.value.message_dict["on"] == ["Ngày tiếp nhận không thể trước ngày chuyển đi."]


def test_accepting_a_member_who_left_meanwhile_is_refused_and_changes_nothing(branches):
    sending, receiving = branches
    member = MemberFactory(branch=sending)
    transfer = record(member, receiving)
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2024, 9, 5), reason="Nghỉ việc")
    before = tables()
    with pytest.raises(ValidationError) as refused:
        services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=ACCEPTED)
    assert refused.value.message_dict["kind"] == ["Chỉ thay đổi được tình trạng của đoàn viên đang sinh hoạt."]
    assert tables() == before
    member.refresh_from_db()
    assert member.branch == sending


# The counts through a transfer ------------------------------------------------------


def active(branch, on) -> int:
    return figures.status_counts(branch=branch, on=on)[MemberStatus.ACTIVE]


def aged(branch, on) -> int:
    return sum(band.total for band in figures.active_age_bands(branch=branch, on=on))


def test_both_branches_counts_stay_right_the_day_before_the_day_of_and_after_the_transfer(branches):
    sending, receiving = branches
    moving = MemberFactory(branch=sending)
    MemberFactory.create_batch(2, branch=sending)
    MemberFactory.create_batch(3, branch=receiving)
    transfer = record(moving, receiving)
    services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=ACCEPTED)
    day_before, after = ACCEPTED - datetime.timedelta(days=1), ACCEPTED + datetime.timedelta(days=30)
    assert [active(sending, d) for d in (day_before, ACCEPTED, after)] == [3, 2, 2]
    assert [active(receiving, d) for d in (day_before, ACCEPTED, after)] == [3, 4, 4]
    assert [aged(sending, d) for d in (day_before, ACCEPTED, after)] == [3, 2, 2]
    assert [aged(receiving, d) for d in (day_before, ACCEPTED, after)] == [3, 4, 4]


def test_a_member_who_moved_twice_counts_where_they_were_on_each_day(branches):
    first, second = branches
    third = OrganisationFactory()
    member = MemberFactory(branch=first)
    transfer = record(member, second)
    services.transfer_accept(transfer=transfer, branch=second, expected_version=1, on=ACCEPTED)
    member.refresh_from_db()
    later = D(2025, 1, 6)
    onward = record(member, third, requested_on=later)
    services.transfer_accept(transfer=onward, branch=third, expected_version=1, on=later)
    days = (ACCEPTED - datetime.timedelta(days=1), ACCEPTED, later)
    assert [[active(b, d) for d in days] for b in (first, second, third)] == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]


def test_a_pending_transfer_changes_no_count(branches):
    sending, receiving = branches
    record(MemberFactory(branch=sending), receiving)
    assert (active(sending, ACCEPTED), active(receiving, ACCEPTED)) == (1, 0)


def test_the_committee_rules_count_a_moved_member_where_they_were_that_day(branches):
    """terms.selectors.active_member_count sets the committee's size rules on a date (a seat started before the move)."""
    from terms.selectors import active_member_count

    sending, receiving = branches
    moving = MemberFactory(branch=sending)
    transfer = record(moving, receiving)
    services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=ACCEPTED)
    day_before = ACCEPTED - datetime.timedelta(days=1)
    assert (active_member_count(sending, day_before), active_member_count(receiving, day_before)) == (1, 0)
    assert (active_member_count(sending, ACCEPTED), active_member_count(receiving, ACCEPTED)) == (0, 1)
