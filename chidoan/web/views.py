"""Pages that span the apps: the start page, the branch dashboard, sign-in and password change."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chidoan.lib import charts
from chidoan.lib.access import get_branch_for_user
from chidoan.lib.text import search_key
from chidoan.web.middleware import SESSION_KEY
from chidoan.web.permissions import branch_access, branches_visible_to
from congress.models import Congress
from members import selectors as member_selectors
from members import services as member_services
from members.models import BranchRating, MemberStatus
from terms.models import CommitteeSeat, Outcome, Target, TargetKind, Term

BRANCHES_PER_PAGE = 25


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the user's branch; a list with search when they see several (officers: up to thousands)."""
    branches = branches_visible_to(request.user).select_related("parent").order_by("name", "pk")
    first_two = list(branches[:2])
    if len(first_two) == 1:
        if branch_access(request.user, first_two[0]) is None:
            # A login kept after its member left the branch: nothing to open.
            return render(request, "home.html", {"page": None, "query": "", "has_any": False})
        return redirect("dashboard", slug=first_two[0].slug)
    query = request.GET.get("q", "").strip()
    if query:
        # Accent-free match in Python over (pk, name) only: cheap for a few thousand branches,
        # and identical on SQLite and PostgreSQL.
        words = search_key(query).split()
        ids = [pk for pk, name in branches.values_list("pk", "name") if all(w in search_key(name) for w in words)]
        branches = branches.filter(pk__in=ids)
    page = Paginator(branches, BRANCHES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home.html", {"page": page, "query": query, "has_any": bool(first_two)})


@dataclass(frozen=True)
class TargetLine:
    target: Target
    outcome: str
    outcome_label: str
    percent: int
    reached: str  # the latest value, as written


def _number(value) -> str:
    return f"{value.normalize():f}" if value is not None else "0"


def _reached(target: Target) -> str:
    """Where the target stands, as a secretary would say it: "2/5 đoàn viên", "100/100%", "Đạt xếp loại…"."""
    entry = target.latest_entry()
    if target.kind == TargetKind.RATING:
        got = entry.get_rating_display() if entry else _("chưa có xếp loại")
        return f"{got} ({_('đề ra')}: {target.get_planned_rating_display()})"
    if target.kind == TargetKind.BOOLEAN:
        return _("Đã thực hiện") if entry and (entry.value or 0) > 0 else _("Chưa thực hiện")
    got = _number(entry.value) if entry else "0"
    unit = "%" if target.kind == TargetKind.PERCENT else f" {target.unit}" if target.unit else ""
    return f"{got}/{_number(target.planned_value)}{unit}"


def _targets_per_year(targets: list[Target], term: Term, today: datetime.date) -> list[tuple[int, int]]:
    reached = Counter(d.year for d in (t.reached_on() for t in targets) if d is not None)
    last_year = min(term.ends_on.year, max(today.year, term.starts_on.year))
    running, columns = 0, []
    for year in range(term.starts_on.year, last_year + 1):
        running += reached.get(year, 0)
        columns.append((year, running))
    return columns


@require_GET
@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Tổng quan: the term, the committee, the targets with progress, and the members at a glance."""
    access = get_branch_for_user(request, slug)
    branch, term = access.branch, access.term
    today = timezone.localdate()
    context: dict = {"access": access, "today": today, "term": term}

    if term is not None:
        on = min(today, term.ends_on)
        context["seats"] = list(
            CommitteeSeat.objects.filter(term=term).held_on(on).select_related("member").in_role_order()
        )
        targets = list(
            Target.objects.filter(resolution__term=term)
            .select_related("responsible", "resolution__term")
            .prefetch_related("progress_entries")
        )
        lines = []
        for target in targets:
            outcome = target.outcome_on(today)
            lines.append(
                TargetLine(target, outcome, Outcome(outcome).label, target.progress_percent(), _reached(target))
            )
        context["target_lines"] = lines
        counts = Counter(line.outcome for line in lines)
        context["outcome_counts"] = [(o, Outcome(o).label, counts.get(o, 0)) for o in Outcome.values]
        context["reached_count"] = counts.get(Outcome.ACHIEVED, 0) + counts.get(Outcome.EXCEEDED, 0)
        if targets:
            context["targets_chart"] = charts.targets_chart(_targets_per_year(targets, term, today), len(targets))
        context["term_over"] = today > term.ends_on
        context["congress"] = Congress.objects.filter(closes_term=term).first()

    if access.can_read_all:
        counts = member_selectors.status_counts(branch=branch, on=today)
        context["status_counts"] = [(s, MemberStatus(s).label, counts[s]) for s in MemberStatus.values]
        context["active_count"] = counts[MemberStatus.ACTIVE]
        bands = member_selectors.active_age_bands(branch=branch, on=today)
        context["age_chart"] = charts.age_chart(bands)
        context["near_age_count"] = sum(b.near_limit for b in bands)
        context["over_age_count"] = sum(b.over_limit for b in bands)
        context["latest_rating"] = BranchRating.objects.filter(branch=branch).order_by("-year").first()
    return render(request, "dashboard/dashboard.html", context)


class VietnamesePasswordChangeForm(PasswordChangeForm):
    """Django's form; the one validator message Django's Vietnamese catalogue leaves in English is reworded."""

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            messages_ = [
                _("Mật khẩu quá ngắn: cần ít nhất %(n)s ký tự.") % {"n": (e.params or {}).get("min_length", 8)}
                if e.code == "password_too_short"
                else e
                for e in error.error_list
            ]
            self.add_error(password_field_name, messages_)


class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change, which also ends a one-time password's grip (see chidoan.web.middleware)."""

    form_class = VietnamesePasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["must_change"] = bool(self.request.session.get(SESSION_KEY))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        member_services.account_password_changed(user=self.request.user)
        self.request.session[SESSION_KEY] = False
        return response


password_change = PasswordChange.as_view()
