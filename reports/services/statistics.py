"""Asking for the periodic statistics (a background task) and issuing them: numbered, rendered, frozen.

`statistics_request` records the request and queues its task; the task calls `statistics_issue`,
which computes the figures, takes a number from the organisation's outgoing-documents register
and stores the PDF as an IssuedDocument (kind STATISTICS, no term) and the XLSX beside it, all in
one transaction: a worker stopped midway leaves no number taken and no half document.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from members.models import Organisation
from reports.models import DocumentKind, IssuedDocument, StatisticsReport, StatisticsState
from reports.render.page import html_to_pdf
from reports.services.issuing import register_next_number
from reports.statistics import documents
from reports.statistics.compute import Statistics, statistics_compute
from reports.statistics.periods import Period

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def report_period(report: StatisticsReport) -> Period:
    return Period(report.period_kind, report.starts_on, report.ends_on, report.period_year, report.period_number)


def statistics_request(
    *, organisation: Organisation, period: Period, by: User | None, on: datetime.date
) -> StatisticsReport:
    """Record the request and queue its task; the progress page follows the report."""
    from reports.statistics.tasks import statistics_run

    report = StatisticsReport(
        organisation=organisation,
        period_kind=period.kind,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        period_year=period.year,
        period_number=period.number,
        issued_on=on,
        requested_by=by,
    )
    report.full_clean()
    report.save()
    result = statistics_run.enqueue(report_id=report.pk)
    StatisticsReport.objects.filter(pk=report.pk).update(task_id=str(result.id))
    report.refresh_from_db()
    return report


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _progress(report: StatisticsReport, done: int, total: int) -> None:
    StatisticsReport.objects.filter(pk=report.pk).update(
        state=StatisticsState.RUNNING, progress_done=done, progress_total=total, updated_at=timezone.now()
    )


def statistics_issue(*, report: StatisticsReport) -> IssuedDocument:
    """Compute, number and store the report's document; the report is marked done with it.

    The figures are read before the transaction (read-only, and the progress written meanwhile must be
    seen by the progress page); the number, the rendering and the storing are one transaction.
    """
    if report.issued_id is not None:
        return IssuedDocument.objects.get(pk=report.issued_id)
    organisation = report.organisation
    on = report.issued_on
    _progress(report, 0, 3)
    stats = statistics_compute(organisation=organisation, period=report_period(report))
    _progress(report, 1, 3)
    xlsx = documents.statistics_xlsx(stats)
    return _store(report=report, stats=stats, xlsx=xlsx, on=on)


@transaction.atomic
def _store(*, report: StatisticsReport, stats: Statistics, xlsx: bytes, on: datetime.date) -> IssuedDocument:
    report = StatisticsReport.objects.select_for_update().select_related("organisation").get(pk=report.pk)
    if report.issued_id is not None:  # issued meanwhile by a second run of the same task
        return IssuedDocument.objects.get(pk=report.issued_id)
    organisation = report.organisation
    number = register_next_number(organisation=organisation, year=on.year)
    html = documents.statistics_html(stats, organisation=organisation, number=number, on=on)
    pdf = html_to_pdf(html)
    issued = IssuedDocument(
        organisation=organisation,
        kind=DocumentKind.STATISTICS,
        term=None,
        year=on.year,
        number=number,
        type_code=documents.TYPE_CODE,
        symbol=organisation.document_symbol,
        issued_on=on,
        issued_by=report.requested_by,
        title=documents.title(stats)[:500],
        filename_stem=documents.filename_stem(stats),
        snapshot=stats.to_json(),
        html=html,
        pdf=pdf,
        docx=b"",
        pdf_sha256=_sha256(pdf),
        docx_sha256="",
        html_sha256=_sha256(html.encode()),
    )
    issued.full_clean()
    issued.save()
    StatisticsReport.objects.filter(pk=report.pk).update(
        state=StatisticsState.DONE,
        issued=issued,
        xlsx=xlsx,
        xlsx_sha256=_sha256(xlsx),
        progress_done=3,
        progress_total=3,
        updated_at=timezone.now(),
    )
    return issued
