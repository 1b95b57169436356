"""What every tab of the term workspace shares: the term chooser, the page context, the lookups, one way to save.

Every view starts with `get_branch_for_user` (404 for what the user may not see, 403 for
what they may see but not change) and looks every object up filtered by that branch.
Writes go through `terms.services`; a refusal comes back as a Vietnamese ValidationError
and is shown on the form, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import Change, StaleEditError, refuse_stale
from terms import selectors
from terms.models import CommitteeSeat, Target, Term

TERM_PARAM = "nhiem-ky"

GET_POST = require_http_methods(["GET", "POST"])
GET_ONLY = require_http_methods(["GET", "HEAD"])

Result = TypeVar("Result")


def chosen_term(request: HttpRequest, access: Access) -> tuple[Term | None, list[Term]]:
    """The term named by ?nhiem-ky=2022-2024, else the current one; 404 for a term the branch does not have.

    A former committee member (chidoan.lib.access.Role.FORMER_COMMITTEE) is offered the closed terms they
    served in only, the latest of them by default; 404 for any other.
    """
    terms = selectors.terms_of_branch(branch=access.branch)
    readable = access.readable_term_ids()
    if readable is not None:
        terms = [t for t in terms if t.pk in readable]
    slug = request.GET.get(TERM_PARAM)
    if slug:
        term = selectors.term_by_slug(branch=access.branch, slug=slug)
        if term is None or (readable is not None and term.pk not in readable):
            raise Http404
    elif readable is not None:
        term = terms[0] if terms else None
    else:
        term = access.term if access.term is not None else (terms[0] if terms else None)
    return term, terms


def required_term(request: HttpRequest, access: Access) -> tuple[Term, list[Term]]:
    """As chosen_term, for a page that makes no sense without a term: 404 when the branch has none."""
    term, terms = chosen_term(request, access)
    if term is None:
        raise Http404
    return term, terms


def workspace_url(
    name: str, access: Access, term: Term | None = None, *, pk: int | None = None, anchor: str = ""
) -> str:
    """The address of a workspace page (terms:<name>) of the branch, for `term` and at `anchor` when given."""
    kwargs: dict[str, Any] = {"slug": access.branch.slug}
    if pk is not None:
        kwargs["pk"] = pk
    url = reverse(f"terms:{name}", kwargs=kwargs)
    if term is not None:
        url += f"?{TERM_PARAM}={term.slug}"
    return url + (f"#{anchor}" if anchor else "")


def page_context(access: Access, term: Term | None, terms: list[Term], **extra: Any) -> dict[str, Any]:
    """What every workspace template reads: the branch, the term and the terms to switch to."""
    return {
        "access": access,
        "branch": access.branch,
        "term": term,
        "terms": terms,
        "term_param": TERM_PARAM,
        "is_current_term": term is not None and access.term is not None and term.pk == access.term.pk,
        **extra,
    }


def seat_or_404(access: Access, pk: int) -> CommitteeSeat:
    seat = selectors.seat_of_branch(branch=access.branch, pk=pk)
    if seat is None:
        raise Http404
    return seat


def target_or_404(access: Access, pk: int) -> Target:
    target = selectors.target_of_branch(branch=access.branch, pk=pk)
    if target is None:
        raise Http404
    return target


def signed_in_user(request: HttpRequest) -> User:
    """The login of a @login_required view: never anonymous there."""
    user = request.user
    assert isinstance(user, User), "the view must be @login_required"
    return user


def save_form(
    form: forms.Form,
    write: Callable[[dict[str, Any]], Result],
    *,
    record: Callable[[], models.Model] | None = None,
    fields: list[str] | None = None,
) -> tuple[Result | None, list[Change] | None]:
    """Hand a valid form's data to `write` (a service call): (what it returned, None) once saved.

    A refusal goes on the form and gives (None, None); a stale save (chidoan.lib.locking)
    gives (None, the changes meanwhile) to show with includes/_stale_edit.html, compared
    with `record()` (the row the form changes) on `fields`.
    """
    if not form.is_valid():
        return None, None
    try:
        return write(form.cleaned_data), None
    except StaleEditError as error:
        if record is None:
            raise
        return None, refuse_stale(form, record(), error, fields)
    except ValidationError as error:
        add_service_error(form, error)
        return None, None


def saved_and_back(request: HttpRequest, message: str, url: str) -> HttpResponseRedirect:
    """After a save: say what was saved on the page the user goes back to (redirect after POST)."""
    messages.success(request, message)
    return HttpResponseRedirect(url)
