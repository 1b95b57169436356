"""A branch editor gives a member a login (a one-time password shown once) or takes it away.

Who may do it to whose login is decided in the service (`members.services.accounts`);
these pages ask the same rule first, so that a refused action shows its reason instead
of a button, and a refusal on POST is shown beside the form, never as an error page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.history import HistoryEntry
from members import selectors, services
from members.forms import AccountGrantForm
from members.models import AccountEvent, Member
from members.rules import ROLE_LABELS
from members.views.common import SignedInRequest, confirmed, member_of_branch

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The one-time password waits here for the member's page, which shows it once.
ONE_TIME_PASSWORD_SESSION_KEY = "members_one_time_password"


def account_actions(access: Access, member: Member, *, by: User) -> dict[str, bool]:
    """Which login buttons the member's page offers `by`: only what the service would allow."""
    if not access.can_edit:
        return {"grant": False, "revoke": False}
    grant, revoke = services.account_refusals(by=by, member=member)
    return {"grant": grant is None, "revoke": revoke is None}


@require_http_methods(["GET", "POST"])
@login_required
def account_grant(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    has_login = member.user is not None and member.user.is_active
    refusal = services.account_grant_refusal(by=request.user, member=member)
    initial = {"username": member.user.username if member.user else selectors.suggested_username(member)}
    form = AccountGrantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.account_grant(
                member=member, username=form.cleaned_data["username"], by=request.user
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            request.session[ONE_TIME_PASSWORD_SESSION_KEY] = {
                "member": member.pk,
                "username": user.get_username(),
                "password": password,
            }
            messages.success(request, _("Đã cấp tài khoản cho %(name)s.") % {"name": member.full_name})
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(
        request,
        "members/account_grant.html",
        {"access": access, "member": member, "form": form, "has_login": has_login, "refusal": refusal},
    )


@require_http_methods(["GET", "POST"])
@login_required
def account_revoke(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    if request.method == "POST":
        done = _("Đã thu hồi tài khoản của %(name)s.") % {"name": member.full_name}
        confirmed(request, lambda: services.account_revoke(member=member, by=request.user), done=done)
        return redirect("members:detail", slug=slug, pk=member.pk)
    refusal = services.account_revoke_refusal(by=request.user, member=member)
    return render(request, "members/account_revoke.html", {"access": access, "member": member, "refusal": refusal})


def account_history(member: Member) -> list[HistoryEntry]:
    """The member's logins given, reset and taken away, as entries of their history page."""
    entries = []
    for event in AccountEvent.objects.filter(member=member):
        role = ROLE_LABELS.get(event.by_role)
        entries.append(
            HistoryEntry(
                when=event.at,
                who=f"{event.by_name} ({role})" if role else event.by_name,
                # The badge names what was done (the page's "+ ~ -" are for edited records).
                action=event.get_kind_display(),
                subject=_("Tài khoản đăng nhập %(username)s") % {"username": event.username},
            )
        )
    return entries
