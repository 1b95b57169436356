"""The term workspace's lists as spreadsheets, for the term the page shows (?nhiem-ky=, default the current one).

For the editors (403 for the others who read the pages): they keep these lists and report them to the
upper level.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.dates import today
from chidoan.lib.spreadsheets import xlsx_response
from terms import selectors
from terms.exports import committee_xlsx, targets_xlsx
from terms.views.common import GET_ONLY, required_term


@login_required
@GET_ONLY
def committee_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Every seat of the term and every change, as the committee page shows them."""
    access = get_branch_for_user(request, slug, write=True)
    term, _terms = required_term(request, access)
    seats = list(selectors.committee_seats(term=term))
    content = committee_xlsx(
        seats=seats,
        changes=selectors.committee_changes(seats=seats),
        on=selectors.reference_date(term=term, today=today()),
    )
    return xlsx_response(content, f"ban-chap-hanh-{access.branch.slug}-{term.slug}.xlsx")


@login_required
@GET_ONLY
def targets_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The term's targets with their outcome today, as the targets page shows them, and every progress reading."""
    access = get_branch_for_user(request, slug, write=True)
    term, _terms = required_term(request, access)
    content = targets_xlsx(targets=list(selectors.targets_of_term(term=term)), on=today())
    return xlsx_response(content, f"chi-tieu-{access.branch.slug}-{term.slug}.xlsx")
