"""What every page of the congress day shares: finding the congress, the context of the tabs,
the way back after a POST, a refusal shown as messages, and a removal that asks first.

Every view starts with `congress_for` (through `get_branch_for_user`: 404 for what the user may
not see, 403 for what they may see but not change): every branch role reads the congress, only
`can_edit` runs it; a former committee member reads the congress that closed their term. Objects are looked up through the branch's congress. Writes go to
congress.services; a refusal comes back as a Vietnamese ValidationError, shown on the form or
as a message, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from congress import selectors
from congress.models import Congress

GET_POST = require_http_methods(["GET", "POST"])
T = TypeVar("T")


def congress_for(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> tuple[Access, Congress]:
    access = get_branch_for_user(request, slug, write=write, closed_terms=True)
    congress = get_object_or_404(selectors.congresses_for(access.branch).select_related("closes_term__branch"), pk=pk)
    if not access.sees_term(congress.closes_term_id):
        raise Http404  # a former committee member reads the congress that closed their term only
    return access, congress


def day_url(name: str, congress: Congress, anchor: str = "", **kwargs: Any) -> str:
    url = reverse(f"congress:{name}", kwargs={"slug": congress.closes_term.branch.slug, "pk": congress.pk, **kwargs})
    return url + (f"#{anchor}" if anchor else "")


def back_to(name: str, congress: Congress, anchor: str = "", **kwargs: Any) -> HttpResponseRedirect:
    return HttpResponseRedirect(day_url(name, congress, anchor, **kwargs))


def refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def attempt(request: HttpRequest, write: Callable[[], T], done: str | Callable[[T], str] = "") -> T | None:
    """A button's write: its refusal goes to the messages (and None comes back), else `done` does."""
    try:
        result = write()
    except ValidationError as error:
        refused(request, error)
        return None
    message = done(result) if callable(done) else done
    if message:
        messages.success(request, message)
    return result


def day_context(access: Access, congress: Congress, tab: str, **extra: Any) -> dict[str, Any]:
    """The context of every page under the congress's tabs (_layout.html: the quorum card, the tabs)."""
    return {
        "access": access,
        "branch": access.branch,
        "congress": congress,
        "quorum": selectors.quorum_of(congress),
        "tab": tab,
        "small_branch": selectors.is_small_branch(congress),
        **extra,
    }


def form_page(
    request: HttpRequest, access: Access, congress: Congress, tab: str, *, heading: str, **extra: Any
) -> HttpResponse:
    """A form under the congress's tabs (form_page.html); `changed` shows a stale save's differences."""
    return render(request, "congress/form_page.html", day_context(access, congress, tab, heading=heading, **extra))


def remove_after_confirmation(
    request: HttpRequest,
    access: Access,
    congress: Congress,
    *,
    remove: Callable[[], object],
    tab: str,
    page: str,
    anchor: str = "",
    heading: str,
    question: str,
    done: str = "",
) -> HttpResponse:
    """GET asks for confirmation; POST removes, then returns to the page the removal started from."""
    if request.method == "POST":
        attempt(request, remove, done)
        return back_to(page, congress, anchor)
    return render(
        request,
        "congress/confirm.html",
        day_context(
            access,
            congress,
            tab,
            heading=heading,
            question=question,
            cancel_url=day_url(page, congress, anchor),
            danger=True,
        ),
    )
