"""Permission-matrix expectations for the reports URLs: the self-review report and issued documents.

Format: tests/access/expect.py. Every branch role reads the report (and its preview
page), downloads its draft and the issued documents; only editors open the editor,
preview their typed text and issue.
`prepare` gives each branch one issued document (stored bytes with their
checksums) so that reports:issued_download has an object on both sides.

Sending up (reports.views.submissions): a branch's editors send its issued documents
(reports:issued_send). The received pages (received:*, to-chuc/<slug>/van-ban-nhan/) are
an organisation's; the matrix's slugs are branches', so `prepare` also records one sending
addressed to each branch itself (a branch receives nothing in real use, but the rows then
exercise the real checks): its readers see the page and the file; acknowledging and
returning belong to an editor officer on it or above, which no matrix role is
(tests/reports/test_submissions.py checks those with `bantochuc` and a second province).
"""

from __future__ import annotations

import datetime
import hashlib

from tests.access.expect import EDITORS, EVERYONE, READ_ALL, Expect, branch, get_and_post

NOBODY: frozenset[str] = frozenset()


def prepare(side) -> None:
    from django.utils import timezone

    from reports.models import DocumentKind, IssuedDocument, Submission, SubmissionStatus

    pdf, docx, html = b"%PDF-1.7 matrix", b"PK matrix", "<p>matrix</p>"
    side.issued = IssuedDocument.objects.create(
        organisation=side.branch,
        kind=DocumentKind.SELF_REVIEW,
        term=side.term,
        year=2024,
        number=90,
        type_code="BC",
        symbol=side.branch.document_symbol,
        issued_on=datetime.date(2024, 8, 20),
        title="Báo cáo kiểm điểm (dữ liệu thử)",
        filename_stem="bao-cao-kiem-diem-thu",
        snapshot={},
        html=html,
        pdf=pdf,
        docx=docx,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
    )
    side.sending = Submission.objects.create(
        document=side.issued, sent_to=side.branch, sent_at=timezone.now(), status=SubmissionStatus.SENT
    )
    side.statistics = _statistics_report(side)


def _statistics_report(side):
    """An issued statistics report of the branch (kind STATISTICS, no term), with its PDF and XLSX stored."""
    from reports.models import DocumentKind, IssuedDocument, StatisticsReport, StatisticsState

    pdf, xlsx, html = b"%PDF-1.7 statistics", b"PK statistics", "<p>statistics</p>"
    issued = IssuedDocument.objects.create(
        organisation=side.branch,
        kind=DocumentKind.STATISTICS,
        term=None,
        year=2025,
        number=91,
        type_code="BC",
        symbol=side.branch.document_symbol,
        issued_on=datetime.date(2025, 4, 2),
        title="Báo cáo số liệu (dữ liệu thử)",
        filename_stem="bao-cao-so-lieu-thu",
        snapshot={},
        html=html,
        pdf=pdf,
        docx=b"",
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx_sha256="",
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
    )
    return StatisticsReport.objects.create(
        organisation=side.branch,
        period_kind="quarter",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 3, 31),
        period_year=2025,
        period_number=1,
        issued_on=datetime.date(2025, 4, 2),
        state=StatisticsState.DONE,
        issued=issued,
        xlsx=xlsx,
        xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
    )


def _term(s):
    return {"slug": s.slug, "term": s.term_slug}


def _issued(s):
    return {"slug": s.slug, "pk": s.issued.pk, "fmt": "pdf"}


def _statistics(s, fmt=None):
    kwargs = {"slug": s.slug, "pk": s.statistics.pk}
    return {**kwargs, "fmt": fmt} if fmt else kwargs


def _sending(s):
    return {"slug": s.slug, "pk": s.sending.pk}


def _sending_file(s):
    return {"slug": s.slug, "pk": s.sending.pk, "fmt": "pdf"}


def _transfer(s):
    return {"slug": s.slug, "pk": s.transfer.pk}


EXPECTATIONS = {
    "reports:list": Expect(kwargs=branch, allowed=EVERYONE),
    "reports:self_review": Expect(kwargs=_term, allowed=EVERYONE),
    "reports:self_review_edit": get_and_post(_term, get=EDITORS, post=EDITORS),
    # The preview frame: the saved report for every reader; the editor's typed text (POST) for editors only.
    "reports:self_review_preview": get_and_post(_term, get=EVERYONE, post=EDITORS),
    "reports:self_review_pdf": Expect(kwargs=_term, allowed=EVERYONE),
    "reports:self_review_docx": Expect(kwargs=_term, allowed=EVERYONE),
    # An empty form: refused with a message and a redirect, nothing issued.
    "reports:self_review_issue": Expect(kwargs=_term, allowed=EDITORS, method="POST", ok=frozenset({302})),
    "reports:issued_download": Expect(kwargs=_issued, allowed=EVERYONE),
    # The periodic statistics of the branch as an organisation: its readers (committee, officers) see them,
    # its Secretary and Deputy issue them (an empty form: 200 with the errors, nothing issued).
    "reports:statistics": Expect(kwargs=branch, allowed=READ_ALL),
    "reports:statistics_issue": Expect(kwargs=branch, allowed=EDITORS, method="POST"),
    "reports:statistics_report": Expect(kwargs=_statistics, allowed=READ_ALL),
    "reports:statistics_download": (
        Expect(kwargs=lambda s: _statistics(s, "pdf"), allowed=READ_ALL),
        Expect(kwargs=lambda s: _statistics(s, "xlsx"), allowed=READ_ALL),
    ),
    # Sent up by the first editor (302 with a message); the next is refused with a message (302 too).
    "reports:statistics_send": Expect(kwargs=_statistics, allowed=EDITORS, method="POST", ok=frozenset({302})),
    # Sent (302 with a message) by the first editor; the next is refused with a message (302 too).
    "reports:issued_send": Expect(
        kwargs=lambda s: {"slug": s.slug, "pk": s.issued.pk}, allowed=EDITORS, method="POST", ok=frozenset({302})
    ),
    "received:list": Expect(kwargs=branch, allowed=READ_ALL),
    "received:download": Expect(kwargs=_sending_file, allowed=READ_ALL),
    "received:acknowledge": Expect(kwargs=_sending, allowed=NOBODY, method="POST"),
    "received:return": Expect(kwargs=_sending, allowed=NOBODY, method="POST"),
    # The sending branch's editors print the transfer letter (side.transfer: tests/access/expect_members.py).
    "reports:transfer_letter": Expect(kwargs=_transfer, allowed=EDITORS),
    "reports:transfer_letter_pdf": Expect(kwargs=_transfer, allowed=EDITORS),
}
