"""The congress day: preparation, attendance and quorum, bodies, elections and counting,
the resolution vote, and the handover that sets up the new term.

Every write is keyword-only, atomic, and refuses with a Vietnamese ValidationError
leaving nothing half-saved. The counting rules themselves are in congress/elections.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from chidoan.lib.locking import save_if_unchanged
from chidoan.lib.text import two_digits
from congress import elections as rules_mod
from congress.models import (
    DEFAULT_PROGRAMME,
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    BodyMember,
    Candidate,
    Congress,
    CongressBody,
    CongressStatus,
    DraftTarget,
    ElectedBy,
    Election,
    ElectionKind,
    ElectionStatus,
    Guest,
    ProgrammeItem,
    ResolutionVote,
    RoundCount,
    WithdrawalDecision,
)
from members.models import Member, Organisation
from terms.models import CommitteeRole, SeatEndKind, SeatStartKind, Term
from terms.services.term import (
    active_member_count,
    resolution_ensure,
    seat_add,
    seat_end,
    target_create,
    term_create,
)

# --------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class Quorum:
    summoned: int
    present: int
    absent: int
    pending: int

    @property
    def reached(self) -> bool:
        return rules_mod.quorum_reached(present=self.present, summoned=self.summoned)

    @property
    def needed(self) -> int:
        return rules_mod.quorum_needed(self.summoned)


def quorum_of(congress: Congress) -> Quorum:
    counts = {s: 0 for s in AttendanceStatus.values}
    for status in Attendance.objects.filter(congress=congress).values_list("status", flat=True):
        counts[status] += 1
    return Quorum(
        summoned=sum(counts.values()),
        present=counts[AttendanceStatus.PRESENT],
        absent=counts[AttendanceStatus.ABSENT],
        pending=counts[AttendanceStatus.PENDING],
    )


def rules_for(branch: Organisation) -> rules_mod.Rules:
    return rules_mod.Rules(
        surplus_percent=branch.candidate_surplus_percent, base=branch.election_base, tie_break=branch.tie_break
    )


def is_small_branch(congress: Congress) -> bool:
    """Under the threshold the congress elects the Secretary itself and there are no committee members."""
    branch = congress.branch
    return active_member_count(branch, congress.held_on) < branch.small_branch_threshold


def congresses_for(branch: Organisation):
    return Congress.objects.filter(closes_term__branch=branch).select_related("closes_term", "opens_term")


def elections_with_counts(congress: Congress):
    """Elections with candidates, rounds and counts in a fixed number of queries."""
    return congress.elections.prefetch_related(
        Prefetch("candidates", queryset=Candidate.objects.select_related("member")),
        Prefetch(
            "rounds",
            queryset=BallotRound.objects.prefetch_related(
                Prefetch("counts", queryset=RoundCount.objects.select_related("candidate__member"))
            ),
        ),
    )


def bodies_with_members(congress: Congress) -> dict[str, CongressBody]:
    bodies = congress.bodies.prefetch_related(Prefetch("members", queryset=BodyMember.objects.select_related("member")))
    by_kind = {b.kind: b for b in bodies}
    return {kind: by_kind[kind] for kind in BodyKind.values if kind in by_kind}  # presidium, secretaries, counting


@dataclass
class RoundView:
    round: BallotRound
    counts: list[RoundCount]
    result: rules_mod.RoundResult | None


@dataclass
class ElectionOutcome:
    election: Election
    rounds: list[RoundView]
    elected: list[Candidate]  # in the order of the result: most votes first
    unfilled: int
    tied: list[Candidate]


def _round_result(election: Election, rnd: BallotRound, counts: list[RoundCount], rules) -> rules_mod.RoundResult:
    return rules_mod.decide(
        seats=rnd.seats,
        ballots=rules_mod.Ballots(issued=rnd.issued, returned=rnd.returned, valid=rnd.valid, invalid=rnd.invalid),
        votes=[
            rules_mod.Votes(key=c.candidate_id, votes=c.votes, born=c.candidate.member.date_of_birth) for c in counts
        ],
        rules=rules,
        round_number=rnd.number,
    )


def election_outcome(election: Election, rules: rules_mod.Rules | None = None) -> ElectionOutcome:
    """Who is elected so far, computed from the stored counts by the pure rules (use prefetched data)."""
    rules = rules or rules_for(election.congress.branch)
    candidates = {c.pk: c for c in election.candidates.all()}
    rounds: list[RoundView] = []
    elected: list[Candidate] = []
    unfilled = 0
    tied: list[Candidate] = []
    for rnd in sorted(election.rounds.all(), key=lambda r: r.number):
        counts = sorted(rnd.counts.all(), key=lambda c: (c.candidate.member.name_sort_key, c.pk))
        result = _round_result(election, rnd, counts, rules) if rnd.is_counted else None
        rounds.append(RoundView(round=rnd, counts=counts, result=result))
        if result is not None:
            elected += [candidates[k] for k in result.elected]
            unfilled = result.unfilled
            tied = [candidates[k] for k in result.tied]
    return ElectionOutcome(election=election, rounds=rounds, elected=elected, unfilled=unfilled, tied=tied)


# --------------------------------------------------------------------------- guards


def _refuse(message: str, field: str | None = None) -> None:
    raise ValidationError({field: message} if field else message)


def _lock(congress: Congress) -> Congress:
    return Congress.objects.select_for_update().select_related("closes_term__branch").get(pk=congress.pk)


def _require_open(congress: Congress) -> None:
    if congress.status == CongressStatus.CLOSED:
        _refuse(_("Đại hội đã bế mạc và đã xác nhận kết quả: không thể thay đổi."))


def _require_session(congress: Congress) -> None:
    _require_open(congress)
    if congress.status != CongressStatus.IN_SESSION:
        _refuse(_("Đại hội chưa khai mạc."))


def _require_quorum(congress: Congress) -> Quorum:
    quorum = quorum_of(congress)
    if not quorum.reached:
        _refuse(
            _(
                "Chưa đủ số đại biểu: có mặt %(present)s/%(summoned)s, cần ít nhất %(needed)s (hai phần ba) "
                "trước khi biểu quyết hay bỏ phiếu."
            )
            % {
                "present": two_digits(quorum.present),
                "summoned": two_digits(quorum.summoned),
                "needed": two_digits(quorum.needed),
            }
        )
    return quorum


def _check_hands(*, votes_for: int, votes_against: int, votes_abstain: int, voters: int) -> None:
    if min(votes_for, votes_against, votes_abstain) < 0:
        _refuse(_("Số biểu quyết không thể âm."))
    if votes_for + votes_against + votes_abstain > voters:
        _refuse(
            _("Tổng số biểu quyết (%(total)s) nhiều hơn số đại biểu có mặt (%(voters)s).")
            % {"total": votes_for + votes_against + votes_abstain, "voters": voters}
        )


# --------------------------------------------------------------------------- preparation


@transaction.atomic
def congress_prepare(
    *,
    term: Term,
    held_on: datetime.date,
    new_term_starts_on: datetime.date,
    new_term_ends_on: datetime.date,
    starts_at: datetime.time | None = None,
    place: str = "",
    new_term_number: int | None = None,
    resolution_title: str = "",
) -> Congress:
    """A congress closing `term`, with the default programme."""
    if Congress.objects.filter(closes_term=term).exists():
        _refuse(_("Nhiệm kỳ này đã có Đại hội."))
    congress = Congress(
        closes_term=term,
        held_on=held_on,
        starts_at=starts_at,
        place=place.strip(),
        new_term_number=new_term_number,
        new_term_starts_on=new_term_starts_on,
        new_term_ends_on=new_term_ends_on,
        resolution_title=resolution_title.strip(),
    )
    _check_dates(congress)
    congress.full_clean()
    congress.save()
    programme_set(congress=congress, titles=DEFAULT_PROGRAMME)
    return congress


CONGRESS_FIELDS = {
    "held_on",
    "starts_at",
    "place",
    "new_term_number",
    "new_term_starts_on",
    "new_term_ends_on",
    "resolution_title",
}


@transaction.atomic
def congress_update(*, congress: Congress, expected_version: int, **fields: Any) -> Congress:
    unknown = set(fields) - CONGRESS_FIELDS
    if unknown:
        raise TypeError(f"unknown congress fields: {sorted(unknown)}")
    _require_open(congress)
    moved = any(
        fields.get(name, getattr(congress, name)) != getattr(congress, name)
        for name in ("held_on", "new_term_starts_on")
    )
    if congress.status != CongressStatus.PLANNED and moved:
        _refuse(_("Đại hội đã khai mạc: không đổi ngày họp và ngày bắt đầu nhiệm kỳ mới."))
    for name, value in fields.items():
        setattr(congress, name, value.strip() if isinstance(value, str) else value)
    _check_dates(congress)
    congress.full_clean()
    save_if_unchanged(congress, expected_version=expected_version)
    return congress


def _check_dates(congress: Congress) -> None:
    term = congress.closes_term
    if congress.held_on <= term.starts_on:
        _refuse(_("Ngày Đại hội phải sau ngày bắt đầu nhiệm kỳ %(term)s.") % {"term": term.label}, "held_on")
    if congress.new_term_ends_on <= congress.new_term_starts_on:
        _refuse(_("Nhiệm kỳ mới phải kết thúc sau ngày bắt đầu."), "new_term_ends_on")
    if congress.new_term_starts_on > congress.held_on:
        _refuse(_("Nhiệm kỳ mới bắt đầu muộn nhất vào ngày Đại hội."), "new_term_starts_on")
    if congress.new_term_starts_on <= term.starts_on:
        _refuse(_("Nhiệm kỳ mới phải bắt đầu sau nhiệm kỳ %(term)s.") % {"term": term.label}, "new_term_starts_on")


@transaction.atomic
def programme_set(*, congress: Congress, titles: Sequence[str]) -> list[ProgrammeItem]:
    """Replace the programme; an item whose title is kept keeps its notes."""
    _require_open(congress)
    titles = [t.strip() for t in titles if t.strip()]
    if not titles:
        _refuse(_("Chương trình Đại hội cần ít nhất một mục."), "titles")
    notes = {item.title: item.notes for item in congress.programme_items.all()}
    congress.programme_items.all().delete()
    items = []
    for position, title in enumerate(titles, start=1):
        item = ProgrammeItem(congress=congress, position=position, title=title, notes=notes.get(title, ""))
        item.full_clean()
        item.save()
        items.append(item)
    return items


def _ensure_programme(congress: Congress) -> None:
    """A congress made elsewhere (the admin, the demo) starts from the default programme too."""
    if not congress.programme_items.exists():
        programme_set(congress=congress, titles=DEFAULT_PROGRAMME)


@transaction.atomic
def programme_note(*, item: ProgrammeItem, notes: str) -> ProgrammeItem:
    _require_open(item.congress)
    item.notes = notes.strip()
    item.version += 1
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def congress_summon(*, congress: Congress) -> int:
    """Summon every member active on the congress date who is not summoned yet; returns how many were added."""
    congress = _lock(congress)
    _require_open(congress)
    _ensure_programme(congress)
    new_ids = (
        Member.objects.filter(branch=congress.branch)
        .active_on(congress.held_on)
        .exclude(pk__in=congress.attendances.values("member_id"))
        .in_name_order()
        .values_list("pk", flat=True)
    )
    rows = [_new_attendance(congress, member_id) for member_id in new_ids]
    # One INSERT for the rows and one for their history (a few batches on SQLite, which
    # caps the parameters of a statement): the count of queries does not follow the branch.
    bulk_create_with_history(rows, Attendance)
    return len(rows)


def _new_attendance(congress: Congress, member_id: int) -> Attendance:
    """An unsaved summons, checked field by field without a query per row: the congress is the
    locked one, the member comes from the branch's own list, and those already summoned are
    left out of that list, which keeps `attendance_once` true."""
    attendance = Attendance(congress=congress, member_id=member_id)
    attendance.full_clean(exclude=["congress", "member"], validate_unique=False, validate_constraints=False)
    return attendance


@transaction.atomic
def summons_add(*, congress: Congress, member: Member) -> Attendance:
    congress = _lock(congress)
    _require_open(congress)
    if member.branch_id != congress.branch.pk:
        _refuse(_("Đồng chí này không thuộc chi đoàn."), "member")
    if congress.attendances.filter(member=member).exists():
        _refuse(_("Đồng chí này đã có trong danh sách triệu tập."), "member")
    _require_no_vote_yet(congress)
    attendance = Attendance(congress=congress, member=member)
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def summons_remove(*, attendance: Attendance) -> None:
    congress = _lock(attendance.congress)
    _require_open(congress)
    _require_no_vote_yet(congress)
    if _is_in_a_body(congress, attendance.member_id):
        _refuse(_("Đồng chí này đang ở trong Đoàn Chủ tịch, Thư ký hoặc Ban Kiểm phiếu."))
    if Candidate.objects.filter(election__congress=congress, member_id=attendance.member_id).exists():
        _refuse(_("Đồng chí này đang có tên trong danh sách bầu cử."))
    attendance.delete()


def _require_no_vote_yet(congress: Congress) -> None:
    """The list of who may vote is fixed once the first vote is taken: the quorum is counted on it."""
    voted = (
        CongressBody.objects.filter(congress=congress, votes_for__isnull=False).exists()
        or BallotRound.objects.filter(election__congress=congress).exists()
        or ResolutionVote.objects.filter(congress=congress).exists()
    )
    if voted:
        _refuse(_("Đại hội đã biểu quyết hoặc bỏ phiếu: danh sách triệu tập không còn thay đổi được."))


def _is_in_a_body(congress: Congress, member_id: int) -> bool:
    return BodyMember.objects.filter(body__congress=congress, member_id=member_id).exists()


@transaction.atomic
def guest_add(*, congress: Congress, name: str, title: str = "") -> Guest:
    _require_open(congress)
    guest = Guest(congress=congress, name=" ".join(name.split()), title=title.strip())
    guest.full_clean()
    guest.save()
    return guest


@transaction.atomic
def guest_remove(*, guest: Guest) -> None:
    _require_open(guest.congress)
    guest.delete()


# --------------------------------------------------------------------------- on the day


@transaction.atomic
def congress_open(*, congress: Congress) -> Congress:
    """Khai mạc: the day begins; votes can be taken once the quorum is there."""
    congress = _lock(congress)
    _require_open(congress)
    if congress.status == CongressStatus.IN_SESSION:
        _refuse(_("Đại hội đã khai mạc."))
    if not congress.attendances.exists():
        _refuse(_("Chưa có danh sách đại biểu triệu tập."))
    _ensure_programme(congress)
    congress.status = CongressStatus.IN_SESSION
    congress.version += 1
    congress.save()
    return congress


@transaction.atomic
def attendance_set(*, attendance: Attendance, status: str, reason: str = "") -> Attendance:
    congress = _lock(attendance.congress)
    _require_open(congress)
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if status not in AttendanceStatus.values:
        _refuse(_("Tình trạng điểm danh không hợp lệ."), "status")
    reason = reason.strip()
    if status == AttendanceStatus.ABSENT and not reason:
        _refuse(_("Cần ghi lý do vắng mặt."), "reason")
    # Someone may leave after a vote: each vote keeps the number present when it was taken,
    # and the next one is refused if the quorum is gone.
    attendance.status = status
    attendance.absence_reason = reason if status == AttendanceStatus.ABSENT else ""
    attendance.version += 1
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def body_set_members(
    *, congress: Congress, kind: str, members: Sequence[Member], head: Member | None = None
) -> CongressBody:
    """Who sits on the presidium, the secretariat or the counting committee (before its show of hands)."""
    congress = _lock(congress)
    _require_open(congress)
    if kind not in BodyKind.values:
        _refuse(_("Bộ phận không hợp lệ."), "kind")
    if not members:
        _refuse(_("Cần chọn ít nhất một đồng chí."), "members")
    body, _created = CongressBody.objects.get_or_create(congress=congress, kind=kind)
    if body.is_voted:
        _refuse(_("%(body)s đã được Đại hội biểu quyết: không thay đổi được.") % {"body": body.get_kind_display()})
    summoned = set(congress.attendances.values_list("member_id", flat=True))
    for member in members:
        if member.pk not in summoned:
            _refuse(_("%(name)s không có trong danh sách triệu tập.") % {"name": member.full_name}, "members")
    if head is not None and head.pk not in {m.pk for m in members}:
        _refuse(_("Người chủ trì phải là một trong các thành viên."), "head")
    if kind == BodyKind.COUNTING:
        candidates = set(
            Candidate.objects.filter(election__congress=congress, election__elected_by=ElectedBy.CONGRESS)
            .exclude(withdrawal_decision=WithdrawalDecision.ACCEPTED)
            .values_list("member_id", flat=True)
        )
        clash = [m.full_name for m in members if m.pk in candidates]
        if clash:
            _refuse(_("Người ứng cử không được ở trong Ban Kiểm phiếu: %(names)s.") % {"names": ", ".join(clash)})
    body.members.all().delete()
    for position, member in enumerate(members, start=1):
        BodyMember.objects.create(
            body=body, member=member, position=position, is_head=head is not None and member.pk == head.pk
        )
    body.version += 1
    body.save()
    return body


@transaction.atomic
def body_approve(*, body: CongressBody, votes_for: int, votes_against: int, votes_abstain: int) -> CongressBody:
    """The show of hands on a body; refused before the quorum."""
    congress = _lock(body.congress)
    _require_session(congress)
    quorum = _require_quorum(congress)
    body = CongressBody.objects.select_for_update().get(pk=body.pk)
    if not body.members.exists():
        _refuse(_("Chưa có danh sách %(body)s.") % {"body": body.get_kind_display()})
    _check_hands(votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain, voters=quorum.present)
    body.votes_for, body.votes_against, body.votes_abstain = votes_for, votes_against, votes_abstain
    body.voters = quorum.present
    body.version += 1
    body.full_clean()
    body.save()
    return body


# --------------------------------------------------------------------------- elections


@transaction.atomic
def election_create(*, congress: Congress, kind: str, seats: int) -> Election:
    congress = _lock(congress)
    _require_open(congress)
    branch = congress.branch
    small = is_small_branch(congress)
    if kind == ElectionKind.COMMITTEE:
        if small:
            _refuse(
                _("Chi đoàn dưới %(n)s đoàn viên không bầu Ban Chấp hành: Đại hội bầu trực tiếp Bí thư, Phó Bí thư.")
                % {"n": two_digits(branch.small_branch_threshold)},
                "kind",
            )
        if not 1 <= seats <= branch.committee_max_size:
            _refuse(
                _("Ban Chấp hành có từ 01 đến %(n)s đồng chí.") % {"n": two_digits(branch.committee_max_size)}, "seats"
            )
        elected_by = ElectedBy.CONGRESS
    elif kind in (ElectionKind.SECRETARY, ElectionKind.DEPUTY):
        if seats != 1:
            _refuse(_("Mỗi chức danh bầu 01 người."), "seats")
        elected_by = ElectedBy.CONGRESS if small else ElectedBy.COMMITTEE
    else:
        _refuse(_("Loại bầu cử không hợp lệ."), "kind")
    if congress.elections.filter(kind=kind).exists():
        _refuse(_("Đại hội đã có cuộc bầu này."), "kind")
    election = Election(congress=congress, kind=kind, seats=seats, elected_by=elected_by)
    election.full_clean()
    election.save()
    return election


def _committee_election(congress: Congress) -> Election | None:
    return congress.elections.filter(kind=ElectionKind.COMMITTEE).first()


def _elected_committee_ids(congress: Congress) -> list[int]:
    committee = _committee_election(congress)
    if committee is None or not committee.is_decided:
        return []
    outcome = election_outcome(elections_with_counts(congress).get(pk=committee.pk))
    return [c.member_id for c in outcome.elected]


@transaction.atomic
def candidate_add(*, election: Election, member: Member, source: str) -> Candidate:
    congress = _lock(election.congress)
    _require_open(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.NOMINATING:
        _refuse(_("Danh sách bầu cử đã chốt: không thêm ứng cử viên được nữa."))
    if member.branch_id != congress.branch.pk:
        _refuse(_("Đồng chí này không thuộc chi đoàn."), "member")
    if election.elected_by == ElectedBy.COMMITTEE:
        if member.pk not in _elected_committee_ids(congress):
            _refuse(_("Bí thư, Phó Bí thư được bầu trong số Ủy viên Ban Chấp hành mới đã trúng cử."), "member")
    elif not Member.objects.filter(pk=member.pk).active_on(congress.held_on).exists():
        _refuse(_("Đồng chí này không sinh hoạt tại chi đoàn vào ngày Đại hội."), "member")
    if election.candidates.filter(member=member).exists():
        _refuse(_("Đồng chí này đã có trong danh sách."), "member")
    if BodyMember.objects.filter(body__congress=congress, body__kind=BodyKind.COUNTING, member=member).exists():
        _refuse(_("Thành viên Ban Kiểm phiếu không được ứng cử."), "member")
    candidate = Candidate(election=election, member=member, source=source)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def candidate_withdraw(*, candidate: Candidate, reason: str, accepted: bool) -> Candidate:
    """A candidate asks to withdraw; the presidium accepts or refuses."""
    congress = _lock(candidate.election.congress)
    _require_open(congress)
    if candidate.election.status != ElectionStatus.NOMINATING:
        _refuse(_("Danh sách bầu cử đã chốt: không rút tên được nữa."))
    if not reason.strip():
        _refuse(_("Cần ghi lý do xin rút."), "reason")
    candidate.withdrawal_reason = reason.strip()
    candidate.withdrawal_decision = WithdrawalDecision.ACCEPTED if accepted else WithdrawalDecision.REFUSED
    candidate.version += 1
    candidate.full_clean()
    candidate.save()
    return candidate


def _standing(election: Election) -> list[Candidate]:
    return list(
        election.candidates.exclude(withdrawal_decision=WithdrawalDecision.ACCEPTED)
        .select_related("member")
        .order_by("member__name_sort_key", "pk")
    )


def _voters_for(congress: Congress, election: Election) -> int:
    if election.elected_by == ElectedBy.COMMITTEE:
        return len(_elected_committee_ids(congress))
    return _require_quorum(congress).present


@transaction.atomic
def election_open(*, election: Election) -> BallotRound:
    """Close the list and open the first round; refused before the quorum or with too many candidates."""
    congress = _lock(election.congress)
    _require_session(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.NOMINATING:
        _refuse(_("Cuộc bầu này đã mở bỏ phiếu."))
    if election.elected_by == ElectedBy.CONGRESS:
        _require_quorum(congress)
        counting = CongressBody.objects.filter(congress=congress, kind=BodyKind.COUNTING).first()
        if counting is None or not counting.passed:
            _refuse(_("Cần Đại hội biểu quyết thông qua Ban Kiểm phiếu trước khi bỏ phiếu."))
    else:
        committee = _committee_election(congress)
        if committee is None or not committee.is_decided:
            _refuse(_("Cần có kết quả bầu Ban Chấp hành trước khi Ban Chấp hành mới bầu chức danh."))
    standing = _standing(election)
    error = rules_mod.candidate_list_error(
        seats=election.seats, candidates=len(standing), rules=rules_for(congress.branch)
    )
    if error:
        _refuse(error)
    rnd = BallotRound(election=election, number=1, seats=election.seats, voters=_voters_for(congress, election))
    rnd.full_clean()
    rnd.save()
    for candidate in standing:
        RoundCount.objects.create(round=rnd, candidate=candidate)
    election.status = ElectionStatus.VOTING
    election.version += 1
    election.save()
    return rnd


@transaction.atomic
def count_record(
    *, round: BallotRound, issued: int, returned: int, valid: int, invalid: int, votes: dict[int, int]
) -> rules_mod.RoundResult:
    """Enter the count of a round; counts that do not add up are refused with the reasons."""
    congress = _lock(round.election.congress)
    _require_open(congress)
    election = Election.objects.select_for_update().get(pk=round.election_id)
    rnd = BallotRound.objects.select_for_update().get(pk=round.pk)
    if election.rounds.filter(number__gt=rnd.number).exists():
        _refuse(_("Đã bỏ phiếu lần sau: không sửa kết quả lần này được nữa."))
    counts = list(rnd.counts.select_related("candidate__member"))
    if set(votes) != {c.candidate_id for c in counts}:
        _refuse(_("Cần nhập số phiếu bầu của từng ứng cử viên trong danh sách."))
    if issued > rnd.voters:
        _refuse(
            _("Số phiếu phát ra (%(issued)s) nhiều hơn số người được bầu cử (%(voters)s).")
            % {"issued": issued, "voters": rnd.voters},
            "issued",
        )
    ballots = rules_mod.Ballots(issued=issued, returned=returned, valid=valid, invalid=invalid)
    entered = [
        rules_mod.Votes(key=c.candidate_id, votes=votes[c.candidate_id], born=c.candidate.member.date_of_birth)
        for c in counts
    ]
    errors = rules_mod.count_errors(seats=rnd.seats, ballots=ballots, votes=entered)
    if errors:
        raise ValidationError(errors)
    result = rules_mod.decide(
        seats=rnd.seats, ballots=ballots, votes=entered, rules=rules_for(congress.branch), round_number=rnd.number
    )
    for count in counts:
        count.votes = votes[count.candidate_id]
        count.version += 1
        count.save()
    rnd.issued, rnd.returned, rnd.valid, rnd.invalid = issued, returned, valid, invalid
    rnd.counted_at = timezone.now()
    rnd.version += 1
    rnd.full_clean()
    rnd.save()
    election.status = ElectionStatus.TIED if result.needs_second_round else ElectionStatus.DECIDED
    election.version += 1
    election.save()
    return result


@transaction.atomic
def round2_open(*, election: Election) -> BallotRound:
    """A second round among those tied for the last seat(s); there is no third."""
    congress = _lock(election.congress)
    _require_session(congress)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.TIED:
        _refuse(_("Cuộc bầu này không cần bầu vòng hai."))
    if election.elected_by == ElectedBy.CONGRESS:
        _require_quorum(congress)
    outcome = election_outcome(elections_with_counts(congress).get(pk=election.pk))
    last = outcome.rounds[-1].result
    rnd = BallotRound(
        election=election,
        number=2,
        seats=last.second_round_seats,
        voters=_voters_for(congress, election),
    )
    rnd.full_clean()
    rnd.save()
    for candidate in sorted(outcome.tied, key=lambda c: (c.member.name_sort_key, c.pk)):
        RoundCount.objects.create(round=rnd, candidate=candidate)
    election.status = ElectionStatus.VOTING
    election.version += 1
    election.save()
    return rnd


# --------------------------------------------------------------------------- the new resolution

DRAFT_TARGET_FIELDS = {"name", "area", "kind", "planned_value", "planned_rating", "unit", "position"}


def _require_resolution_not_voted(congress: Congress) -> None:
    if congress.resolution_votes.exists():
        _refuse(_("Đại hội đã biểu quyết các chỉ tiêu: không sửa dự thảo được nữa."))


@transaction.atomic
def draft_target_add(*, congress: Congress, **fields: Any) -> DraftTarget:
    unknown = set(fields) - DRAFT_TARGET_FIELDS
    if unknown:
        raise TypeError(f"unknown target fields: {sorted(unknown)}")
    congress = _lock(congress)
    _require_open(congress)
    _require_resolution_not_voted(congress)
    if not fields.get("position"):
        fields["position"] = (
            congress.draft_targets.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
    target = DraftTarget(congress=congress, **fields)
    target.clean_planned()
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def draft_target_remove(*, target: DraftTarget) -> None:
    congress = _lock(target.congress)
    _require_open(congress)
    _require_resolution_not_voted(congress)
    target.delete()


@transaction.atomic
def resolution_vote(
    *, congress: Congress, target: DraftTarget | None, votes_for: int, votes_against: int, votes_abstain: int
) -> ResolutionVote:
    """A show of hands on one target, or on the whole resolution (which adopts it when it passes)."""
    congress = _lock(congress)
    _require_session(congress)
    quorum = _require_quorum(congress)
    if not congress.draft_targets.exists():
        _refuse(_("Dự thảo Nghị quyết chưa có chỉ tiêu nào."))
    if target is not None and target.congress_id != congress.pk:
        _refuse(_("Chỉ tiêu không thuộc Đại hội này."))
    _check_hands(votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain, voters=quorum.present)
    if target is None and congress.resolution_adopted_on is not None:
        _refuse(_("Nghị quyết đã được thông qua."))
    vote, _created = ResolutionVote.objects.get_or_create(congress=congress, target=target)
    vote.votes_for, vote.votes_against, vote.votes_abstain = votes_for, votes_against, votes_abstain
    vote.voters = quorum.present
    vote.version += 1
    vote.full_clean()
    vote.save()
    if target is None and vote.passed:
        congress.resolution_adopted_on = congress.held_on
        congress.version += 1
        congress.save()
    return vote


def adopted_targets(congress: Congress) -> list[DraftTarget]:
    """The targets the resolution carries: all when voted as a whole, minus any rejected on its own vote."""
    if congress.resolution_adopted_on is None:
        return []
    targets = list(congress.draft_targets.prefetch_related("votes"))
    return [t for t in targets if all(v.passed for v in t.votes.all())]


# --------------------------------------------------------------------------- handover


@dataclass
class Handover:
    term: Term
    seats: list
    ended: list


def handover_problems(congress: Congress) -> list[str]:
    """What still stands between the congress and its handover (empty when it can go)."""
    problems: list[str] = []
    if congress.opens_term_id is not None or congress.status == CongressStatus.CLOSED:
        return [_("Kết quả Đại hội đã được xác nhận: nhiệm kỳ mới đã được lập.")]
    if congress.status != CongressStatus.IN_SESSION:
        problems.append(_("Đại hội chưa khai mạc."))
    elections = {e.kind: e for e in congress.elections.all()}
    small = is_small_branch(congress)
    needed = [ElectionKind.SECRETARY] if small else [ElectionKind.COMMITTEE, ElectionKind.SECRETARY]
    for kind in needed:
        election = elections.get(kind)
        if election is None or not election.is_decided:
            problems.append(_("Chưa có kết quả bầu %(what)s.") % {"what": ElectionKind(kind).label})
    for election in elections.values():
        if not election.is_decided and election.kind not in needed:
            problems.append(_("Chưa có kết quả bầu %(what)s.") % {"what": election.get_kind_display()})
    if congress.resolution_adopted_on is None:
        problems.append(_("Nghị quyết Đại hội chưa được thông qua."))
    return problems


@transaction.atomic
def congress_handover(*, congress: Congress) -> Handover:
    """Confirm the results: the new term, its committee, the adopted resolution. Runs once."""
    congress = _lock(congress)
    problems = handover_problems(congress)
    if problems:
        raise ValidationError(problems)
    branch = congress.branch
    old = Term.objects.select_for_update().get(pk=congress.closes_term_id)

    # The outgoing committee stays in office until the congress: its term ends the day before the new one.
    last_day = congress.new_term_starts_on - datetime.timedelta(days=1)
    if old.ends_on > last_day:
        old.ends_on = last_day
        old.version += 1
        old.full_clean()
        old.save()
    ended = [
        seat_end(seat=seat, on=old.ends_on, end_kind=SeatEndKind.TERM_ENDED)
        for seat in old.seats.open().order_by("position", "pk")
    ]

    new = term_create(
        branch=branch,
        starts_on=congress.new_term_starts_on,
        ends_on=congress.new_term_ends_on,
        number=congress.new_term_number,
    )
    outcomes = {e.kind: election_outcome(e) for e in elections_with_counts(congress)}
    roles: dict[int, str] = {}
    members: dict[int, Member] = {}
    for kind, role in ((ElectionKind.SECRETARY, CommitteeRole.SECRETARY), (ElectionKind.DEPUTY, CommitteeRole.DEPUTY)):
        if kind in outcomes:
            for candidate in outcomes[kind].elected:
                roles[candidate.member_id] = role
                members[candidate.member_id] = candidate.member
    committee: list[Member] = []
    if ElectionKind.COMMITTEE in outcomes:
        committee = [c.member for c in outcomes[ElectionKind.COMMITTEE].elected]
    for member_id, member in members.items():
        if member_id not in {m.pk for m in committee}:
            committee.append(member)
    rank = {CommitteeRole.SECRETARY: 0, CommitteeRole.DEPUTY: 1, CommitteeRole.MEMBER: 2}
    committee.sort(key=lambda m: (rank[roles.get(m.pk, CommitteeRole.MEMBER)], m.name_sort_key, m.pk))
    seats = [
        seat_add(
            term=new,
            member=member,
            role=roles.get(member.pk, CommitteeRole.MEMBER),
            started_on=congress.held_on,
            start_kind=SeatStartKind.ELECTED,
            position=position,
        )
        for position, member in enumerate(committee, start=1)
    ]

    resolution = resolution_ensure(
        term=new,
        title=congress.resolution_title or _("Nghị quyết Đại hội Chi đoàn nhiệm kỳ %(term)s") % {"term": new.label},
        adopted_on=congress.resolution_adopted_on,
    )
    for position, draft in enumerate(adopted_targets(congress), start=1):
        target_create(
            resolution=resolution,
            name=draft.name,
            area=draft.area,
            kind=draft.kind,
            planned_value=draft.planned_value,
            planned_rating=draft.planned_rating,
            unit=draft.unit,
            position=position,
        )

    congress.opens_term = new
    congress.status = CongressStatus.CLOSED
    congress.handed_over_at = timezone.now()
    congress.version += 1
    congress.full_clean()
    congress.save()
    return Handover(term=new, seats=seats, ended=ended)
