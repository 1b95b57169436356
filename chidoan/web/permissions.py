"""Who may see and change what, derived from the data.

Roles are never a separate list that can drift: the Secretary and the Deputy
are whoever holds that seat in the branch's current term today, committee
members likewise; an ordinary member is the member linked to the login; an
officer is granted on an organisation and sees every branch below it. A login
whose member held a seat in a closed term of the branch, and is no longer an
active member there, reads that term's records only (Role.FORMER_COMMITTEE).

This module is the top layer because it reads both `members` and `terms`; it
registers `resolve_branch_access` with `chidoan.lib.access` at start-up, and
the apps' views ask that module, never this one.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db.models import OuterRef, Q, Subquery

from chidoan.lib.access import Access, Role, SiteUser
from chidoan.lib.dates import today
from members.models import Member, Organisation, OrganisationKind, OrganisationOfficer, OrganisationQuerySet
from terms.models import CommitteeRole, CommitteeSeat, Term


def _officer_grant(user: User, branch: Organisation) -> OrganisationOfficer | None:
    prefixes = [branch.path[: i + 1] for i, ch in enumerate(branch.path) if ch == "/"]
    return OrganisationOfficer.objects.filter(user=user, organisation__path__in=prefixes).order_by("-can_edit").first()


def branch_access(user: SiteUser, branch: Organisation, *, on: datetime.date | None = None) -> Access | None:
    """The user's access to `branch`, or None when they may not see it at all."""
    if not user.is_authenticated or branch.kind != OrganisationKind.BRANCH:
        return None
    on = on or today()
    term = Term.objects.current_for(branch, on)
    members = Member.objects.filter(user=user, branch=branch)
    if term is not None:  # the member's seat today in the same query: the role is one query, not two
        seat = CommitteeSeat.objects.filter(term=term, member=OuterRef("pk")).held_on(on)
        first = seat.order_by("position", "started_on", "id")  # the seats' own order within a term
        members = members.annotate(seat_role=Subquery(first.values("role")[:1]))
    member = members.first()
    if member is not None:  # what the page header reads as `user.member`: no second query for it
        Member._meta.get_field("user").remote_field.set_cached_value(user, member)
    seats = (
        CommitteeSeat.objects.filter(term=term) if term is not None else CommitteeSeat.objects.none()
    ).with_role_label()

    # The seats the login's member held in the branch's closed terms (the terms before the current one: a
    # term stays current until the next begins), by the login, not the branch: a member who moved to another
    # branch keeps their record (and login) there.
    former = CommitteeSeat.objects.filter(member__user=user, term__branch=branch, term__starts_on__lte=on)
    former = former.exclude(term=term) if term is not None else former.none()

    def access(role: str) -> Access:
        return Access(branch=branch, role=role, member=member, term=term, seats=seats, former_seats=former)

    if user.is_superuser:
        return access(Role.ADMIN)
    seat_role = getattr(member, "seat_role", None)
    if seat_role is not None:
        role = {
            CommitteeRole.SECRETARY: Role.SECRETARY,
            CommitteeRole.DEPUTY: Role.DEPUTY,
        }.get(seat_role, Role.COMMITTEE)
        return access(role)
    grant = _officer_grant(user, branch)
    if grant is not None:
        return access(Role.OFFICER_EDITOR if grant.can_edit else Role.OFFICER)
    if member is not None and Member.objects.filter(pk=member.pk).active_on(on).exists():
        return access(Role.MEMBER)
    if former.exists():
        return access(Role.FORMER_COMMITTEE)
    return None


def resolve_branch_access(user: SiteUser, slug: str) -> Access | None:
    """Registered with chidoan.lib.access: the access to the branch with this slug, None when there is none to see."""
    branch = Organisation.objects.filter(slug=slug, kind=OrganisationKind.BRANCH).first()
    if branch is None:
        return None
    return branch_access(user, branch)


def branches_visible_to(user: SiteUser) -> OrganisationQuerySet:
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
