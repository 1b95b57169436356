"""Preparing the congress: the list of a branch's congresses, a new congress, its overview,
its details, the programme with the notes of each item, and the guests."""

from __future__ import annotations

from itertools import zip_longest
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import Change, StaleEditError, refuse_stale
from congress import selectors, services
from congress.forms import CongressEditForm, CongressForm, GuestForm, ProgrammeForm, ProgrammeNoteForm
from congress.models import BodyKind, Guest, ProgrammeItem
from congress.views.common import (
    GET_POST,
    attempt,
    back_to,
    congress_for,
    day_context,
    form_page,
    remove_after_confirmation,
)
from congress.views.handover import pop_given_logins


@login_required
@require_GET
def congress_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The branch's congresses (congress:list; not named `list`, which would hide the builtin)."""
    access = get_branch_for_user(request, slug, closed_terms=True)
    congresses = list(selectors.congresses_for(access.branch).order_by("-held_on"))
    readable = access.readable_term_ids()
    if readable is not None:  # a former committee member: the congresses that closed their terms
        congresses = [c for c in congresses if c.closes_term_id in readable]
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
def create(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    if access.term is None:
        # A branch new to the product: its term in office comes first (the congress closes it).
        messages.info(request, _("Chi đoàn chưa có nhiệm kỳ: hãy mở nhiệm kỳ đương nhiệm trước khi chuẩn bị Đại hội."))
        return redirect("terms:term_open", slug=access.branch.slug)
    form = CongressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            congress = services.congress_prepare(term=access.term, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã tạo Đại hội. Tiếp theo: lập danh sách triệu tập."))
            return back_to("detail", congress)
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
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk)
    branch_rules = selectors.rules_for(congress.branch)
    outcomes = [selectors.election_outcome(e, branch_rules) for e in selectors.elections_with_counts(congress)]
    return render(
        request,
        "congress/detail.html",
        day_context(
            access,
            congress,
            "detail",
            programme=list(congress.programme_items.all()),
            default_programme=selectors.default_programme(congress),
            guests=list(congress.guests.all()),
            bodies=selectors.bodies_with_members(congress),
            body_kinds=BodyKind,
            outcomes=outcomes,
            delegation=selectors.delegation(congress, outcomes),
            problems=services.handover_problems(congress),
            new_committee=selectors.new_committee(congress),
            given_logins=pop_given_logins(request, congress),
        ),
    )


@login_required
@GET_POST
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The congress's details; a save over someone else's is refused with what they changed."""
    access, congress = congress_for(request, slug, pk, write=True)
    form = CongressEditForm(request.POST or None, initial=CongressEditForm.initial_for(congress))
    changed: list[Change] | None = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.congress_update(congress=congress, expected_version=version, **data)
        except StaleEditError as error:
            changed = refuse_stale(form, congress, error)
            congress.refresh_from_db()
        except ValidationError as error:
            congress.refresh_from_db()
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin Đại hội."))
            return back_to("detail", congress)
    return form_page(request, access, congress, "detail", form=form, heading=_("Thông tin Đại hội"), changed=changed)


def _programme_refused(form: ProgrammeForm, congress_items: list[ProgrammeItem], error: StaleEditError) -> list[Change]:
    """The programme page's stale save: refused as a whole, moved to the items saved now, and the
    items whose title differs from what the user typed (a note written meanwhile changes no title)."""
    form.add_error(None, error.messages[0])
    data = cast(QueryDict, form.data).copy()  # bound to request.POST
    data["versions"] = ProgrammeForm.versions_of(congress_items)
    form.data = data
    saved = [item.title for item in congress_items]
    typed = form.cleaned_data["titles"]
    return [
        Change(_("mục %(n)s") % {"n": n}, was, now)
        for n, (was, now) in enumerate(zip_longest(saved, typed, fillvalue=""), start=1)
        if was != now
    ]


@login_required
@GET_POST
def programme(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The whole programme at once; refused as a whole if any item changed since the page opened."""
    access, congress = congress_for(request, slug, pk, write=True)
    items = list(congress.programme_items.all())
    current = "\n".join(item.title for item in items) or "\n".join(selectors.default_programme(congress))
    form = ProgrammeForm(
        request.POST or None, initial={"titles": current, "versions": ProgrammeForm.versions_of(items)}
    )
    changed: list[Change] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_set(
                congress=congress, titles=form.cleaned_data["titles"], expected_versions=form.cleaned_data["versions"]
            )
        except StaleEditError as error:
            changed = _programme_refused(form, list(congress.programme_items.all()), error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu chương trình Đại hội."))
            return back_to("detail", congress, "chuong-trinh")
    return form_page(request, access, congress, "detail", form=form, heading=_("Chương trình"), changed=changed)


@login_required
@GET_POST
def item_notes(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, congress=congress)
    form = ProgrammeNoteForm(request.POST or None, initial={"notes": item.notes, "version": item.version})
    changed: list[Change] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_note(
                item=item, notes=form.cleaned_data["notes"], expected_version=form.cleaned_data["version"]
            )
        except StaleEditError as error:
            changed = refuse_stale(form, item, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return back_to("detail", congress, "chuong-trinh")
    return form_page(
        request, access, congress, "detail", form=form, heading=f"{item.position}. {item.title}", changed=changed
    )


@login_required
@require_POST
def guest_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, congress = congress_for(request, slug, pk, write=True)
    form = GuestForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.guest_add(congress=congress, **form.cleaned_data))
    else:
        messages.error(request, _("Cần ghi họ và tên khách mời."))
    return back_to("attendance", congress, "khach-moi")


@login_required
@GET_POST
def guest_remove(request: HttpRequest, slug: str, pk: int, guest_pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    guest = get_object_or_404(Guest, pk=guest_pk, congress=congress)
    return remove_after_confirmation(
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
