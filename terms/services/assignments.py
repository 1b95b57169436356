"""Phân công phụ trách: which committee member looks after which area of work in a term."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged
from members.models import Member
from terms import rules, selectors
from terms.models import Assignment, Term


@transaction.atomic
def assignment_set(
    *, term: Term, member: Member, area: str, seen_versions: Mapping[int, int] | None = None
) -> Assignment:
    """Give the area to `member`: a new area, or a new person for an area that has one.

    `seen_versions` are the versions of the term's assignments as the user's page showed
    them (pk -> version): an area given to someone else meanwhile, or one that was not on
    the page, is refused rather than overwritten. Without it (a step of another service)
    the area is taken as it stands now.

    The term is locked first, so two saves for one area go one after the other: a new area given
    twice at the same moment is refused the second time as stale (the area was not on that page),
    never left to the database's unique constraint (assignment_unique_area).
    """
    Term.objects.select_for_update().filter(pk=term.pk).values_list("pk", flat=True).first()
    if not selectors.sat_on_committee(term=term, member=member):
        raise ValidationError({"member": _("Chỉ phân công cho Ủy viên Ban Chấp hành của nhiệm kỳ.")})
    area = rules.area_name(area)
    assignment = Assignment.objects.select_for_update().filter(term=term, area=area).first()
    if assignment is None:
        assignment = Assignment(term=term, member=member, area=area)
        assignment.full_clean()
        assignment.save()
        return assignment
    if assignment.member_id == member.pk:
        return assignment  # already so: nothing to write, nothing to lose
    # 0 is no version: an area the page did not show cannot be the one the user meant to change.
    expected = assignment.version if seen_versions is None else seen_versions.get(assignment.pk, 0)
    assignment.member = member
    assignment.full_clean()
    save_if_unchanged(assignment, expected_version=expected)
    return assignment
