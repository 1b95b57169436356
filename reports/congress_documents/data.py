"""Everything the congress day recorded, read once for every document: `congress_record`."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from congress import selectors
from congress.models import (
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    Candidate,
    Congress,
    CongressBody,
    DraftTarget,
    ElectedBy,
    Election,
    ElectionKind,
    Guest,
    ProgrammeItem,
    ResolutionVote,
)
from congress.rules import Quorum
from members.models import Organisation
from reports.congress_documents import wording
from terms.models import CommitteeRole, SeatStartKind

# The roles a congress elects directly; everyone else elected is a committee member.
ELECTED_ROLES: dict[str, CommitteeRole] = {
    ElectionKind.SECRETARY: CommitteeRole.SECRETARY,
    ElectionKind.DEPUTY: CommitteeRole.DEPUTY,
}


@dataclass
class CountLine:
    position: int
    name: str
    votes: int
    percent: str
    elected: bool
    tied: bool


@dataclass
class RoundRecord:
    number: int
    seats: int
    voters: int
    issued: int | None  # the ballot figures as entered (a counted round has them all)
    returned: int | None
    valid: int | None
    invalid: int | None
    base: int
    lines: list[CountLine]
    elected: list[str]
    tied: list[str]
    unfilled: int


@dataclass
class ElectionRecord:
    election: Election
    title: str  # "Ban Chấp hành Chi đoàn Sở … nhiệm kỳ 2024 – 2027"
    by_committee: bool
    candidates: list[Candidate]  # in name order
    rounds: list[RoundRecord]
    elected: list[str]  # names, in result order
    unfilled: int
    vacant: int = 0  # seats left empty when the election is over (for the upper level or a later election)


@dataclass
class CongressRecord:
    """Everything the day recorded, read once for every document."""

    congress: Congress
    branch: Organisation
    term_label: str
    quorum: Quorum
    present: list[Attendance]
    absent: list[Attendance]
    guests: list[Guest]
    bodies: dict[str, CongressBody]
    programme: list[ProgrammeItem]
    elections: list[ElectionRecord]
    targets: list[DraftTarget]
    adopted_targets: list[DraftTarget]
    whole_vote: ResolutionVote | None
    delegation: selectors.Delegation | None = None  # the delegates to the upper level's congress
    committee: list[tuple[str, str]] = field(default_factory=list)  # (name, role), in role order
    # Seats added during the term ("Bổ sung"), never elected at the congress: (name, role, date it began).
    added: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def presidium_head(self) -> str:
        body = self.bodies.get(BodyKind.PRESIDIUM)
        members = list(body.members.all()) if body else []
        head = next((m for m in members if m.is_head), members[0] if members else None)
        return head.member.full_name if head else ""

    @property
    def counting(self) -> CongressBody | None:
        return self.bodies.get(BodyKind.COUNTING)

    @property
    def secretaries(self) -> list[str]:
        body = self.bodies.get(BodyKind.SECRETARIAT)
        return [m.member.full_name for m in body.members.all()] if body else []


def _rounds(outcome: selectors.ElectionOutcome) -> list[RoundRecord]:
    """The counted rounds of an election, each candidate's line in name order."""
    records = []
    for view in outcome.rounds:
        rnd: BallotRound = view.round
        result = view.result
        if result is None:
            continue
        counts = sorted(view.counts, key=lambda c: (c.candidate.member.name_sort_key, c.pk))
        names: dict[Hashable, str] = {c.candidate_id: c.candidate.member.full_name for c in counts}
        lines = [
            CountLine(
                position=i,
                name=c.candidate.member.full_name,
                votes=c.votes or 0,  # a counted round has every candidate's votes
                percent=wording.percent(c.votes or 0, result.threshold_base),
                elected=c.candidate_id in result.elected,
                tied=c.candidate_id in result.tied,
            )
            for i, c in enumerate(counts, start=1)
        ]
        records.append(
            RoundRecord(
                number=rnd.number,
                seats=rnd.seats,
                voters=rnd.voters,
                issued=rnd.issued,
                returned=rnd.returned,
                valid=rnd.valid,
                invalid=rnd.invalid,
                base=result.threshold_base,
                lines=lines,
                elected=[names[k] for k in result.elected],
                tied=[names[k] for k in result.tied],
                unfilled=result.unfilled,
            )
        )
    return records


def _elections(congress: Congress) -> tuple[list[ElectionRecord], list[selectors.ElectionOutcome]]:
    rules = selectors.rules_for(congress.closes_term.branch)
    records = []
    outcomes = []
    for election in selectors.elections_with_counts(congress):
        outcome = selectors.election_outcome(election, rules)
        outcomes.append(outcome)
        records.append(
            ElectionRecord(
                election=election,
                title=wording.election_title(election, congress),
                by_committee=election.elected_by == ElectedBy.COMMITTEE,
                candidates=sorted(election.candidates.all(), key=lambda c: (c.member.name_sort_key, c.pk)),
                rounds=_rounds(outcome),
                elected=[c.member.full_name for c in outcome.elected],
                unfilled=outcome.unfilled,
                vacant=outcome.vacant,
            )
        )
    return records, outcomes


def congress_record(congress: Congress) -> CongressRecord:
    """Read the whole day in a fixed number of queries."""
    congress = (
        Congress.objects.select_related("closes_term__branch", "opens_term")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("member")),
            "guests",
            "programme_items",
            Prefetch("draft_targets__votes"),
            "resolution_votes",
        )
        .get(pk=congress.pk)
    )
    attendances = list(congress.attendances.all())
    targets = list(congress.draft_targets.all())
    adopted = congress.resolution_adopted_on is not None
    elections, outcomes = _elections(congress)
    record = CongressRecord(
        congress=congress,
        branch=congress.closes_term.branch,
        term_label=congress.new_term_label,
        quorum=selectors.quorum_of(congress),
        present=[a for a in attendances if a.status == AttendanceStatus.PRESENT],
        absent=[a for a in attendances if a.status == AttendanceStatus.ABSENT],
        guests=list(congress.guests.all()),
        bodies=selectors.bodies_with_members(congress),
        programme=list(congress.programme_items.all()),
        elections=elections,
        delegation=selectors.delegation(congress, outcomes),
        targets=targets,
        # congress.selectors.adopted_targets's rule, on the targets prefetched above.
        adopted_targets=[t for t in targets if all(v.passed for v in t.votes.all())] if adopted else [],
        whole_vote=next((v for v in congress.resolution_votes.all() if v.target_id is None), None),
    )
    record.committee, record.added = _committee(record)
    return record


def _committee(record: CongressRecord) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The new committee: from the new term once handed over, else from the election results.

    Then the seats added to it after the congress ("Bổ sung"), in the order they began, with their date.
    """
    congress = record.congress
    if congress.opens_term is not None:
        seats = list(congress.opens_term.seats.select_related("member").in_role_order())
        added = sorted((s for s in seats if s.start_kind == SeatStartKind.ADDED), key=lambda s: (s.started_on, s.pk))
        return (
            [(s.member.full_name, s.get_role_display()) for s in seats if s.start_kind == SeatStartKind.ELECTED],
            [(s.member.full_name, s.get_role_display(), f"{s.started_on:%d/%m/%Y}") for s in added],
        )
    roles: dict[str, CommitteeRole] = {}
    names: list[str] = []
    for election in record.elections:
        if election.election.kind == ElectionKind.COMMITTEE:
            names += [n for n in election.elected if n not in names]
    for election in record.elections:
        role = ELECTED_ROLES.get(election.election.kind)
        if role is None:
            continue
        for name in election.elected:
            roles[name] = role
            if name not in names:
                names.append(name)
    order = list(CommitteeRole)
    ordered = sorted(names, key=lambda n: order.index(roles.get(n, CommitteeRole.MEMBER)))
    return [(n, str(roles.get(n, CommitteeRole.MEMBER).label)) for n in ordered], []
