"""The congress day's services on the demo congress: quorum, bodies, elections, counts, handover."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from congress import selectors, services
from congress.models import (
    AttendanceStatus,
    BodyKind,
    CandidateSource,
    CongressStatus,
    ElectedBy,
    ElectionKind,
    ElectionStatus,
)
from members.models import Member
from terms.models import CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind, TargetKind, Term
from tests.congress.helpers import (
    COMMITTEE_CANDIDATES,
    by_name,
    committee_election,
    count_by_name,
    outgoing_secretary,
    run_whole_day,
    summon_and_open,
)

D = datetime.date


def test_summons_lists_the_members_active_on_the_congress_date(congress, demo_branch):
    added = services.congress_summon(congress=congress)
    active = Member.objects.filter(branch=demo_branch).active_on(congress.held_on).count()
    assert added == active == congress.attendances.count()
    names = {a.member.full_name for a in congress.attendances.select_related("member")}
    assert "Nguyễn Thị Tú Uyên" not in names  # left in 2023
    assert services.congress_summon(congress=congress) == 0


def test_the_quorum_is_two_thirds_of_those_summoned(congress):
    summon_and_open(congress, present=0)
    summoned = congress.attendances.count()
    quorum = selectors.quorum_of(congress)
    assert (quorum.summoned, quorum.present, quorum.reached) == (summoned, 0, False)
    for attendance in congress.attendances.all()[: quorum.needed]:
        services.attendance_set(attendance=attendance, status=AttendanceStatus.PRESENT)
    assert selectors.quorum_of(congress).reached
    assert selectors.quorum_of(congress).present == quorum.needed


def test_the_quorum_counts_each_status_in_one_query(congress, django_assert_num_queries):
    """The quorum card is fetched every few seconds while the congress sits: one aggregate, not every row."""
    summon_and_open(congress, present=0)
    first, second, *_rest = congress.attendances.all()
    services.attendance_set(attendance=first, status=AttendanceStatus.PRESENT)
    services.attendance_set(attendance=second, status=AttendanceStatus.PENDING)
    with django_assert_num_queries(1):
        quorum = selectors.quorum_of(congress)
    statuses = list(congress.attendances.values_list("status", flat=True))
    assert (quorum.summoned, quorum.present, quorum.absent, quorum.pending) == (
        len(statuses),
        statuses.count(AttendanceStatus.PRESENT),
        statuses.count(AttendanceStatus.ABSENT),
        statuses.count(AttendanceStatus.PENDING),
    )
    assert (quorum.present, quorum.pending) == (1, 1)


def test_the_summons_list_is_fixed_once_a_vote_was_taken(sitting):
    congress = sitting
    attendance = congress.attendances.first()
    with pytest.raises(ValidationError, match="danh sách triệu tập không còn thay đổi"):
        services.summons_remove(attendance=attendance)
    assert congress.attendances.filter(pk=attendance.pk).exists()


def test_it_refuses_an_absence_without_a_reason(congress):
    services.congress_summon(congress=congress)
    attendance = congress.attendances.first()
    with pytest.raises(ValidationError, match="lý do vắng"):
        services.attendance_set(attendance=attendance, status=AttendanceStatus.ABSENT)
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PENDING


def test_it_refuses_a_show_of_hands_before_quorum(congress):
    summon_and_open(congress, present=3)
    names = by_name(congress.branch)
    body = services.body_set_members(congress=congress, kind=BodyKind.PRESIDIUM, members=[names["Lê Huỳnh Khắc Huy"]])
    with pytest.raises(ValidationError, match="Chưa đủ số đại biểu"):
        services.body_approve(body=body, votes_for=3, votes_against=0, votes_abstain=0)
    body.refresh_from_db()
    assert not body.is_voted


def test_it_refuses_to_open_a_vote_before_quorum(sitting):
    congress = sitting
    election = committee_election(congress)
    for attendance in congress.attendances.all()[:8]:  # they leave after the show of hands
        services.attendance_set(attendance=attendance, status=AttendanceStatus.ABSENT, reason="về sớm")
    with pytest.raises(ValidationError, match="Chưa đủ số đại biểu"):
        services.election_open(election=election)
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATING
    assert not election.rounds.exists()


def test_it_refuses_too_many_candidates_when_the_candidate_is_added(sitting):
    congress = sitting
    names = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=4)
    for name in COMMITTEE_CANDIDATES[:5]:  # 4 seats + 30 %: at most 5
        services.candidate_add(election=election, member=names[name], source=CandidateSource.OUTGOING)
    with pytest.raises(ValidationError, match="nhiều nhất 5 người") as refused:
        services.candidate_add(election=election, member=names[COMMITTEE_CANDIDATES[5]], source=CandidateSource.FLOOR)
    assert "member" in refused.value.error_dict
    assert election.candidates.count() == 5


def test_the_list_is_checked_again_when_it_is_closed(sitting):
    """The surplus lowered after the names were added: the vote does not open."""
    congress = sitting
    election = committee_election(congress, seats=5)  # 6 candidates for 5 seats
    branch = congress.branch
    branch.candidate_surplus_percent = 0
    branch.save()
    with pytest.raises(ValidationError, match="nhiều nhất 5 người"):
        services.election_open(election=election)
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATING
    assert not election.rounds.exists()


def test_a_withdrawal_accepted_by_the_presidium_takes_the_candidate_off_the_ballot(sitting):
    congress = sitting
    names = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=4)
    for name in COMMITTEE_CANDIDATES[:5]:  # the most 4 seats allow
        services.candidate_add(election=election, member=names[name], source=CandidateSource.OUTGOING)
    anh = election.candidates.get(member__given_name="Ánh")
    services.candidate_withdraw(candidate=anh, reason="lý do gia đình", accepted=True)
    # the withdrawn name no longer counts against the limit: a sixth may be added
    tai = services.candidate_add(election=election, member=names["Huỳnh Văn Tài"], source=CandidateSource.FLOOR)
    services.candidate_withdraw(candidate=tai, reason="lý do gia đình", accepted=True)
    rnd = services.election_open(election=election)
    assert tai.pk not in set(rnd.counts.values_list("candidate_id", flat=True))
    assert anh.pk not in set(rnd.counts.values_list("candidate_id", flat=True))
    assert rnd.counts.count() == 4


def test_it_refuses_a_candidate_on_the_counting_committee(sitting):
    congress = sitting
    election = services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=5)
    khoa = by_name(congress.branch)["Trần Minh Khoa"]
    with pytest.raises(ValidationError, match="Ban Kiểm phiếu"):
        services.candidate_add(election=election, member=khoa, source=CandidateSource.SELF)
    assert not election.candidates.exists()


def test_it_refuses_counts_that_do_not_add_up_and_saves_nothing(sitting):
    congress = sitting
    rnd = services.election_open(election=committee_election(congress))
    with pytest.raises(ValidationError) as refused:
        count_by_name(rnd, issued=17, valid=17, invalid=1, Huy=17, Nhi=17, Hằng=17, Mai=17, Ánh=17, Tài=17)
    messages = " ".join(refused.value.messages)
    assert "phải bằng số phiếu thu về" not in messages  # valid + invalid = returned holds here
    assert "vượt quá số vị trí × số phiếu hợp lệ" in messages
    rnd.refresh_from_db()
    assert rnd.counted_at is None
    assert not rnd.counts.filter(votes__isnull=False).exists()


def test_a_tie_for_the_last_seat_opens_a_second_round_among_the_tied(sitting):
    congress = sitting
    present = selectors.quorum_of(congress).present
    election = committee_election(congress)
    rnd = services.election_open(election=election)
    result = count_by_name(rnd, issued=present, valid=present, Huy=17, Nhi=16, Hằng=15, Mai=14, Ánh=12, Tài=12)
    assert result.needs_second_round
    election.refresh_from_db()
    assert election.status == ElectionStatus.TIED
    second = services.next_round_open(election=election)
    assert second.number == 2 and second.seats == 1
    assert {c.candidate.member.given_name for c in second.counts.select_related("candidate__member")} == {"Ánh", "Tài"}
    count_by_name(second, issued=present, valid=present, Ánh=11, Tài=6)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    outcome = selectors.election_outcome(selectors.elections_with_counts(congress).get(pk=election.pk))
    assert [c.member.given_name for c in outcome.elected] == ["Huy", "Nhi", "Hằng", "Mai", "Ánh"]


def test_there_is_no_third_round(sitting):
    congress = sitting
    present = selectors.quorum_of(congress).present
    election = committee_election(congress, seats=5)
    rnd = services.election_open(election=election)
    count_by_name(rnd, issued=present, valid=present, Huy=17, Nhi=16, Hằng=15, Mai=10, Ánh=10, Tài=10)
    second = services.next_round_open(election=election)
    assert second.seats == 2
    count_by_name(second, issued=present, valid=present, Mai=10, Ánh=10, Tài=10)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    with pytest.raises(ValidationError, match="nhiều nhất 2 lần: không bỏ phiếu lần thứ 3") as refused:
        services.next_round_open(election=election)
    assert "để cấp trên chỉ định hoặc bầu bổ sung" in " ".join(refused.value.messages)
    outcome = selectors.election_outcome(selectors.elections_with_counts(congress).get(pk=election.pk))
    assert outcome.unfilled == 2


def test_in_a_large_branch_the_new_committee_elects_the_secretary_among_its_members(sitting):
    congress = sitting
    secretary = services.election_create(congress=congress, kind=ElectionKind.SECRETARY, seats=1)
    assert secretary.elected_by == ElectedBy.COMMITTEE
    huy = by_name(congress.branch)["Lê Huỳnh Khắc Huy"]
    with pytest.raises(ValidationError, match="trong số Ủy viên Ban Chấp hành mới"):
        services.candidate_add(election=secretary, member=huy, source=CandidateSource.OUTGOING)
    assert not secretary.candidates.exists()


def test_the_whole_resolution_vote_adopts_it(congress):
    congress = summon_and_open(congress)
    present = selectors.quorum_of(congress).present
    target = services.draft_target_add(
        congress=congress, name="kết nạp đoàn viên mới", kind=TargetKind.NUMBER, planned_value=Decimal(5)
    )
    services.draft_target_add(
        congress=congress, name="thực hiện công trình thanh niên", kind=TargetKind.NUMBER, planned_value=Decimal(2)
    )
    services.resolution_vote(congress=congress, target=target, votes_for=2, votes_against=present - 2, votes_abstain=0)
    services.resolution_vote(congress=congress, target=None, votes_for=present, votes_against=0, votes_abstain=0)
    congress.refresh_from_db()
    assert congress.resolution_adopted_on == congress.held_on
    assert [t.name for t in selectors.adopted_targets(congress)] == ["thực hiện công trình thanh niên"]


def test_it_refuses_more_hands_than_people_present(congress):
    congress = summon_and_open(congress)
    present = selectors.quorum_of(congress).present
    services.draft_target_add(congress=congress, name="kết nạp", kind=TargetKind.NUMBER, planned_value=Decimal(5))
    with pytest.raises(ValidationError, match="nhiều hơn số đại biểu có mặt"):
        services.resolution_vote(congress=congress, target=None, votes_for=present, votes_against=1, votes_abstain=0)
    congress.refresh_from_db()
    assert congress.resolution_adopted_on is None
    assert not congress.resolution_votes.exists()


# The handover --------------------------------------------------------------------


def test_the_handover_sets_up_exactly_what_the_congress_decided(congress, demo_branch):
    congress = run_whole_day(congress)
    old = congress.closes_term
    old_open = list(old.seats.open().values_list("pk", flat=True))
    handover = services.congress_handover(congress=congress, by=outgoing_secretary())

    congress.refresh_from_db()
    new = handover.term
    assert congress.status == CongressStatus.CLOSED
    assert congress.opens_term == new
    assert (new.starts_on, new.ends_on) == (congress.new_term_starts_on, congress.new_term_ends_on)
    assert Term.objects.current_for(demo_branch, D(2025, 1, 1)) == new

    seats = list(new.seats.select_related("member").order_by("position"))
    assert [(s.member.full_name, s.role) for s in seats] == [
        ("Lê Huỳnh Khắc Huy", CommitteeRole.SECRETARY),
        ("Hoàng Phạm Phương Nhi", CommitteeRole.DEPUTY),
        ("Bùi Ngọc Ánh", CommitteeRole.MEMBER),
        ("Đặng Tuyết Hằng", CommitteeRole.MEMBER),
        ("Đinh Thị Mai", CommitteeRole.MEMBER),
    ]
    assert {(s.started_on, s.start_kind) for s in seats} == {(congress.held_on, SeatStartKind.ELECTED)}

    old.refresh_from_db()
    assert old.ends_on == congress.new_term_starts_on - datetime.timedelta(days=1)
    ended = CommitteeSeat.objects.filter(pk__in=old_open)
    assert {(s.ended_on, s.end_kind) for s in ended} == {(old.ends_on, SeatEndKind.TERM_ENDED)}

    resolution = new.resolution
    assert resolution.adopted_on == congress.held_on
    assert [(t.name, t.planned_value) for t in resolution.targets.all()] == [
        ("kết nạp đoàn viên mới", Decimal(5)),
        ("duy trì Sổ truyền thống của Chi đoàn", Decimal(1)),
    ]


def test_a_second_handover_is_refused_and_changes_nothing(congress):
    congress = run_whole_day(congress)
    services.congress_handover(congress=congress, by=outgoing_secretary())
    terms, seats = Term.objects.count(), CommitteeSeat.objects.count()
    congress.refresh_from_db()
    version = congress.version
    with pytest.raises(ValidationError, match="đã được xác nhận"):
        services.congress_handover(congress=congress, by=outgoing_secretary())
    congress.refresh_from_db()
    assert (Term.objects.count(), CommitteeSeat.objects.count(), congress.version) == (terms, seats, version)


def test_the_handover_is_refused_until_the_secretary_is_elected(congress):
    congress = summon_and_open(congress)
    terms = Term.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.congress_handover(congress=congress, by=outgoing_secretary())
    assert any("Bí thư" in m for m in refused.value.messages)
    assert any("Nghị quyết" in m for m in refused.value.messages)
    congress.refresh_from_db()  # the service works on its own locked copy: read what it saved
    assert congress.opens_term is None
    assert congress.status == CongressStatus.IN_SESSION
    assert Term.objects.count() == terms


def test_nothing_changes_after_the_handover(congress):
    congress = run_whole_day(congress)
    services.congress_handover(congress=congress, by=outgoing_secretary())
    attendance = congress.attendances.filter(status=AttendanceStatus.PRESENT).first()
    with pytest.raises(ValidationError, match="đã bế mạc"):
        services.attendance_set(attendance=attendance, status=AttendanceStatus.ABSENT, reason="về sớm")
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT
