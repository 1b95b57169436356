"""Importing members from a spreadsheet: the template, the upload, the job page with its progress, the confirmation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.http import accepts_upload
from chidoan.lib.spreadsheets import xlsx_response
from members.exports.template import template_xlsx
from members.imports.forms import ImportUploadForm
from members.imports.jobs import job_confirm, job_mark_stale, job_start
from members.models import ImportJob, ImportState
from members.views.common import SignedInRequest

RECENT_JOBS = 5


def _job_of_branch(access: Access, job: int) -> ImportJob:
    found = ImportJob.objects.filter(branch=access.branch, pk=job).defer("content").first()
    if found is None:
        raise Http404
    return job_mark_stale(found)


@require_GET
@login_required
def import_template(request: SignedInRequest, slug: str) -> HttpResponse:
    get_branch_for_user(request, slug, write=True)
    return xlsx_response(template_xlsx(), "mau-nhap-doan-vien.xlsx")


# A megabyte over the file's own limit, so that a file just too large gets the form's message,
# and anything larger is refused before it is read (chidoan.web.limits).
@accepts_upload(max_mb=settings.IMPORT_MAX_MB + 1)
@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: SignedInRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(branch=access.branch, by=request.user, file_name=upload.name or "", data=upload.read())
        return redirect("members:import_job", slug=slug, job=job.pk)
    recent = ImportJob.objects.filter(branch=access.branch).defer("content")[:RECENT_JOBS]
    return render(request, "members/import_start.html", {"access": access, "form": form, "recent": recent})


def _status(job: ImportJob) -> dict[str, object]:
    return {
        "state": job.state,
        "label": job.get_state_display(),
        "done": job.progress_done,
        "total": job.progress_total,
        "percent": job.percent,
        "running": job.is_running,
        "error": job.error,
    }


@require_GET
@login_required
def import_job(request: SignedInRequest, slug: str, job: int) -> HttpResponse:
    """The job's progress while it runs (the page reloads itself, or import_progress.js polls), then its preview."""
    access = get_branch_for_user(request, slug, write=True)
    found = _job_of_branch(access, job)
    result = found.result or {}
    can_confirm = (
        found.state == ImportState.CHECKED
        and not result.get("refused")
        and bool(result.get("new") or result.get("updated"))
    )
    context = {
        "access": access,
        "job": found,
        "result": result,
        "can_confirm": can_confirm,
        "status_url": reverse("members:import_status", kwargs={"slug": slug, "job": found.pk}),
    }
    return render(request, "members/import_job.html", context)


@require_GET
@login_required
def import_status(request: SignedInRequest, slug: str, job: int) -> JsonResponse:
    access = get_branch_for_user(request, slug, write=True)
    return JsonResponse(_status(_job_of_branch(access, job)))


@require_POST
@login_required
def import_confirm(request: SignedInRequest, slug: str, job: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    found = _job_of_branch(access, job)
    try:
        job_confirm(job=found)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.info(request, _("Đang lưu tệp %(name)s.") % {"name": found.file_name})
    return redirect("members:import_job", slug=slug, job=found.pk)
