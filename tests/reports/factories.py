"""Factories for the reports tests, and growing a term's data to measure query counts at two sizes."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import factory

from reports.models import DocumentKind, IssuedDocument
from terms.models import CommitteeRole, ProgressEntry, SeatStartKind, Term
from tests.members.factories import UserFactory
from tests.terms.factories import SeatFactory, TargetFactory

D = datetime.date


class IssuedDocumentFactory(factory.django.DjangoModelFactory):
    """An issued self-review report with small stand-in files (their checksums right), issued by a new user.

    Cheap to make by the dozen: nothing is rendered. Use reports.services.report_issue for a real one.
    """

    class Meta:
        model = IssuedDocument

    report = None
    term = factory.LazyAttribute(lambda doc: doc.report.term)
    organisation = factory.LazyAttribute(lambda doc: doc.term.branch)
    kind = DocumentKind.SELF_REVIEW
    revision = factory.Sequence(lambda n: n + 100)
    year = 2024
    number = factory.Sequence(lambda n: n + 100)
    type_code = "BC"
    symbol = "CĐ"
    issued_on = D(2024, 8, 20)
    issued_by = factory.SubFactory(UserFactory)
    title = "Báo cáo kiểm điểm"
    filename_stem = factory.Sequence(lambda n: f"bao-cao-kiem-diem-{n}")
    snapshot: dict[str, str] = {}
    html = "<!doctype html><p>Báo cáo</p>"
    pdf = b"%PDF-1.7 stand-in"
    docx = b"PK stand-in"
    html_sha256 = factory.LazyAttribute(lambda doc: hashlib.sha256(doc.html.encode()).hexdigest())
    pdf_sha256 = factory.LazyAttribute(lambda doc: hashlib.sha256(doc.pdf).hexdigest())
    docx_sha256 = factory.LazyAttribute(lambda doc: hashlib.sha256(doc.docx).hexdigest())


def add_committee_seats(term: Term, count: int) -> None:
    """`count` more committee members, each added during the term (so each is named in the changes sentence)."""
    SeatFactory.create_batch(
        count, term=term, role=CommitteeRole.MEMBER, start_kind=SeatStartKind.ADDED, started_on=D(2023, 1, 1)
    )


def add_targets(term: Term, count: int) -> None:
    """`count` more targets of the term's resolution, each with two progress entries."""
    for target in TargetFactory.create_batch(count, resolution=term.resolution, planned_value=Decimal("2.5")):
        ProgressEntry.objects.create(target=target, recorded_on=D(2023, 6, 1), value=Decimal(1))
        ProgressEntry.objects.create(target=target, recorded_on=D(2024, 6, 1), value=Decimal("2.5"))


def grow_term(term: Term, count: int) -> None:
    """More of everything the report lists: committee seats, targets with their progress, issued versions."""
    add_committee_seats(term, count)
    add_targets(term, count)
    IssuedDocumentFactory.create_batch(count, report=term.self_review_report)
