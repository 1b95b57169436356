"""The handover: what still stands in its way, then the confirmation that sets up the new term."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congress import selectors, services
from congress.views.common import GET_POST, back_to, congress_for, day_context, refused


@login_required
@GET_POST
def handover(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    if request.method == "POST":
        try:
            done = services.congress_handover(congress=congress)
        except ValidationError as error:
            refused(request, error)
            return back_to("handover", congress)
        messages.success(
            request,
            _("Đã xác nhận kết quả Đại hội: nhiệm kỳ %(term)s với Ban Chấp hành %(n)s đồng chí.")
            % {"term": done.term.label, "n": len(done.seats)},
        )
        return back_to("detail", congress)
    return render(
        request,
        "congress/handover.html",
        day_context(
            access,
            congress,
            "detail",
            problems=services.handover_problems(congress),
            outcomes=[selectors.election_outcome(e) for e in selectors.elections_with_counts(congress)],
            targets=selectors.adopted_targets(congress),
        ),
    )
