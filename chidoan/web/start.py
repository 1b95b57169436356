"""The start page: straight to the user's branch; for an officer, the tree below them, level by level, with figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from chidoan.lib import charts
from chidoan.lib.dates import today
from chidoan.web import overview
from chidoan.web.permissions import branch_access, branches_visible_to
from members.models import MemberStatus, Organisation

BRANCHES_PER_PAGE = 25
MEMBERS_FOUND = 25

# GET ?sort=<key> (prefix "-" for descending): the value each column sorts by.
SORTS: dict[str, Any] = {
    "ten": lambda r: (r.name.casefold(), r.organisation.pk),
    "doan_vien": lambda r: r.active,
    "bch": lambda r: (-r.seats_vacant, r.seats_filled),
    "bi_thu": lambda r: -r.without_secretary,
    "nhiem_ky": lambda r: (r.term_ends_on is None, r.term_ends_on),
    "dai_hoi": lambda r: (overview.CONGRESS_ORDER.index(r.worst_congress), -r.congress[r.worst_congress]),
    "chi_tieu": lambda r: (r.targets_reached / r.targets_total) if r.targets_total else -1,
    "bao_cao": lambda r: (-r.without_report, -r.report_unsent),
    "xep_loai": lambda r: r.rating_label,
    "tuoi": lambda r: -(r.over_age + r.near_age),
}
# GET ?loc=<key>: the rows kept.
FILTERS: dict[str, Any] = {
    "qua-han": lambda r: r.congress[overview.OVERDUE] > 0,
    "den-han": lambda r: r.congress[overview.OVERDUE] + r.congress[overview.DUE] > 0,
    "chua-co-bi-thu": lambda r: r.without_secretary > 0,
    "chua-gui-bao-cao": lambda r: r.report_unsent > 0,
    "con-trong-bch": lambda r: r.seats_vacant > 0,
    "qua-tuoi": lambda r: r.over_age + r.near_age > 0,
}
FILTER_LABELS = {
    "qua-han": gettext_lazy("Quá hạn Đại hội"),
    "den-han": gettext_lazy("Đến hạn hoặc quá hạn Đại hội"),
    "chua-co-bi-thu": gettext_lazy("Chưa có Bí thư có tài khoản"),
    "chua-gui-bao-cao": gettext_lazy("Chưa gửi báo cáo kiểm điểm lên cấp trên"),
    "con-trong-bch": gettext_lazy("Ban Chấp hành còn vị trí trống"),
    "qua-tuoi": gettext_lazy("Có đoàn viên sắp hoặc quá tuổi"),
}
STATUS_COLOURS: dict[str, str] = {
    MemberStatus.ACTIVE: charts.BLUE,
    MemberStatus.TRANSFERRED: charts.ORANGE,
    MemberStatus.CAME_OF_AGE: charts.GREEN,
}
CONGRESS_COLOURS = {overview.OVERDUE: charts.RED, overview.DUE: charts.ORANGE, overview.HELD: charts.GREEN}


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A member goes straight to their branch; an officer (up to thousands of branches) gets the tree with figures."""
    branches = branches_visible_to(request.user).select_related("parent").order_by("name", "pk")
    first_two = list(branches[:2])
    if len(first_two) == 1:
        access = branch_access(request.user, first_two[0])
        if access is None:
            # A login kept after its member left the branch: nothing to open.
            return render(request, "home.html", {"page": None, "query": "", "has_any": False})
        if access.reads_closed_terms_only:
            # ... or who sat on the committee of a closed term: its records.
            return redirect("terms:committee", slug=first_two[0].slug)
        return redirect("dashboard", slug=first_two[0].slug)
    scopes = overview.officer_scopes(request.user)
    query = request.GET.get("q", "").strip()
    if not scopes or query:
        if query:
            # The stored key (members 0007), served on PostgreSQL by a trigram index.
            branches = branches.search(query)
        page = Paginator(branches, BRANCHES_PER_PAGE).get_page(request.GET.get("page"))
        context: dict[str, Any] = {"page": page, "query": query, "has_any": bool(first_two), "officer": bool(scopes)}
        if query and scopes:
            context["members"], context["members_count"] = overview.search_members(
                scopes=scopes, query=query, limit=MEMBERS_FOUND
            )
        return render(request, "home.html", context)
    return _officer_level(request, scopes)


