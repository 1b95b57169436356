"""The start page: straight to the user's branch, or a list with search for those who see several."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from chidoan.web.permissions import branch_access, branches_visible_to

BRANCHES_PER_PAGE = 25


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A member goes straight to their branch; an officer (up to thousands of branches) gets a list with search."""
    branches = branches_visible_to(request.user).select_related("parent").order_by("name", "pk")
    first_two = list(branches[:2])
    if len(first_two) == 1:
        if branch_access(request.user, first_two[0]) is None:
            # A login kept after its member left the branch: nothing to open.
            return render(request, "home.html", {"page": None, "query": "", "has_any": False})
        return redirect("dashboard", slug=first_two[0].slug)
    query = request.GET.get("q", "").strip()
    if query:
        # The stored key (members 0007), served on PostgreSQL by a trigram index.
        branches = branches.search(query)
    page = Paginator(branches, BRANCHES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home.html", {"page": page, "query": query, "has_any": bool(first_two)})
