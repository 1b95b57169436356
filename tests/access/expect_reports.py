"""Permission-matrix expectations for the reports URLs: the self-review report and issued documents.

Format: tests/access/expect.py. Every branch role reads the report (and its preview
page), downloads its draft and the issued documents; only editors open the editor,
preview their typed text and issue.
`prepare` gives each branch one issued document (stored bytes with their
checksums) so that reports:issued_download has an object on both sides.
"""

from __future__ import annotations

import datetime
import hashlib

from tests.access.expect import EDITORS, EVERYONE, Expect, branch, get_and_post


def prepare(side) -> None:
    from reports.models import DocumentKind, IssuedDocument

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


def _term(s):
    return {"slug": s.slug, "term": s.term_slug}


def _issued(s):
    return {"slug": s.slug, "pk": s.issued.pk, "fmt": "pdf"}


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
    # The sending branch's editors print the transfer letter (side.transfer: tests/access/expect_members.py).
    "reports:transfer_letter": Expect(kwargs=_transfer, allowed=EDITORS),
    "reports:transfer_letter_pdf": Expect(kwargs=_transfer, allowed=EDITORS),
}
