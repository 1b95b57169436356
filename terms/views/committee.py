"""The committee tab (Ban Chấp hành): who holds which seat, the changes of the term, and each seat's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.dates import today
from chidoan.lib.history import HistorySource, history_entries, paginate_history
from terms import selectors, services
from terms.forms import SEAT_END_FIELDS, SeatAddForm, SeatEndForm, SeatRoleForm
from terms.models import CommitteeSeat, SeatStartKind
from terms.views.common import (
    GET_ONLY,
    GET_POST,
    chosen_term,
    page_context,
    required_term,
    save_form,
    saved_and_back,
    seat_or_404,
    workspace_url,
)


@login_required
@GET_ONLY
def committee(request: HttpRequest, slug: str) -> HttpResponse:
    """Ban Chấp hành of a term: who holds which seat now, who was elected, and every change with its reason."""
    access = get_branch_for_user(request, slug, closed_terms=True)
    term, terms = chosen_term(request, access)
    if term is None:
        return render(request, "terms/committee.html", page_context(access, None, terms))
    seats = list(selectors.committee_seats(term=term))
    on = selectors.reference_date(term=term, today=today())
    current_seats = [seat for seat in seats if seat.held_on(on)]
    elected_seats = sorted(
        (seat for seat in seats if seat.start_kind == SeatStartKind.ELECTED), key=lambda s: (s.position, s.id)
    )
    return render(
        request,
        "terms/committee.html",
        page_context(
            access,
            term,
            terms,
            on=on,
            current_seats=current_seats,
            current_count=len(current_seats),
            elected_seats=elected_seats,
            elected_count=len(elected_seats),
            changes=selectors.committee_changes(seats=seats),
            assignments=list(selectors.assignments_of_term(term=term)),
        ),
    )


@login_required
@GET_POST
def seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    term, terms = required_term(request, access)
    if request.method == "POST":
        form = SeatAddForm(request.POST, branch=access.branch)
        seat, _changed = save_form(form, lambda data: services.seat_add(term=term, **data))
        if seat is not None:
            message = _("Đã bổ sung đồng chí %(name)s vào Ban Chấp hành (%(role)s).") % {
                "name": seat.member.full_name,
                "role": seat.get_role_display(),
            }
            return saved_and_back(request, message, workspace_url("committee", access, term))
    else:
        form = SeatAddForm(
            branch=access.branch, initial={"started_on": selectors.reference_date(term=term, today=today())}
        )
    return render(request, "terms/seat_add.html", page_context(access, term, terms, form=form))


def _seat_change_page(
    request: HttpRequest,
    slug: str,
    pk: int,
    form_class: type[SeatEndForm | SeatRoleForm],
    template: str,
    change: Callable[[CommitteeSeat, dict[str, Any]], CommitteeSeat],
    done: Callable[[CommitteeSeat], str],
) -> HttpResponse:
    """A page that ends a seat (leaving, or a role change): the form, the refusals, a stale save shown as such."""
    access = get_branch_for_user(request, slug, write=True)
    seat = seat_or_404(access, pk)
    term = seat.term
    changed = None
    if request.method == "POST":
        form = form_class(request.POST)
        saved, changed = save_form(form, lambda data: change(seat, data), record=lambda: seat, fields=SEAT_END_FIELDS)
        if saved is not None:
            return saved_and_back(request, done(saved), workspace_url("committee", access, term))
        seat = seat_or_404(access, pk)  # as saved now: the refused change was rolled back, the object in memory was not
    else:
        form = form_class(initial={"on": selectors.reference_date(term=term, today=today()), "version": seat.version})
    return render(request, template, page_context(access, term, [], form=form, seat=seat, changed=changed))


def _end_seat(seat: CommitteeSeat, data: dict[str, Any]) -> CommitteeSeat:
    return services.seat_end(
        seat=seat, on=data["on"], end_kind=data["end_kind"], reason=data["reason"], expected_version=data["version"]
    )


def _seat_ended(seat: CommitteeSeat) -> str:
    return _("Đã ghi nhận đồng chí %(name)s thôi giữ chức danh %(role)s.") % {
        "name": seat.member.full_name,
        "role": seat.get_role_display(),
    }


def _change_role(seat: CommitteeSeat, data: dict[str, Any]) -> CommitteeSeat:
    return services.seat_change_role(seat=seat, role=data["role"], on=data["on"], expected_version=data["version"])


def _role_changed(new_seat: CommitteeSeat) -> str:
    return _("Đồng chí %(name)s giữ chức danh %(role)s từ ngày %(date)s.") % {
        "name": new_seat.member.full_name,
        "role": new_seat.get_role_display(),
        "date": f"{new_seat.started_on:%d/%m/%Y}",
    }


@login_required
@GET_POST
def seat_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member leaves the committee, with the date and the reason."""
    return _seat_change_page(request, slug, pk, SeatEndForm, "terms/seat_end.html", _end_seat, _seat_ended)


@login_required
@GET_POST
def seat_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member takes another role: the seat ends and a new one starts the same day."""
    return _seat_change_page(request, slug, pk, SeatRoleForm, "terms/seat_role.html", _change_role, _role_changed)


def _seat_label(record: Any) -> str:
    return _("Ghế %(role)s từ %(date)s") % {
        "role": record.get_role_display(),
        "date": f"{record.started_on:%d/%m/%Y}",
    }


@login_required
@GET_ONLY
def seat_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who changed the seat, when, and what: every seat of this member in the term, each with its record."""
    access = get_branch_for_user(request, slug, closed_terms=True)
    seat = seat_or_404(access, pk)
    if not access.sees_term(seat.term):
        raise Http404
    if not access.can_read_term(seat.term):
        raise PermissionDenied
    chain = selectors.member_seats_in_term(seat=seat)
    entries = history_entries(
        HistorySource(CommitteeSeat.history.filter(id__in=[each.pk for each in chain]), label=_seat_label)
    )
    return render(
        request,
        "terms/seat_history.html",
        page_context(access, seat.term, [], seat=seat, chain=chain, history=paginate_history(request, entries)),
    )
