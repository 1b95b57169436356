"""Who may see and change an organisation itself (not a branch's members): the officers' rights on the tree.

A read officer (`OrganisationOfficer`) sees the organisation they are granted on and
everything below it; an editor opens organisations below it and gives rights on that
subtree; the organisation's name, place in the tree, closing and settings are changed by
an editor *above* it (the upper level decides them). A branch's own editors (Secretary,
Deputy: `chidoan.lib.access`) may change its document lines only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from chidoan.lib.access import Access, SiteUser, branch_access_by_slug
from members.models import Organisation, OrganisationKind, OrganisationOfficer, OrganisationQuerySet


@dataclass(frozen=True)
class OrganisationAccess:
    organisation: Organisation
    reads_all: bool  # sees the organisation's page and settings
    edits_below: bool  # opens organisations below it, gives officer rights on its subtree
    manages: bool  # an editor above it: name, parent, closing, settings
    edits_documents: bool  # the document header lines
    branch: Access | None = None  # a branch's own access (chidoan.lib.access), for its navigation


def _prefixes(organisation: Organisation) -> list[str]:
    return [organisation.path[: i + 1] for i, ch in enumerate(organisation.path) if ch == "/"]


def organisation_access(*, user: SiteUser, organisation: Organisation) -> OrganisationAccess | None:
    """The user's rights on `organisation`, or None when they may not see it."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return OrganisationAccess(organisation, True, True, True, not organisation.is_closed)
    grants = list(
        OrganisationOfficer.objects.filter(user=user, organisation__path__in=_prefixes(organisation)).values_list(
            "organisation__path", "can_edit"
        )
    )
    edits_below = any(can_edit for _path, can_edit in grants)
    manages = any(can_edit and path != organisation.path for path, can_edit in grants)
    branch_reads = branch_edits = False
    access = None
    if organisation.kind == OrganisationKind.BRANCH:
        access = branch_access_by_slug(user, organisation.slug)
        if access is not None and access.reads_closed_terms_only:
            access = None  # a former committee member reads the closed term's records, not the branch itself
        if access is None and not grants:
            return None
        if access is not None:
            branch_reads, branch_edits = access.can_read_all, access.can_edit
    elif not grants:
        return None
    return OrganisationAccess(
        organisation=organisation,
        reads_all=bool(grants) or branch_reads,
        edits_below=edits_below,
        manages=manages,
        # A closed organisation's settings and document lines are read only, like its branch's records.
        edits_documents=(manages or branch_edits) and not organisation.is_closed,
        branch=access if organisation.kind == OrganisationKind.BRANCH else None,
    )


def organisation_for_request(
    request: HttpRequest, slug: str, *, may: Callable[[OrganisationAccess], bool] | None = None
) -> OrganisationAccess:
    """The one access check of the pages of an organisation itself (its page and settings, its statistics,
    the documents it received): 404 for an organisation the user may not see (no such slug, or outside
    their subtree), 403 for one they see but may not read all of, or where `may(access)` is false
    (the right the page asks for: `lambda access: access.manages`, the statistics' `may_issue` ...).

    A branch's own access is set on the request for the branch's navigation
    (chidoan.web.context_processors), on these pages too, before any 403.
    """
    organisation = Organisation.objects.filter(slug=slug).select_related("parent", "merged_into").first()
    access = organisation_access(user=request.user, organisation=organisation) if organisation else None
    if access is None:
        raise Http404
    if access.branch is not None:
        request.branch_access = access.branch  # type: ignore[attr-defined]
    if not access.reads_all or (may is not None and not may(access)):
        raise PermissionDenied
    return access


def organisations_edited_by(user: SiteUser) -> OrganisationQuerySet:
    """Every organisation the user may open organisations below or give rights on (their editor subtrees)."""
    organisations = Organisation.objects.all()
    if not user.is_authenticated:
        return organisations.none()
    if user.is_superuser:
        return organisations
    paths = list(
        OrganisationOfficer.objects.filter(user=user, can_edit=True).values_list("organisation__path", flat=True)
    )
    if not paths:
        return organisations.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return organisations.filter(condition)
