"""Elections of the day: the list of candidates, the rounds of secret ballot, their counts.

The counting rules are in congress/rules.py; who is elected is read back by congress.selectors.election_outcome.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress import rules
from congress.models import (
    DELEGATION_KINDS,
    BallotRound,
    BodyKind,
    BodyMember,
    Candidate,
    Congress,
    CongressBody,
    ElectedBy,
    Election,
    ElectionKind,
    ElectionStatus,
    RoundCount,
    WithdrawalDecision,
    kind_phrase,
)
from congress.selectors import (
    committee_election,
    elected_committee_ids,
    elected_delegate_ids,
    election_outcome,
    elections_with_counts,
    is_small_branch,
    rules_for,
    standing_candidates,
)
from congress.services import guards
from members.models import Member


@transaction.atomic
def election_create(*, congress: Congress, kind: str, seats: int) -> Election:
    congress = guards.lock(congress)
    guards.require_open(congress)
    branch = congress.branch
    small = is_small_branch(congress)
    if kind == ElectionKind.COMMITTEE:
        if small:
            guards.refuse(
                _("Chi đoàn dưới %(n)s đoàn viên không bầu Ban Chấp hành: Đại hội bầu trực tiếp Bí thư, Phó Bí thư.")
                % {"n": branch.small_branch_threshold},
                "kind",
            )
        if not 1 <= seats <= branch.committee_max_size:
            guards.refuse(_("Ban Chấp hành có từ 1 đến %(n)s đồng chí.") % {"n": branch.committee_max_size}, "seats")
        elected_by = ElectedBy.CONGRESS
    elif kind in (ElectionKind.SECRETARY, ElectionKind.DEPUTY):
        if seats != 1:
            guards.refuse(_("Mỗi chức danh bầu 1 người."), "seats")
        elected_by = ElectedBy.CONGRESS if small else ElectedBy.COMMITTEE
    elif kind in DELEGATION_KINDS:
        # The number is the congress's (set in its preparation, from the upper level's allocation).
        wanted = congress.delegates_count if kind == ElectionKind.DELEGATE else congress.alternates_count
        label = kind_phrase(kind)
        if wanted < 1:
            guards.refuse(
                _("Đại hội không bầu %(what)s: số lượng là 0 (sửa trong Thông tin Đại hội).") % {"what": label}, "kind"
            )
        if seats != wanted:
            guards.refuse(_("Đại hội bầu %(n)s %(what)s.") % {"n": wanted, "what": label}, "seats")
        elected_by = ElectedBy.CONGRESS
    else:
        guards.refuse(_("Loại bầu cử không hợp lệ."), "kind")
    if congress.elections.filter(kind=kind).exists():
        guards.refuse(_("Đại hội đã có cuộc bầu này."), "kind")
    return guards.save_new(Election(congress=congress, kind=kind, seats=seats, elected_by=elected_by))


@transaction.atomic
def candidate_add(*, election: Election, member: Member, source: str) -> Candidate:
    congress = guards.lock(election.congress)
    guards.require_open(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.NOMINATING:
        guards.refuse(_("Danh sách bầu cử đã chốt: không thêm ứng cử viên được nữa."))
    if member.branch_id != congress.branch.pk:
        guards.refuse(_("Đồng chí này không thuộc chi đoàn."), "member")
    if election.elected_by == ElectedBy.COMMITTEE:
        if member.pk not in elected_committee_ids(congress):
            guards.refuse(_("Bí thư, Phó Bí thư được bầu trong số Ủy viên Ban Chấp hành mới đã trúng cử."), "member")
    elif not Member.objects.filter(pk=member.pk).active_on(congress.held_on).exists():
        guards.refuse(_("Đồng chí này không sinh hoạt tại chi đoàn vào ngày Đại hội."), "member")
    if election.candidates.filter(member=member).exists():
        guards.refuse(_("Đồng chí này đã có trong danh sách."), "member")
    if election.kind == ElectionKind.ALTERNATE and member.pk in elected_delegate_ids(congress):
        guards.refuse(_("Đồng chí này đã trúng cử đại biểu chính thức."), "member")
    if BodyMember.objects.filter(body__congress=congress, body__kind=BodyKind.COUNTING, member=member).exists():
        guards.refuse(_("Thành viên Ban Kiểm phiếu không được ứng cử."), "member")
    error = rules.candidate_list_error(
        seats=election.seats, candidates=len(standing_candidates(election)) + 1, rules=rules_for(congress.branch)
    )
    if error:
        guards.refuse(error, "member")
    return guards.save_new(Candidate(election=election, member=member, source=source))


@transaction.atomic
def candidate_withdraw(*, candidate: Candidate, reason: str, accepted: bool) -> Candidate:
    """A candidate asks to withdraw; the presidium accepts or refuses."""
    congress = guards.lock(candidate.election.congress)
    guards.require_open(congress)
    if candidate.election.status != ElectionStatus.NOMINATING:
        guards.refuse(_("Danh sách bầu cử đã chốt: không rút tên được nữa."))
    if not reason.strip():
        guards.refuse(_("Cần ghi lý do xin rút."), "reason")
    candidate.withdrawal_reason = reason.strip()
    candidate.withdrawal_decision = WithdrawalDecision.ACCEPTED if accepted else WithdrawalDecision.REFUSED
    guards.save_as_read(candidate)
    return candidate


def _voters_for(congress: Congress, election: Election) -> int:
    if election.elected_by == ElectedBy.COMMITTEE:
        return len(elected_committee_ids(congress))
    return guards.require_quorum(congress).present


def _lock_for_a_round(election: Election, status: str, refusal: str) -> tuple[Congress, Election]:
    """The congress in session and the election, locked; refused unless the election is at `status`."""
    congress = guards.lock(election.congress)
    guards.require_session(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != status:
        guards.refuse(refusal)
    return congress, election


def _open_round(
    congress: Congress, election: Election, *, number: int, seats: int, candidates: list[Candidate]
) -> BallotRound:
    """A round with an empty count for each candidate on its ballot; the election goes to the vote.
    Refused when the congress has lost its quorum (the voters are those present, or the new committee)."""
    voters = _voters_for(congress, election)
    rnd = guards.save_new(BallotRound(election=election, number=number, seats=seats, voters=voters))
    for candidate in candidates:
        RoundCount.objects.create(round=rnd, candidate=candidate)
    election.status = ElectionStatus.VOTING
    guards.save_as_read(election)
    return rnd


@transaction.atomic
def election_open(*, election: Election) -> BallotRound:
    """Close the list and open the first round; refused before the quorum or with too many candidates."""
    congress, election = _lock_for_a_round(election, ElectionStatus.NOMINATING, _("Cuộc bầu này đã mở bỏ phiếu."))
    if election.elected_by == ElectedBy.CONGRESS:
        guards.require_quorum(congress)
        counting = CongressBody.objects.filter(congress=congress, kind=BodyKind.COUNTING).first()
        if counting is None or not counting.passed:
            guards.refuse(_("Cần Đại hội biểu quyết thông qua Ban Kiểm phiếu trước khi bỏ phiếu."))
    else:
        committee = committee_election(congress)
        if committee is None or not committee.is_decided:
            guards.refuse(_("Cần có kết quả bầu Ban Chấp hành trước khi Ban Chấp hành mới bầu chức danh."))
    standing = standing_candidates(election)
    error = rules.candidate_list_error(seats=election.seats, candidates=len(standing), rules=rules_for(congress.branch))
    if error:
        guards.refuse(error)
    return _open_round(congress, election, number=1, seats=election.seats, candidates=standing)


@transaction.atomic
def count_record(
    *, round: BallotRound, issued: int, returned: int, valid: int, invalid: int, votes: dict[int, int]
) -> rules.RoundResult:
    """Enter the count of a round; counts that do not add up are refused with the reasons."""
    congress = guards.lock(round.election.congress)
    guards.require_open(congress)
    election = Election.objects.select_for_update().get(pk=round.election_id)
    rnd = BallotRound.objects.select_for_update().get(pk=round.pk)
    if election.rounds.filter(number__gt=rnd.number).exists():
        guards.refuse(_("Đã bỏ phiếu lần sau: không sửa kết quả lần này được nữa."))
    counts = list(rnd.counts.select_related("candidate__member"))
    if set(votes) != {c.candidate_id for c in counts}:
        guards.refuse(_("Cần nhập số phiếu bầu của từng ứng cử viên trong danh sách."))
    if issued > rnd.voters:
        guards.refuse(
            _("Số phiếu phát ra (%(issued)s) nhiều hơn số người có quyền bầu cử (%(voters)s).")
            % {"issued": issued, "voters": rnd.voters},
            "issued",
        )
    ballots = rules.Ballots(issued=issued, returned=returned, valid=valid, invalid=invalid)
    entered = [
        rules.Votes(key=c.candidate_id, votes=votes[c.candidate_id], born=c.candidate.member.date_of_birth)
        for c in counts
    ]
    errors = rules.count_field_errors(seats=rnd.seats, ballots=ballots, votes=entered)
    if errors:
        by_field: dict[str, list[str]] = {}
        for name, message in errors:
            by_field.setdefault(name or "__all__", []).append(message)
        raise ValidationError(by_field)
    branch_rules = rules_for(congress.branch)
    result = rules.decide(seats=rnd.seats, ballots=ballots, votes=entered, rules=branch_rules, round_number=rnd.number)
    for count in counts:
        count.votes = votes[count.candidate_id]
        guards.save_as_read(count)
    rnd.issued, rnd.returned, rnd.valid, rnd.invalid = issued, returned, valid, invalid
    rnd.counted_at = timezone.now()
    guards.save_as_read(rnd)
    state = election_outcome(elections_with_counts(congress).get(pk=election.pk), branch_rules).progress
    if state.may_continue and state.for_a_tie:
        election.status = ElectionStatus.TIED
    elif state.may_continue:
        election.status = ElectionStatus.SHORT  # the congress holds the next round or leaves the seats vacant
    else:
        election.status = ElectionStatus.DECIDED
    guards.save_as_read(election)
    return result


@transaction.atomic
def next_round_open(*, election: Election) -> BallotRound:
    """The next round, for the seats left: among the tied, or the candidates not elected (rules.progress);
    refused with the reason past the branch's number of rounds."""
    congress = guards.lock(election.congress)
    guards.require_session(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    outcome = election_outcome(elections_with_counts(congress).get(pk=election.pk))
    state = outcome.progress
    if election.status not in (ElectionStatus.TIED, ElectionStatus.SHORT, ElectionStatus.DECIDED) or not state.results:
        guards.refuse(_("Cần có kết quả kiểm phiếu lần này trước khi bỏ phiếu lần sau."))
    if not state.may_continue:
        reason = state.refusal or _("Cuộc bầu này không bỏ phiếu lần sau được.")
        guards.refuse(f"{reason} {state.vacancy_text}" if state.seats_left > 0 else reason)
    if election.status == ElectionStatus.DECIDED:
        guards.refuse(_("Đại hội đã quyết định để trống vị trí: không bỏ phiếu lần sau được."))
    ballot = sorted(outcome.next_candidates, key=lambda c: (c.member.name_sort_key, c.pk))
    return _open_round(congress, election, number=len(state.results) + 1, seats=state.next_seats, candidates=ballot)


@transaction.atomic
def election_leave_vacant(*, election: Election) -> Election:
    """The congress holds no further round: the seats left stay vacant, for the upper level to appoint
    or a later election to fill."""
    congress = guards.lock(election.congress)
    guards.require_open(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.SHORT:
        guards.refuse(_("Cuộc bầu này không có vị trí nào để trống."))
    election.status = ElectionStatus.DECIDED
    guards.save_as_read(election)
    return election
