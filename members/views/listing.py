"""The member list: accent-free search, filters, Vietnamese name order, pagination."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from chidoan.lib import figures_cache
from chidoan.lib.access import Access, get_branch_for_user
from members import rules, selectors
from members.forms import MemberSearchForm
from members.models import Member, MemberStatus
from members.views.common import SignedInRequest

MEMBERS_PER_PAGE = 25


@dataclass(frozen=True)
class MemberRow:
    member: Member
    status: str | None
    status_label: str
    age: int
    over_age: bool
    near_age: bool
    committee_role: str
    pending_transfer: bool


def list_filters(request: HttpRequest) -> tuple[MemberSearchForm, selectors.MemberFilters]:
    """The list's search form and the filters it asks for (active members when the form is not valid)."""
    form = MemberSearchForm(request.GET)
    cleaned = form.cleaned_data if form.is_valid() else {"status": MemberStatus.ACTIVE}
    filters = selectors.MemberFilters(
        query=cleaned.get("q", ""),
        status=cleaned.get("status", ""),
        committee=cleaned.get("committee", False),
        near_age=cleaned.get("near_age", False),
    )
    return form, filters


@require_GET
@login_required
def member_list(request: SignedInRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, read_all=True)
    today = timezone.localdate()
    # The content is the same for every reader of the branch with the same role, on a day, in one language,
    # for the same search and page: rendered once and cached per branch under the figures' token, which
    # every write the list shows bumps (members, their status changes, transfers, the seats, the branch;
    # chidoan.web.invalidation). The access check above runs on every request.
    asked = hashlib.sha256(urlencode(sorted(request.GET.lists()), doseq=True).encode()).hexdigest()[:32]
    term_pk = access.term.pk if access.term is not None else 0
    part = f"members:{access.role}:{int(access.can_edit)}:{get_language()}:{term_pk}:{today.isoformat()}:{asked}"
    body = figures_cache.cached(access.branch.pk, part, lambda: _list_body(request, access, today))
    return render(request, "members/list.html", {"access": access, "body": body})


def _list_body(request: SignedInRequest, access: Access, today: datetime.date) -> str:
    form, filters = list_filters(request)
    page = selectors.member_list_page(
        branch=access.branch,
        on=today,
        seats=access.seats,
        filters=filters,
        number=request.GET.get("page"),
        per_page=MEMBERS_PER_PAGE,
    )
    pending = selectors.pending_transfer_member_ids(branch=access.branch)
    rows = []
    for member in page:
        status = selectors.status_of(member)
        # An active member has no coming-of-age record yet, so the age alone decides the flags.
        over_age, near_age = rules.age_flags(
            born=member.date_of_birth, leadership_exemption=member.leadership_exemption, on=today
        )
        active = status == MemberStatus.ACTIVE
        rows.append(
            MemberRow(
                member=member,
                status=status,
                status_label=str(MemberStatus(status).label) if status else "",
                age=member.age_on(today),
                over_age=active and over_age,
                near_age=active and near_age,
                committee_role=getattr(member, "committee_role", None) or "",
                pending_transfer=member.pk in pending,
            )
        )
    context = {"access": access, "form": form, "page": page, "rows": rows, "filters": filters}
    return render_to_string("members/_list_body.html", context, request)
