"""The Secretary gives a member a login (a one-time password shown once) or takes it away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.text import search_key
from members import services
from members.forms import AccountGrantForm
from members.models import Member
from members.views.common import add_service_errors, member_of_branch
from members.views.records import ONE_TIME_PASSWORD_SESSION_KEY


def suggested_username(member: Member) -> str:
    """ "Phạm Thị Thu Trang" -> "trangpham", then "trangpham2"… until it is free."""
    base = "".join((search_key(member.given_name) + search_key(member.family_name)).split()) or "doanvien"
    taken = set(get_user_model().objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


@require_http_methods(["GET", "POST"])
@login_required
def account_grant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    has_login = member.user is not None and member.user.is_active
    initial = {"username": member.user.username if member.user else suggested_username(member)}
    form = AccountGrantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.account_grant(
                member=member, username=form.cleaned_data["username"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
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
def account_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    if request.method == "POST":
        try:
            services.account_revoke(member=member)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã thu hồi tài khoản của %(name)s.") % {"name": member.full_name})
        return redirect("members:detail", slug=slug, pk=member.pk)
    return render(request, "members/account_revoke.html", {"access": access, "member": member})
