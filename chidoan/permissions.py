"""Who may see and change what, derived from the data.

Roles are never a separate list that can drift: the Secretary and the Deputy
are whoever holds that seat in the branch's current term today, committee
members likewise; an ordinary member is the member linked to the login; an
officer is granted on an organisation and sees every branch below it.

This module sits in the project package because it reads both `members` and
`congress`; the apps' views call it, never the other way round.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone

from congress.models import CommitteeRole, CommitteeSeat, Term
from members.models import Member, Organisation, OrganisationKind, OrganisationOfficer


class Role:
    ADMIN = "admin"
    SECRETARY = "secretary"
    DEPUTY = "deputy"
    COMMITTEE = "committee"
    MEMBER = "member"
    OFFICER = "officer"
    OFFICER_EDITOR = "officer_editor"


EDITORS = {Role.ADMIN, Role.SECRETARY, Role.DEPUTY, Role.OFFICER_EDITOR}
READ_ALL = EDITORS | {Role.COMMITTEE, Role.OFFICER}


@dataclass(frozen=True)
class Access:
    """What one user may do in one branch."""

    branch: Organisation
    role: str
    member: Member | None  # the user's own member record in this branch, if any
    term: Term | None  # the branch's current term

    @property
    def can_edit(self) -> bool:
        """Change everything of the branch: Secretary, Deputy, editor officers, administrators."""
        return self.role in EDITORS

    @property
    def can_read_all(self) -> bool:
        """See the member list and every record of the branch."""
        return self.role in READ_ALL

    def can_record_progress(self, target) -> bool:
        if self.can_edit:
            return True
        return self.role == Role.COMMITTEE and self.member is not None and target.responsible_id == self.member.pk

    def is_own_record(self, member: Member) -> bool:
        return self.member is not None and self.member.pk == member.pk

    def can_see_member(self, member: Member) -> bool:
        """A member's page: whoever reads the whole branch, and the member themself."""
        return self.can_read_all or self.is_own_record(member)

    def can_edit_member_contact(self, member: Member) -> bool:
        return self.can_edit or self.is_own_record(member)


def today() -> datetime.date:
    return timezone.localdate()


def _officer_grant(user: AbstractBaseUser, branch: Organisation) -> OrganisationOfficer | None:
    prefixes = [branch.path[: i + 1] for i, ch in enumerate(branch.path) if ch == "/"]
    return OrganisationOfficer.objects.filter(user=user, organisation__path__in=prefixes).order_by("-can_edit").first()


def branch_access(
    user: AbstractBaseUser | AnonymousUser, branch: Organisation, *, on: datetime.date | None = None
) -> Access | None:
    """The user's access to `branch`, or None when they may not see it at all."""
    if not user.is_authenticated or branch.kind != OrganisationKind.BRANCH:
        return None
    on = on or today()
    term = Term.objects.current_for(branch, on)
    member = Member.objects.filter(user=user, branch=branch).first()
    if user.is_superuser:
        return Access(branch=branch, role=Role.ADMIN, member=member, term=term)
    if member is not None:
        seat = None
        if term is not None:
            seat = CommitteeSeat.objects.filter(term=term, member=member).held_on(on).first()
        if seat is not None:
            role = {
                CommitteeRole.SECRETARY: Role.SECRETARY,
                CommitteeRole.DEPUTY: Role.DEPUTY,
            }.get(seat.role, Role.COMMITTEE)
            return Access(branch=branch, role=role, member=member, term=term)
    grant = _officer_grant(user, branch)
    if grant is not None:
        return Access(
            branch=branch, role=Role.OFFICER_EDITOR if grant.can_edit else Role.OFFICER, member=member, term=term
        )
    if member is not None and Member.objects.filter(pk=member.pk).active_on(on).exists():
        return Access(branch=branch, role=Role.MEMBER, member=member, term=term)
    return None


def get_branch_for_user(request: HttpRequest, slug: str, *, write: bool = False, read_all: bool = False) -> Access:
    """The one access check for branch pages: 404 for what the user may not see, 403 for what they may not change."""
    branch = Organisation.objects.filter(slug=slug, kind=OrganisationKind.BRANCH).first()
    if branch is None:
        raise Http404
    access = branch_access(request.user, branch)
    if access is None:
        raise Http404
    # The navigation (chidoan.context_processors) reads it instead of asking again.
    request.branch_access = access
    if write and not access.can_edit:
        raise PermissionDenied
    if read_all and not access.can_read_all:
        raise PermissionDenied
    return access


def branches_visible_to(user: AbstractBaseUser | AnonymousUser):
    """Every branch the user may open: their own, and all below the organisations they are officer of."""
    branches = Organisation.objects.branches()
    if not user.is_authenticated:
        return branches.none()
    if user.is_superuser:
        return branches
    # A subquery, not a join: joining every member of the province and then
    # DISTINCT cost ~2 s for a province officer at 100,000 members (bench/scale.py).
    condition = Q(pk__in=Member.objects.filter(user=user).values("branch_id"))
    for path in OrganisationOfficer.objects.filter(user=user).values_list("organisation__path", flat=True):
        condition |= Q(path__startswith=path)
    return branches.filter(condition)
