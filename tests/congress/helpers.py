"""Helpers for the congress tests (not tests): walk the demo congress to a given point of the day, through the services."""

from __future__ import annotations

from decimal import Decimal

from django.utils.timezone import now

from congress import services
from congress.models import (
    AttendanceStatus,
    BallotRound,
    BodyKind,
    BodyMember,
    Candidate,
    CandidateSource,
    Congress,
    CongressBody,
    ElectedBy,
    Election,
    ElectionKind,
    ElectionStatus,
    RoundCount,
)
from members.models import Member
from terms.models import CommitteeRole, CommitteeSeat, SeatStartKind, TargetKind, Term


def demo_congress(branch) -> Congress:
    return Congress.objects.get(closes_term__branch=branch)


def by_name(branch) -> dict[str, Member]:
    return {m.full_name: m for m in Member.objects.filter(branch=branch)}


def summon_and_open(congress: Congress, *, present: int | None = None) -> Congress:
    """Summon the members, open the day, check in `present` of them (all by default), the rest absent."""
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    attendances = list(congress.attendances.select_related("member"))
    present = len(attendances) if present is None else present
    for i, attendance in enumerate(attendances):
        if i < present:
            services.attendance_set(attendance=attendance, status=AttendanceStatus.PRESENT)
        else:
            services.attendance_set(attendance=attendance, status=AttendanceStatus.ABSENT, reason="đi công tác")
    congress.refresh_from_db()
    return congress


COUNTERS = ["Trần Minh Khoa", "Võ Hoàng Nam"]
PRESIDIUM = ["Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi"]
COMMITTEE_CANDIDATES = [
    "Lê Huỳnh Khắc Huy",
    "Hoàng Phạm Phương Nhi",
    "Đặng Tuyết Hằng",
    "Đinh Thị Mai",
    "Bùi Ngọc Ánh",
    "Huỳnh Văn Tài",
]


def approve_bodies(congress: Congress) -> None:
    names = by_name(congress.branch)
    present = congress.attendances.filter(status=AttendanceStatus.PRESENT).count()
    for kind, people in [
        (BodyKind.PRESIDIUM, PRESIDIUM),
        (BodyKind.SECRETARIAT, ["Phạm Thị Thu Trang"]),
        (BodyKind.COUNTING, COUNTERS),
    ]:
        members = [names[n] for n in people]
        body = services.body_set_members(congress=congress, kind=kind, members=members, head=members[0])
        services.body_approve(body=body, votes_for=present, votes_against=0, votes_abstain=0)


def committee_election(congress: Congress, seats: int = 5):
    names = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=seats)
    for i, name in enumerate(COMMITTEE_CANDIDATES):
        source = CandidateSource.OUTGOING if i < 4 else CandidateSource.FLOOR
        services.candidate_add(election=election, member=names[name], source=source)
    return election


def count_by_name(rnd, *, issued: int, valid: int, invalid: int = 0, **votes_by_given_name: int):
    """Record a count giving each candidate's votes by given name (ASCII-free keys are fine in Python)."""
    counts = {c.candidate.member.given_name: c.candidate_id for c in rnd.counts.select_related("candidate__member")}
    votes = {counts[name]: n for name, n in votes_by_given_name.items()}
    return services.count_record(
        round=rnd, issued=issued, returned=valid + invalid, valid=valid, invalid=invalid, votes=votes
    )


def run_whole_day(
    congress: Congress, *, secretary: str = "Lê Huỳnh Khắc Huy", deputy: str = "Hoàng Phạm Phương Nhi"
) -> Congress:
    """The demo congress from summons to an adopted resolution, ready for the handover.

    The congress elects `secretary` and `deputy` (by default the outgoing ones, who have logins)."""
    congress = summon_and_open(congress)
    approve_bodies(congress)
    present = congress.attendances.filter(status=AttendanceStatus.PRESENT).count()
    election = committee_election(congress)
    rnd = services.election_open(election=election)
    count_by_name(
        rnd,
        issued=present,
        valid=present,
        Huy=present,
        Nhi=present - 1,
        Hằng=present - 2,
        Mai=present - 3,
        Ánh=present - 4,
        Tài=3,
    )
    names = by_name(congress.branch)
    for kind, name in [(ElectionKind.SECRETARY, secretary), (ElectionKind.DEPUTY, deputy)]:
        role_election = services.election_create(congress=congress, kind=kind, seats=1)
        services.candidate_add(election=role_election, member=names[name], source=CandidateSource.OUTGOING)
        rnd = services.election_open(election=role_election)
        count_by_name(rnd, issued=5, valid=5, **{names[name].given_name: 5})
    services.draft_target_add(
        congress=congress,
        name="kết nạp đoàn viên mới",
        kind=TargetKind.NUMBER,
        planned_value=Decimal(5),
        unit="đoàn viên",
    )
    services.draft_target_add(
        congress=congress,
        name="duy trì Sổ truyền thống của Chi đoàn",
        kind=TargetKind.BOOLEAN,
        planned_value=Decimal(1),
    )
    services.resolution_vote(congress=congress, target=None, votes_for=present, votes_against=0, votes_abstain=0)
    congress.refresh_from_db()
    return congress


def outgoing_secretary():
    """The login of the demo branch's outgoing Secretary, who confirms the results."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="bithu")


# Rows written straight to the tables, for query-count guards that need N of them (no rules run).


def decided_election(congress: Congress, members: list[Member], kind: str = ElectionKind.COMMITTEE) -> Election:
    """An election decided in one counted round: each of `members` a candidate with every vote."""
    congress.elections.filter(kind=kind).delete()
    n = len(members)
    election = Election.objects.create(
        congress=congress, kind=kind, elected_by=ElectedBy.CONGRESS, seats=n, status=ElectionStatus.DECIDED
    )
    rnd = BallotRound.objects.create(
        election=election, number=1, seats=n, voters=n, issued=n, returned=n, valid=n, invalid=0, counted_at=now()
    )
    for member in members:
        candidate = Candidate.objects.create(election=election, member=member, source=CandidateSource.OUTGOING)
        RoundCount.objects.create(round=rnd, candidate=candidate, votes=n)
    return election


def seated_body(congress: Congress, members: list[Member], kind: str = BodyKind.PRESIDIUM) -> CongressBody:
    congress.bodies.filter(kind=kind).delete()
    body = CongressBody.objects.create(congress=congress, kind=kind)
    for position, member in enumerate(members, start=1):
        BodyMember.objects.create(body=body, member=member, position=position, is_head=position == 1)
    return body


def new_term_with(congress: Congress, members: list[Member]) -> Term:
    """The congress handed over to a new term whose committee is `members`."""
    term = congress.opens_term or Term.objects.create(
        branch=congress.branch, starts_on=congress.new_term_starts_on, ends_on=congress.new_term_ends_on
    )
    term.seats.all().delete()
    for position, member in enumerate(members, start=1):
        CommitteeSeat.objects.create(
            term=term,
            member=member,
            role=CommitteeRole.MEMBER,
            position=position,
            started_on=congress.held_on,
            start_kind=SeatStartKind.ELECTED,
        )
    congress.opens_term = term
    congress.save(update_fields=["opens_term"])
    return term
