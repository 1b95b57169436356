"""Each congress document as a template, its context and its file name, from the day's `CongressRecord`.

Every template but the ballots extends the shared frame reports/document_base.html;
reports.render.page.render_document turns a `Document` into HTML or PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chidoan.lib.text import date_line
from congress.models import BallotRound, Election
from reports.congress_documents import wording
from reports.congress_documents.data import CongressRecord, ElectionRecord


@dataclass
class Document:
    template: str
    context: dict[str, Any]
    stem: str  # the file name without its extension


def _frame(record: CongressRecord, *, number_line: str = "") -> dict[str, Any]:
    """The parts of the Union's frame: the congress issues, in its place, on its day."""
    branch = record.branch
    place = branch.place_name
    when = date_line(record.congress.held_on)
    return {
        "record": record,
        "congress": record.congress,
        "branch": branch,
        "organisation": {
            "upper_level_line": branch.upper_level_line,
            "issuing_body_line": wording.congress_body_line(branch),
        },
        "number_line": number_line,
        "place_date_line": f"{place}, {when}" if place else when[0].upper() + when[1:],
        "held_on_line": when,
    }


def _presidium_signs(record: CongressRecord) -> dict[str, str]:
    return {"signer_on_behalf": wording.PRESIDIUM_ON_BEHALF, "signer_title": "", "signer_name": record.presidium_head}


def minutes(record: CongressRecord) -> Document:
    context = _frame(record) | _presidium_signs(record)
    context.update(
        title=wording.MINUTES_TITLE,
        # The minutes record the whole day: final once its results are confirmed (the handover).
        is_draft=not record.congress.is_closed,
        quorum_percent=wording.percent(record.quorum.present, record.quorum.summoned),
    )
    return Document("reports/congress/minutes.html", context, f"bien-ban-dai-hoi-{record.congress.new_term_slug}")


def counting_record(record: CongressRecord, election: ElectionRecord) -> Document:
    counting = record.counting
    signers = [
        (wording.COUNTING_HEAD if m.is_head else wording.COUNTING_MEMBER, m.member.full_name)
        for m in (counting.members.all() if counting is not None else [])
    ]
    context = _frame(record)
    # An election by the new committee is recorded by its first meeting, not by the congress.
    context["organisation"] = {
        **context["organisation"],
        "issuing_body_line": wording.voters_line(election.election, record.branch),
    }
    # The record of a count: a draft while no round of the election has been counted.
    context.update(
        title=wording.COUNTING_RECORD_TITLE, election=election, signers=signers, is_draft=not election.rounds
    )
    stem = f"bien-ban-kiem-phieu-{election.election.kind}-{record.congress.new_term_slug}"
    return Document("reports/congress/counting_record.html", context, stem)


def delegation(record: CongressRecord) -> Document:
    """The delegates and the alternates (ranked by votes) the congress sends to the upper level's congress;
    a draft while an election of them is not decided."""
    assert record.delegation is not None
    context = _frame(record) | _presidium_signs(record)
    context.update(
        title=wording.DELEGATION_TITLE,
        upper_congress=wording.upper_congress(record.branch),
        delegation=record.delegation,
        is_draft=not record.delegation.decided,
        recipients=wording.delegation_recipients(record.branch),
    )
    return Document(
        "reports/congress/delegation.html",
        context,
        f"danh-sach-dai-bieu-dai-hoi-cap-tren-{record.congress.new_term_slug}",
    )


def resolution(record: CongressRecord) -> Document:
    adopted = record.congress.resolution_adopted_on is not None
    context = _frame(record, number_line=wording.resolution_number_line(record.branch)) | _presidium_signs(record)
    context.update(
        title=wording.RESOLUTION_TITLE,
        recipients=wording.resolution_recipients(record.branch),
        is_draft=not adopted,
        targets=record.adopted_targets if adopted else record.targets,
    )
    return Document("reports/congress/resolution.html", context, f"nghi-quyet-dai-hoi-{record.congress.new_term_slug}")


def ballots(record: CongressRecord, election: Election, rnd: BallotRound, *, per_sheet: int = 2) -> Document:
    """One paper per voter of the round, the candidates in Vietnamese name order.

    `per_sheet` (settings.BALLOTS_PER_SHEET): 2 puts two A5 papers side by side on an A4 sheet
    with a cut line between them, 1 prints one A5 paper a page.
    """
    counts = sorted(
        rnd.counts.select_related("candidate__member"), key=lambda c: (c.candidate.member.name_sort_key, c.pk)
    )
    context = {
        "record": record,
        "branch": record.branch,
        "organisation_line": wording.voters_line(election, record.branch),
        "election_title": wording.election_title(election, record.congress),
        "round": rnd,
        "names": [c.candidate.member.full_name for c in counts],
        "sheets": [range(n, min(n + per_sheet, rnd.voters)) for n in range(0, rnd.voters, per_sheet)],
        "two_up": per_sheet == 2,
        "instruction": wording.BALLOT_INSTRUCTION,
        "seats": rnd.seats,
    }
    return Document("reports/congress/ballots.html", context, f"phieu-bau-{election.kind}-lan-{rnd.number}")
