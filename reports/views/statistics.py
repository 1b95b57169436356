"""The periodic statistics of an organisation: the period form with its preview, issuing, progress, downloads.

Readers of the organisation (its officers, a branch's own committee) see the figures; its editors
(an editor officer on it or above, a branch's Secretary or Deputy) issue them. Issuing runs as a
background task; the report's page follows it. Once issued, its editors send it up to the parent
organisation (reports.services.submissions), from the report's page.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chidoan.lib import spreadsheets
from chidoan.lib.dates import today
from members.organisation_access import OrganisationAccess, organisation_for_request
from reports.models import StatisticsReport
from reports.services.statistics import statistics_request
from reports.services.submissions import submission_send
from reports.statistics.compute import COLUMNS, statistics_compute
from reports.statistics.forms import PeriodForm
from reports.views.common import GET_ONLY, document_response

logger = logging.getLogger(__name__)


def may_issue(access: OrganisationAccess) -> bool:
    return access.edits_below or (access.branch is not None and access.branch.can_edit)


def _page(request: HttpRequest, access: OrganisationAccess, form: PeriodForm, *, status: int = 200) -> HttpResponse:
    organisation = access.organisation
    stats = statistics_compute(organisation=organisation, period=form.period()) if form.is_valid() else None
    reports = (
        StatisticsReport.objects.filter(organisation=organisation)
        .select_related("issued")
        .only("pk", "state", "starts_on", "ends_on", "period_kind", "period_year", "period_number", "created_at",
              "issued__number", "issued__type_code", "issued__symbol", "issued__issued_on", "organisation_id")[:20]
    )  # fmt: skip
    columns = [(key, str(heading), str(group)) for key, heading, group in COLUMNS]
    return render(
        request,
        "reports/statistics.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "stats": stats,
            "columns": columns,
            "rows": [(row, [row.figures[key] for key, _h, _g in columns]) for row in stats.rows] if stats else [],
            "total": [stats.total.figures[key] for key, _h, _g in columns] if stats else [],
            "can_issue": may_issue(access),
            "reports": list(reports),
        },
        status=status,
    )


@login_required
@GET_ONLY
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for_request(request, slug)
    form = PeriodForm(request.GET or None, initial={"year": today().year})
    return _page(request, access, form)


@login_required
@require_POST
def issue(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for_request(request, slug, may=may_issue)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _page(request, access, form)
    by = request.user if request.user.is_authenticated else None
    report = statistics_request(organisation=access.organisation, period=form.period(), by=by, on=today())
    return redirect("reports:statistics_report", slug=slug, pk=report.pk)


def _report_or_404(access: OrganisationAccess, pk: int) -> StatisticsReport:
    report = (
        StatisticsReport.objects.filter(organisation=access.organisation, pk=pk)
        .defer("xlsx")
        .select_related("issued")
        .defer("issued__pdf", "issued__html", "issued__docx", "issued__snapshot")
        .first()
    )
    if report is None:
        raise Http404
    return report


@login_required
@GET_ONLY
def report_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for_request(request, slug)
    report = _report_or_404(access, pk)
    organisation = access.organisation
    sending = report.issued.last_submission if report.issued is not None else None
    may_send = may_issue(access) and organisation.parent_id is not None and not organisation.is_closed
    return render(
        request,
        "reports/statistics_report.html",
        {
            "access": access,
            "organisation": organisation,
            "report": report,
            "sending": sending,
            "can_send": may_send and (sending is None or sending.is_returned),
        },
    )


@login_required
@require_POST
def send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send the issued statistics report `pk` to the organisation's parent; back to the report's page."""
    access = organisation_for_request(request, slug, may=may_issue)
    report = _report_or_404(access, pk)
    if report.issued is None:
        raise Http404
    try:
        by = request.user if request.user.is_authenticated else None
        sent = submission_send(document=report.issued, by=by)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã gửi văn bản %(number)s lên %(parent)s.")
            % {"number": sent.document.number_text, "parent": sent.sent_to.name},
        )
    return redirect("reports:statistics_report", slug=slug, pk=report.pk)


@login_required
@GET_ONLY
def download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The issued PDF or the XLSX workbook, served as stored when they still match their checksums."""
    access = organisation_for_request(request, slug)
    report = _report_or_404(access, pk)
    if report.issued is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    if fmt == "pdf":
        content = bytes(type(report.issued).objects.values_list("pdf", flat=True).get(pk=report.issued.pk))
        checksum = report.issued.pdf_sha256
    else:
        content = bytes(StatisticsReport.objects.values_list("xlsx", flat=True).get(pk=report.pk))
        checksum = report.xlsx_sha256
    if hashlib.sha256(content).hexdigest() != checksum:
        logger.error("Statistics report %s (%s) does not match its checksum", report.pk, fmt)
        raise ValidationError(_("Văn bản đã ban hành bị sai lệch so với bản lưu."))
    stem = report.issued.filename_stem
    if fmt == "xlsx":
        response = spreadsheets.xlsx_response(content, f"{stem}.xlsx")
    else:
        response = document_response(content, stem=stem, fmt=fmt)
    response["ETag"] = f'"{checksum}"'
    return response
