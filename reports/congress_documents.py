"""The congress's documents, built from everything the day recorded, in the Union's format.

- the vote-counting record (biên bản kiểm phiếu) of each election, signed by the counting committee;
- the congress minutes (biên bản Đại hội);
- the congress resolution (nghị quyết) with its targets;
- the ballot papers, one per voter present, candidates in Vietnamese name order.

Each document is a context for a template under templates/reports/congress/ that extends
the shared frame reports/document_base.html; reports.rendering turns it into HTML or PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from chidoan.lib.text import date_line
from congress import services
from congress.models import (
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    Congress,
    CongressBody,
    ElectedBy,
    Election,
    ElectionKind,
)
from reports.rendering import render_document_html, render_document_pdf
from terms.models import CommitteeRole

MINUTES_TEMPLATE = "reports/congress/minutes.html"
RECORD_TEMPLATE = "reports/congress/counting_record.html"
RESOLUTION_TEMPLATE = "reports/congress/resolution.html"
BALLOTS_TEMPLATE = "reports/congress/ballots.html"

BALLOT_INSTRUCTION = (
    "Đồng ý bầu đồng chí nào thì để nguyên họ tên đồng chí đó; không đồng ý bầu đồng chí nào "
    "thì gạch ngang cả họ và tên đồng chí đó."
)


def _upper(text: str) -> str:
    return text.upper()


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
    issued: int
    returned: int
    valid: int
    invalid: int
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
    candidates: list  # Candidate, name order
    rounds: list[RoundRecord]
    elected: list[str]  # names, in result order
    unfilled: int


@dataclass
class CongressRecord:
    """Everything the day recorded, read once for every document."""

    congress: Congress
    branch: object
    term_label: str
    quorum: services.Quorum
    present: list[Attendance]
    absent: list[Attendance]
    guests: list
    bodies: dict[str, CongressBody]
    programme: list
    elections: list[ElectionRecord]
    targets: list
    adopted_targets: list
    whole_vote: object | None
    committee: list[tuple[str, str]] = field(default_factory=list)  # (name, role label), in role order

    @property
    def presidium_head(self) -> str:
        return _head(self.bodies.get(BodyKind.PRESIDIUM))

    @property
    def counting(self) -> CongressBody | None:
        return self.bodies.get(BodyKind.COUNTING)

    @property
    def secretaries(self) -> list[str]:
        body = self.bodies.get(BodyKind.SECRETARIAT)
        return [m.member.full_name for m in body.members.all()] if body else []


def _head(body: CongressBody | None) -> str:
    if body is None:
        return ""
    members = list(body.members.all())
    head = next((m for m in members if m.is_head), members[0] if members else None)
    return head.member.full_name if head else ""


def _percent(votes: int, base: int) -> str:
    if not base:
        return "0"
    return f"{votes * 100 / base:.2f}".replace(".", ",")


def _round_record(view) -> RoundRecord | None:
    rnd: BallotRound = view.round
    result = view.result
    if result is None:
        return None
    lines = [
        CountLine(
            position=i,
            name=c.candidate.member.full_name,
            votes=c.votes,
            percent=_percent(c.votes, result.threshold_base),
            elected=c.candidate_id in result.elected,
            tied=c.candidate_id in result.tied,
        )
        for i, c in enumerate(sorted(view.counts, key=lambda c: (c.candidate.member.name_sort_key, c.pk)), start=1)
    ]
    names = {c.candidate_id: c.candidate.member.full_name for c in view.counts}
    return RoundRecord(
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


def _election_title(election: Election, congress: Congress) -> str:
    branch = congress.closes_term.branch
    term = congress.new_term_label
    if election.kind == ElectionKind.COMMITTEE:
        return f"Ban Chấp hành Chi đoàn {branch.short_name} nhiệm kỳ {term}"
    return f"{election.get_kind_display()} Chi đoàn {branch.short_name} nhiệm kỳ {term}"


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
    branch = congress.closes_term.branch
    rules = services.rules_for(branch)
    attendances = list(congress.attendances.all())
    elections = []
    for election in services.elections_with_counts(congress):
        outcome = services.election_outcome(election, rules)
        rounds = [r for r in (_round_record(v) for v in outcome.rounds) if r is not None]
        elections.append(
            ElectionRecord(
                election=election,
                title=_election_title(election, congress),
                by_committee=election.elected_by == ElectedBy.COMMITTEE,
                candidates=sorted(election.candidates.all(), key=lambda c: (c.member.name_sort_key, c.pk)),
                rounds=rounds,
                elected=[c.member.full_name for c in outcome.elected],
                unfilled=outcome.unfilled,
            )
        )
    targets = list(congress.draft_targets.all())
    whole = next((v for v in congress.resolution_votes.all() if v.target_id is None), None)
    adopted = [t for t in targets if all(v.passed for v in t.votes.all())] if congress.resolution_adopted_on else []
    record = CongressRecord(
        congress=congress,
        branch=branch,
        term_label=congress.new_term_label,
        quorum=services.quorum_of(congress),
        present=[a for a in attendances if a.status == AttendanceStatus.PRESENT],
        absent=[a for a in attendances if a.status == AttendanceStatus.ABSENT],
        guests=list(congress.guests.all()),
        bodies=services.bodies_with_members(congress),
        programme=list(congress.programme_items.all()),
        elections=elections,
        targets=targets,
        adopted_targets=adopted,
        whole_vote=whole,
    )
    record.committee = _committee(record)
    return record


def _committee(record: CongressRecord) -> list[tuple[str, str]]:
    """The new committee: from the new term once handed over, else from the election results."""
    congress = record.congress
    if congress.opens_term is not None:
        seats = congress.opens_term.seats.select_related("member").in_role_order()
        return [(s.member.full_name, s.get_role_display()) for s in seats]
    roles: dict[str, str] = {}
    names: list[str] = []
    for election in record.elections:
        if election.election.kind == ElectionKind.COMMITTEE:
            names += [n for n in election.elected if n not in names]
    for election in record.elections:
        if election.election.kind in (ElectionKind.SECRETARY, ElectionKind.DEPUTY):
            for name in election.elected:
                roles[name] = election.election.get_kind_display()
                if name not in names:
                    names.append(name)
    rank = {str(CommitteeRole.SECRETARY.label): 0, str(CommitteeRole.DEPUTY.label): 1}
    member_label = str(CommitteeRole.MEMBER.label)
    ordered = sorted(names, key=lambda n: rank.get(roles.get(n, member_label), 2))
    return [(n, roles.get(n, member_label)) for n in ordered]


# --------------------------------------------------------------------------- the frame's parts


def _frame(record: CongressRecord, *, issuing_body: str, number_line: str = "") -> dict:
    branch = record.branch
    place = branch.place_name
    when = date_line(record.congress.held_on)
    return {
        "record": record,
        "congress": record.congress,
        "branch": branch,
        "organisation": {"upper_level_line": branch.upper_level_line, "issuing_body_line": issuing_body},
        "number_line": number_line,
        "place_date_line": f"{place}, {when}" if place else when[0].upper() + when[1:],
        "held_on_line": when,
    }


def _congress_body_line(record: CongressRecord) -> str:
    return _upper(f"Đại hội Chi đoàn {record.branch.short_name}")


def minutes_context(record: CongressRecord) -> dict:
    context = _frame(record, issuing_body=_congress_body_line(record))
    context.update(
        {
            "title": "Biên bản Đại hội",
            "quorum_percent": _percent(record.quorum.present, record.quorum.summoned),
            "signer_on_behalf": "TM. ĐOÀN CHỦ TỊCH",
            "signer_title": "",
            "signer_name": record.presidium_head,
        }
    )
    return context


def counting_record_context(record: CongressRecord, election: ElectionRecord) -> dict:
    context = _frame(record, issuing_body=_congress_body_line(record))
    counting = record.counting
    signers = []
    if counting is not None:
        for m in counting.members.all():
            signers.append(("Trưởng ban" if m.is_head else "Thành viên", m.member.full_name))
    context.update({"title": "Biên bản kiểm phiếu", "election": election, "signers": signers})
    return context


def resolution_context(record: CongressRecord) -> dict:
    branch = record.branch
    symbol = branch.document_symbol or "CĐ"
    context = _frame(record, issuing_body=_congress_body_line(record), number_line=f"Số: 01-NQ/ĐH{symbol}")
    upper = branch.parent.name if branch.parent_id else ""
    context.update(
        {
            "title": "Nghị quyết Đại hội",
            "signer_on_behalf": "TM. ĐOÀN CHỦ TỊCH",
            "signer_title": "",
            "signer_name": record.presidium_head,
            "recipients": [line for line in (upper, "Chi bộ", "Ban Chấp hành Chi đoàn", "Đoàn viên Chi đoàn") if line]
            + ["Lưu VP."],
            "is_draft": record.congress.resolution_adopted_on is None,
            "targets": record.adopted_targets if record.congress.resolution_adopted_on else record.targets,
        }
    )
    return context


def ballots_context(record: CongressRecord, election: Election, rnd: BallotRound) -> dict:
    counts = sorted(
        rnd.counts.select_related("candidate__member"), key=lambda c: (c.candidate.member.name_sort_key, c.pk)
    )
    copies = rnd.voters
    return {
        "record": record,
        "branch": record.branch,
        "organisation_line": _congress_body_line(record),
        "election_title": _election_title(election, record.congress),
        "round": rnd,
        "names": [c.candidate.member.full_name for c in counts],
        "copies": range(copies),
        "instruction": BALLOT_INSTRUCTION,
        "seats": rnd.seats,
    }


# --------------------------------------------------------------------------- rendering


def render(template: str, context: dict, *, pdf: bool) -> bytes | str:
    if pdf:
        return render_document_pdf(template, context)
    return render_document_html(template, context, for_screen=True)
