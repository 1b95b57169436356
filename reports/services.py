"""Writes on the self-review report: start it (drafted from the data), edit it, issue it.

Issuing takes a number from the organisation's outgoing-documents register
(a locked counter row per organisation and year), renders the document once
and stores its data snapshot, HTML, PDF and DOCX with checksums: an issued
document is served as stored and never changes. A correction is a new
revision with a new number.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged
from chidoan.lib.text import nfc
from members.models import Organisation
from reports import documents, selectors
from reports import docx as docx_renderer
from reports.models import (
    NARRATIVE_SECTIONS,
    DocumentKind,
    IssuedDocument,
    OutgoingDocumentRegister,
    SelfReviewReport,
)
from terms.models import Term

EDITABLE_FIELDS = {key for key, _heading in NARRATIVE_SECTIONS} | {"include_targets_table", "recipients"}


@transaction.atomic
def report_ensure(*, term: Term) -> SelfReviewReport:
    """The term's report, created on first use with a narrative drafted from the data."""
    existing = SelfReviewReport.objects.filter(term=term).first()
    if existing is not None:
        return existing
    report = SelfReviewReport(term=term, **selectors.draft_narrative(term))
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone opened the same report at the same moment: theirs is the report.
        return SelfReviewReport.objects.get(term=term)
    return report


def _clean_text(value: str) -> str:
    """One paragraph per line, NFC, no trailing spaces, no empty lines between paragraphs."""
    lines = [" ".join(line.split()) for line in nfc(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def report_update(*, report: SelfReviewReport, expected_version: int, **changes: Any) -> SelfReviewReport:
    """Save the Secretary's edits; refuses when someone else saved the report in between."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Không sửa được các mục: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        if name == "include_targets_table":
            setattr(report, name, bool(value))
        else:
            setattr(report, name, _clean_text(value))
    report.full_clean()
    save_if_unchanged(report, expected_version=expected_version)
    return report


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
def report_issue(*, report: SelfReviewReport, by: AbstractBaseUser | None, on: datetime.date) -> IssuedDocument:
    """Issue the report dated `on`: refuses, listing what is missing, when it is not complete."""
    # Lock the report so that two issue requests for it get consecutive revisions, not a clash.
    report = SelfReviewReport.objects.select_for_update().select_related("term__branch").get(pk=report.pk)
    term = report.term
    branch = term.branch
    data = selectors.report_data(term, report=report, on=on)
    if data.missing:
        raise ValidationError(data.missing, code="incomplete")
    number = register_next_number(organisation=branch, year=on.year)
    data = selectors.report_data(term, report=report, on=on, number=number)
    html = documents.self_review_html(data)
    pdf = documents.html_to_pdf(html)
    docx = docx_renderer.self_review_docx(data)
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
        type_code=selectors.TYPE_CODE,
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
