"""The targets tab (chỉ tiêu nhiệm kỳ): the resolution's targets, their progress and history, and their forms."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.dates import today
from chidoan.lib.history import HistorySource, history_entries, paginate_history
from terms import selectors, services
from terms.forms import ProgressForm, TargetDeleteForm, TargetEditForm, TargetForm
from terms.models import Outcome, ProgressEntry, Target, Term
from terms.views.common import (
    GET_ONLY,
    GET_POST,
    chosen_term,
    page_context,
    required_term,
    save_form,
    saved_and_back,
    signed_in_user,
    target_or_404,
    workspace_url,
)

OUTCOME_STYLE = {
    Outcome.EXCEEDED: "success",
    Outcome.ACHIEVED: "success",
    Outcome.NOT_ACHIEVED: "danger",
    Outcome.IN_PROGRESS: "secondary",
}


def _readings(target: Target) -> list[tuple[ProgressEntry, str]]:
    """The target's readings, newest first, each with its text (from the prefetched entries)."""
    entries = sorted(target.progress_entries.all(), key=lambda e: (e.recorded_on, e.id), reverse=True)
    return [(entry, target.reading_text(entry)) for entry in entries]


def _target_row(target: Target, access: Access, on: datetime.date) -> dict[str, Any]:
    """One target as the list shows it; reads only what targets_of_term prefetched."""
    outcome = Outcome(target.outcome_on(on))
    latest = target.latest_entry()
    return {
        "target": target,
        "latest": latest,
        "planned_text": target.planned_text,
        "achieved_text": target.reading_text(latest) if latest else "—",
        "entries": _readings(target),
        "outcome": outcome,
        "outcome_style": OUTCOME_STYLE[outcome],
        "percent": target.progress_percent(),
        "reason_behind": target.reason_behind(),
        "can_record": access.can_record_progress(target),
    }


@login_required
@GET_ONLY
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    """Chỉ tiêu nhiệm kỳ: every role of the branch reads the targets, their progress, who is responsible, the outcome."""
    access = get_branch_for_user(request, slug)
    term, terms = chosen_term(request, access)
    on = today()
    rows = [_target_row(target, access, on) for target in selectors.targets_of_term(term=term)] if term else []
    counts = dict.fromkeys(Outcome, 0)
    for row in rows:
        counts[row["outcome"]] += 1
    summary = [(outcome.label, counts[outcome], OUTCOME_STYLE[outcome]) for outcome in Outcome if counts[outcome]]
    return render(
        request,
        "terms/targets.html",
        page_context(access, term, terms, rows=rows, summary=summary, term_over=term is not None and on > term.ends_on),
    )


def _target_page(
    request: HttpRequest, slug: str, pk: int, *, write: bool = False, read_all: bool = False, closed_terms: bool = False
) -> tuple[Access, Target, Term]:
    """The branch as this user may use it, the target of the URL in it (404 otherwise), and the target's term."""
    access = get_branch_for_user(request, slug, write=write, read_all=read_all, closed_terms=closed_terms)
    target = target_or_404(access, pk)
    return access, target, target.resolution.term


def _on_the_list(access: Access, term: Term, target: Target) -> str:
    """The target on the list, where the user sees what they saved."""
    return workspace_url("targets", access, term, anchor=f"chi-tieu-{target.pk}")


@login_required
@GET_POST
def target_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term, terms = required_term(request, access)
    if request.method == "POST":
        form = TargetForm(request.POST, term=term)

        @transaction.atomic  # the resolution is only created together with its first target
        def add(data: dict[str, Any]) -> Target:
            resolution = services.resolution_ensure(term=term)
            return services.target_create(resolution=resolution, **form.target_fields())

        target, _changed = save_form(form, add)
        if target is not None:
            message = _("Đã thêm chỉ tiêu “%(name)s”.") % {"name": target.name}
            return saved_and_back(request, message, _on_the_list(access, term, target))
    else:
        form = TargetForm(term=term)
    return render(request, "terms/target_form.html", page_context(access, term, terms, form=form))


@login_required
@GET_POST
def target_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, target, term = _target_page(request, slug, pk, write=True)
    changed = None
    if request.method == "POST":
        form = TargetEditForm(request.POST, term=term)
        saved, changed = save_form(
            form,
            lambda data: services.target_update(
                target=target, expected_version=data["version"], **form.target_fields()
            ),
            record=lambda: target,
        )
        if saved is not None:
            message = _("Đã lưu chỉ tiêu “%(name)s”.") % {"name": saved.name}
            return saved_and_back(request, message, _on_the_list(access, term, saved))
        target = target_or_404(access, pk)  # the service may have changed the object in memory before refusing
    else:
        form = TargetEditForm(initial=TargetEditForm.initial_for(target), term=term)
    return render(
        request, "terms/target_form.html", page_context(access, term, [], form=form, target=target, changed=changed)
    )


@login_required
@GET_POST
def target_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, target, term = _target_page(request, slug, pk, write=True)
    form = TargetDeleteForm(request.POST or None, initial={"version": target.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_delete(target=target, expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(workspace_url("target_delete", access, pk=target.pk))
        message = _("Đã xóa chỉ tiêu “%(name)s”.") % {"name": target.name}
        return saved_and_back(request, message, workspace_url("targets", access, term))
    has_progress = bool(target.progress_entries.all())
    return render(
        request,
        "terms/target_delete.html",
        page_context(access, term, [], form=form, target=target, has_progress=has_progress),
    )


def _progress_label(record: Any) -> str:
    return _("Tiến độ ngày %(date)s") % {"date": f"{record.recorded_on:%d/%m/%Y}"}


@login_required
@GET_ONLY
def target_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who changed the target, when and what; and every progress entry with who recorded it."""
    access, target, term = _target_page(request, slug, pk, closed_terms=True)
    if not access.sees_term(term):
        raise Http404
    if not access.can_read_term(term):
        raise PermissionDenied
    entries = history_entries(
        HistorySource(Target.history.filter(id=target.pk)),
        HistorySource(ProgressEntry.history.filter(target_id=target.pk), label=_progress_label),
    )
    return render(
        request,
        "terms/target_history.html",
        page_context(
            access,
            term,
            [],
            target=target,
            progress=_readings(target),
            history=paginate_history(request, entries),
        ),
    )


@login_required
@GET_POST
def progress_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record where a target stands: the editors on every target, a committee member on the ones they are responsible for."""
    access, target, term = _target_page(request, slug, pk)
    if not access.can_record_progress(target):
        raise PermissionDenied
    if request.method == "POST":
        form = ProgressForm(request.POST, target=target)
        entry, _changed = save_form(
            form, lambda data: services.progress_record(target=target, by=signed_in_user(request), **data)
        )
        if entry is not None:
            message = _("Đã ghi nhận tiến độ chỉ tiêu “%(name)s”.") % {"name": target.name}
            return saved_and_back(request, message, _on_the_list(access, term, target))
    else:
        form = ProgressForm(
            target=target,
            initial={
                "recorded_on": selectors.reference_date(term=term, today=today()),
                # A target behind usually stays behind for the same reason: start from the last one.
                "reason_behind": target.reason_behind(),
            },
        )
    return render(
        request,
        "terms/progress_form.html",
        page_context(access, term, [], form=form, target=target, row=_target_row(target, access, today())),
    )
