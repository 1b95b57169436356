"""The term workspace: the committee (Ban Chấp hành), the resolution's targets and their progress.

Every view starts with `get_branch_for_user` (404 for what the user may not see,
403 for what they may see but not change) and looks every object up filtered by
that branch. Writes go through `congress.services`; a refusal comes back as a
Vietnamese ValidationError and is shown on the form, nothing saved.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.dates import today
from chidoan.lib.history import HistorySource, history_entries, paginate_history
from chidoan.lib.locking import StaleEditError
from chidoan.lib.text import two_digits
from members.models import RatingLevel
from terms import selectors, services
from terms.forms import (
    AssignmentForm,
    ProgressForm,
    SeatAddForm,
    SeatEndForm,
    SeatRoleForm,
    TargetDeleteForm,
    TargetForm,
    add_service_error,
)
from terms.models import CommitteeSeat, Outcome, ProgressEntry, SeatStartKind, Target, TargetKind, Term

TERM_PARAM = "nhiem-ky"

GET_POST = require_http_methods(["GET", "POST"])
GET_ONLY = require_http_methods(["GET", "HEAD"])


def _chosen_term(request: HttpRequest, access: Access) -> tuple[Term | None, list[Term]]:
    """The term named by ?nhiem-ky=2022-2024, else the current one; 404 for a term the branch does not have."""
    terms = selectors.terms_of_branch(branch=access.branch)
    slug = request.GET.get(TERM_PARAM)
    if slug:
        term = selectors.term_by_slug(branch=access.branch, slug=slug)
    else:
        term = access.term if access.term is not None else (terms[0] if terms else None)
    if slug and term is None:
        raise Http404
    return term, terms


def _required_term(request: HttpRequest, access: Access) -> tuple[Term, list[Term]]:
    term, terms = _chosen_term(request, access)
    if term is None:
        raise Http404
    return term, terms


def _url(name: str, access: Access, term: Term | None = None, *, pk: int | None = None, anchor: str = "") -> str:
    kwargs: dict[str, Any] = {"slug": access.branch.slug}
    if pk is not None:
        kwargs["pk"] = pk
    url = reverse(f"terms:{name}", kwargs=kwargs)
    if term is not None:
        url += f"?{TERM_PARAM}={term.slug}"
    return url + (f"#{anchor}" if anchor else "")


def _context(access: Access, term: Term | None, terms: list[Term], **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "branch": access.branch,
        "term": term,
        "terms": terms,
        "term_param": TERM_PARAM,
        "is_current_term": term is not None and access.term is not None and term.pk == access.term.pk,
        **extra,
    }


def _seat(access: Access, pk: int) -> CommitteeSeat:
    seat = selectors.seat_of_branch(branch=access.branch, pk=pk)
    if seat is None:
        raise Http404
    return seat


def _seat_label(record: Any) -> str:
    return _("Ghế %(role)s từ %(date)s") % {
        "role": record.get_role_display(),
        "date": f"{record.started_on:%d/%m/%Y}",
    }


def _progress_label(record: Any) -> str:
    return _("Tiến độ ngày %(date)s") % {"date": f"{record.recorded_on:%d/%m/%Y}"}


def _target(access: Access, pk: int) -> Target:
    target = selectors.target_of_branch(branch=access.branch, pk=pk)
    if target is None:
        raise Http404
    return target


# Committee --------------------------------------------------------------------------------------------


@login_required
@GET_ONLY
def committee(request: HttpRequest, slug: str) -> HttpResponse:
    """Ban Chấp hành of a term: who holds which seat now, who was elected, and every change with its reason."""
    access = get_branch_for_user(request, slug)
    term, terms = _chosen_term(request, access)
    if term is None:
        return render(request, "terms/committee.html", _context(access, None, terms))
    seats = list(selectors.committee_seats(term=term))
    on = selectors.reference_date(term=term, today=today())
    current_seats = [seat for seat in seats if seat.held_on(on)]
    elected_seats = sorted(
        (seat for seat in seats if seat.start_kind == SeatStartKind.ELECTED), key=lambda s: (s.position, s.id)
    )
    return render(
        request,
        "terms/committee.html",
        _context(
            access,
            term,
            terms,
            on=on,
            current_seats=current_seats,
            current_count=two_digits(len(current_seats)),
            elected_seats=elected_seats,
            elected_count=two_digits(len(elected_seats)),
            changes=selectors.committee_changes(seats=seats),
            assignments=list(selectors.assignments_of_term(term=term)),
        ),
    )


@login_required
@GET_POST
def seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term, terms = _required_term(request, access)
    if request.method == "POST":
        form = SeatAddForm(request.POST, branch=access.branch)
        if form.is_valid():
            try:
                seat = services.seat_add(term=term, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Đã bổ sung đồng chí %(name)s vào Ban Chấp hành (%(role)s).")
                    % {"name": seat.member.full_name, "role": seat.get_role_display()},
                )
                return HttpResponseRedirect(_url("committee", access, term))
    else:
        form = SeatAddForm(
            branch=access.branch, initial={"started_on": selectors.reference_date(term=term, today=today())}
        )
    return render(request, "terms/seat_add.html", _context(access, term, terms, form=form))


@login_required
@GET_POST
def seat_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    seat = _seat(access, pk)
    term = seat.term
    if request.method == "POST":
        form = SeatEndForm(request.POST)
        if form.is_valid():
            try:
                services.seat_end(seat=seat, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
                seat = _seat(access, pk)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận đồng chí %(name)s thôi giữ chức danh %(role)s.")
                    % {"name": seat.member.full_name, "role": seat.get_role_display()},
                )
                return HttpResponseRedirect(_url("committee", access, term))
    else:
        form = SeatEndForm(initial={"on": selectors.reference_date(term=term, today=today())})
    return render(
        request,
        "terms/seat_end.html",
        _context(access, term, [], form=form, seat=seat),
    )


@login_required
@GET_POST
def seat_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    seat = _seat(access, pk)
    term = seat.term
    if request.method == "POST":
        form = SeatRoleForm(request.POST)
        if form.is_valid():
            try:
                new_seat = services.seat_change_role(seat=seat, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
                seat = _seat(access, pk)  # the refused change was rolled back; the object in memory was not
            else:
                messages.success(
                    request,
                    _("Đồng chí %(name)s giữ chức danh %(role)s từ ngày %(date)s.")
                    % {
                        "name": new_seat.member.full_name,
                        "role": new_seat.get_role_display(),
                        "date": f"{new_seat.started_on:%d/%m/%Y}",
                    },
                )
                return HttpResponseRedirect(_url("committee", access, term))
    else:
        form = SeatRoleForm(initial={"on": selectors.reference_date(term=term, today=today())})
    return render(
        request,
        "terms/seat_role.html",
        _context(access, term, [], form=form, seat=seat),
    )


@login_required
@GET_ONLY
def seat_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who changed the seat, when, and what: every seat of this member in the term, each with its record."""
    access = get_branch_for_user(request, slug, read_all=True)
    seat = _seat(access, pk)
    chain = selectors.member_seats_in_term(seat=seat)
    entries = history_entries(
        HistorySource(CommitteeSeat.history.filter(id__in=[each.pk for each in chain]), label=_seat_label)
    )
    return render(
        request,
        "terms/seat_history.html",
        _context(access, seat.term, [], seat=seat, chain=chain, history=paginate_history(request, entries)),
    )


