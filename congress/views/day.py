"""The congress day, under chi-doan/<slug>/dai-hoi/: preparation, attendance, bodies, elections,
the resolution vote and the handover.

Every view starts with `get_branch_for_user` (404 for what the user may not see, 403
for what they may see but not change): every branch role may read the congress, only
`can_edit` runs it. Objects are looked up through the branch's congress. Writes go to
congress.services; a refusal comes back as a Vietnamese ValidationError, shown on the
form or as a message, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.search import search_condition
from congress import services
from congress.elections import max_candidates
from congress.forms import (
    AttendanceFilterForm,
    BodyMembersForm,
    CandidateForm,
    CheckInForm,
    CongressForm,
    CountForm,
    DraftTargetForm,
    ElectionForm,
    GuestForm,
    HandsForm,
    ProgrammeForm,
    ProgrammeNoteForm,
    ResolutionVoteForm,
    SummonsAddForm,
    WithdrawForm,
    add_service_error,
)
from congress.models import (
    DEFAULT_PROGRAMME,
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyKind,
    Candidate,
    Congress,
    DraftTarget,
    ElectedBy,
    Election,
    ElectionKind,
    ElectionStatus,
    Guest,
    ProgrammeItem,
)
from members.models import Member

GET_POST = require_http_methods(["GET", "POST"])


# --------------------------------------------------------------------------- helpers


def _congress(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> tuple[Access, Congress]:
    access = get_branch_for_user(request, slug, write=write)
    congress = get_object_or_404(services.congresses_for(access.branch).select_related("closes_term__branch"), pk=pk)
    return access, congress


def _url(name: str, congress: Congress, anchor: str = "", **kwargs: Any) -> str:
    url = reverse(f"congress:{name}", kwargs={"slug": congress.closes_term.branch.slug, "pk": congress.pk, **kwargs})
    return url + (f"#{anchor}" if anchor else "")


def _back(name: str, congress: Congress, anchor: str = "", **kwargs: Any) -> HttpResponseRedirect:
    return HttpResponseRedirect(_url(name, congress, anchor, **kwargs))


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _remove_after_confirmation(
    request: HttpRequest,
    access: Access,
    congress: Congress,
    *,
    remove: Callable[[], object],
    tab: str,
    page: str,
    anchor: str = "",
    heading: str,
    question: str,
    done: str = "",
) -> HttpResponse:
    """GET asks for confirmation; POST removes, then returns to the page the removal started from."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError as error:
            _refused(request, error)
        else:
            if done:
                messages.success(request, done)
        return _back(page, congress, anchor)
    return render(
        request,
        "congress/confirm.html",
        _context(
            access,
            congress,
            tab,
            heading=heading,
            question=question,
            cancel_url=_url(page, congress, anchor),
            danger=True,
        ),
    )


