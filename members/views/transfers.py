"""Transfers between branches: the sending branch records one; the receiving branch's "Chờ tiếp nhận" list decides.

Its accept button posts to terms:transfer_accept (terms.views.transfers): accepting also ends
the member's committee seats in the branch they leave, a step of the layer above.

Both pages are for the branch's editors. The receiving branch sees only the transferred
members' own rows (through the transfer), never the sending branch's other members.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from members import selectors, services
from members.forms import TransferAcceptForm, TransferRecordForm, TransferRefuseForm
from members.models import Transfer
from members.views.common import SignedInRequest, member_of_branch


@require_http_methods(["GET", "POST"])
@login_required
def transfer_record(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """The sending branch's record: assessment, dues, and the receiving branch (or a place outside)."""
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    today = timezone.localdate()
    form = TransferRecordForm(
        request.POST or None,
        destinations=selectors.transfer_destinations(branch=access.branch),
        initial={"requested_on": today, "dues_paid_until": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_record(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if transfer.inside:
                done = _("Đã ghi nhận chuyển sinh hoạt của %(name)s đến %(to)s: chờ chi đoàn đó tiếp nhận.")
            else:
                done = _("Đã ghi nhận chuyển sinh hoạt của %(name)s đến %(to)s.")
            messages.success(request, done % {"name": member.full_name, "to": transfer.destination})
            return redirect("members:transfers", slug=slug)
    return render(request, "members/transfer_record.html", {"access": access, "form": form, "member": member})


@require_GET
@login_required
def transfer_list(request: SignedInRequest, slug: str) -> HttpResponse:
    """Chờ tiếp nhận (transfers this branch decides) and the transfers it sent, with refusals and their reasons."""
    access = get_branch_for_user(request, slug, write=True)
    today = timezone.localdate()
    to_accept = [
        (transfer, TransferAcceptForm(initial={"on": today, "version": transfer.version}))
        for transfer in selectors.transfers_to_accept(branch=access.branch)
    ]
    return render(
        request,
        "members/transfers.html",
        {"access": access, "to_accept": to_accept, "sent": selectors.transfers_sent(branch=access.branch)[:100]},
    )


def _incoming(request: SignedInRequest, slug: str, pk: int) -> tuple[Access, Transfer]:
    """The branch (its editors only) and the transfer `pk` it receives; 404 for any other branch's transfer."""
    access = get_branch_for_user(request, slug, write=True)
    transfer = selectors.incoming_transfer(branch=access.branch, pk=pk)
    if transfer is None:
        raise Http404
    return access, transfer


@require_http_methods(["GET", "POST"])
@login_required
def transfer_refuse(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access, transfer = _incoming(request, slug, pk)
    form = TransferRefuseForm(request.POST or None, initial={"version": transfer.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_refuse(
                transfer=transfer,
                branch=access.branch,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã từ chối tiếp nhận %(name)s; chi đoàn chuyển đi sẽ thấy lý do.")
                % {"name": transfer.member.full_name},
            )
            return redirect("members:transfers", slug=slug)
    return render(request, "members/transfer_refuse.html", {"access": access, "form": form, "transfer": transfer})