@login_required
@GET_POST
def assignments(request: HttpRequest, slug: str) -> HttpResponse:
    """Phân công phụ trách: everyone of the branch reads it; the Secretary, Deputy and editors set it."""
    access = get_branch_for_user(request, slug, write=request.method == "POST")
    term, terms = _required_term(request, access)
    form = None
    if request.method == "POST":
        form = AssignmentForm(request.POST, term=term)
        if form.is_valid():
            try:
                assignment = services.assignment_set(term=term, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Đã phân công đồng chí %(name)s phụ trách %(area)s.")
                    % {"name": assignment.member.full_name, "area": assignment.area},
                )
                return HttpResponseRedirect(_url("assignments", access, term))
    elif access.can_edit:
        form = AssignmentForm(term=term)
    rows = list(selectors.assignments_of_term(term=term))
    return render(
        request,
        "terms/assignments.html",
        _context(access, term, terms, form=form, assignments=rows),
    )


# Targets ----------------------------------------------------------------------------------------------

OUTCOME_STYLE = {
    Outcome.EXCEEDED: "success",
    Outcome.ACHIEVED: "success",
    Outcome.NOT_ACHIEVED: "danger",
    Outcome.IN_PROGRESS: "secondary",
}


def _number(value: Decimal) -> str:
    """5.00 -> "5", 2.50 -> "2,5" (Vietnamese decimal comma)."""
    return format(value.normalize(), "f").replace(".", ",")


def _amount(target: Target, value: Decimal | None, rating: str = "") -> str:
    """A planned or achieved value as a reader says it: "5 đoàn viên", "100 %", a rating, done / not done."""
    if target.kind == TargetKind.RATING:
        return RatingLevel(rating).label if rating else "—"
    if value is None:
        return "—"
    if target.kind == TargetKind.BOOLEAN:
        return _("Đã thực hiện") if value > 0 else _("Chưa thực hiện")
    if target.kind == TargetKind.PERCENT:
        return f"{_number(value)} %"
    return f"{_number(value)} {target.unit}".strip()


