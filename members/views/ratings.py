"""Yearly ratings (xếp loại) of the members and of the branch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import get_branch_for_user
from members import selectors, services
from members.forms import RATINGS_PER_PAGE, BranchRatingForm, MemberRatingFormSet, RatingsFilterForm
from members.models import BranchRating, Member, RatingLevel
from members.views.common import add_service_errors


def _default_year() -> int:
    # At the start of a year the branch rates the year just ended.
    return timezone.localdate().year - 1


def _filters(request: HttpRequest) -> tuple[int, str, bool]:
    """The year, name search and "not yet rated only" of the query string (a wrong value is ignored)."""
    form = RatingsFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    return data.get("year") or _default_year(), (data.get("q") or "").strip(), bool(data.get("chua"))


def _ratings_address(slug: str, *, year: int, page: int, query: str, unrated_only: bool) -> str:
    params: dict[str, Any] = {"year": year}
    if query:
        params["q"] = query
    if unrated_only:
        params["chua"] = "1"
    if page > 1:
        params["page"] = page
    return reverse("members:ratings", kwargs={"slug": slug}) + "?" + urlencode(params)


@require_http_methods(["GET", "POST"])
@login_required
def member_ratings(request: HttpRequest, slug: str) -> HttpResponse:
    """One year's ratings of the members active that year, 50 a page in name order; the Secretary saves a page at once.

    The year, the page, the name search and the "not yet rated" filter are in the query string, kept
    through the save; a page is saved whole or not at all.
    """
    access = get_branch_for_user(request, slug, read_all=True)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    year, query, unrated_only = _filters(request)
    table = selectors.ratings_table(branch=access.branch, year=year)
    shown = table
    if unrated_only:
        shown = [(member, rating) for member, rating in shown if rating is None]
    if query:
        found = set(Member.objects.filter(branch=access.branch).search(query).values_list("pk", flat=True))
        shown = [(member, rating) for member, rating in shown if member.pk in found]
    page = Paginator(shown, RATINGS_PER_PAGE).get_page(request.GET.get("page"))
    initial = [
        {
            "member": member.pk,
            "level": rating.level if rating else "",
            "participation_percent": rating.participation_percent if rating else None,
            "note": rating.note if rating else "",
        }
        for member, rating in page.object_list
    ]
    formset = MemberRatingFormSet(request.POST or None, initial=initial, prefix="xl")
    by_member = {member.pk: (member, rating) for member, rating in table}
    save_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows, row_forms = [], []
        for form in formset:
            pair = by_member.get(form.cleaned_data.get("member"))
            if pair is None:
                continue  # not a member of this branch for that year: ignored, never saved
            rows.append({**form.cleaned_data, "member": pair[0]})
            row_forms.append(form)
        try:
            saved = services.member_ratings_set(year=year, rows=rows)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for index, errors in exc.message_dict.items():
                    for message in errors:
                        row_forms[int(index)].add_error("level", message)
            else:
                save_errors = exc.messages
        else:
            messages.success(
                request, _("Đã lưu xếp loại năm %(year)s của %(n)s đoàn viên.") % {"year": year, "n": saved}
            )
            return redirect(_ratings_address(slug, year=year, page=page.number, query=query, unrated_only=unrated_only))
    if formset.is_bound:
        # A refused save shows the lines as they were sent, with their errors.
        rows = []
        for form in formset.forms:
            try:
                pair = by_member.get(int(form["member"].value()))
            except (TypeError, ValueError):
                continue
            if pair is not None:
                rows.append((pair, form))
    else:
        rows = list(zip(page.object_list, formset.forms, strict=True))
    counts = {level: 0 for level in RatingLevel.values}
    for _member, rating in table:
        if rating:
            counts[rating.level] += 1
    return render(
        request,
        "members/ratings.html",
        {
            "access": access,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "query": query,
            "unrated_only": unrated_only,
            "page": page,
            "rows": rows,
            "formset": formset,
            "save_errors": save_errors,
            "counts": [(RatingLevel(level).label, n) for level, n in counts.items()],
            "unrated": len(table) - sum(counts.values()),
            "total": len(table),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def branch_ratings(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_branch_for_user(request, slug, read_all=True)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    form = BranchRatingForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.branch_rating_set(branch=access.branch, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu xếp loại chi đoàn năm %(year)s.") % {"year": rating.year})
            return redirect("members:branch_ratings", slug=slug)
    ratings = BranchRating.objects.filter(branch=access.branch).order_by("-year")
    return render(request, "members/branch_ratings.html", {"access": access, "form": form, "ratings": ratings})
