"""Tiếp nhận, from the receiving branch's "Chờ tiếp nhận" list (members:transfers).

Here and not in members because accepting also ends the member's committee seats in the
branch they leave (terms.services.transfer_accept), which the members app may not reach.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chidoan.lib.access import get_branch_for_user
from members import selectors as member_selectors
from members.forms import TransferAcceptForm
from terms import services


@require_POST
@login_required
def transfer_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The receiving branch's editors accept transfer `pk`; any other branch's transfer is a 404."""
    access = get_branch_for_user(request, slug, write=True)
    transfer = member_selectors.incoming_transfer(branch=access.branch, pk=pk)
    if transfer is None:
        raise Http404
    form = TransferAcceptForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("members:transfers", slug=slug)
    on = form.cleaned_data["on"]
    try:
        accepted = services.transfer_accept(
            transfer=transfer,
            branch=access.branch,
            expected_version=form.cleaned_data["version"],
            on=on,
            by=request.user if request.user.is_authenticated else None,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        name, date = transfer.member.full_name, f"{on:%d/%m/%Y}"
        messages.success(
            request, _("Đã tiếp nhận %(name)s vào chi đoàn từ ngày %(date)s.") % {"name": name, "date": date}
        )
        for seat in accepted.ended_seats:
            messages.info(
                request,
                _("Chức danh %(role)s của %(name)s ở %(branch)s kết thúc ngày %(date)s.")
                % {"role": seat.get_role_display(), "name": name, "branch": transfer.from_branch.name, "date": date},
            )
    return redirect("members:transfers", slug=slug)
