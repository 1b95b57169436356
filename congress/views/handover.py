"""The handover: what still stands in its way, then the confirmation that sets up the new term."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congress import selectors, services
from congress.models import Congress
from congress.views.common import GET_POST, back_to, congress_for, day_context, refused

# The logins the handover gave wait here for the handover page, which shows them once.
GIVEN_LOGINS_SESSION_KEY = "congress_handover_logins"


def pop_given_logins(request: HttpRequest, congress: Congress) -> list[dict[str, str]]:
    """The logins the handover of `congress` gave, for the congress page to show once (then gone)."""
    given = request.session.get(GIVEN_LOGINS_SESSION_KEY)
    if not given or given.get("congress") != congress.pk:
        return []
    return request.session.pop(GIVEN_LOGINS_SESSION_KEY)["logins"]


@login_required
@GET_POST
def handover(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, congress = congress_for(request, slug, pk, write=True)
    user = cast(User, request.user)  # @login_required
    if request.method == "POST":
        try:
            done = services.congress_handover(congress=congress, by=user)
        except ValidationError as error:
            refused(request, error)
            return back_to("handover", congress)
        messages.success(
            request,
            _("Đã xác nhận kết quả Đại hội: nhiệm kỳ %(term)s với Ban Chấp hành %(n)s đồng chí.")
            % {"term": done.term.label, "n": len(done.seats)},
        )
        if done.logins:
            request.session[GIVEN_LOGINS_SESSION_KEY] = {
                "congress": congress.pk,
                "logins": [
                    {"name": given.member.full_name, "username": given.username, "password": given.password}
                    for given in done.logins
                ],
            }
        return back_to("detail", congress)
    problems = services.handover_problems(congress, by=user)
    return render(
        request,
        "congress/handover.html",
        day_context(
            access,
            congress,
            "detail",
            problems=problems,
            editor_logins=None if problems else services.editor_logins(congress, by=user),
            outcomes=[selectors.election_outcome(e) for e in selectors.elections_with_counts(congress)],
            targets=selectors.adopted_targets(congress),
        ),
    )
