"""The branch navigation: one tab per app, on every page of a branch.

The view has already checked access (chidoan.lib.access.get_branch_for_user
stores it on the request); without it, as on the sign-in page, there is no
branch navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chidoan.web.frame import frame_reverse


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # URL names (or "namespace:prefix*") under which this item is the current one.
    active_for: tuple[str, ...]
    read_all_only: bool = False
    # Opens for a former committee member (Role.FORMER_COMMITTEE): the closed term's records.
    closed_terms: bool = False


BRANCH_NAV = [
    NavItem(_("Tổng quan"), "dashboard", ("dashboard",)),
    NavItem(_("Đoàn viên"), "members:list", ("members:*",), read_all_only=True),
    NavItem(
        _("Ban Chấp hành"),
        "terms:committee",
        ("terms:committee*", "terms:seat_*", "terms:assignments"),
        closed_terms=True,
    ),
    NavItem(_("Chỉ tiêu"), "terms:targets", ("terms:target*", "terms:progress_*")),
    NavItem(_("Văn bản"), "reports:list", ("reports:*",)),
    NavItem(_("Đại hội"), "congress:list", ("congress:*",), closed_terms=True),
]


def _matches(view_name: str, patterns: tuple[str, ...]) -> bool:
    return any(view_name.startswith(p[:-1]) if p.endswith("*") else view_name == p for p in patterns)


def branch_nav(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "branch_access", None)
    if access is None:
        return {}
    slug = access.branch.slug
    match = request.resolver_match
    view_name = match.view_name if match else ""
    items = [
        {
            "label": item.label,
            "url": frame_reverse(item.url_name, slug=slug),
            "active": _matches(view_name, item.active_for),
        }
        for item in BRANCH_NAV
        if (access.can_read_all or not item.read_all_only) and (item.closed_terms or not access.reads_closed_terms_only)
    ]
    own_record_url = None
    if access.member is not None:
        own_record_url = frame_reverse("members:detail", slug=slug, pk=access.member.pk)
    return {
        "branch_access": access,
        "current_branch": access.branch,
        "branch_nav": items,
        "own_record_url": own_record_url,
        "sees_many_branches": access.sees_many_branches,
    }
