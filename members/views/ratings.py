"""Yearly ratings (xếp loại) of the members and of the branch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.permissions import get_branch_for_user
from members import selectors, services
from members.forms import BranchRatingForm, MemberRatingFormSet, YearForm
from members.models import BranchRating, RatingLevel
from members.views.common import add_service_errors


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid():
        return form.cleaned_data["year"]
    # At the start of a year the branch rates the year just ended.
    return timezone.localdate().year - 1


@require_http_methods(["GET", "POST"])
@login_required
def member_ratings(request: HttpRequest, slug: str) -> HttpResponse:
    """One year's ratings of every member active that year; the Secretary fills them in as one table."""
    access = get_branch_for_user(request, slug, read_all=True)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    year = _year(request)
    table = selectors.ratings_table(branch=access.branch, year=year)
    initial = [
        {
            "member": member.pk,
            "level": rating.level if rating else "",
            "participation_percent": rating.participation_percent if rating else None,
            "note": rating.note if rating else "",
        }
        for member, rating in table
    ]
    formset = MemberRatingFormSet(request.POST or None, initial=initial, prefix="xl")
    if request.method == "POST" and formset.is_valid():
        members = {m.pk: m for m, _r in table}
        rows = []
        for form in formset:
            member = members.get(form.cleaned_data.get("member"))
            if member is None:
                continue  # not a member of this branch for that year: ignored, never saved
            rows.append({**form.cleaned_data, "member": member})
        try:
            saved = services.member_ratings_set(year=year, rows=rows)
        except ValidationError as exc:
            for index, errors in exc.message_dict.items():
                for message in errors:
                    formset.forms[int(index)].add_error("level", message)
        else:
            messages.success(
                request, _("Đã lưu xếp loại năm %(year)s của %(n)s đoàn viên.") % {"year": year, "n": saved}
            )
            return redirect(reverse("members:ratings", kwargs={"slug": slug}) + f"?year={year}")
    forms_by_member = {}
    for form in formset.forms:
        try:
            forms_by_member[int(form["member"].value())] = form
        except (TypeError, ValueError):
            continue
    rows = [((member, rating), forms_by_member.get(member.pk)) for member, rating in table]
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
            "rows": rows,
            "formset": formset,
            "counts": [(RatingLevel(level).label, n) for level, n in counts.items()],
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
