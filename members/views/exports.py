"""The member list as a spreadsheet, with the list's filters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from members import selectors
from members.exports.members import members_xlsx, transferred_member_xlsx
from members.exports.workbook import XLSX_TYPE
from members.views.common import SignedInRequest
from members.views.listing import list_filters


@require_GET
@login_required
def member_export(request: SignedInRequest, slug: str) -> HttpResponse:
    """The members the list shows for the same query string (every page), every column the import takes."""
    access = get_branch_for_user(request, slug, read_all=True)
    today = timezone.localdate()
    _form, filters = list_filters(request)
    members = selectors.member_list(branch=access.branch, on=today, seats=access.seats, filters=filters)
    response = HttpResponse(members_xlsx(members.iterator(chunk_size=2000)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="doan-vien-{access.branch.slug}-{today:%Y%m%d}.xlsx"'
    return response


@require_GET
@login_required
def transfer_file(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """Beside the transfer letter of a transfer outside the installation: the member as the receiver's import takes them.

    Through the sending branch, for its editors (as the letter); any other transfer is a 404.
    """
    access = get_branch_for_user(request, slug, write=True)
    transfer = selectors.transfer_sent_outside(branch=access.branch, pk=pk)
    if transfer is None:
        raise Http404
    response = HttpResponse(transferred_member_xlsx(transfer.member), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="chuyen-sinh-hoat-{transfer.pk}-{transfer.requested_on:%Y%m%d}.xlsx"'
    )
    return response
