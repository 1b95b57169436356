"""Reads of the term workspace: choosing the term, the committee's changes, targets at a fixed query count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from members.models import Member, Organisation
from terms import selectors, services
from terms.models import CommitteeRole, CommitteeSeat, Outcome, SeatEndKind, TargetKind

D = datetime.date


def member_named(branch, name: str) -> Member:
    return next(m for m in Member.objects.filter(branch=branch) if m.full_name == name)


def open_seat(term, name: str) -> CommitteeSeat:
    return CommitteeSeat.objects.get(term=term, member=member_named(term.branch, name), ended_on__isnull=True)


def test_a_term_is_found_by_its_slug_and_a_hostile_slug_finds_none(demo_term):
    assert selectors.term_by_slug(branch=demo_term.branch, slug="2022-2024") == demo_term
    assert selectors.term_by_slug(branch=demo_term.branch, slug="2022 – 2024") == demo_term
    assert selectors.term_by_slug(branch=demo_term.branch, slug="2019-2021") is None
    # Each of these raised "year 0 is out of range" (or similar) before the years were checked.
    for hostile in ["0-0", "2022-10000", "0000-2024", "-1-2", "２０２２-２０２４", "2024-2022", "9" * 500, "2022-"]:
        assert selectors.term_by_slug(branch=demo_term.branch, slug=hostile) is None, hostile


def test_the_committee_of_a_finished_term_is_shown_on_its_last_day(demo_term):
    assert selectors.reference_date(term=demo_term, today=D(2026, 11, 26)) == D(2024, 8, 31)
    assert selectors.reference_date(term=demo_term, today=D(2023, 5, 1)) == D(2023, 5, 1)
    assert selectors.reference_date(term=demo_term, today=D(2020, 1, 1)) == D(2022, 3, 1)


def test_the_committee_seats_come_secretary_first(demo_term):
    roles = [seat.role for seat in selectors.committee_seats(term=demo_term)]
    assert roles[:2] == [CommitteeRole.SECRETARY, CommitteeRole.DEPUTY]
    assert set(roles[2:]) == {CommitteeRole.MEMBER}


def test_the_seed_change_is_one_member_leaving_for_work_reasons(demo_term):
    changes = selectors.committee_changes(seats=list(selectors.committee_seats(term=demo_term)))
    assert [(c.on, c.member.full_name, c.kind, c.reason) for c in changes] == [
        (D(2023, 10, 1), "Nguyễn Thị Tú Uyên", "left", "nghỉ việc")
    ]
    assert changes[0].old_role_label == "Ủy viên"
    assert changes[0].end_kind_label == "Thôi tham gia Ban Chấp hành"


def test_a_role_change_is_one_change_from_the_old_role_to_the_new(demo_term):
    seat = open_seat(demo_term, "Hoàng Phạm Phương Nhi")
    services.seat_change_role(seat=seat, role=CommitteeRole.MEMBER, on=D(2024, 2, 1))
    changes = selectors.committee_changes(seats=list(selectors.committee_seats(term=demo_term)))
    role_changes = [c for c in changes if c.kind == "role_change"]
    assert len(role_changes) == 1
    change = role_changes[0]
    assert (change.on, change.old_role_label, change.role_label) == (D(2024, 2, 1), "Phó Bí thư", "Ủy viên")
    assert len(change.seats) == 2


def test_changes_are_in_date_order_with_additions(demo_term):
    khoa = member_named(demo_term.branch, "Trần Minh Khoa")
    services.seat_add(term=demo_term, member=khoa, role=CommitteeRole.MEMBER, started_on=D(2023, 11, 1))
    services.seat_end(
        seat=open_seat(demo_term, "Đinh Thị Mai"), on=D(2023, 2, 1), end_kind=SeatEndKind.LEFT, reason="x"
    )
    changes = selectors.committee_changes(seats=list(selectors.committee_seats(term=demo_term)))
    assert [(c.on, c.kind) for c in changes] == [
        (D(2023, 2, 1), "left"),
        (D(2023, 10, 1), "left"),
        (D(2023, 11, 1), "added"),
    ]


def test_the_responsible_may_be_anyone_who_sat_on_the_committee_in_the_term(demo_term):
    names = {m.full_name for m in selectors.committee_members(term=demo_term)}
    assert names == {
        "Lê Huỳnh Khắc Huy",
        "Hoàng Phạm Phương Nhi",
        "Đặng Tuyết Hằng",
        "Nguyễn Thị Tú Uyên",
        "Đinh Thị Mai",
    }


def test_targets_with_their_progress_and_outcome_cost_the_same_for_more_targets(demo_term, assert_constant_queries):
    """Prevents one query per target for its entries, its responsible member and its term (outcome_on):
    targets_of_term's prefetch_related("progress_entries") and select_related("resolution__term", "responsible")."""
    hang = open_seat(demo_term, "Đặng Tuyết Hằng").member

    def read_every_target() -> None:
        for target in selectors.targets_of_term(term=demo_term):
            target.outcome_on(D(2026, 1, 1))
            target.progress_percent()
            assert target.responsible is None or target.responsible.full_name

    def build(n: int):
        for i in range(n):
            target = services.target_create(
                resolution=demo_term.resolution, name=f"chỉ tiêu {i} / {n}", kind=TargetKind.NUMBER,
                planned_value=Decimal(4), responsible=hang,
            )  # fmt: skip
            for month in (2, 5):
                services.progress_record(
                    target=target, recorded_on=D(2024, month, 1), value=Decimal(month), reason_behind="thử"
                )
        return read_every_target

    assert_constant_queries(build, sizes=(3, 9))


