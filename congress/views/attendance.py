"""The check-in desk: summons, attendance with its search, filter and pages, the quorum card,
and the opening of the congress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congress import selectors, services
from congress.forms import AttendanceFilterForm, CheckInForm, GuestForm, SummonsAddForm
from congress.models import Attendance, AttendanceStatus, Congress
from congress.views.common import (
    GET_POST,
    attempt,
    back_to,
    congress_for,
    day_context,
    day_url,
    remove_after_confirmation,
)

ATTENDANCE_PER_PAGE = 50


@dataclass(frozen=True)
class AttendanceRow:
    attendance: Attendance
    number: int
    checkin_url: str
    remove_url: str


def _row_urls(name: str, congress: Congress) -> Callable[[int], str]:
    """A row's URL from one reverse: the rows differ only in the attendance's id, the last number of the path."""
    sentinel = "2147483647"
    head, tail = day_url(name, congress, att_pk=int(sentinel)).rsplit(sentinel, 1)
    return lambda att_pk: f"{head}{att_pk}{tail}"


def _attendance_url(congress: Congress, params: dict[str, Any], anchor: str = "") -> str:
    query = urlencode(params)
    return day_url("attendance", congress) + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The check-in desk: 50 summoned a page, a search by name without accents and a filter by status,
    in a fixed number of queries whatever the size of the branch."""
    access, congress = congress_for(request, slug, pk)
    wanted = AttendanceFilterForm(request.GET).values()
    query, status = str(wanted.get("q", "")), str(wanted.get("status", ""))
    rows_found = selectors.attendance_list(congress, query=query, status=status)
    page = Paginator(rows_found, ATTENDANCE_PER_PAGE).get_page(wanted.get("page"))
    can_mark = access.can_edit and not congress.is_closed
    checkin_url = _row_urls("checkin", congress) if can_mark else None
    remove_url = _row_urls("summons_remove", congress) if can_mark else None
    rows = [
        AttendanceRow(
            attendance=a,
            number=page.start_index() + i,
            checkin_url=checkin_url(a.pk) if checkin_url else "",
            remove_url=remove_url(a.pk) if remove_url else "",
        )
        for i, a in enumerate(page.object_list)
    ]
    context = day_context(access, congress, "attendance")
    counted = context["quorum"]
    searched = {"q": query} if query else {}
    filters = [
        (value, label, count, _attendance_url(congress, {**searched, **({"status": value} if value else {})}))
        for value, label, count in [
            ("", _("Tất cả"), counted.summoned),
            (AttendanceStatus.PENDING, _("Chưa điểm danh"), counted.pending),
            (AttendanceStatus.PRESENT, _("Có mặt"), counted.present),
            (AttendanceStatus.ABSENT, _("Vắng"), counted.absent),
        ]
    ]
    kept = {**searched, **({"status": status} if status else {})}
    add_form = None
    if access.can_edit:
        add_form = SummonsAddForm(congress=congress)
        add_form.search_from(request.GET)  # "Tìm" without JavaScript came back here with what was typed
    return render(
        request,
        "congress/attendance.html",
        {
            **context,
            "page": page,
            "rows": rows,
            "can_mark": can_mark,
            "query": query,
            "status": status,
            "filters": filters,
            "back": urlencode({**kept, "page": page.number}),
            "guests": list(congress.guests.all()),
            "add_form": add_form,
            "guest_form": GuestForm() if access.can_edit else None,
            "statuses": AttendanceStatus,
        },
    )


@login_required
@require_GET
def quorum(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The quorum card alone: the congress pages fetch it every few seconds while the congress sits."""
    access, congress = congress_for(request, slug, pk)
    return render(request, "congress/_quorum.html", day_context(access, congress, "attendance"))


@login_required
@require_POST
def summon(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    attempt(
        request,
        lambda: services.congress_summon(congress=congress),
        lambda added: _("Đã triệu tập thêm %(n)s đoàn viên.") % {"n": added},
    )
    return back_to("attendance", congress)


@login_required
@require_POST
def summons_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    form = SummonsAddForm(request.POST, congress=congress)
    if form.searching:  # the picker's "Tìm" without JavaScript: back to the desk with the matches
        return HttpResponseRedirect(_attendance_url(congress, form.search_params(), "them-dai-bieu"))
    if form.is_valid():
        attempt(request, lambda: services.summons_add(congress=congress, member=form.cleaned_data["member"]))
    else:
        messages.error(request, _("Hãy chọn một đoàn viên của chi đoàn."))
    return back_to("attendance", congress)


@login_required
@GET_POST
def summons_remove(request: HttpRequest, slug: str, pk: int, att_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    summoned = get_object_or_404(Attendance.objects.select_related("member"), pk=att_pk, congress=congress)
    return remove_after_confirmation(
        request,
        access,
        congress,
        remove=lambda: services.summons_remove(attendance=summoned),
        tab="attendance",
        page="attendance",
        heading=_("Bỏ khỏi danh sách triệu tập"),
        question=_("Bỏ đồng chí %(name)s khỏi danh sách triệu tập?") % {"name": summoned.member},
        done=_("Đã bỏ %(name)s khỏi danh sách triệu tập.") % {"name": summoned.member},
    )


@login_required
@require_POST
def checkin(request: HttpRequest, slug: str, pk: int, att_pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    summoned = get_object_or_404(Attendance, pk=att_pk, congress=congress)
    form = CheckInForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.attendance_set(attendance=summoned, **form.cleaned_data))
    else:
        messages.error(request, _("Tình trạng điểm danh không hợp lệ."))
    # Back to the page, filter and search the desk was on (only those parameters, validated again).
    back = AttendanceFilterForm(QueryDict(request.POST.get("back", ""))).values()
    return HttpResponseRedirect(_attendance_url(congress, back, f"dd-{summoned.pk}"))


@login_required
@require_POST
def congress_open(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Khai mạc (congress:open; not named `open`, which would hide the builtin)."""
    _access, congress = congress_for(request, slug, pk, write=True)
    attempt(request, lambda: services.congress_open(congress=congress), _("Đại hội đã khai mạc."))
    return back_to("attendance", congress)
