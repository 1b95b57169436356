"""Yearly ratings (xếp loại) of the members and of the branch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.forms import add_service_error
from chidoan.lib.locking import Change, StaleEditError, refuse_stale
from chidoan.lib.numbers import vn_number
from members import rating_selectors, services
from members.forms import RATINGS_PER_PAGE, BranchRatingForm, MemberRatingFormSet, RatingsFilterForm
from members.models import BranchRating, Member, MemberQuerySet, MemberRating, RatingLevel
from members.views.common import SignedInRequest

Table = list[tuple[Member, MemberRating | None]]


def _default_year() -> int:
    # At the start of a year the branch rates the year just ended.
    return timezone.localdate().year - 1


def ratings_filters(request: HttpRequest) -> tuple[int, str, bool]:
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


def _posted(members: MemberQuerySet, posted: QueryDict, *, year: int) -> Table:
    """The year's members among the lines sent (at most a page), with their ratings: another branch's are left out."""
    formset = MemberRatingFormSet(posted, prefix="xl")
    ids = set()
    for form in formset.forms:
        try:
            ids.add(int(form["member"].value()))
        except (TypeError, ValueError):
            continue
    return rating_selectors.with_ratings(members.filter(pk__in=ids), year=year)


def _initial(lines: Table) -> list[dict[str, Any]]:
    return [
        {
            "member": member.pk,
            "version": rating.version if rating else 0,
            "level": rating.level if rating else "",
            "participation_percent": rating.participation_percent if rating else None,
            "note": rating.note if rating else "",
        }
        for member, rating in lines
    ]


def _rating_text(level: str, participation_percent: Any) -> str:
    if not level:
        return ""
    text = str(RatingLevel(level).label)
    return f"{text}, {vn_number(participation_percent)}%" if participation_percent is not None else text


def _refuse_stale(formset: BaseFormSet, posted: QueryDict, table: Table) -> tuple[list[Change], QueryDict]:
    """What was rated meanwhile on this page, and the page's data moved to those versions to be sent again.

    The lines stay as the user typed them; only their versions change (chidoan.lib.locking.refuse_stale
    does the same for a page of one record).
    """
    now = {member.pk: (member, rating) for member, rating in table}
    data = posted.copy()
    changed = []
    for form in formset.forms:
        pair = now.get(form.cleaned_data.get("member"))
        if pair is None:
            continue
        member, rating = pair
        version = rating.version if rating else 0
        if version != form.cleaned_data["version"]:
            data[form.add_prefix("version")] = str(version)
            saved = _rating_text(rating.level, rating.participation_percent) if rating else ""
            typed = _rating_text(form.cleaned_data["level"], form.cleaned_data.get("participation_percent"))
            changed.append(Change(member.full_name, saved, typed))
    return changed, data


def _lines(
    formset: BaseFormSet, table: Table, page_lines: Table
) -> list[tuple[tuple[Member, MemberRating | None], Any]]:
    """The page's lines: the member and their rating, with the line's form."""
    if not formset.is_bound:
        return list(zip(page_lines, formset.forms, strict=True))
    # A refused save shows the lines as they were sent, with their errors.
    by_member = {member.pk: (member, rating) for member, rating in table}
    lines = []
    for form in formset.forms:
        try:
            pair = by_member.get(int(form["member"].value()))
        except (TypeError, ValueError):
            continue
        if pair is not None:
            lines.append((pair, form))
    return lines


def _save(formset: BaseFormSet, table: Table, *, year: int) -> int:
    """Save the page; a refused line gets its errors on its own form (ValidationError is raised again)."""
    members = {member.pk: member for member, _rating in table}
    rows, row_forms = [], []
    for form in formset:
        member = members.get(form.cleaned_data.get("member"))
        if member is None:
            continue  # not a member of this branch for that year: ignored, never saved
        data = form.cleaned_data
        rows.append(
            services.RatingRow(
                member=member,
                level=data["level"],
                version=data["version"],
                participation_percent=data.get("participation_percent"),
                note=data.get("note") or "",
            )
        )
        row_forms.append(form)
    try:
        return services.member_ratings_set(year=year, rows=rows)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for index, errors in exc.message_dict.items():
                for message in errors:
                    row_forms[int(index)].add_error("level", message)
        raise


@require_http_methods(["GET", "POST"])
@login_required
def member_ratings(request: SignedInRequest, slug: str) -> HttpResponse:
    """One year's ratings of the members active that year, 50 a page in name order; the Secretary saves a page at once.

    The year, the page, the name search and the "not yet rated" filter are in the query string, kept
    through the save; a page is saved whole or not at all, and refused if one of its ratings was
    changed by someone else since it was opened.
    """
    access = get_branch_for_user(request, slug, read_all=True)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    year, query, unrated_only = ratings_filters(request)
    members = rating_selectors.members_rated_in(branch=access.branch, year=year)
    year_table = rating_selectors.year_table(branch=access.branch, year=year)
    page = rating_selectors.ratings_page(
        table=year_table,
        query=query,
        unrated_only=unrated_only,
        number=request.GET.get("page"),
        per_page=RATINGS_PER_PAGE,
    )
    page_lines = rating_selectors.with_ratings(page.object_list, year=year)
    initial = _initial(page_lines)
    # A POST's lines are those it sent (a refused save shows them again), read once they are known.
    table = _posted(members, request.POST, year=year) if request.method == "POST" else page_lines
    formset = MemberRatingFormSet(request.POST or None, initial=initial, prefix="xl")
    save_errors: list[str] = []
    changed: list[Change] | None = None
    if request.method == "POST" and formset.is_valid():
        try:
            saved = _save(formset, table, year=year)
        except StaleEditError as exc:
            table = _posted(members, request.POST, year=year)  # with what was saved meanwhile
            changed, data = _refuse_stale(formset, request.POST, table)
            formset = MemberRatingFormSet(data, initial=initial, prefix="xl")
            formset.is_valid()
            save_errors = exc.messages
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                save_errors = exc.messages
        else:
            messages.success(
                request, _("Đã lưu xếp loại năm %(year)s của %(n)s đoàn viên.") % {"year": year, "n": saved}
            )
            return redirect(_ratings_address(slug, year=year, page=page.number, query=query, unrated_only=unrated_only))
    counts = year_table.counts  # a refused save saved nothing: the table read first still holds
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
            "rows": _lines(formset, table, page_lines),
            "formset": formset,
            "save_errors": save_errors,
            "changed": changed,
            "counts": [(RatingLevel(level).label, n) for level, n in counts.by_level.items()],
            "unrated": counts.unrated,
            "total": counts.total,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def branch_ratings(request: SignedInRequest, slug: str) -> HttpResponse:
    """The branch's rating of each year; the form opens on the year of ?year= (last year by default) with
    its version, and a save over a rating someone else saved meanwhile is refused with what they saved."""
    access = get_branch_for_user(request, slug, read_all=True)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    year = ratings_filters(request)[0]
    opened = BranchRating.objects.filter(branch=access.branch, year=year).first()
    initial: dict[str, Any] = {"year": year, "version": 0}
    if opened is not None:
        initial.update(level=opened.level, rank_note=opened.rank_note, version=opened.version)
    form = BranchRatingForm(request.POST or None, initial=initial)
    changed: list[Change] | None = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected_version = data.pop("version")
        try:
            rating = services.branch_rating_set(branch=access.branch, expected_version=expected_version, **data)
        except StaleEditError as exc:
            saved = BranchRating.objects.get(branch=access.branch, year=data["year"])
            changed = refuse_stale(form, saved, exc, ["level", "rank_note"])
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Đã lưu xếp loại chi đoàn năm %(year)s.") % {"year": rating.year})
            return redirect("members:branch_ratings", slug=slug)
    return render(
        request,
        "members/branch_ratings.html",
        {
            "access": access,
            "form": form,
            "ratings": BranchRating.objects.filter(branch=access.branch).order_by("-year"),
            "changed": changed,
        },
    )
