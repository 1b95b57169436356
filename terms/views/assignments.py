"""The assignments page (phân công phụ trách), under the committee tab."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from chidoan.lib.access import get_branch_for_user
from chidoan.lib.dates import today
from terms import rules, selectors, services
from terms.forms import AssignmentForm
from terms.models import Assignment
from terms.views.common import GET_POST, page_context, required_term, save_form, saved_and_back, workspace_url


@login_required
@GET_POST
def assignments(request: HttpRequest, slug: str) -> HttpResponse:
    """Phân công phụ trách: everyone of the branch reads it; the Secretary, Deputy and editors set it."""
    access = get_branch_for_user(request, slug, write=request.method == "POST")
    term, terms = required_term(request, access)
    form: AssignmentForm | None = None
    changed = None
    if request.method == "POST":
        posted = form = AssignmentForm(request.POST, term=term)
        assignment, changed = save_form(
            posted,
            lambda data: services.assignment_set(
                term=term, member=data["member"], area=data["area"], seen_versions=data["versions"]
            ),
            record=lambda: Assignment.objects.get(term=term, area=rules.area_name(posted.cleaned_data["area"])),
            fields=["member"],
        )
        if assignment is not None:
            message = _("Đã phân công đồng chí %(name)s phụ trách %(area)s.") % {
                "name": assignment.member.full_name,
                "area": assignment.area,
            }
            return saved_and_back(request, message, workspace_url("assignments", access, term))
    elif access.can_edit:
        form = AssignmentForm(term=term)
    # A past term's page flags who had left by its end; the current term's, who has left by today.
    current = access.term is not None and access.term.pk == term.pk
    flagged = selectors.assignments_with_departures(term=term, on=today() if current else min(today(), term.ends_on))
    rows = [assignment for assignment, _departure in flagged]
    versions = AssignmentForm.versions_of(rows)
    if form is not None:
        # The versions of the rows this page shows: a save over anything changed since is refused.
        if form.is_bound:
            form.data = cast(QueryDict, form.data).copy()
            form.data["versions"] = versions
        else:
            form.initial["versions"] = versions
    context = page_context(
        access,
        term,
        terms,
        form=form,
        assignments=flagged,
        changed=changed,
        # Each row's "Đổi người phụ trách" posts the same form with the area as it stands.
        versions=versions,
        member_choices=list(selectors.committee_members(term=term)) if form is not None else [],
        changing_area=form.data.get("area") if form is not None and form.is_bound else None,
    )
    return render(request, "terms/assignments.html", context)
