"""Who changed what on a member's record, their status history and their ratings."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.history import HistorySource, history_entries, paginate_history
from members.models import Member, MemberRating, MemberStatusChange
from members.views.account import account_history
from members.views.common import SignedInRequest, member_of_branch


def _record_label(record: Any) -> str:
    return _("Thông tin đoàn viên")


def _status_label(record: Any) -> str:
    return _("Tình trạng: %(kind)s ngày %(date)s") % {
        "kind": record.get_kind_display(),
        "date": f"{record.on:%d/%m/%Y}",
    }


def _rating_label(record: Any) -> str:
    return _("Xếp loại năm %(year)s") % {"year": record.year}


@require_GET
@login_required
def member_history(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = get_branch_for_user(request, slug)
    member = member_of_branch(access, pk)
    if not access.can_see_member(member):
        raise PermissionDenied
    entries = history_entries(
        HistorySource(Member.history.filter(id=member.pk), label=_record_label),
        HistorySource(MemberStatusChange.history.filter(member_id=member.pk), label=_status_label),
        HistorySource(MemberRating.history.filter(member_id=member.pk), label=_rating_label),
    )
    entries = sorted(entries + account_history(member), key=lambda e: e.when, reverse=True)
    return render(
        request,
        "members/history.html",
        {"access": access, "member": member, "history": paginate_history(request, entries)},
    )
