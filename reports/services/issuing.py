"""Issuing the self-review report, and the outgoing-documents register that numbers it.

Issuing takes a number from the organisation's outgoing-documents register
(a locked counter row per organisation and year), renders the document once
and stores its data snapshot, HTML, PDF and DOCX with checksums: an issued
document is served as stored and never changes. A correction is a new
revision with a new number.
"""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chidoan.lib.text import nfc
from members.models import Organisation
from reports.models import DocumentKind, IssuedDocument, OutgoingDocumentRegister, SelfReviewReport
from reports.render.docx import self_review_docx
from reports.render.page import html_to_pdf
from reports.render.self_review import self_review_html
from reports.self_review.build import report_data
from reports.self_review.wording import TYPE_CODE


@transaction.atomic
def register_next_number(*, organisation: Organisation, year: int) -> int:
    """Take the next number of the organisation's outgoing-documents register for `year`.

    The counter row is locked until the caller's transaction ends, so two
    documents issued at once get different numbers; the unique constraint on
    issued documents is the second line of defence.
    """
    try:
        with transaction.atomic():
            OutgoingDocumentRegister.objects.get_or_create(organisation=organisation, year=year)
    except IntegrityError:
        pass  # created by a concurrent request; the locked read below sees it
    register = OutgoingDocumentRegister.objects.select_for_update().get(organisation=organisation, year=year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def report_issue(*, report: SelfReviewReport, by: User | None, on: datetime.date) -> IssuedDocument:
    """Issue the report dated `on`: refuses, listing what is missing, when it is not complete."""
    # Lock the report so that two issue requests for it get consecutive revisions, not a clash.
    report = SelfReviewReport.objects.select_for_update().select_related("term__branch").get(pk=report.pk)
    term = report.term
    branch = term.branch
    data = report_data(term, report=report, on=on)
    if data.missing:
        raise ValidationError(data.missing, code="incomplete")
    number = register_next_number(organisation=branch, year=on.year)
    data = report_data(term, report=report, on=on, number=number)
    html = self_review_html(data)
    pdf = html_to_pdf(html)
    docx = self_review_docx(data)
    revision = (report.issued_versions.order_by("-revision").values_list("revision", flat=True).first() or 0) + 1
    stem = data.filename_stem if revision == 1 else f"{data.filename_stem}-lan-{revision}"
    issued = IssuedDocument(
        organisation=branch,
        kind=DocumentKind.SELF_REVIEW,
        report=report,
        term=term,
        revision=revision,
        year=on.year,
        number=number,
        type_code=TYPE_CODE,
        symbol=branch.document_symbol,
        issued_on=on,
        issued_by=by,
        title=nfc(f"Báo cáo kiểm điểm hoạt động của Ban Chấp hành {data.branch_name} nhiệm kỳ {data.term_label}"),
        filename_stem=stem,
        snapshot=data.to_json(),
        html=html,
        pdf=pdf,
        docx=docx,
        pdf_sha256=_sha256(pdf),
        docx_sha256=_sha256(docx),
        html_sha256=_sha256(html.encode()),
    )
    issued.full_clean()
    issued.save()
    return issued
