"""The branch dashboard (Tổng quan): the term, the committee, the targets with progress, the members at a glance."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chidoan.lib import charts, figures_cache
from chidoan.lib.access import Access, get_branch_for_user
from chidoan.lib.dates import today as local_today
from chidoan.lib.numbers import vn_number
from congress.models import Congress
from members import figures as member_figures
from members.models import BranchRating, MemberStatus
from terms import selectors as term_selectors
from terms.models import CommitteeSeat, Outcome, Target, TargetKind, Term
from terms.selectors import Departure


@dataclass(frozen=True)
class TargetLine:
    target: Target
    outcome: str
    outcome_label: str
    percent: int
    reached: str  # the latest value, as written
    responsible_left: Departure | None = None  # the person responsible left the branch or the committee


def reached_text(target: Target) -> str:
    """Where the target stands, as a secretary would say it: "2/5 đoàn viên", "100/100%", "Đạt xếp loại…"."""
    entry = target.latest_entry()
    if target.kind == TargetKind.RATING:
        got = entry.get_rating_display() if entry else _("chưa có xếp loại")
        return f"{got} ({_('đề ra')}: {target.get_planned_rating_display()})"
    if target.kind == TargetKind.BOOLEAN:
        return _("Đã thực hiện") if entry and (entry.value or 0) > 0 else _("Chưa thực hiện")
    got = vn_number(entry.value if entry else None, empty="0")
    unit = "%" if target.kind == TargetKind.PERCENT else f" {target.unit}" if target.unit else ""
    return f"{got}/{vn_number(target.planned_value, empty='0')}{unit}"


def targets_per_year(targets: list[Target], term: Term, today: datetime.date) -> list[tuple[int, int]]:
    """Targets reached by the end of each year of the term so far (cumulative), for the chart."""
    reached = Counter(d.year for d in (t.reached_on() for t in targets) if d is not None)
    last_year = min(term.ends_on.year, max(today.year, term.starts_on.year))
    running, columns = 0, []
    for year in range(term.starts_on.year, last_year + 1):
        running += reached.get(year, 0)
        columns.append((year, running))
    return columns


def _term_context(term: Term, today: datetime.date) -> dict[str, Any]:
    on = min(today, term.ends_on)
    seats = CommitteeSeat.objects.filter(term=term).held_on(on).select_related("member").in_role_order()
    targets = list(
        Target.objects.filter(resolution__term=term)
        .select_related("responsible", "resolution__term")
        .prefetch_related("progress_entries")
    )
    assignments = list(term_selectors.assignments_of_term(term=term))
    people = [a.member for a in assignments] + [t.responsible for t in targets if t.responsible is not None]
    gone = term_selectors.departures(term=term, members=people, on=today)
    lines = []
    for target in targets:
        outcome = target.outcome_on(today)
        label = str(Outcome(outcome).label)
        left = gone.get(target.responsible_id) if target.responsible_id else None
        lines.append(TargetLine(target, outcome, label, target.progress_percent(), reached_text(target), left))
    counts = Counter(line.outcome for line in lines)
    return {
        "seats": list(seats),
        "target_lines": lines,
        "outcome_counts": [(o, Outcome(o).label, counts.get(o, 0)) for o in Outcome.values],
        "reached_count": counts.get(Outcome.ACHIEVED, 0) + counts.get(Outcome.EXCEEDED, 0),
        "targets_chart": (
            charts.targets_chart(targets_per_year(targets, term, today), len(targets)) if targets else None
        ),
        "term_over": today > term.ends_on,
        # Areas still given to someone who left: the committee should hand them on.
        "stale_assignments": [(a, gone[a.member_id]) for a in assignments if a.member_id in gone],
        "congress": Congress.objects.filter(closes_term=term).first(),
    }


def _members_context(access: Access, today: datetime.date) -> dict[str, Any]:
    branch = access.branch
    figures = member_figures.branch_figures(branch=branch, on=today)
    statuses, bands = figures.statuses, figures.bands
    return {
        "status_counts": [(s, MemberStatus(s).label, statuses[s]) for s in MemberStatus.values],
        "active_count": statuses[MemberStatus.ACTIVE],
        "age_chart": charts.age_chart(bands),
        "near_age_count": sum(b.near_limit for b in bands),
        "over_age_count": sum(b.over_limit for b in bands),
        "latest_rating": BranchRating.objects.filter(branch=branch).order_by("-year").first(),
    }


def _body(access: Access, today: datetime.date) -> str:
    """The page's content: the term's figures for every role, the members' for those who read the whole branch."""
    term = access.term
    context: dict[str, Any] = {"access": access, "today": today, "term": term}
    if term is not None:
        context.update(_term_context(term, today))
    if access.can_read_all:
        context.update(_members_context(access, today))
    return render_to_string("dashboard/_body.html", context)


@require_GET
@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Every role of the branch sees the term; the member statistics are for those who read the whole branch."""
    access = get_branch_for_user(request, slug)
    today = local_today()
    # The content is the same for every reader of the branch with the same role on a day, in one
    # language: rendered once and cached per branch, made stale by every write it comes from
    # (chidoan.web.invalidation, chidoan.lib.figures_cache), the branch's and its term's included.
    term_pk = access.term.pk if access.term is not None else 0
    part = f"dashboard:{access.role}:{get_language()}:{term_pk}:{today.isoformat()}"
    body = figures_cache.cached(access.branch.pk, part, lambda: _body(access, today))
    return render(request, "dashboard/dashboard.html", {"access": access, "term": access.term, "body": body})
