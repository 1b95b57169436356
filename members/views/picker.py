"""The member picker's search (chidoan.lib.picker): at most 20 members of the branch matching what is typed, as JSON."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.picker import clean_query, matches, scoped
from members.models import Member, MemberQuerySet


@require_GET
@login_required
def member_picker(request: HttpRequest, slug: str) -> JsonResponse | HttpResponseBadRequest:
    """`?q=` without accents, in name order; `scope=` narrows to a set another app registered (the summoned of
    a congress...). Whoever reads the member list may ask, as for the list itself."""
    access = get_branch_for_user(request, slug, read_all=True)
    allowed = scoped(
        request.GET.get("scope", ""), Member.objects.filter(branch=access.branch), access.branch, request.GET
    )
    if allowed is None:
        return HttpResponseBadRequest("scope")
    found, more = matches(cast(MemberQuerySet, allowed).in_name_order(), clean_query(request.GET.get("q")))
    return JsonResponse({"results": [{"id": m.pk, "label": str(m)} for m in found], "more": more})
