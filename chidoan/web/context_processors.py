"""The branch navigation, built from the URLs that exist.

Pages of other apps are linked only when their URL name resolves, so the
navigation never breaks while an app is still being written. The view has
already checked access (chidoan.lib.access.get_branch_for_user stores it on the
request); without it, as on the sign-in page, there is no branch navigation.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # URL names (or "namespace:prefix*") under which this item is the current one.
    active_for: tuple[str, ...]
    read_all_only: bool = False


BRANCH_NAV = [
    NavItem(_("Tổng quan"), "dashboard", ("dashboard",)),
    NavItem(_("Đoàn viên"), "members:list", ("members:*",), read_all_only=True),
    NavItem(_("Ban Chấp hành"), "terms:committee", ("terms:committee*", "terms:seat_*", "terms:assignments")),
    NavItem(_("Chỉ tiêu"), "terms:targets", ("terms:target*", "terms:progress_*")),
    NavItem(_("Văn bản"), "reports:list", ("reports:*",)),
    NavItem(_("Đại hội"), "congress:list", ("congress:*",)),
]


def _matches(view_name: str, patterns: tuple[str, ...]) -> bool:
    return any(view_name.startswith(p[:-1]) if p.endswith("*") else view_name == p for p in patterns)


def branch_nav(request: HttpRequest) -> dict:
    access = getattr(request, "branch_access", None)
    if access is None:
        return {}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    items = []
    for item in BRANCH_NAV:
        if item.read_all_only and not access.can_read_all:
            continue
        try:
            url = reverse(item.url_name, kwargs={"slug": access.branch.slug})
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": _matches(view_name, item.active_for)})
    own_record_url = None
    if access.member is not None:
        with contextlib.suppress(NoReverseMatch):
            own_record_url = reverse("members:detail", kwargs={"slug": access.branch.slug, "pk": access.member.pk})
    return {
        "branch_access": access,
        "current_branch": access.branch,
        "branch_nav": items,
        "own_record_url": own_record_url,
        "sees_many_branches": access.sees_many_branches,
    }