def _officer_level(request: HttpRequest, scopes: list[Organisation]) -> HttpResponse:
    parent = _level_parent(request, scopes)
    on = today()
    rows = overview.level_rows(organisations=overview.level_organisations(parent=parent, scopes=scopes), on=on)
    charts_context = _charts(rows)
    chosen = request.GET.get("loc", "")
    if chosen in FILTERS:
        rows = [r for r in rows if FILTERS[chosen](r)]
    sort = request.GET.get("sort", "ten")
    key = SORTS.get(sort.removeprefix("-"))
    if key is None:
        sort, key = "ten", SORTS["ten"]
    rows.sort(key=SORTS["ten"])
    rows.sort(key=key, reverse=sort.startswith("-"))
    page = Paginator(rows, BRANCHES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": "",
        "has_any": True,
        "officer": True,
        "level": parent,
        "trail": list(parent.ancestors().filter(path__startswith=_scope_of(parent, scopes).path)) if parent else [],
        "sort": sort,
        "chosen": chosen,
        "filters": list(FILTER_LABELS.items()),
        "sorts": _sort_links(sort),
        "today": on,
        **charts_context,
    }
    return render(request, "home_officer.html", context)


def _scope_of(organisation: Organisation, scopes: list[Organisation]) -> Organisation:
    return next(s for s in scopes if organisation.path.startswith(s.path))


def _level_parent(request: HttpRequest, scopes: list[Organisation]) -> Organisation | None:
    """The organisation whose children the page lists: ?to-chuc=<slug> inside the officer's subtree, else
    the single scope (or None: the scopes themselves, for an officer of several)."""
    slug = request.GET.get("to-chuc", "")
    if not slug:
        return scopes[0] if len(scopes) == 1 and not scopes[0].is_branch else None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or organisation.is_branch or not overview.in_scopes(organisation, scopes):
        raise Http404
    return organisation


def _sort_links(sort: str) -> dict[str, str]:
    """For each column, the sort its header link asks for: the other direction when already sorted by it."""
    return {key: (f"-{key}" if sort == key else key) for key in SORTS}


def _short(label: str, size: int = 7) -> str:
    """A chart's row label fits its 64 px column; the full name is in the table next to it."""
    return label if len(label) <= size else label[: size - 1] + "…"


def _charts(rows: list[overview.Row]) -> dict[str, Any]:
    if not rows:
        return {}
    congress = {s: sum(r.congress[s] for r in rows) for s in overview.CONGRESS_ORDER}
    congress_rows = [
        charts.Row(
            label=str(overview.CONGRESS_SHORT[s]),
            segments=[
                charts.Segment(congress[s], CONGRESS_COLOURS.get(s, charts.BLUE), str(overview.CONGRESS_LABELS[s]))
            ],
        )
        for s in overview.CONGRESS_ORDER
    ]
    member_rows = [
        charts.Row(
            label=_short(row.organisation.short_name or row.name),
            segments=[
                charts.Segment(row.statuses[s], STATUS_COLOURS.get(s, charts.MUTED), str(MemberStatus(s).label))
                for s in MemberStatus.values
            ],
        )
        for row in sorted(rows, key=lambda r: -r.active)[:12]
    ]
    return {
        "congress_counts": [(overview.CONGRESS_LABELS[s], congress[s]) for s in overview.CONGRESS_ORDER],
        "congress_chart": charts.horizontal_bars(
            congress_rows, title=_("Chi đoàn theo tình hình Đại hội"), chart_id="bieu-do-dai-hoi", width=520
        ),
        "members_chart": charts.horizontal_bars(
            member_rows,
            title=_("Đoàn viên theo tình trạng, theo tổ chức trực thuộc"),
            chart_id="bieu-do-doan-vien",
            width=520,
        ),
        "status_labels": [(s, MemberStatus(s).label) for s in MemberStatus.values],
    }
