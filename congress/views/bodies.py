"""The congress's bodies: who sits on the presidium, the secretariat and the counting committee,
and the show of hands that approves each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chidoan.lib.forms import add_service_error
from congress import selectors, services
from congress.forms import BodyMembersForm, HandsForm
from congress.models import BodyKind
from congress.views.common import GET_POST, attempt, back_to, congress_for, day_context


def _body_kind(kind: str) -> BodyKind:
    if kind not in BodyKind.values:
        raise Http404
    return BodyKind(kind)


@login_required
@GET_POST
def body(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    chosen_kind = _body_kind(kind)
    access, congress = congress_for(request, slug, pk, write=request.method == "POST")
    chosen = selectors.bodies_with_members(congress).get(chosen_kind)
    initial: dict[str, Any] = {}
    if chosen is not None:
        seated = list(chosen.members.all())
        initial = {
            "members": [m.member_id for m in seated],
            "head": next((m.member_id for m in seated if m.is_head), None),
        }
    form = BodyMembersForm(request.POST or None, congress=congress, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_set_members(
                congress=congress,
                kind=chosen_kind,
                members=list(form.cleaned_data["members"]),
                head=form.cleaned_data["head"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu danh sách %(body)s.") % {"body": chosen_kind.label})
            return back_to("body", congress, kind=chosen_kind)
    return render(
        request,
        "congress/body.html",
        day_context(access, congress, "bodies", body=chosen, kind=chosen_kind, form=form, hands_form=HandsForm()),
    )


@login_required
@require_POST
def body_vote(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    chosen_kind = _body_kind(kind)
    _access, congress = congress_for(request, slug, pk, write=True)
    chosen = congress.bodies.filter(kind=chosen_kind).first()
    form = HandsForm(request.POST)
    if chosen is None:
        messages.error(request, _("Chưa có danh sách %(body)s.") % {"body": chosen_kind.label})
    elif form.is_valid():
        attempt(
            request, lambda: services.body_approve(body=chosen, **form.cleaned_data), _("Đã ghi kết quả biểu quyết.")
        )
    else:
        messages.error(request, _("Cần nhập đủ ba số biểu quyết (số nguyên không âm)."))
    return back_to("body", congress, kind=chosen_kind)