def _target_row(target: Target, access: Access, on: datetime.date) -> dict[str, Any]:
    outcome = Outcome(target.outcome_on(on))
    latest = target.latest_entry()
    planned = (
        _("Thực hiện")
        if target.kind == TargetKind.BOOLEAN
        else _amount(target, target.planned_value, target.planned_rating)
    )
    return {
        "target": target,
        "latest": latest,
        "planned_text": planned,
        "achieved_text": _amount(target, latest.value, latest.rating) if latest else "—",
        "entries": [
            (entry, _amount(target, entry.value, entry.rating))
            for entry in sorted(target.progress_entries.all(), key=lambda e: (e.recorded_on, e.id), reverse=True)
        ],
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
    term, terms = _chosen_term(request, access)
    rows: list[dict[str, Any]] = []
    if term is not None:
        on = today()
        rows = [_target_row(target, access, on) for target in selectors.targets_of_term(term=term)]
    counts = {outcome: 0 for outcome in Outcome}
    for row in rows:
        counts[row["outcome"]] += 1
    summary = [(outcome.label, counts[outcome], OUTCOME_STYLE[outcome]) for outcome in Outcome if counts[outcome]]
    return render(
        request,
        "terms/targets.html",
        _context(
            access, term, terms, rows=rows, summary=summary, term_over=term is not None and today() > term.ends_on
        ),
    )


@login_required
@GET_POST
def target_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term, terms = _required_term(request, access)
    if request.method == "POST":
        form = TargetForm(request.POST, term=term)
        if form.is_valid():
            try:
                with transaction.atomic():  # the resolution is only created together with its first target
                    resolution = services.resolution_ensure(term=term)
                    target = services.target_create(resolution=resolution, **form.target_fields())
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Đã thêm chỉ tiêu “%(name)s”.") % {"name": target.name})
                return HttpResponseRedirect(_url("targets", access, term, anchor=f"chi-tieu-{target.pk}"))
    else:
        form = TargetForm(term=term)
    return render(request, "terms/target_form.html", _context(access, term, terms, form=form))


@login_required
@GET_POST
def target_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    target = _target(access, pk)
    term = target.resolution.term
    latest: Target | None = None
    if request.method == "POST":
        form = TargetForm(request.POST, term=term, editing=True)
        if form.is_valid():
            try:
                services.target_update(
                    target=target, expected_version=form.cleaned_data["version"], **form.target_fields()
                )
            except StaleEditError as error:
                # Keep what this user typed, show what the other person saved, and let them decide.
                latest = _target(access, pk)
                data = request.POST.copy()
                data["version"] = str(latest.version)
                form = TargetForm(data, term=term, editing=True)
                form.is_valid()
                add_service_error(form, error)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Đã lưu chỉ tiêu “%(name)s”.") % {"name": target.name})
                return HttpResponseRedirect(_url("targets", access, term, anchor=f"chi-tieu-{target.pk}"))
        target = _target(access, pk)  # the service may have changed the object in memory before refusing
    else:
        form = TargetForm(initial=TargetForm.initial_for(target), term=term, editing=True)
    return render(
        request,
        "terms/target_form.html",
        _context(access, term, [], form=form, target=target, latest=latest),
    )


@login_required
@GET_POST
def target_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    target = _target(access, pk)
    term = target.resolution.term
    has_progress = bool(target.progress_entries.all())
    form = TargetDeleteForm(request.POST or None, initial={"version": target.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_delete(target=target, expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(_url("target_delete", access, pk=target.pk))
        messages.success(request, _("Đã xóa chỉ tiêu “%(name)s”.") % {"name": target.name})
        return HttpResponseRedirect(_url("targets", access, term))
    return render(
        request,
        "terms/target_delete.html",
        _context(access, term, [], form=form, target=target, has_progress=has_progress),
    )


@login_required
@GET_ONLY
def target_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who changed the target, when and what; and every progress entry with who recorded it."""
    access = get_branch_for_user(request, slug, read_all=True)
    target = _target(access, pk)
    entries = history_entries(
        HistorySource(Target.history.filter(id=target.pk)),
        HistorySource(ProgressEntry.history.filter(target_id=target.pk), label=_progress_label),
    )
    progress = sorted(target.progress_entries.all(), key=lambda e: (e.recorded_on, e.id), reverse=True)
    return render(
        request,
        "terms/target_history.html",
        _context(
            access,
            target.resolution.term,
            [],
            target=target,
            progress=progress,
            history=paginate_history(request, entries),
        ),
    )


@login_required
@GET_POST
def progress_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record where a target stands: the editors on every target, a committee member on the ones they are responsible for."""
    access = get_branch_for_user(request, slug)
    target = _target(access, pk)
    if not access.can_record_progress(target):
        raise PermissionDenied
    term = target.resolution.term
    if request.method == "POST":
        form = ProgressForm(request.POST, target=target)
        if form.is_valid():
            try:
                services.progress_record(target=target, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Đã ghi nhận tiến độ chỉ tiêu “%(name)s”.") % {"name": target.name})
                return HttpResponseRedirect(_url("targets", access, term, anchor=f"chi-tieu-{target.pk}"))
    else:
        form = ProgressForm(
            target=target,
            initial={
                "recorded_on": selectors.reference_date(term=term, today=today()),
                # A target behind usually stays behind for the same reason: start from the last one.
                "reason_behind": target.reason_behind(),
            },
        )
    row = _target_row(target, access, today())
    return render(
        request,
        "terms/progress_form.html",
        _context(access, term, [], form=form, target=target, row=row),
    )