def test_the_targets_come_with_their_outcome_progress_and_responsible(demo_term):
    targets = list(selectors.targets_of_term(term=demo_term))
    outcomes = {t.name: t.outcome_on(D(2026, 1, 1)) for t in targets}
    responsible = {t.name: t.responsible.full_name for t in targets}
    assert outcomes["kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc"] == Outcome.NOT_ACHIEVED
    assert outcomes["giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp"] == Outcome.EXCEEDED
    assert responsible["kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc"] == "Đặng Tuyết Hằng"
    assert targets[0].progress_percent() == 40  # 2 of 5


def test_a_target_or_seat_of_another_branch_is_not_found_under_this_one(demo_branch, demo_term):
    other = Organisation.objects.get(slug="so-y-te-mau")
    target = demo_term.resolution.targets.first()
    seat = demo_term.seats.first()
    assert selectors.target_of_branch(branch=demo_branch, pk=target.pk) == target
    assert selectors.target_of_branch(branch=other, pk=target.pk) is None
    assert selectors.seat_of_branch(branch=demo_branch, pk=seat.pk) == seat
    assert selectors.seat_of_branch(branch=other, pk=seat.pk) is None


def test_the_seat_chain_follows_one_member_through_role_changes(demo_term):
    seat = open_seat(demo_term, "Đặng Tuyết Hằng")
    services.seat_end(seat=open_seat(demo_term, "Hoàng Phạm Phương Nhi"), on=D(2024, 1, 1), end_kind="left", reason="x")
    new = services.seat_change_role(seat=seat, role=CommitteeRole.DEPUTY, on=D(2024, 1, 2))
    assert selectors.member_seats_in_term(seat=new) == [seat, new]


@pytest.mark.parametrize("kind", [TargetKind.NUMBER, TargetKind.PERCENT])
def test_a_new_target_has_no_progress_and_is_in_progress_during_the_term(demo_term, kind):
    target = services.target_create(resolution=demo_term.resolution, name="mới", kind=kind, planned_value=Decimal(10))
    listed = next(t for t in selectors.targets_of_term(term=demo_term) if t.pk == target.pk)
    assert listed.latest_entry() is None
    assert listed.outcome_on(D(2023, 1, 1)) == Outcome.IN_PROGRESS
