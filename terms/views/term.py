"""Opening a branch's current term by hand: a branch new to the product, whose committee is already in office."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.dates import today
from chidoan.lib.forms import add_service_error
from terms import rules, selectors, services
from terms.forms import TermOpenForm
from terms.views.common import GET_POST, workspace_url


@login_required
@GET_POST
def term_open(request: HttpRequest, slug: str) -> HttpResponse:
    """The term in office: dates (the end defaults from the branch type's term length) and number.

    For a branch whose term began before the product was used: its committee is then entered on
    the committee page, as elected at that congress or appointed by the upper level.
    """
    access = get_branch_for_user(request, slug, write=True)
    branch = access.branch
    start = today().replace(day=1)
    initial = {
        "starts_on": start,
        "ends_on": rules.add_months(start, branch.term_length_months) - datetime.timedelta(days=1),
    }
    form = TermOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.term_create(branch=branch, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Đã mở nhiệm kỳ %(label)s. Tiếp theo: ghi Ban Chấp hành đang đương nhiệm.") % {"label": term.label},
            )
            return redirect(workspace_url("committee", access, term))
    return render(
        request,
        "terms/term_open.html",
        {
            "access": access,
            "branch": branch,
            "form": form,
            "terms": selectors.terms_of_branch(branch=branch),
            "months": branch.term_length_months,
        },
    )
