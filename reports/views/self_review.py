"""The self-review report: the page with its preview, the editor, the draft's files, issuing.

Every view starts with `get_branch_for_user` (404 for what the user may not
see, 403 for what they may see but not change) and looks the term up within
that branch. Every branch role reads the report and downloads its files; only
editors (`can_edit`) edit and issue.
"""

from __future__ import annotations

import copy
from typing import Any

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import Change, StaleEditError, refuse_stale
from reports import selectors, services
from reports.forms import IssueForm, SelfReviewForm
from reports.models import SelfReviewReport
from reports.render.self_review import self_review_file, self_review_html, self_review_sheet
from reports.self_review.build import report_data, term_sections
from reports.self_review.data import ReportData
from reports.self_review.wording import NARRATIVE_SECTIONS
from reports.views.common import GET_ONLY, GET_POST, document_response, term_or_404
from terms.models import Term


def _url(name: str, access: Access, term: Term) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": access.branch.slug, "term": term.slug})


def _open(
    request: HttpRequest, slug: str, term: str, *, write: bool = False
) -> tuple[Access, Term, SelfReviewReport | None]:
    """The branch as the user may use it, the term of the URL within it, and the term's report if started."""
    access = get_branch_for_user(request, slug, write=write, closed_terms=True)
    term_obj = term_or_404(access, term)
    return access, term_obj, SelfReviewReport.objects.filter(term=term_obj).first()


def _render(
    request: HttpRequest,
    template: str,
    *,
    access: Access,
    term: Term,
    report: SelfReviewReport | None,
    data: ReportData,
    **extra: Any,
) -> HttpResponse:
    """A page of the report; its preview frame loads `preview` (the saved report, today's data)."""
    context = {"access": access, "branch": access.branch, "term": term, "report": report, "data": data}
    return render(request, template, context | extra)


@login_required
@GET_ONLY
def page(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access, term_obj, report = _open(request, slug, term)
    data = report_data(term_obj, report=report)
    return _render(
        request,
        "reports/self_review.html",
        access=access,
        term=term_obj,
        report=report,
        data=data,
        issue_form=IssueForm(initial={"issued_on": data.dated_on}),
        sheet=self_review_sheet(data),
        issued=list(selectors.issued_documents(branch=access.branch, term=term_obj)),
    )


def _initial(report: SelfReviewReport) -> dict[str, Any]:
    initial: dict[str, Any] = {key: getattr(report, key) for key, _heading in NARRATIVE_SECTIONS}
    initial.update(
        version=report.version, include_targets_table=report.include_targets_table, recipients=report.recipients
    )
    return initial


@login_required
@GET_POST
def edit(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access, term_obj, report = _open(request, slug, term, write=True)
    drafted = report is None
    if report is None:
        # The editor always works on a stored report at its real version: the first visit stores the draft.
        report = services.report_ensure(term=term_obj)
    changed: list[Change] | None = None
    if request.method == "POST":
        form = SelfReviewForm(request.POST, sections=term_sections(term_obj))
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
                return HttpResponseRedirect(_url("self_review_edit", access, term_obj))
    else:
        form = SelfReviewForm(initial=_initial(report), sections=term_sections(term_obj))
    return _render(
        request,
        "reports/self_review_edit.html",
        access=access,
        term=term_obj,
        report=report,
        data=report_data(term_obj, report=report),
        drafted=drafted,
        form=form,
        changed=changed,
    )


@login_required
@GET_POST
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]  # django-csp types views as (request) only
def preview(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    """The report as a page of its own, shown in the frames of the report page and the editor.

    GET: the saved report with today's data, for every branch role. POST (editors): the
    text of the editor's form as typed, nothing saved. It may be framed by the app's own
    pages only; its stylesheet and script come from static/ like every other page's.
    """
    _access, term_obj, report = _open(request, slug, term, write=request.method == "POST")
    if request.method == "POST":
        report = _typed(
            SelfReviewForm(request.POST, sections=term_sections(term_obj)), report or SelfReviewReport(term=term_obj)
        )
    html = self_review_html(report_data(term_obj, report=report), for_screen=True)
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def _typed(form: SelfReviewForm, report: SelfReviewReport) -> SelfReviewReport:
    """An unsaved copy of `report` with what the form brings that is valid (the version does not matter)."""
    draft = copy.copy(report)
    form.is_valid()
    for key in [key for key, _heading in NARRATIVE_SECTIONS] + ["include_targets_table", "recipients"]:
        if key in form.cleaned_data:
            setattr(draft, key, form.cleaned_data[key])
    return draft


@login_required
@GET_ONLY
def document(request: HttpRequest, slug: str, term: str, fmt: str) -> HttpResponse:
    """The report as it stands today, in `fmt` (PDF or DOCX): a draft, numbered only once issued."""
    access = get_branch_for_user(request, slug, closed_terms=True)
    data = report_data(term_or_404(access, term))
    return document_response(self_review_file(data, fmt), stem=data.filename_stem, fmt=fmt)


@login_required
@require_POST
def issue(request: HttpRequest, slug: str, term: str) -> HttpResponse:
    access, term_obj, report = _open(request, slug, term, write=True)
    back = HttpResponseRedirect(_url("self_review", access, term_obj))
    if report is None:
        messages.error(request, _("Báo cáo chưa được viết: hãy soạn và lưu báo cáo trước khi ban hành."))
        return back
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày ban hành không hợp lệ."))
        return back
    try:
        by = request.user if request.user.is_authenticated else None
        issued = services.report_issue(report=report, by=by, on=form.cleaned_data["issued_on"])
    except ValidationError as error:
        messages.error(request, _("Báo cáo chưa đủ để ban hành: %(items)s") % {"items": " ".join(error.messages)})
        return back
    messages.success(
        request,
        _("Đã ban hành báo cáo, số %(number)s ngày %(date)s.")
        % {"number": issued.number_text, "date": f"{issued.issued_on:%d/%m/%Y}"},
    )
    return back
