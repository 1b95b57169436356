"""What one user may do in one branch, as every app's views ask it.

The roles come from the data of several apps (the member linked to the login,
officer grants, the committee seats of the current term), so the rule that
derives them lives in the top layer (`chidoan.web.permissions`), which registers
it here when the project starts (`chidoan.web.apps.WebConfig.ready`). The apps
call `get_branch_for_user` from this module and never import the top layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _


class Role:
    ADMIN = "admin"
    SECRETARY = "secretary"
    DEPUTY = "deputy"
    COMMITTEE = "committee"
    MEMBER = "member"
    OFFICER = "officer"
    OFFICER_EDITOR = "officer_editor"
    # A login whose member held a seat in a closed term of the branch and is no longer an active member
    # there (came of age, left, moved away): reads that term's records, nothing else of the branch.
    FORMER_COMMITTEE = "former_committee"


EDITORS = {Role.ADMIN, Role.SECRETARY, Role.DEPUTY, Role.OFFICER_EDITOR}
READ_ALL = EDITORS | {Role.COMMITTEE, Role.OFFICER}
OFFICERS = {Role.OFFICER, Role.OFFICER_EDITOR, Role.ADMIN}


@dataclass(frozen=True)
class Access:
    """What one user may do in one branch.

    `branch` is a `members.Organisation`, `member` the user's own `members.Member`
    in this branch (or None), `term` the branch's current `terms.Term` (or None),
    and `seats` the committee seats of that term as a lazy QuerySet (no query
    until it is filtered and read) with each seat's role name as `role_label`,
    for pages of lower apps that show who is on the committee (the member list).
    `former_seats` are the seats the user's member held in the branch's closed terms
    (lazy too), so that an outgoing committee keeps reading its own term's records.
    """

    branch: Any
    role: str
    member: Any = None
    term: Any = None
    seats: QuerySet | None = None
    former_seats: QuerySet | None = None

    @property
    def is_closed(self) -> bool:
        """The branch was merged or dissolved (members 0008): its records stay, read only, for everyone."""
        return getattr(self.branch, "closed_on", None) is not None

    @property
    def can_edit(self) -> bool:
        """Change everything of the branch: Secretary, Deputy, editor officers, administrators; nobody once closed."""
        return self.role in EDITORS and not self.is_closed

    @property
    def can_read_all(self) -> bool:
        """See the member list and every record of the branch."""
        return self.role in READ_ALL

    def can_read_term(self, term: Any) -> bool:
        """Every record of `term`: whoever reads the whole branch, and the committee of a closed term, read only."""
        if self.can_read_all:
            return True
        return self.former_seats is not None and self.former_seats.filter(term=term).exists()

    @property
    def reads_closed_terms_only(self) -> bool:
        return self.role == Role.FORMER_COMMITTEE

    def sees_term(self, term: Any) -> bool:
        """Whether the records of `term` are open at all (else 404): only a former committee member is
        limited, to the closed terms they served in; other roles are let in or refused (403) per page."""
        return not self.reads_closed_terms_only or self.can_read_term(term)

    def readable_term_ids(self) -> set[int] | None:
        """The terms a former committee member reads (one query); None for every other role (no limit)."""
        if not self.reads_closed_terms_only or self.former_seats is None:
            return None
        return set(self.former_seats.values_list("term_id", flat=True))

    @property
    def sees_many_branches(self) -> bool:
        return self.role in OFFICERS

    def can_record_progress(self, target: Any) -> bool:
        if self.can_edit:
            return True
        if self.is_closed:
            return False
        return self.role == Role.COMMITTEE and self.member is not None and target.responsible_id == self.member.pk

    def is_own_record(self, member: Any) -> bool:
        return self.member is not None and self.member.pk == member.pk

    def can_see_member(self, member: Any) -> bool:
        """A member's page: whoever reads the whole branch, and the member themself."""
        return self.can_read_all or self.is_own_record(member)

    def can_edit_member_contact(self, member: Any) -> bool:
        return self.can_edit or (self.is_own_record(member) and not self.is_closed)


class BranchClosed(PermissionDenied):
    """A change asked of a closed branch: the 403 page says why (chidoan.web.errors)."""


def closed_message(branch: Any) -> str:
    """ "Chi đoàn đã giải thể ngày 01/03/2025: chỉ xem, không sửa." (the closing kind and date of members 0008)."""
    kind = branch.get_closed_kind_display().lower() if getattr(branch, "closed_kind", "") else _("ngừng hoạt động")
    return _("Chi đoàn đã %(kind)s ngày %(date)s: chỉ xem, không sửa.") % {
        "kind": kind,
        "date": branch.closed_on.strftime("%d/%m/%Y"),
    }


# The user of a request (the project keeps Django's own User model).
SiteUser = User | AnonymousUser
Resolver = Callable[[SiteUser, str], Access | None]
_resolver: Resolver | None = None


def register_resolver(resolver: Resolver) -> None:
    """Set the rule that gives a user's access to a branch, by the branch's slug (None: may not see it)."""
    global _resolver
    _resolver = resolver


def branch_access_by_slug(user: SiteUser, slug: str) -> Access | None:
    if _resolver is None:
        raise ImproperlyConfigured("chidoan.web must be in INSTALLED_APPS: it gives the roles of every branch.")
    return _resolver(user, slug)


def get_branch_for_user(
    request: HttpRequest, slug: str, *, write: bool = False, read_all: bool = False, closed_terms: bool = False
) -> Access:
    """The one access check for branch pages: 404 for what the user may not see, 403 for what they may not change.

    `closed_terms`: the page shows the records of one term, and checks `access.sees_term` for it (404 when
    not): the only pages a former committee member (Role.FORMER_COMMITTEE) opens; any change is 403 to them.
    """
    access = branch_access_by_slug(request.user, slug)
    if access is None:
        raise Http404
    if access.reads_closed_terms_only and not write and not closed_terms:
        raise Http404
    # The navigation (chidoan.web.context_processors) reads it instead of asking again.
    request.branch_access = access  # type: ignore[attr-defined]
    if write and access.is_closed:
        # The one place where a closed branch becomes read only, for every role (reads stay open).
        raise BranchClosed(closed_message(access.branch))
    if write and not access.can_edit:
        raise PermissionDenied
    if read_all and not access.can_read_all:
        raise PermissionDenied
    return access
