"""The self-review report pages: the branch's documents, the preview, the editor, downloads and issuing.

Every view starts with `get_branch_for_user` (404 for what the user may not
see, 403 for what they may see but not change) and looks the term and the
issued document up filtered by that branch. Every branch role may read the
report and download issued documents; only editors (`can_edit`) edit and issue.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import StaleEditError, refuse_stale
from reports import documents, selectors, services
from reports import docx as docx_renderer
from reports.forms import IssueForm, SelfReviewForm
from reports.models import NARRATIVE_SECTIONS, IssuedDocument, SelfReviewReport
from terms import selectors as term_selectors
from terms.models import Term

logger = logging.getLogger(__name__)

GET_ONLY = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "POST"])

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def _term_or_404(access: Access, term_slug: str) -> Term:
    term = term_selectors.term_by_slug(branch=access.branch, slug=term_slug)
    if term is None:
        raise Http404
    return term


def _report_url(name: str, access: Access, term: Term) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": access.branch.slug, "term": term.slug})


def _attachment(content: bytes | str, *, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
@GET_ONLY
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    return render(
        request,
        "reports/list.html",
        {"access": access, "branch": access.branch, "rows": selectors.branch_documents(access.branch)},
    )


@login_required
@GET_ONLY
def self_review(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    term_obj = _term_or_404(access, term)
    report = SelfReviewReport.objects.filter(term=term_obj).first()
    data = selectors.report_data(term_obj, report=report)
    issue_form = IssueForm(initial={"issued_on": data.dated_on})
    return render(
        request,
        "reports/self_review.html",
        {
            "access": access,
            "branch": access.branch,
            "term": term_obj,
            "report": report,
            "data": data,
            "preview_html": documents.self_review_html(data, for_screen=True),
            "issue_form": issue_form,
            "issued": list(selectors.issued_documents(branch=access.branch, term=term_obj)),
        },
    )


@login_required
@GET_POST
def self_review_edit(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term_obj = _term_or_404(access, term)
    report = SelfReviewReport.objects.filter(term=term_obj).first()
    drafted = report is None
    if report is None:
        # The editor always works on a stored report at its real version: the first visit stores the draft.
        report = services.report_ensure(term=term_obj)
    changed = None
    if request.method == "POST":
        form = SelfReviewForm(request.POST)
        if form.is_valid():
            changes = dict(form.cleaned_data)
            expected = changes.pop("version")
            try:
                services.report_update(report=report, expected_version=expected, **changes)
            except StaleEditError as error:
                changed = refuse_stale(form, report, error)
                report.refresh_from_db()  # the preview shows what is saved, not the refused typing
            except ValidationError as error:
                add_service_error(form, error)
                report.refresh_from_db()
            else:
                messages.success(request, _("Đã lưu báo cáo kiểm điểm."))
                return HttpResponseRedirect(_report_url("self_review_edit", access, term_obj))
    else:
        initial = {key: getattr(report, key) for key, _heading in NARRATIVE_SECTIONS}
        initial.update(
            version=report.version,
            include_targets_table=report.include_targets_table,
            recipients=report.recipients,
        )
        form = SelfReviewForm(initial=initial)
    data = selectors.report_data(term_obj, report=report)
    return render(
        request,
        "reports/self_review_edit.html",
        {
            "access": access,
            "branch": access.branch,
            "term": term_obj,
            "report": report,
            "drafted": drafted,
            "form": form,
            "changed": changed,
            "data": data,
            "preview_html": documents.self_review_html(data, for_screen=True),
        },
    )


def _current_data(request: HttpRequest, slug: str, term: str) -> selectors.ReportData:
    access = get_branch_for_user(request, slug)
    term_obj = _term_or_404(access, term)
    return selectors.report_data(term_obj)


@login_required
@GET_ONLY
def self_review_pdf(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    data = _current_data(request, slug, term)
    return _attachment(documents.self_review_pdf(data), filename=f"{data.filename_stem}.pdf", fmt="pdf")


@login_required
@GET_ONLY
def self_review_docx(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    data = _current_data(request, slug, term)
    return _attachment(docx_renderer.self_review_docx(data), filename=f"{data.filename_stem}.docx", fmt="docx")


@login_required
@require_POST
def self_review_issue(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term_obj = _term_or_404(access, term)
    report = SelfReviewReport.objects.filter(term=term_obj).first()
    back = HttpResponseRedirect(_report_url("self_review", access, term_obj))
    if report is None:
        messages.error(request, _("Báo cáo chưa được viết: hãy soạn và lưu báo cáo trước khi ban hành."))
        return back
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày ban hành không hợp lệ."))
        return back
    try:
        issued = services.report_issue(report=report, by=request.user, on=form.cleaned_data["issued_on"])
    except ValidationError as error:
        messages.error(request, _("Báo cáo chưa đủ để ban hành: %(items)s") % {"items": " ".join(error.messages)})
        return back
    messages.success(
        request,
        _("Đã ban hành báo cáo, số %(number)s ngày %(date)s.")
        % {
            "number": issued.number_text,
            "date": f"{issued.issued_on:%d/%m/%Y}",
        },
    )
    return back


@login_required
@GET_ONLY
def issued_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    if fmt not in CONTENT_TYPES:
        raise Http404
    issued = (
        IssuedDocument.objects.filter(organisation=access.branch, pk=pk)
        .only("pk", "filename_stem", fmt, f"{fmt}_sha256")
        .first()
    )
    if issued is None:
        raise Http404
    stored = getattr(issued, fmt)
    content = stored.encode() if isinstance(stored, str) else bytes(stored)
    if hashlib.sha256(content).hexdigest() != getattr(issued, f"{fmt}_sha256"):
        # Never serve an official document that is not byte for byte what was issued.
        logger.error("Issued document %s (%s) does not match its checksum", issued.pk, fmt)
        raise ValidationError(_("Văn bản đã ban hành bị sai lệch so với bản lưu."))
    response = _attachment(content, filename=f"{issued.filename_stem}.{fmt}", fmt=fmt)
    response["ETag"] = f'"{getattr(issued, f"{fmt}_sha256")}"'
    return response
