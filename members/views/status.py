"""A member's dated status changes: chuyển sinh hoạt, trưởng thành Đoàn, rời chi đoàn, xóa tên, or back in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.forms import add_service_error
from members import services
from members.forms import StatusChangeForm
from members.models import Member
from members.views.common import SignedInRequest, member_of_branch


@require_http_methods(["GET", "POST"])
@login_required
def member_status_change(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """A dated record; the member's earlier records stay as they were."""
    access = get_branch_for_user(request, slug, write=True)
    member = member_of_branch(access, pk)
    today = timezone.localdate()
    active = Member.objects.filter(pk=member.pk).active_on(today).exists()
    form = StatusChangeForm(request.POST or None, returning=not active, initial={"on": today})
    if request.method == "POST" and form.is_valid():
        try:
            change = services.member_change_status(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận: %(kind)s ngày %(date)s.")
                % {"kind": change.get_kind_display(), "date": f"{change.on:%d/%m/%Y}"},
            )
            return redirect("members:detail", slug=slug, pk=member.pk)
    return render(
        request,
        "members/status_change.html",
        {"access": access, "form": form, "member": member, "active": active},
    )
