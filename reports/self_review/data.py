"""The term's records the self-review report reads, and the report itself as plain values."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from congress.models import Congress
from members.models import BranchRating
from terms.models import CommitteeRole, CommitteeSeat, ProgressEntry, SeatStartKind, Target, Term


@dataclass
class TermRecords:
    """What the report says about a term, read once: its seats, the congress closing it, ratings, targets."""

    term: Term
    seats: list[CommitteeSeat]  # every seat of the term, in the order they began
    congress: Congress | None
    ratings: list[BranchRating]  # the branch's yearly ratings within the term
    targets: list[Target]  # the resolution's targets, progress entries prefetched

    def elected_seats(self) -> list[CommitteeSeat]:
        """The committee the congress elected, in the order of its list."""
        return sorted(
            (s for s in self.seats if s.start_kind == SeatStartKind.ELECTED),
            key=lambda s: (s.position, s.started_on, s.pk),
        )

    def _own_secretary_on(self, on: datetime.date) -> CommitteeSeat | None:
        return next((s for s in self.seats if s.role == CommitteeRole.SECRETARY and s.held_on(on)), None)

    def secretary_on(self, on: datetime.date) -> CommitteeSeat | None:
        """Who signs: the Secretary holding the seat on the document's date.

        After the term has closed (a corrected re-issue), the outgoing committee is still the
        one in office up to the congress day: its last Secretary signs a document dated up to
        then; a later date is signed by whoever holds the branch's Secretary seat on it.
        """
        own = self._own_secretary_on(on)
        if own is not None or on <= self.term.ends_on:
            return own
        if self.congress is None or on <= self.congress.held_on:
            return self._own_secretary_on(self.term.ends_on)
        later = Term.objects.current_for(self.term.branch, on)
        if later is None or later.pk == self.term.pk:
            return None
        seats = CommitteeSeat.objects.filter(term=later, role=CommitteeRole.SECRETARY).held_on(on)
        return seats.select_related("member").first()


def load_term(term: Term) -> TermRecords:
    """The term's records in five queries, whatever the number of seats, targets or progress entries."""
    term = Term.objects.select_related("branch").get(pk=term.pk)
    seats = list(CommitteeSeat.objects.filter(term=term).select_related("member").order_by("started_on", "id"))
    congress = Congress.objects.filter(closes_term=term).first()
    ratings = list(
        BranchRating.objects.filter(branch=term.branch, year__gte=term.starts_on.year, year__lte=term.ends_on.year)
    )
    targets = (
        Target.objects.filter(resolution__term=term)
        .select_related("resolution__term")
        .prefetch_related(Prefetch("progress_entries", queryset=ProgressEntry.objects.order_by("recorded_on", "id")))
        .order_by("position", "id")
    )
    return TermRecords(term=term, seats=seats, congress=congress, ratings=ratings, targets=list(targets))


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str]


@dataclass
class TargetRow:
    position: int
    name: str
    planned: str
    result: str
    outcome: str


@dataclass
class ReportData:
    """Everything the self-review report says, as plain values (JSON-serialisable)."""

    branch_id: int
    branch_name: str
    term_label: str
    term_slug: str
    upper_level_line: str
    issuing_body_line: str
    doc_type: str
    summary_lines: list[str]
    term_line: str
    opening: str
    committee_heading: str
    committee_intro: str
    committee_lines: list[str]
    committee_changes: str
    resolution_heading: str
    resolution_sections: list[Section]
    leadership_heading: str
    leadership_sections: list[Section]
    closing: str
    include_targets_table: bool
    targets_heading: str
    target_rows: list[TargetRow]
    dated_on: str
    number_line: str
    place_date_line: str
    signer_on_behalf: str
    signer_title: str
    signer_name: str
    recipients: list[str]
    missing: list[str] = field(default_factory=list)
    number: int | None = None

    @property
    def filename_stem(self) -> str:
        return f"bao-cao-kiem-diem-{self.term_slug}"

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportData:
        values = dict(data)
        values["resolution_sections"] = [Section(**s) for s in values["resolution_sections"]]
        values["leadership_sections"] = [Section(**s) for s in values["leadership_sections"]]
        values["target_rows"] = [TargetRow(**r) for r in values["target_rows"]]
        return cls(**values)
