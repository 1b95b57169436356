"""Opening, editing, moving and closing organisations, their settings, and the officers' rights on them.

The tree rules are the model's (`Organisation.clean`: a branch has no organisation below it,
nothing goes under itself or its own subtree); these services add what a change through the
pages needs: a Vietnamese slug made once and kept when the name changes (an old slug given
up is kept so its addresses redirect), no organisation opened or moved under a closed one, and
no organisation closed while one below it is open. Every officer right given, changed or
withdrawn is recorded (`OfficerGrantEvent`).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib import text
from chidoan.lib.locking import save_if_unchanged
from members.models import (
    ClosingKind,
    GrantEventKind,
    OfficerGrantEvent,
    Organisation,
    OrganisationKind,
    OrganisationOfficer,
    OrganisationSlug,
)

SLUG_MAX = 90
# The word for the level is in every branch's address already (chi-doan/<slug>/): left out of the slug.
_BRANCH_PREFIX = re.compile(r"^\s*chi\s+đoàn\s+", re.IGNORECASE)

# The settings of docs/domain.md marked (setting), as the settings page edits them.
SETTING_FIELDS = [
    "branch_type",
    "committee_max_size",
    "small_branch_threshold",
    "candidate_surplus_percent",
    "election_base",
    "tie_break",
    "single_seat_max_candidates",
    "max_rounds",
    "runoff",
    "dues_without_salary",
    "dues_with_salary",
]
# The document header lines, which the branch's own editors may change too.
DOCUMENT_FIELDS = ["upper_level_line", "issuing_body_line", "document_symbol", "place_name"]

DEFAULT_SYMBOL: dict[str, str] = {
    OrganisationKind.BRANCH: "CĐ",
    OrganisationKind.INTER_BRANCH: "LCĐ",
    OrganisationKind.GRASSROOTS: "ĐCS",
    OrganisationKind.BLOC: "ĐK",
    OrganisationKind.PROVINCE: "TĐTN",
}


def slug_taken(slug: str, *, organisation: Organisation | None = None) -> bool:
    """A slug in use by another organisation, now or before (an old slug keeps pointing where it did)."""
    current = Organisation.objects.filter(slug=slug)
    old = OrganisationSlug.objects.filter(slug=slug)
    if organisation is not None and organisation.pk:
        current = current.exclude(pk=organisation.pk)
        old = old.exclude(organisation=organisation)
    return current.exists() or old.exists()


def slug_from_name(name: str, *, organisation: Organisation | None = None) -> str:
    """`Chi đoàn Giáo viên Trường THPT Phan Bội Châu` -> `giao-vien-truong-thpt-phan-boi-chau`, made unique (-2, -3...)."""
    base = text.slugify_vi(_BRANCH_PREFIX.sub("", text.nfc(name)))[:SLUG_MAX].strip("-") or "to-chuc"
    slug, n = base, 1
    while slug_taken(slug, organisation=organisation):
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


def _defaults_from(parent: Organisation, *, kind: str, name: str) -> dict[str, Any]:
    """A new organisation starts with its parent's settings and place, and header lines from the names."""
    fields: dict[str, Any] = {field: getattr(parent, field) for field in SETTING_FIELDS}
    fields["place_name"] = parent.place_name
    fields["upper_level_line"] = text.nfc(parent.name).upper()
    fields["issuing_body_line"] = "BCH " + text.nfc(name).upper()
    fields["document_symbol"] = DEFAULT_SYMBOL.get(kind, "CĐ")
    return fields


def _check_open_parent(parent: Organisation | None) -> None:
    if parent is not None and parent.is_closed:
        raise ValidationError({"parent": _("Tổ chức cấp trên này đã ngừng hoạt động.")})


@transaction.atomic
def organisation_create(*, parent: Organisation, kind: str, name: str, short_name: str = "") -> Organisation:
    """Open an organisation below `parent`, with its parent's settings; its slug is made from the name."""
    parent = Organisation.objects.select_for_update().get(pk=parent.pk)
    _check_open_parent(parent)
    name = text.nfc(name).strip()
    organisation = Organisation(
        parent=parent,
        kind=kind,
        name=name,
        short_name=text.nfc(short_name).strip() or _BRANCH_PREFIX.sub("", name),
        slug=slug_from_name(name),
        **_defaults_from(parent, kind=kind, name=name),
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, expected_version: int, name: str, short_name: str, kind: str, slug: str = ""
) -> Organisation:
    """Rename an organisation. The slug stays unless a new one is given; the old one then redirects."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if kind != organisation.kind:
        if organisation.kind == OrganisationKind.BRANCH and organisation.terms.exists():
            raise ValidationError({"kind": _("Chi đoàn đã có nhiệm kỳ, không đổi sang cấp khác được.")})
        if kind == OrganisationKind.BRANCH and organisation.children.exists():
            raise ValidationError({"kind": _("Tổ chức có tổ chức trực thuộc, không thể là chi đoàn.")})
    old_slug = organisation.slug
    slug = slug.strip()
    if slug and slug != old_slug:
        if slug_taken(slug, organisation=organisation):
            raise ValidationError({"slug": _("Mã đường dẫn này đã được dùng cho tổ chức khác.")})
        organisation.slug = slug
    organisation.name = text.nfc(name).strip()
    organisation.short_name = text.nfc(short_name).strip()
    organisation.kind = kind
    organisation.full_clean()
    save_if_unchanged(organisation, expected_version=expected_version)
    if organisation.slug != old_slug:
        OrganisationSlug.objects.filter(slug=organisation.slug, organisation=organisation).delete()
        OrganisationSlug.objects.create(slug=old_slug, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_move(*, organisation: Organisation, parent: Organisation, expected_version: int) -> Organisation:
    """Put an organisation (and its whole subtree) under another parent."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    parent = Organisation.objects.get(pk=parent.pk)
    if parent.pk == organisation.parent_id:
        raise ValidationError({"parent": _("Tổ chức đã trực thuộc cấp trên này.")})
    _check_open_parent(parent)
    organisation.parent = parent
    organisation.full_clean()
    save_if_unchanged(organisation, expected_version=expected_version)
    return organisation


