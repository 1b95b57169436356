"""Batches: the members ticked on the list (or the whole filtered list) transferred in one step, all or nothing.

The list sends the choice by GET (the ticked ids, or `all` with the list's own filters);
this page shows who is chosen and asks for the one destination, date, dues date and
assessment; its POST carries the ids it showed, so exactly those are transferred.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from members import selectors, services
from members.forms import TransferBatchForm
from members.models import Member
from members.views.common import SignedInRequest
from members.views.listing import list_filters


def _chosen_on_list(request: SignedInRequest, access: Access) -> list[Member]:
    """The members the list sent: the whole filtered list (`all`), or the ticked ones of this branch."""
    if request.GET.get("all"):
        _form, filters = list_filters(request)
        today = timezone.localdate()
        return list(selectors.member_list(branch=access.branch, on=today, seats=access.seats, filters=filters))
    ids = [value for value in request.GET.getlist("member") if value.isascii() and value.isdigit() and len(value) <= 18]
    return selectors.branch_members(branch=access.branch, pks=[int(value) for value in ids])


@require_http_methods(["GET", "POST"])
@login_required
def transfer_batch(request: SignedInRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    destinations = selectors.transfer_destinations(branch=access.branch)
    refused: list[str] = []
    summary = ""
    if request.method == "POST":
        form = TransferBatchForm(request.POST, destinations=destinations)
        valid = form.is_valid()
        ids = form.cleaned_data.pop("members", None) or []  # kept when another field is wrong
        chosen = selectors.branch_members(branch=access.branch, pks=ids)
        if valid and len(chosen) != len(ids):
            form.add_error(
                None, _("Có đoàn viên đã chọn không còn trong chi đoàn; hãy chọn lại từ danh sách đoàn viên.")
            )
        elif valid:
            try:
                done = services.transfer_record_batch(members=chosen, by=request.user, **form.cleaned_data)
            except services.BatchRefused as exc:
                summary, refused = exc.summary, [refusal.line for refusal in exc.refusals]
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận chuyển sinh hoạt cho %(n)s đoàn viên đến %(to)s.")
                    % {"n": len(done), "to": done[0].destination},
                )
                return redirect("members:transfers", slug=slug)
    else:
        chosen = _chosen_on_list(request, access)
        today = timezone.localdate()
        form = TransferBatchForm(
            destinations=destinations,
            initial={
                "requested_on": today,
                "dues_paid_until": today,
                "members": ",".join(str(member.pk) for member in chosen),
            },
        )
    return render(
        request,
        "members/transfer_batch.html",
        {"access": access, "form": form, "chosen": chosen, "summary": summary, "refused": refused},
    )
