"""The Secretary gives a member a login (a one-time password shown once) or takes it away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.forms import add_service_error
from members import selectors, services
from members.forms import AccountGrantForm
from members.views.common import SignedInRequest, confirmed, member_of_branch
from members.views.records import ONE_TIME_PASSWORD_SESSION_KEY


@require_http_methods(["GET", "POST"])
@login_required
def account_grant(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    has_login = member.user is not None and member.user.is_active
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
        {"access": access, "member": member, "form": form, "has_login": has_login},
    )


@require_http_methods(["GET", "POST"])
@login_required
def account_revoke(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    if request.method == "POST":
        done = _("Đã thu hồi tài khoản của %(name)s.") % {"name": member.full_name}
        confirmed(request, lambda: services.account_revoke(member=member), done=done)
        return redirect("members:detail", slug=slug, pk=member.pk)
    return render(request, "members/account_revoke.html", {"access": access, "member": member})