@transaction.atomic
def organisation_close(
    *,
    organisation: Organisation,
    expected_version: int,
    on: datetime.date,
    kind: str,
    merged_into: Organisation | None = None,
    decision: str = "",
) -> Organisation:
    """Close an organisation (merged into another, or dissolved) on a date; nothing of it is deleted."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_closed:
        raise ValidationError(_("Tổ chức này đã ngừng hoạt động."))
    if Organisation.objects.descendants_of(organisation, include_self=False).open().exists():
        raise ValidationError(
            _("Còn tổ chức trực thuộc đang hoạt động: chuyển hoặc cho ngừng hoạt động các tổ chức đó trước.")
        )
    if kind == ClosingKind.MERGED:
        if merged_into is None:
            raise ValidationError({"merged_into": _("Cần chọn tổ chức được sáp nhập vào.")})
        if merged_into.pk == organisation.pk or merged_into.is_closed:
            raise ValidationError({"merged_into": _("Chọn một tổ chức khác, đang hoạt động.")})
        if merged_into.kind != organisation.kind:
            raise ValidationError({"merged_into": _("Chỉ sáp nhập vào một tổ chức cùng cấp.")})
    else:
        merged_into = None
    organisation.closed_on = on
    organisation.closed_kind = kind
    organisation.merged_into = merged_into
    organisation.closing_decision = decision.strip()
    organisation.full_clean()
    save_if_unchanged(organisation, expected_version=expected_version)
    return organisation


@transaction.atomic
def organisation_settings_update(
    *, organisation: Organisation, expected_version: int, fields: dict[str, Any]
) -> Organisation:
    """Change the settings and document lines given in `fields` (only names of SETTING_FIELDS and DOCUMENT_FIELDS)."""
    allowed = set(SETTING_FIELDS) | set(DOCUMENT_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not settings: {sorted(unknown)}")
    organisation = Organisation.objects.get(pk=organisation.pk)
    for name, value in fields.items():
        setattr(organisation, name, text.nfc(value).strip() if isinstance(value, str) else value)
    organisation.full_clean()
    save_if_unchanged(organisation, expected_version=expected_version)
    return organisation


def _record(*, kind: str, organisation: Organisation, user: User, can_edit: bool, by: User) -> None:
    OfficerGrantEvent.objects.create(
        organisation=organisation,
        kind=kind,
        can_edit=can_edit,
        user=user,
        username=user.get_username(),
        by=by,
        by_name=by.get_username(),
    )


@transaction.atomic
def officer_grant(
    *, organisation: Organisation, user: User, can_edit: bool, by: User, title: str = ""
) -> OrganisationOfficer:
    """Give `user` officer rights (read, or read and edit) on `organisation` and everything below it."""
    if user.pk == by.pk:
        raise ValidationError({"username": _("Không tự cấp quyền cho chính mình.")})
    if not user.is_active:
        raise ValidationError({"username": _("Tài khoản này đang bị khóa.")})
    grant = OrganisationOfficer.objects.select_for_update().filter(user=user, organisation=organisation).first()
    if grant is None:
        grant = OrganisationOfficer(user=user, organisation=organisation, can_edit=can_edit, title=title.strip())
        kind = GrantEventKind.GRANTED
    elif grant.can_edit == can_edit and (not title.strip() or grant.title == title.strip()):
        raise ValidationError({"username": _("Tài khoản này đã có đúng quyền đó trên tổ chức.")})
    else:
        grant.can_edit = can_edit
        grant.title = title.strip() or grant.title
        kind = GrantEventKind.CHANGED
    grant.full_clean()
    grant.save()
    _record(kind=kind, organisation=organisation, user=user, can_edit=can_edit, by=by)
    return grant


@transaction.atomic
def officer_withdraw(*, grant: OrganisationOfficer, by: User) -> None:
    """Take an officer right away; the record of it stays."""
    grant = OrganisationOfficer.objects.select_for_update().select_related("user", "organisation").get(pk=grant.pk)
    if grant.user_id == by.pk:
        raise ValidationError(_("Không tự thu hồi quyền của chính mình."))
    _record(
        kind=GrantEventKind.WITHDRAWN, organisation=grant.organisation, user=grant.user, can_edit=grant.can_edit, by=by
    )
    grant.delete()
