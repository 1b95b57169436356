"""Elections that can always finish (issue 10): a contested single seat, a tie, the next round for the
seats left, the vacancy, and the refused third round; through the services, on the demo congress."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from congress import selectors, services
from congress.models import CandidateSource, ElectedBy, ElectionKind, ElectionStatus
from tests.congress.helpers import by_name, committee_election, count_by_name


def outcome_of(congress, election):
    return selectors.election_outcome(selectors.elections_with_counts(congress).get(pk=election.pk))


@pytest.fixture
def small(sitting):
    """The demo congress as a small branch's: the congress elects the Secretary itself."""
    branch = sitting.branch
    branch.small_branch_threshold = 100
    branch.save()
    return sitting


def contested_secretary(congress, *names):
    people = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=ElectionKind.SECRETARY, seats=1)
    assert election.elected_by == ElectedBy.CONGRESS
    for name in names:
        services.candidate_add(election=election, member=people[name], source=CandidateSource.FLOOR)
    return election


def test_a_single_seat_takes_up_to_three_candidates_and_refuses_a_fourth(small):
    election = contested_secretary(small, "Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng")
    with pytest.raises(ValidationError, match="nhiều nhất 3 ứng cử viên"):
        services.candidate_add(
            election=election, member=by_name(small.branch)["Đinh Thị Mai"], source=CandidateSource.FLOOR
        )
    assert election.candidates.count() == 3
    assert services.election_open(election=election).counts.count() == 3  # two or three for one seat: allowed


def test_a_tie_for_one_seat_goes_to_a_second_round_that_elects(small):
    election = contested_secretary(small, "Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi")
    present = selectors.quorum_of(small).present
    half = present // 2
    count_by_name(services.election_open(election=election), issued=present, valid=present, Huy=half, Nhi=half)
    election.refresh_from_db()
    assert election.status == ElectionStatus.SHORT  # nobody over half: the seat is not filled yet
    second = services.next_round_open(election=election)
    assert second.number == 2 and second.seats == 1 and second.counts.count() == 2
    count_by_name(second, issued=present, valid=present, Huy=present - 1, Nhi=1)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    outcome = outcome_of(small, election)
    assert [c.member.given_name for c in outcome.elected] == ["Huy"] and outcome.vacant == 0


def test_after_the_last_round_a_third_is_refused_and_the_seat_is_vacant(small):
    election = contested_secretary(small, "Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi")
    present = selectors.quorum_of(small).present
    half = present // 2
    count_by_name(services.election_open(election=election), issued=present, valid=present, Huy=half, Nhi=half)
    count_by_name(services.next_round_open(election=election), issued=present, valid=present, Huy=half, Nhi=half)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    with pytest.raises(ValidationError) as refused:
        services.next_round_open(election=election)
    reason = " ".join(refused.value.messages)
    assert "nhiều nhất 2 lần: không bỏ phiếu lần thứ 3" in reason
    assert "để cấp trên chỉ định hoặc bầu bổ sung" in reason
    assert election.rounds.count() == 2
    assert outcome_of(small, election).vacant == 1


def test_a_round_short_of_seats_leads_to_a_round_for_the_seats_left(sitting):
    election = committee_election(sitting, seats=5)
    present = selectors.quorum_of(sitting).present
    few = present // 2  # not over half
    count_by_name(
        services.election_open(election=election),
        issued=present,
        valid=present,
        Huy=present,
        Nhi=present,
        Hằng=present,
        Mai=few,
        Ánh=few,
        Tài=1,
    )
    election.refresh_from_db()
    assert election.status == ElectionStatus.SHORT
    second = services.next_round_open(election=election)
    assert second.seats == 2
    assert {c.candidate.member.given_name for c in second.counts.select_related("candidate__member")} == {
        "Mai",
        "Ánh",
        "Tài",
    }
    count_by_name(second, issued=present, valid=present, Mai=present, Ánh=few, Tài=few)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    outcome = outcome_of(sitting, election)
    assert {c.member.given_name for c in outcome.elected} == {"Huy", "Nhi", "Hằng", "Mai"}  # round 1 keeps its seats
    assert outcome.vacant == 1


def test_the_congress_may_leave_the_seats_left_vacant_instead(sitting):
    election = committee_election(sitting, seats=5)
    present = selectors.quorum_of(sitting).present
    few = present // 2
    count_by_name(
        services.election_open(election=election),
        issued=present,
        valid=present,
        Huy=present,
        Nhi=present,
        Hằng=present,
        Mai=present,
        Ánh=few,
        Tài=few,
    )
    services.election_leave_vacant(election=election)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    assert outcome_of(sitting, election).vacant == 1
    with pytest.raises(ValidationError, match="để trống vị trí"):
        services.next_round_open(election=election)
    assert election.rounds.count() == 1
