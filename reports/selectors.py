"""Reads for the reports pages: a branch's documents by term, its issued documents, a round's ballots.

The self-review report's own data (what the document says) is read by
reports.self_review.data; this module lists and finds documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from congress.models import BallotRound, Election
from members.models import Organisation
from reports.models import IssuedDocument, SelfReviewReport, Submission
from terms.models import Term

STORED_FORMATS = ("html", "pdf", "docx")  # what an issued document keeps, each with its SHA-256


@dataclass
class TermDocuments:
    """One term of the branch on the documents page: its report (if started) and what was issued."""

    term: Term
    report: SelfReviewReport | None
    issued: list[IssuedDocument] = field(default_factory=list)


STORED_FIELDS = ("snapshot", "html", "pdf", "docx")


def issued_documents(*, branch: Organisation, term: Term | None = None) -> QuerySet[IssuedDocument]:
    """Issued documents without their stored bytes (listed, not downloaded), with who issued them and their
    sendings up, newest first (`last_submission`: one query for all of them)."""
    qs = IssuedDocument.objects.filter(organisation=branch).defer(*STORED_FIELDS)
    if term is not None:
        qs = qs.filter(term=term)
    sendings = Prefetch("submissions", queryset=Submission.objects.order_by("-sent_at", "-pk"))
    return qs.select_related("issued_by").prefetch_related(sendings).order_by("-issued_on", "-year", "-number")


@dataclass
class Received:
    """One organisation below on the received-documents page, with what it sent, newest first."""

    organisation: Organisation
    submissions: list[Submission] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return sum(1 for s in self.submissions if s.is_waiting)


def received_documents(*, organisation: Organisation) -> list[Received]:
    """What each organisation directly below `organisation` sent to it, and those that sent it something from
    where they were before moving (two queries, whatever the number of organisations and documents).

    Listed by the document's own number and title, never by its term (a statistics report has none)."""
    rows = {
        child.pk: Received(child)
        for child in Organisation.objects.filter(parent=organisation).order_by("closed_on", "name", "pk")
    }
    sendings = (
        Submission.objects.filter(sent_to=organisation)
        .select_related("document__organisation", "sent_by", "decided_by")
        .defer(*(f"document__{name}" for name in STORED_FIELDS))
        .order_by("-sent_at", "-pk")
    )
    for sending in sendings:
        sender = sending.document.organisation
        rows.setdefault(sender.pk, Received(sender)).submissions.append(sending)
    return list(rows.values())


def branch_documents(*, branch: Organisation) -> list[TermDocuments]:
    """Each term of the branch with its report and issued versions, newest term first (three queries)."""
    terms = Term.objects.filter(branch=branch).select_related("self_review_report").order_by("-starts_on")
    rows = {term.pk: TermDocuments(term=term, report=getattr(term, "self_review_report", None)) for term in terms}
    for document in issued_documents(branch=branch):
        if (row := rows.get(document.term_id)) is not None:
            row.issued.append(document)
    return list(rows.values())


def issued_file(*, branch: Organisation, pk: int, fmt: str) -> IssuedDocument | None:
    """The branch's issued document `pk` with only the stored file in `fmt` and its checksum loaded."""
    if fmt not in STORED_FORMATS:
        return None
    return (
        IssuedDocument.objects.filter(organisation=branch, pk=pk)
        .only("pk", "filename_stem", fmt, f"{fmt}_sha256")
        .first()
    )


def latest_issued_report(*, branch: Organisation, term: Term) -> IssuedDocument | None:
    """The last issued revision of the term's self-review report, stored files included."""
    return (
        IssuedDocument.objects.filter(organisation=branch, term=term, report__isnull=False)
        .order_by("-revision")
        .first()
    )


def ballot_round(*, election: Election, number: str | None) -> BallotRound | None:
    """The round whose ballots to print: round `number` ("1" or "2") when given, else the latest."""
    rounds = BallotRound.objects.filter(election=election).order_by("-number")
    return rounds.filter(number=number).first() if number in ("1", "2") else rounds.first()
