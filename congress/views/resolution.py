"""The new resolution: its draft targets, and the show of hands on each target or on the whole."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congress import selectors, services
from congress.forms import DraftTargetForm, HandsForm, ResolutionVoteForm
from congress.models import DraftTarget
from congress.views.common import GET_POST, attempt, back_to, congress_for, day_context, remove_after_confirmation


@login_required
@require_GET
def resolution(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk)
    return render(
        request,
        "congress/resolution.html",
        day_context(
            access,
            congress,
            "resolution",
            targets=selectors.draft_targets_with_votes(congress),
            whole=congress.resolution_votes.filter(target__isnull=True).first(),
            target_form=DraftTargetForm() if access.can_edit else None,
            hands_form=HandsForm(),
        ),
    )


@login_required
@require_POST
def target_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    form = DraftTargetForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.draft_target_add(congress=congress, **form.cleaned_data))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return back_to("resolution", congress, "chi-tieu")


@login_required
@GET_POST
def target_remove(request: HttpRequest, slug: str, pk: int, target_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    target = get_object_or_404(DraftTarget, pk=target_pk, congress=congress)
    return remove_after_confirmation(
        request,
        access,
        congress,
        remove=lambda: services.draft_target_remove(target=target),
        tab="resolution",
        page="resolution",
        anchor="chi-tieu",
        heading=_("Xóa chỉ tiêu dự thảo"),
        question=_("Xóa chỉ tiêu “%(name)s” khỏi dự thảo Nghị quyết?") % {"name": target.name},
    )


@login_required
@require_POST
def resolution_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    form = ResolutionVoteForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        target_pk = data.pop("target")
        target = get_object_or_404(DraftTarget, pk=target_pk, congress=congress) if target_pk else None
        done = _("Đã ghi kết quả biểu quyết.")
        attempt(request, lambda: services.resolution_vote(congress=congress, target=target, **data), done)
    else:
        messages.error(request, _("Cần nhập đủ ba số biểu quyết (số nguyên không âm)."))
    return back_to("resolution", congress, "bieu-quyet")
