"""The members pages' lists as spreadsheets, each with its page's filters: the member list, the yearly ratings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.spreadsheets import xlsx_response
from members import rating_selectors, selectors
from members.exports.members import members_xlsx, transferred_member_xlsx
from members.exports.ratings import ratings_xlsx
from members.views.common import SignedInRequest
from members.views.listing import list_filters
from members.views.ratings import ratings_filters


@require_GET
@login_required
def member_export(request: SignedInRequest, slug: str) -> HttpResponse:
    """The members the list shows for the same query string (every page), every column the import takes."""
    access = get_branch_for_user(request, slug, read_all=True)
    today = timezone.localdate()
    _form, filters = list_filters(request)
    members = selectors.member_list(branch=access.branch, on=today, seats=access.seats, filters=filters)
    return xlsx_response(
        members_xlsx(members.iterator(chunk_size=2000)), f"doan-vien-{access.branch.slug}-{today:%Y%m%d}.xlsx"
    )


@require_GET
@login_required
def ratings_export(request: SignedInRequest, slug: str) -> HttpResponse:
    """The ratings page's table for the same query string (year, name search, "not yet rated"), every page.

    For the editors (403 for the others who read the page): they are the ones who rate and report the ratings.
    """
    access = get_branch_for_user(request, slug, write=True)
    year, query, unrated_only = ratings_filters(request)
    members = rating_selectors.members_rated_in(branch=access.branch, year=year)
    shown = rating_selectors.ratings_shown(members, year=year, query=query, unrated_only=unrated_only)
    lines = rating_selectors.with_ratings(shown, year=year)
    return xlsx_response(ratings_xlsx(lines, year=year), f"xep-loai-doan-vien-{access.branch.slug}-{year}.xlsx")


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
    return xlsx_response(
        transferred_member_xlsx(transfer.member), f"chuyen-sinh-hoat-{transfer.pk}-{transfer.requested_on:%Y%m%d}.xlsx"
    )
