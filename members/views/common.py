"""Helpers shared by the members views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from chidoan.lib.access import Access
from members import selectors
from members.models import Member

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class SignedInRequest(HttpRequest):
    """The request of a @login_required view: its user is signed in (for the type checker)."""

    user: User


def member_of_branch(access: Access, pk: int) -> Member:
    """The member `pk` of the branch in `access`; 404 for a member of any other branch."""
    member = selectors.branch_member(branch=access.branch, pk=pk)
    if member is None:
        raise Http404
    return member


def confirmed(request: HttpRequest, action: Callable[[], object], *, done: str) -> bool:
    """Do what a confirmation page asked; a refusal is shown as messages on the next page. True if done."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, done)
    return True
