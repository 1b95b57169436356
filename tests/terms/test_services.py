"""Congress services: the charter rules on terms and the committee, targets and their progress.

Every rule is tested with the accepted and the refused case; a refusal is a
ValidationError with a Vietnamese message and leaves the row counts unchanged.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from chidoan.lib.locking import StaleEditError
from members.models import BranchType, MemberStatusChange, OrganisationKind, RatingLevel, StatusChangeKind
from terms import services
from terms.models.planned import TargetKind
from terms.models.resolution import Outcome, ProgressEntry, Target
from terms.models.term import Assignment, CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind, Term
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory, branch_with_members
from tests.terms.factories import ResolutionFactory, SeatFactory, TargetFactory, TermFactory

pytestmark = pytest.mark.django_db

D = datetime.date
START, END = D(2022, 3, 1), D(2024, 8, 31)
SEC, DEP, MEM = CommitteeRole.SECRETARY, CommitteeRole.DEPUTY, CommitteeRole.MEMBER


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Term, CommitteeSeat, Assignment, Target, ProgressEntry))


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def refused(write: Callable[[], object]) -> ValidationError:
    """Run a write the charter refuses: it raises ValidationError and leaves every row count as it was."""
    before = counts()
    with pytest.raises(ValidationError) as refusal:
        write()
    assert counts() == before
    return refusal.value


@pytest.fixture
def big():
    """A branch of 12 members (9 or more: a committee of up to 7) and its term."""
    branch, members = branch_with_members(12)
    return Term.objects.create(branch=branch, starts_on=START, ends_on=END), members


@pytest.fixture
def small():
    """A branch of 8 members (under 9: Secretary and Deputy only) and its term."""
    branch, members = branch_with_members(8)
    return Term.objects.create(branch=branch, starts_on=START, ends_on=END), members


def add(term, member, role, on=START, **kwargs):
    return services.seat_add(term=term, member=member, role=role, started_on=on, **kwargs)


# Term length by branch type ------------------------------------------------------------


@pytest.mark.parametrize(
    ("branch_type", "starts_on", "ends_on"),
    [
        (BranchType.AGENCY, START, END),  # the seed's 2022 – 2024
        (BranchType.AGENCY, START, D(2023, 6, 1)),  # shortened by half a term (15 months)
        (BranchType.AGENCY, START, D(2025, 12, 1)),  # lengthened by half a term
        (BranchType.SCHOOL, D(2023, 9, 1), D(2024, 8, 31)),  # one school year
        (BranchType.SCHOOL, D(2023, 9, 1), D(2024, 3, 1)),  # shortened by six months
        (BranchType.SCHOOL, D(2023, 9, 1), D(2025, 3, 1)),  # lengthened by six months
    ],
)
def test_it_accepts_a_term_within_half_a_term_of_the_branch_types_length(branch_type, starts_on, ends_on):
    branch = OrganisationFactory(branch_type=branch_type)
    term = services.term_create(branch=branch, starts_on=starts_on, ends_on=ends_on, number=3)
    assert (term.starts_on, term.ends_on, term.number) == (starts_on, ends_on, 3)


@pytest.mark.parametrize(
    ("branch_type", "ends_on", "months"),
    [
        (BranchType.AGENCY, D(2023, 5, 31), 30),
        (BranchType.AGENCY, D(2025, 12, 2), 30),
        (BranchType.SCHOOL, D(2024, 8, 31), 12),  # a school branch's term is one year, not 2.5
        (BranchType.SCHOOL, D(2022, 8, 31), 12),
    ],
)
def test_it_refuses_a_term_more_than_half_a_term_off_the_branch_types_length(branch_type, ends_on, months):
    branch = OrganisationFactory(branch_type=branch_type)
    error = refused(lambda: services.term_create(branch=branch, starts_on=START, ends_on=ends_on))
    assert f"{months} tháng" in messages(error)
    assert "ends_on" in error.message_dict


def test_it_refuses_a_term_ending_before_it_starts():
    error = refused(lambda: services.term_create(branch=OrganisationFactory(), starts_on=START, ends_on=START))
    assert "phải sau ngày bắt đầu" in messages(error)


def test_it_refuses_a_term_overlapping_another_and_accepts_the_next_one():
    branch = OrganisationFactory()
    services.term_create(branch=branch, starts_on=START, ends_on=END)
    error = refused(lambda: services.term_create(branch=branch, starts_on=D(2024, 3, 1), ends_on=D(2026, 8, 31)))
    assert "trùng thời gian" in messages(error)
    services.term_create(branch=branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    assert [t.label for t in Term.objects.filter(branch=branch).order_by("starts_on")] == ["2022 – 2024", "2024 – 2027"]


def test_it_refuses_a_term_for_an_organisation_that_is_not_a_branch():
    with pytest.raises(ValidationError) as refused:
        services.term_create(branch=ParentOrganisationFactory(kind=OrganisationKind.BLOC), starts_on=START, ends_on=END)
    assert "Chỉ chi đoàn" in messages(refused.value)


# One Secretary, at most one Deputy, one role per person ---------------------------------


def test_it_elects_a_committee_of_secretary_deputy_and_members(big):
    term, m = big
    for member, role in zip(m[:5], [SEC, DEP, MEM, MEM, MEM], strict=True):
        add(term, member, role, start_kind=SeatStartKind.ELECTED)
    seats = list(term.seats.in_role_order())
    assert [s.role for s in seats] == [SEC, DEP, MEM, MEM, MEM]
    assert [s.position for s in term.seats.all()] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("held", "same_person", "asked", "message"),
    [
        (SEC, False, SEC, "chỉ có một Bí thư"),
        (DEP, False, DEP, "nhiều nhất một Phó Bí thư"),
        (MEM, True, DEP, "đang giữ một chức danh"),
    ],
    ids=["second-secretary", "second-deputy", "second-role-for-one-person"],
)
def test_it_refuses_a_seat_the_charter_does_not_allow_beside_one_held(big, held, same_person, asked, message):
    term, m = big
    add(term, m[0], held)
    error = refused(lambda: add(term, m[0] if same_person else m[1], asked, on=D(2023, 1, 1)))
    assert message in messages(error)


def test_a_new_secretary_may_start_the_day_the_old_one_leaves(big):
    term, m = big
    old = add(term, m[0], SEC)
    services.seat_end(seat=old, on=D(2023, 10, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    new = add(term, m[1], SEC, on=D(2023, 10, 1))
    assert new.start_kind == SeatStartKind.ADDED
    assert list(term.seats.held_on(D(2023, 10, 2))) == [new]


def test_it_refuses_a_secretary_added_before_the_current_secretarys_seat_began(big):
    """Seats entered out of order: the earlier seat would still be open when the later one starts."""
    term, m = big
    add(term, m[0], SEC, on=D(2023, 1, 1))
    error = refused(lambda: add(term, m[1], SEC, on=START))
    assert "Bí thư" in messages(error)


def test_it_refuses_a_secretary_whose_open_seat_would_overlap_a_later_secretarys_term_of_office(big):
    """The later secretary has already left, so no open seat clashes: only the dates show the overlap."""
    term, m = big
    later = add(term, m[0], SEC, on=D(2023, 1, 1))
    services.seat_end(seat=later, on=D(2023, 6, 1), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    error = refused(lambda: add(term, m[1], SEC, on=START))
    assert "chỉ có một Bí thư" in messages(error)
    add(term, m[1], SEC, on=D(2023, 6, 1))  # from the day the other one left, it is free
    assert [seat.member for seat in term.seats.held_on(D(2023, 6, 2)).filter(role=SEC)] == [m[1]]


def test_it_refuses_a_seat_for_a_person_who_holds_another_seat_later_in_the_term(big):
    term, m = big
    later = add(term, m[0], MEM, on=D(2023, 1, 1))
    services.seat_end(seat=later, on=D(2023, 6, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    with pytest.raises(ValidationError) as refused:
        add(term, m[0], DEP, on=START)
    assert "đang giữ một chức danh" in messages(refused.value)


def test_it_refuses_a_seat_that_would_make_the_committee_too_big_later_in_the_term(big):
    term, m = big
    for member, role in zip(m[:7], [SEC, DEP, MEM, MEM, MEM, MEM, MEM], strict=True):
        add(term, member, role, on=D(2023, 1, 1))
    error = refused(lambda: add(term, m[7], MEM, on=START))
    assert "đã đủ 7 đồng chí" in messages(error)


def test_it_refuses_a_second_seat_for_a_person_whose_later_seat_is_open(big):
    term, m = big
    add(term, m[0], MEM, on=D(2023, 1, 1))
    with pytest.raises(ValidationError) as refused:
        add(term, m[0], DEP, on=START)
    assert "đang giữ một chức danh" in messages(refused.value)


def test_an_earlier_secretary_may_be_recorded_once_their_seat_is_shown_to_end_in_time(big):
    term, m = big
    add(term, m[0], SEC, on=D(2023, 1, 1))
    SeatFactory(term=term, member=m[1], role=SEC, started_on=START, ended_on=D(2023, 1, 1), end_kind=SeatEndKind.LEFT)
    assert [(s.started_on, s.ended_on) for s in term.seats.filter(role=SEC).order_by("started_on")] == [
        (START, D(2023, 1, 1)),
        (D(2023, 1, 1), None),
    ]


# Committee size by branch size ------------------------------------------------------------


def test_a_branch_under_nine_members_elects_a_secretary_and_a_deputy(small):
    term, m = small
    add(term, m[0], SEC)
    add(term, m[1], DEP)
    assert term.seats.count() == 2


def test_a_branch_under_nine_members_has_no_committee_members(small):
    term, m = small
    error = refused(lambda: add(term, m[0], MEM))
    assert "dưới 9 đoàn viên" in messages(error)


def test_the_branch_size_is_counted_on_the_day_the_seat_starts(small):
    term, m = small
    newcomer = MemberFactory(branch=term.branch, admitted_on=D(2023, 1, 1))
    with pytest.raises(ValidationError) as refused:
        add(term, m[0], MEM, on=D(2022, 12, 31))
    assert "dưới 9 đoàn viên" in messages(refused.value)
    add(term, newcomer, MEM, on=D(2023, 1, 1))  # the ninth member arrived that day
    assert [(seat.member, seat.role) for seat in term.seats.all()] == [(newcomer, MEM)]


def test_a_committee_of_nine_or_more_members_holds_up_to_seven(big):
    term, m = big
    for member, role in zip(m[:7], [SEC, DEP, MEM, MEM, MEM, MEM, MEM], strict=True):
        add(term, member, role)
    error = refused(lambda: add(term, m[7], MEM))
    assert "đã đủ 7 đồng chí" in messages(error)


def test_the_committee_size_is_a_per_branch_setting():
    branch, m = branch_with_members(10, committee_max_size=3)
    term = TermFactory(branch=branch)
    for member, role in zip(m[:3], [SEC, DEP, MEM], strict=True):
        add(term, member, role)
    with pytest.raises(ValidationError) as refused:
        add(term, m[3], MEM)
    assert "đã đủ 3 đồng chí" in messages(refused.value)


def test_a_seat_freed_during_the_term_can_be_filled(big):
    term, m = big
    seats = [add(term, member, role) for member, role in zip(m[:7], [SEC, DEP, MEM, MEM, MEM, MEM, MEM], strict=True)]
    services.seat_end(seat=seats[3], on=D(2023, 10, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    add(term, m[7], MEM, on=D(2023, 11, 1))
    assert term.seats.held_on(D(2023, 11, 1)).count() == 7
    assert m[7] in [seat.member for seat in term.seats.held_on(D(2023, 11, 1))]


# Seat and term dates, and who may sit ------------------------------------------------------


@pytest.mark.parametrize("on", [D(2022, 2, 28), D(2024, 9, 1)])
def test_it_refuses_a_seat_starting_outside_the_term(big, on):
    term, m = big
    error = refused(lambda: add(term, m[0], SEC, on=on))
    assert "nằm trong nhiệm kỳ 2022 – 2024" in messages(error)


def test_it_refuses_a_seat_for_a_member_of_another_branch(big):
    term, _m = big
    outsider = MemberFactory()
    with pytest.raises(ValidationError) as refused:
        add(term, outsider, SEC)
    assert "không thuộc chi đoàn" in messages(refused.value)


def test_it_refuses_a_seat_for_a_member_who_has_left(big):
    term, m = big
    MemberStatusChange.objects.create(member=m[0], kind=StatusChangeKind.LEFT, on=D(2022, 1, 1), reason="nghỉ việc")
    with pytest.raises(ValidationError) as refused:
        add(term, m[0], SEC)
    assert "không sinh hoạt tại chi đoàn" in messages(refused.value)


def test_ending_a_seat_records_the_date_and_reason(big):
    term, m = big
    seat = add(term, m[0], MEM)
    services.seat_end(seat=seat, on=D(2023, 10, 1), end_kind=SeatEndKind.LEFT, reason=" nghỉ việc ")
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind, seat.end_reason, seat.version) == (
        D(2023, 10, 1),
        SeatEndKind.LEFT,
        "nghỉ việc",
        2,
    )


@pytest.mark.parametrize(
    ("on", "end_kind", "reason", "message"),
    [
        (D(2022, 2, 1), SeatEndKind.LEFT, "nghỉ việc", "trước ngày bắt đầu"),
        (D(2024, 9, 15), SeatEndKind.LEFT, "nghỉ việc", "nằm trong nhiệm kỳ"),
        (D(2023, 10, 1), SeatEndKind.LEFT, " ", "Cần ghi lý do"),
        (D(2023, 10, 1), SeatEndKind.REMOVED, "", "Cần ghi lý do"),
    ],
)
def test_it_refuses_to_end_a_seat_wrongly_and_keeps_it_open(big, on, end_kind, reason, message):
    term, m = big
    seat = add(term, m[0], MEM, on=D(2022, 3, 15))
    with pytest.raises(ValidationError) as refused:
        services.seat_end(seat=seat, on=on, end_kind=end_kind, reason=reason)
    assert message in messages(refused.value)
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind, seat.version) == (None, "", 1)


def test_a_seat_may_end_with_the_term_after_its_end_date(big):
    term, m = big
    seat = add(term, m[0], SEC)
    services.seat_end(seat=seat, on=D(2024, 9, 15), end_kind=SeatEndKind.TERM_ENDED)
    seat.refresh_from_db()
    assert seat.ended_on == D(2024, 9, 15)


def test_it_refuses_to_end_a_seat_twice(big):
    term, m = big
    seat = add(term, m[0], MEM)
    services.seat_end(seat=seat, on=D(2023, 10, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    with pytest.raises(ValidationError) as refused:
        services.seat_end(seat=seat, on=D(2023, 11, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    assert "01/10/2023" in messages(refused.value)


@pytest.mark.parametrize(
    "write",
    [
        lambda seat: services.seat_end(
            seat=seat, on=D(2023, 11, 1), end_kind=SeatEndKind.REMOVED, reason="kỷ luật", expected_version=1
        ),
        lambda seat: services.seat_change_role(seat=seat, role=MEM, on=D(2023, 11, 1), expected_version=1),
    ],
    ids=["leaving", "role-change"],
)
def test_a_seat_change_from_a_form_opened_before_the_seat_changed_is_refused_and_saves_nothing(big, write):
    term, m = big
    seat = add(term, m[0], DEP)
    services.seat_end(seat=seat, on=D(2023, 10, 1), end_kind=SeatEndKind.LEFT, reason="nghỉ việc")
    before = counts()
    with pytest.raises(StaleEditError):
        write(seat)
    assert counts() == before
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_reason, seat.version) == (D(2023, 10, 1), "nghỉ việc", 2)


# Role changes ---------------------------------------------------------------------------------


def test_a_role_change_ends_the_old_seat_and_opens_a_new_one(big):
    term, m = big
    secretary = add(term, m[0], SEC)
    deputy = add(term, m[1], DEP)
    services.seat_end(seat=secretary, on=D(2023, 5, 1), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    new = services.seat_change_role(seat=deputy, role=SEC, on=D(2023, 5, 1))
    deputy.refresh_from_db()
    assert (deputy.ended_on, deputy.end_kind) == (D(2023, 5, 1), SeatEndKind.ROLE_CHANGE)
    assert (new.role, new.start_kind, new.started_on, new.position) == (
        SEC,
        SeatStartKind.ROLE_CHANGE,
        D(2023, 5, 1),
        deputy.position,
    )


@pytest.mark.parametrize(
    ("others", "role", "message"),
    [([SEC], SEC, "chỉ có một Bí thư"), ([], DEP, "đã giữ chức danh đó")],
    ids=["to-a-role-someone-holds", "to-the-same-role"],
)
def test_a_refused_role_change_leaves_the_old_seat_open(big, others, role, message):
    term, m = big
    for member, other_role in zip(m[1:], others, strict=False):
        add(term, member, other_role)
    deputy = add(term, m[0], DEP)
    error = refused(lambda: services.seat_change_role(seat=deputy, role=role, on=D(2023, 5, 1)))
    assert message in messages(error)
    deputy.refresh_from_db()
    assert deputy.ended_on is None


# Assignments -------------------------------------------------------------------------------------


def test_an_area_is_assigned_to_one_committee_member_at_a_time(big):
    term, m = big
    add(term, m[0], SEC)
    add(term, m[1], DEP)
    services.assignment_set(term=term, member=m[0], area="Công tác tổ chức")
    services.assignment_set(term=term, member=m[1], area=" Công tác tổ chức ")
    assert term.assignments.get().member == m[1]


def test_reassigning_an_area_bumps_its_version_and_keeps_one_row(big):
    term, m = big
    add(term, m[0], SEC)
    add(term, m[1], DEP)
    first = services.assignment_set(term=term, member=m[0], area="Công tác tổ chức")
    services.assignment_set(term=term, member=m[1], area="Công tác tổ chức", seen_versions={first.pk: 1})
    assignment = term.assignments.get()
    assert (assignment.member, assignment.version) == (m[1], 2)


@pytest.mark.parametrize("seen", [{}, "stale"], ids=["not-on-the-page", "changed-since"])
def test_it_refuses_to_reassign_an_area_the_page_did_not_show_as_it_is(big, seen):
    term, m = big
    add(term, m[0], SEC)
    add(term, m[1], DEP)
    add(term, m[2], MEM)
    first = services.assignment_set(term=term, member=m[0], area="Công tác tổ chức")
    if seen == "stale":
        seen = {first.pk: first.version}
        services.assignment_set(term=term, member=m[1], area="Công tác tổ chức")  # someone else, meanwhile
    holder = term.assignments.get().member
    with pytest.raises(StaleEditError):
        services.assignment_set(term=term, member=m[2], area="Công tác tổ chức", seen_versions=seen)
    assert term.assignments.get().member == holder


@pytest.mark.parametrize("area", ["   ", "Công tác " * 40], ids=["blank", "too-long"])
def test_it_refuses_an_assignment_without_a_sensible_area(big, area):
    term, m = big
    add(term, m[0], SEC)
    error = refused(lambda: services.assignment_set(term=term, member=m[0], area=area))
    assert "area" in error.message_dict


def test_it_refuses_to_assign_an_area_to_someone_outside_the_committee(big):
    term, m = big
    error = refused(lambda: services.assignment_set(term=term, member=m[5], area="Công tác tổ chức"))
    assert "Ủy viên Ban Chấp hành" in messages(error)


# Targets ---------------------------------------------------------------------------------------


@pytest.fixture
def resolution(big):
    term, m = big
    add(term, m[0], SEC)
    return services.resolution_ensure(term=term, title="Nghị quyết")


def test_resolution_ensure_gives_one_resolution_per_term(resolution):
    assert services.resolution_ensure(term=resolution.term) == resolution
    assert resolution.adopted_on == resolution.term.starts_on


def test_targets_are_numbered_in_the_order_they_are_added(resolution):
    first = services.target_create(resolution=resolution, name="a", kind=TargetKind.NUMBER, planned_value=Decimal(5))
    second = services.target_create(resolution=resolution, name="b", kind=TargetKind.RATING, planned_rating="good")
    assert (first.position, second.position) == (1, 2)
    assert second.planned_value is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": TargetKind.NUMBER}, "planned_value"),
        ({"kind": TargetKind.NUMBER, "planned_value": Decimal(-1)}, "planned_value"),
        ({"kind": TargetKind.PERCENT, "planned_value": Decimal(101)}, "planned_value"),
        ({"kind": TargetKind.RATING}, "planned_rating"),
    ],
)
def test_it_refuses_a_target_without_a_sensible_planned_value(resolution, fields, field):
    error = refused(lambda: services.target_create(resolution=resolution, name="kết nạp đoàn viên mới", **fields))
    assert field in error.message_dict


def test_it_refuses_a_target_for_someone_outside_the_committee(resolution):
    outsider = MemberFactory(branch=resolution.term.branch)
    with pytest.raises(ValidationError) as refused:
        services.target_create(
            resolution=resolution, name="x", kind=TargetKind.NUMBER, planned_value=Decimal(1), responsible=outsider
        )
    assert "Người phụ trách" in messages(refused.value)


def test_target_update_saves_and_bumps_the_version(resolution):
    target = services.target_create(resolution=resolution, name="x", kind=TargetKind.NUMBER, planned_value=Decimal(5))
    services.target_update(target=target, expected_version=1, planned_value=Decimal(6))
    target.refresh_from_db()
    assert (target.planned_value, target.version) == (Decimal(6), 2)


def test_target_update_refuses_a_stale_version_and_keeps_the_first_edit(resolution):
    target = services.target_create(resolution=resolution, name="x", kind=TargetKind.NUMBER, planned_value=Decimal(5))
    first, second = Target.objects.get(pk=target.pk), Target.objects.get(pk=target.pk)
    services.target_update(target=first, expected_version=first.version, planned_value=Decimal(6))
    with pytest.raises(StaleEditError) as refused:
        services.target_update(target=second, expected_version=second.version, planned_value=Decimal(9))
    assert "người khác thay đổi" in messages(refused.value)
    target.refresh_from_db()
    assert (target.planned_value, target.version) == (Decimal(6), 2)


def test_target_delete_refuses_a_stale_version_and_keeps_the_target(resolution):
    target = services.target_create(resolution=resolution, name="x", kind=TargetKind.NUMBER, planned_value=Decimal(5))
    services.target_update(target=target, expected_version=1, unit="buổi")
    with pytest.raises(StaleEditError) as refused:
        services.target_delete(target=target, expected_version=1)
    assert "Hãy xem lại trước khi xóa" in messages(refused.value)
    assert Target.objects.filter(pk=target.pk).exists()
    services.target_delete(target=target, expected_version=2)
    assert not Target.objects.filter(pk=target.pk).exists()


def test_a_yes_no_target_plans_to_do_it_once_without_a_number_typed(resolution):
    target = services.target_create(resolution=resolution, name="duy trì sổ truyền thống", kind=TargetKind.BOOLEAN)
    assert (target.planned_value, target.planned_text) == (Decimal(1), "Có")


# Progress and the reason when behind ------------------------------------------------------------


@pytest.fixture
def admission_target():
    """5 new members over a 2022-03-01 .. 2024-08-31 term."""
    return TargetFactory(resolution=ResolutionFactory(term=TermFactory()), planned_value=Decimal(5))


def test_progress_on_schedule_needs_no_reason(admission_target):
    entry = services.progress_record(target=admission_target, recorded_on=D(2023, 6, 1), value=Decimal(3))
    assert entry.reason_behind == ""


def test_progress_behind_schedule_needs_a_reason(admission_target):
    error = refused(
        lambda: services.progress_record(target=admission_target, recorded_on=D(2023, 6, 1), value=Decimal(1))
    )
    assert "cần ghi lý do" in messages(error)
    assert "reason_behind" in error.message_dict
    entry = services.progress_record(
        target=admission_target, recorded_on=D(2023, 6, 1), value=Decimal(1), reason_behind="Ít nguồn kết nạp"
    )
    assert entry.reason_behind == "Ít nguồn kết nạp"


@pytest.mark.parametrize(
    ("value", "outcome"),
    [(Decimal(5), Outcome.ACHIEVED), (Decimal(6), Outcome.EXCEEDED), (Decimal(2), Outcome.NOT_ACHIEVED)],
)
def test_the_outcome_at_the_end_of_the_term_follows_the_recorded_progress(admission_target, value, outcome):
    services.progress_record(
        target=admission_target, recorded_on=D(2024, 8, 31), value=value, reason_behind="Thiếu nguồn"
    )
    target = Target.objects.prefetch_related("progress_entries").get(pk=admission_target.pk)
    assert target.outcome_on(D(2024, 9, 1)) == outcome


def test_a_rating_below_plan_needs_a_reason():
    target = TargetFactory(kind=TargetKind.RATING, planned_value=None, planned_rating=RatingLevel.EXCELLENT)
    with pytest.raises(ValidationError):
        services.progress_record(target=target, recorded_on=D(2023, 1, 15), rating=RatingLevel.GOOD)
    assert not target.progress_entries.exists()  # the refused reading left nothing
    entry = services.progress_record(target=target, recorded_on=D(2023, 1, 15), rating=RatingLevel.EXCELLENT)
    assert list(target.progress_entries.values_list("rating", "reason_behind")) == [(RatingLevel.EXCELLENT, "")]
    assert entry.value is None


def test_a_yes_no_target_needs_a_reason_only_once_the_term_is_over():
    target = TargetFactory(kind=TargetKind.BOOLEAN, planned_value=Decimal(1))
    services.progress_record(target=target, recorded_on=D(2023, 1, 1), value=Decimal(0))
    with pytest.raises(ValidationError) as refused:
        services.progress_record(target=target, recorded_on=D(2024, 8, 31), value=Decimal(0))
    assert "reason_behind" in refused.value.message_dict
    assert list(target.progress_entries.values_list("recorded_on", flat=True)) == [D(2023, 1, 1)]


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        (TargetKind.NUMBER, {"value": None}, "value"),
        (TargetKind.NUMBER, {"value": Decimal(-1)}, "value"),
        (TargetKind.PERCENT, {"value": Decimal(101)}, "value"),
        (TargetKind.BOOLEAN, {"value": Decimal(2)}, "value"),
        (TargetKind.RATING, {"rating": ""}, "rating"),
        (TargetKind.NUMBER, {"value": Decimal(5), "recorded_on": D(2022, 2, 28)}, "recorded_on"),
    ],
)
def test_it_refuses_an_impossible_reading(kind, fields, field):
    planned = {"planned_rating": RatingLevel.GOOD, "planned_value": None} if kind == TargetKind.RATING else {}
    target = TargetFactory(kind=kind, **planned)
    error = refused(lambda: services.progress_record(target=target, **{"recorded_on": D(2023, 1, 1), **fields}))
    assert field in error.message_dict
