"""The reports' reads: a branch's documents by term, its issued documents, each in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest

from reports import selectors
from reports.models import SelfReviewReport
from terms.models import Term
from tests.members.factories import OrganisationFactory
from tests.reports.factories import IssuedDocumentFactory
from tests.terms.factories import TermFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_issued_documents_are_the_branchs_newest_first_without_their_files(demo_term):
    older = IssuedDocumentFactory(report=demo_term.self_review_report, issued_on=D(2024, 8, 20), number=1)
    newer = IssuedDocumentFactory(report=demo_term.self_review_report, issued_on=D(2024, 9, 1), number=2)
    other_term = TermFactory(branch=OrganisationFactory())
    IssuedDocumentFactory(report=SelfReviewReport.objects.create(term=other_term))
    listed = list(selectors.issued_documents(branch=demo_term.branch))
    assert listed == [newer, older]
    assert {"html", "pdf", "docx", "snapshot"} <= listed[0].get_deferred_fields()


def test_issued_documents_cost_the_same_for_more_documents(demo_term, assert_constant_queries):
    """Guards the N+1 over who issued each document (select_related("issued_by")): the report page names them."""

    def build(n: int):
        IssuedDocumentFactory.create_batch(n, report=demo_term.self_review_report)
        return lambda: [doc.issued_by.get_username() for doc in selectors.issued_documents(branch=demo_term.branch)]

    assert_constant_queries(build, sizes=(2, 6))


def test_each_term_is_listed_with_its_report_and_issued_documents(demo_term):
    later = Term.objects.create(branch=demo_term.branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    first = IssuedDocumentFactory(report=demo_term.self_review_report)
    rows = selectors.branch_documents(branch=demo_term.branch)
    assert [(row.term, row.report, row.issued) for row in rows] == [
        (later, None, []),
        (demo_term, demo_term.self_review_report, [first]),
    ]


def test_the_branchs_documents_cost_the_same_for_more_terms_and_documents(demo_term, assert_constant_queries):
    """Guards the N+1 over the terms (each one's report) and the issued documents (each one's issuer)."""
    starts = iter(range(2030, 2100, 3))

    def build(n: int):
        IssuedDocumentFactory.create_batch(n, report=demo_term.self_review_report)
        for _ in range(n):
            year = next(starts)
            term = Term.objects.create(branch=demo_term.branch, starts_on=D(year, 3, 1), ends_on=D(year + 2, 2, 28))
            SelfReviewReport.objects.create(term=term)

        def read() -> None:
            for row in selectors.branch_documents(branch=demo_term.branch):
                assert row.report is not None
                assert all(doc.issued_by for doc in row.issued)

        return read

    assert_constant_queries(build, sizes=(2, 6))


def test_an_issued_file_is_found_only_in_its_branch_and_in_a_stored_format(demo_term):
    issued = IssuedDocumentFactory(report=demo_term.self_review_report)
    found = selectors.issued_file(branch=demo_term.branch, pk=issued.pk, fmt="pdf")
    assert found is not None and bytes(found.pdf) == b"%PDF-1.7 stand-in"
    assert selectors.issued_file(branch=OrganisationFactory(), pk=issued.pk, fmt="pdf") is None
    assert selectors.issued_file(branch=demo_term.branch, pk=issued.pk, fmt="exe") is None