def _optional_url(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _context(access: Access, congress: Congress, tab: str, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "branch": access.branch,
        "congress": congress,
        "quorum": services.quorum_of(congress),
        "tab": tab,
        "small_branch": services.is_small_branch(congress),
        **extra,
    }


def _documents(congress: Congress) -> dict[str, str | None]:
    slug = congress.closes_term.branch.slug
    return {
        "self_review": _optional_url("reports:self_review", slug=slug, term=congress.closes_term.slug),
        "minutes": _optional_url("reports:congress_minutes", slug=slug, pk=congress.pk),
        "minutes_pdf": _optional_url("reports:congress_minutes_pdf", slug=slug, pk=congress.pk),
        "resolution": _optional_url("reports:congress_resolution", slug=slug, pk=congress.pk),
        "resolution_pdf": _optional_url("reports:congress_resolution_pdf", slug=slug, pk=congress.pk),
    }


def _member_of_branch(access: Access, pk: Any) -> Member:
    return get_object_or_404(Member, pk=pk, branch=access.branch)


# --------------------------------------------------------------------------- list, preparation


@login_required
@require_GET
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    congresses = list(services.congresses_for(access.branch).order_by("-held_on"))
    can_prepare = (
        access.can_edit and access.term is not None and not any(c.closes_term_id == access.term.pk for c in congresses)
    )
    return render(
        request,
        "congress/list.html",
        {"access": access, "branch": access.branch, "congresses": congresses, "can_prepare": can_prepare},
    )


@login_required
@GET_POST
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    if access.term is None:
        raise Http404
    form = CongressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            congress = services.congress_prepare(term=access.term, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã tạo Đại hội. Tiếp theo: lập danh sách triệu tập."))
            return _back("detail", congress)
    return render(
        request,
        "congress/form_page.html",
        {
            "access": access,
            "branch": access.branch,
            "form": form,
            "heading": _("Chuẩn bị Đại hội"),
            "term": access.term,
        },
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk)
    elections = list(services.elections_with_counts(congress))
    outcomes = [services.election_outcome(e) for e in elections]
    return render(
        request,
        "congress/detail.html",
        _context(
            access,
            congress,
            "detail",
            programme=list(congress.programme_items.all()),
            default_programme=DEFAULT_PROGRAMME,
            guests=list(congress.guests.all()),
            bodies=services.bodies_with_members(congress),
            body_kinds=BodyKind,
            outcomes=outcomes,
            problems=services.handover_problems(congress),
            documents=_documents(congress),
            new_committee=list(congress.opens_term.seats.select_related("member").in_role_order())
            if congress.opens_term
            else [],
        ),
    )


@login_required
@GET_POST
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    form = CongressForm(request.POST or None, initial=CongressForm.initial_for(congress))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or congress.version
        try:
            services.congress_update(congress=congress, expected_version=version, **data)
        except ValidationError as error:
            congress.refresh_from_db()
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin Đại hội."))
            return _back("detail", congress)
    return render(
        request,
        "congress/form_page.html",
        _context(access, congress, "detail", form=form, heading=_("Thông tin Đại hội")),
    )


@login_required
@GET_POST
def meeting_programme(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    current = "\n".join(item.title for item in congress.programme_items.all()) or "\n".join(DEFAULT_PROGRAMME)
    form = ProgrammeForm(request.POST or None, initial={"titles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_set(congress=congress, titles=form.cleaned_data["titles"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu chương trình Đại hội."))
            return _back("detail", congress, "chuong-trinh")
    return render(
        request,
        "congress/form_page.html",
        _context(access, congress, "detail", form=form, heading=_("Chương trình")),
    )


@login_required
@GET_POST
def meeting_item_notes(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, congress=congress)
    form = ProgrammeNoteForm(request.POST or None, initial={"notes": item.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_note(item=item, notes=form.cleaned_data["notes"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _back("detail", congress, "chuong-trinh")
    return render(
        request,
        "congress/form_page.html",
        _context(access, congress, "detail", form=form, heading=f"{item.position}. {item.title}"),
    )


# --------------------------------------------------------------------------- attendance


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
    head, tail = _url(name, congress, att_pk=int(sentinel)).rsplit(sentinel, 1)
    return lambda att_pk: f"{head}{att_pk}{tail}"


def _attendance_list(congress: Congress, *, query: str, status: str) -> QuerySet[Attendance]:
    """The summoned in Vietnamese name order, searched by the member's stored search key."""
    rows = congress.attendances.select_related("member").order_by("member__name_sort_key", "member_id")
    if status:
        rows = rows.filter(status=status)
    return rows.filter(search_condition(query, field="member__search_key"))


def _attendance_url(congress: Congress, params: dict[str, Any], anchor: str = "") -> str:
    query = urlencode(params)
    return _url("attendance", congress) + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def meeting_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The check-in desk: 50 summoned a page, a search by name without accents and a filter by status,
    in a fixed number of queries whatever the size of the branch."""
    access, congress = _congress(request, slug, pk)
    wanted = AttendanceFilterForm(request.GET).values()
    query, status = str(wanted.get("q", "")), str(wanted.get("status", ""))
    page = Paginator(_attendance_list(congress, query=query, status=status), ATTENDANCE_PER_PAGE).get_page(
        wanted.get("page")
    )
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
    context = _context(access, congress, "attendance")
    quorum = context["quorum"]
    searched = {"q": query} if query else {}
    filters = [
        (value, label, count, _attendance_url(congress, {**searched, **({"status": value} if value else {})}))
        for value, label, count in [
            ("", _("Tất cả"), quorum.summoned),
            (AttendanceStatus.PENDING, _("Chưa điểm danh"), quorum.pending),
            (AttendanceStatus.PRESENT, _("Có mặt"), quorum.present),
            (AttendanceStatus.ABSENT, _("Vắng"), quorum.absent),
        ]
    ]
    kept = {**searched, **({"status": status} if status else {})}
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
            "page_links": [
                (n, None if n == page.paginator.ELLIPSIS else _attendance_url(congress, {**kept, "page": n}))
                for n in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
            ]
            if page.paginator.num_pages > 1
            else [],
            "previous_url": _attendance_url(congress, {**kept, "page": page.previous_page_number()})
            if page.has_previous()
            else None,
            "next_url": _attendance_url(congress, {**kept, "page": page.next_page_number()})
            if page.has_next()
            else None,
            "back": urlencode({**kept, "page": page.number}),
            "guests": list(congress.guests.all()),
            "add_form": SummonsAddForm(congress=congress) if access.can_edit else None,
            "guest_form": GuestForm() if access.can_edit else None,
            "statuses": AttendanceStatus,
        },
    )


@login_required
@require_GET
def meeting_quorum(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The quorum card alone: the congress pages fetch it every few seconds while the congress sits."""
    access, congress = _congress(request, slug, pk)
    return render(request, "congress/_quorum.html", _context(access, congress, "attendance"))


@login_required
@require_POST
def meeting_summon(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    try:
        added = services.congress_summon(congress=congress)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đã triệu tập thêm %(n)s đoàn viên.") % {"n": f"{added:02d}"})
    return _back("attendance", congress)


@login_required
@require_POST
def meeting_summons_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    form = SummonsAddForm(request.POST, congress=congress)
    if form.is_valid():
        try:
            services.summons_add(congress=congress, member=form.cleaned_data["member"])
        except ValidationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Hãy chọn một đoàn viên của chi đoàn."))
    return _back("attendance", congress)


@login_required
@GET_POST
def meeting_summons_remove(request: HttpRequest, slug: str, pk: int, att_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    attendance = get_object_or_404(Attendance.objects.select_related("member"), pk=att_pk, congress=congress)
    return _remove_after_confirmation(
        request,
        access,
        congress,
        remove=lambda: services.summons_remove(attendance=attendance),
        tab="attendance",
        page="attendance",
        heading=_("Bỏ khỏi danh sách triệu tập"),
        question=_("Bỏ đồng chí %(name)s khỏi danh sách triệu tập?") % {"name": attendance.member},
        done=_("Đã bỏ %(name)s khỏi danh sách triệu tập.") % {"name": attendance.member},
    )


@login_required
@require_POST
def meeting_checkin(request: HttpRequest, slug: str, pk: int, att_pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    attendance = get_object_or_404(Attendance, pk=att_pk, congress=congress)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_set(
                attendance=attendance, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Tình trạng điểm danh không hợp lệ."))
    # Back to the page, filter and search the desk was on (only those parameters, validated again).
    back = AttendanceFilterForm(QueryDict(request.POST.get("back", ""))).values()
    return HttpResponseRedirect(_attendance_url(congress, back, f"dd-{attendance.pk}"))


@login_required
@require_POST
def meeting_guest_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            services.guest_add(congress=congress, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Cần ghi họ và tên khách mời."))
    return _back("attendance", congress, "khach-moi")


@login_required
@GET_POST
def meeting_guest_remove(request: HttpRequest, slug: str, pk: int, guest_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    guest = get_object_or_404(Guest, pk=guest_pk, congress=congress)
    return _remove_after_confirmation(
        request,
        access,
        congress,
        remove=lambda: services.guest_remove(guest=guest),
        tab="attendance",
        page="attendance",
        anchor="khach-moi",
        heading=_("Xóa khách mời"),
        question=_("Xóa khách mời %(name)s?") % {"name": guest.name},
    )


@login_required
@require_POST
def meeting_open(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    try:
        services.congress_open(congress=congress)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đại hội đã khai mạc."))
    return _back("attendance", congress)


# --------------------------------------------------------------------------- bodies


def _body_kind(kind: str) -> str:
    if kind not in BodyKind.values:
        raise Http404
    return kind


@login_required
@GET_POST
def meeting_body(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    kind = _body_kind(kind)
    access, congress = _congress(request, slug, pk, write=request.method == "POST")
    body = services.bodies_with_members(congress).get(kind)
    initial = {}
    if body is not None:
        chosen = list(body.members.all())
        initial = {
            "members": [m.member_id for m in chosen],
            "head": next((m.member_id for m in chosen if m.is_head), None),
        }
    form = BodyMembersForm(request.POST or None, congress=congress, initial=initial)
    if request.method == "POST" and form.is_valid():
        members = list(form.cleaned_data["members"])
        try:
            services.body_set_members(congress=congress, kind=kind, members=members, head=form.cleaned_data["head"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu danh sách %(body)s.") % {"body": BodyKind(kind).label})
            return _back("body", congress, kind=kind)
    return render(
        request,
        "congress/body.html",
        _context(access, congress, "bodies", body=body, kind=BodyKind(kind), form=form, hands_form=HandsForm()),
    )


@login_required
@require_POST
def meeting_body_vote(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    kind = _body_kind(kind)
    _access, congress = _congress(request, slug, pk, write=True)
    body = congress.bodies.filter(kind=kind).first()
    form = HandsForm(request.POST)
    if body is None:
        messages.error(request, _("Chưa có danh sách %(body)s.") % {"body": BodyKind(kind).label})
    elif form.is_valid():
        try:
            services.body_approve(body=body, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi kết quả biểu quyết."))
    else:
        messages.error(request, _("Cần nhập đủ ba số biểu quyết (số nguyên không âm)."))
    return _back("body", congress, kind=kind)


# --------------------------------------------------------------------------- elections


def _election(congress: Congress, election_pk: int) -> Election:
    return get_object_or_404(services.elections_with_counts(congress), pk=election_pk)


@login_required
@GET_POST
def meeting_election_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    small = services.is_small_branch(congress)
    initial = {"kind": ElectionKind.SECRETARY if small else ElectionKind.COMMITTEE}
    if not small:
        initial["seats"] = min(5, congress.branch.committee_max_size)
    form = ElectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_create(congress=congress, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _back("election", congress, election_pk=election.pk)
    return render(
        request,
        "congress/form_page.html",
        _context(access, congress, "elections", form=form, heading=_("Thêm cuộc bầu cử")),
    )


@login_required
@require_GET
def meeting_election(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk)
    election = _election(congress, election_pk)
    outcome = services.election_outcome(election)
    candidate_form = None
    if access.can_edit and election.status == ElectionStatus.NOMINATING:
        if election.elected_by == ElectedBy.COMMITTEE:
            committee = next(
                (e for e in services.elections_with_counts(congress) if e.kind == ElectionKind.COMMITTEE), None
            )
            ids = [c.member_id for c in services.election_outcome(committee).elected] if committee else []
            pool = Member.objects.filter(pk__in=ids)
        else:
            pool = Member.objects.filter(pk__in=congress.attendances.values("member_id"))
        taken = [c.member_id for c in election.candidates.all()]
        candidate_form = CandidateForm(members=pool.exclude(pk__in=taken).in_name_order())
    count_form = None
    open_round = next((r for r in outcome.rounds if not r.round.is_counted), None)
    if access.can_edit and open_round is not None:
        count_form = CountForm(
            candidates=[c.candidate for c in open_round.counts], initial={"issued": open_round.round.voters}
        )
    standing = [c for c in election.candidates.all() if not c.withdrawn]
    rules = services.rules_for(congress.branch)
    return render(
        request,
        "congress/election.html",
        _context(
            access,
            congress,
            "elections",
            election=election,
            outcome=outcome,
            candidates=sorted(election.candidates.all(), key=lambda c: (c.member.name_sort_key, c.pk)),
            standing=standing,
            max_candidates=max_candidates(election.seats, rules.surplus_percent),
            rules=rules,
            candidate_form=candidate_form,
            count_form=count_form,
            open_round=open_round,
            ballots_url=_optional_url("reports:ballots", slug=slug, pk=congress.pk, election_pk=election.pk),
            ballots_pdf_url=_optional_url("reports:ballots_pdf", slug=slug, pk=congress.pk, election_pk=election.pk),
            record_url=_optional_url("reports:counting_record", slug=slug, pk=congress.pk, election_pk=election.pk),
            record_pdf_url=_optional_url(
                "reports:counting_record_pdf", slug=slug, pk=congress.pk, election_pk=election.pk
            ),
        ),
    )


@login_required
@require_POST
def meeting_candidate_add(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    election = get_object_or_404(Election, pk=election_pk, congress=congress)
    form = CandidateForm(request.POST, members=Member.objects.filter(branch=access.branch))
    if form.is_valid():
        try:
            services.candidate_add(election=election, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Hãy chọn ứng cử viên và nguồn giới thiệu."))
    return _back("election", congress, "ung-cu-vien", election_pk=election.pk)


@login_required
@GET_POST
def meeting_candidate_withdraw(
    request: HttpRequest, slug: str, pk: int, election_pk: int, candidate_pk: int
) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    candidate = get_object_or_404(
        Candidate.objects.select_related("member", "election"),
        pk=candidate_pk,
        election_id=election_pk,
        election__congress=congress,
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_withdraw(candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _back("election", congress, "ung-cu-vien", election_pk=election_pk)
    return render(
        request,
        "congress/form_page.html",
        _context(
            access,
            congress,
            "elections",
            form=form,
            heading=_("Đồng chí %(name)s xin rút khỏi danh sách") % {"name": candidate.member},
        ),
    )


@login_required
@require_POST
def meeting_election_open(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    election = get_object_or_404(Election, pk=election_pk, congress=congress)
    try:
        services.election_open(election=election)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đã chốt danh sách và mở bỏ phiếu. In phiếu bầu cho đại biểu."))
    return _back("election", congress, election_pk=election.pk)


@login_required
@require_POST
def meeting_count(request: HttpRequest, slug: str, pk: int, election_pk: int, round_pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    rnd = get_object_or_404(
        BallotRound.objects.select_related("election"),
        pk=round_pk,
        election_id=election_pk,
        election__congress=congress,
    )
    counts = list(rnd.counts.select_related("candidate__member"))
    form = CountForm(request.POST, candidates=[c.candidate for c in counts])
    if form.is_valid():
        try:
            result = services.count_record(
                round=rnd,
                issued=form.cleaned_data["issued"],
                returned=form.cleaned_data["returned"],
                valid=form.cleaned_data["valid"],
                invalid=form.cleaned_data["invalid"],
                votes=form.votes(),
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            if result.needs_second_round:
                messages.warning(request, _("Có ứng cử viên bằng phiếu ở vị trí cuối: cần bầu vòng hai."))
            else:
                messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
    else:
        messages.error(request, _("Cần nhập đủ các số (số nguyên không âm)."))
    return _back("election", congress, "ket-qua", election_pk=election_pk)


@login_required
@require_POST
def meeting_round2(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    election = get_object_or_404(Election, pk=election_pk, congress=congress)
    try:
        services.round2_open(election=election)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đã mở bỏ phiếu vòng hai."))
    return _back("election", congress, election_pk=election.pk)


# --------------------------------------------------------------------------- resolution


@login_required
@require_GET
def meeting_resolution(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk)
    targets = list(congress.draft_targets.prefetch_related("votes"))
    whole = congress.resolution_votes.filter(target__isnull=True).first()
    return render(
        request,
        "congress/resolution.html",
        _context(
            access,
            congress,
            "resolution",
            targets=targets,
            whole=whole,
            target_form=DraftTargetForm() if access.can_edit else None,
            hands_form=HandsForm(),
            documents=_documents(congress),
        ),
    )


@login_required
@require_POST
def meeting_target_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    form = DraftTargetForm(request.POST)
    if form.is_valid():
        try:
            services.draft_target_add(congress=congress, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _back("resolution", congress, "chi-tieu")


@login_required
@GET_POST
def meeting_target_remove(request: HttpRequest, slug: str, pk: int, target_pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    target = get_object_or_404(DraftTarget, pk=target_pk, congress=congress)
    return _remove_after_confirmation(
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
def meeting_resolution_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = _congress(request, slug, pk, write=True)
    form = ResolutionVoteForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        target_pk = data.pop("target")
        target = get_object_or_404(DraftTarget, pk=target_pk, congress=congress) if target_pk else None
        try:
            services.resolution_vote(congress=congress, target=target, **data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi kết quả biểu quyết."))
    else:
        messages.error(request, _("Cần nhập đủ ba số biểu quyết (số nguyên không âm)."))
    return _back("resolution", congress, "bieu-quyet")


# --------------------------------------------------------------------------- handover


@login_required
@GET_POST
def meeting_handover(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = _congress(request, slug, pk, write=True)
    if request.method == "POST":
        try:
            handover = services.congress_handover(congress=congress)
        except ValidationError as error:
            _refused(request, error)
            return _back("handover", congress)
        messages.success(
            request,
            _("Đã xác nhận kết quả Đại hội: nhiệm kỳ %(term)s với Ban Chấp hành %(n)s đồng chí.")
            % {"term": handover.term.label, "n": f"{len(handover.seats):02d}"},
        )
        return _back("detail", congress)
    elections = list(services.elections_with_counts(congress))
    return render(
        request,
        "congress/handover.html",
        _context(
            access,
            congress,
            "detail",
            problems=services.handover_problems(congress),
            outcomes=[services.election_outcome(e) for e in elections],
            targets=services.adopted_targets(congress),
        ),
    )
