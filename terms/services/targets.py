"""The resolution of a term and its targets (chỉ tiêu): created, changed, deleted while they have no progress."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import StaleEditError, lock_versions, save_if_unchanged
from members.models import Member
from terms import selectors
from terms.models import PLANNED_FIELDS, Resolution, Target, Term

# What target_create and target_update take: the planned target, and who is responsible for it.
TARGET_FIELDS = PLANNED_FIELDS | {"responsible"}


@transaction.atomic
def resolution_ensure(*, term: Term, title: str = "", adopted_on: datetime.date | None = None) -> Resolution:
    """The term's resolution, created (with `title`, adopted on `adopted_on` or the term's start) if it has none."""
    resolution, _created = Resolution.objects.get_or_create(
        term=term, defaults={"title": title, "adopted_on": adopted_on or term.starts_on}
    )
    return resolution


def _check_fields(term: Term, fields: dict[str, Any]) -> None:
    unknown = set(fields) - TARGET_FIELDS
    if unknown:
        raise TypeError(f"unknown target fields: {sorted(unknown)}")
    responsible: Member | None = fields.get("responsible")
    if responsible is not None and not selectors.sat_on_committee(term=term, member=responsible):
        raise ValidationError({"responsible": _("Người phụ trách phải là Ủy viên Ban Chấp hành của nhiệm kỳ.")})


@transaction.atomic
def target_create(*, resolution: Resolution, **fields: Any) -> Target:
    """A new target at the end of the list (or at `position`), its planned value checked against its kind."""
    _check_fields(resolution.term, fields)
    if "position" not in fields:
        fields["position"] = selectors.next_position(resolution.targets.all())
    target = Target(resolution=resolution, **fields)
    target.clean_planned()
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_update(*, target: Target, expected_version: int, **fields: Any) -> Target:
    """Change a target as the user's form says, refused when it changed since the form was opened."""
    _check_fields(target.resolution.term, fields)
    for name, value in fields.items():
        setattr(target, name, value)
    target.clean_planned()
    target.full_clean()
    save_if_unchanged(target, expected_version=expected_version)
    return target


@transaction.atomic
def target_delete(*, target: Target, expected_version: int) -> None:
    """Delete a target that has no progress; refused when it has or when it changed meanwhile."""
    try:
        lock_versions(Target.objects.all(), {target.pk: expected_version})
    except StaleEditError:
        if not Target.objects.filter(pk=target.pk).exists():
            return  # someone else deleted it: what the user asked for is done
        raise StaleEditError(
            _("Chỉ tiêu vừa được người khác thay đổi. Hãy xem lại trước khi xóa."), code="stale"
        ) from None
    if selectors.target_has_progress(target):
        raise ValidationError(
            _("Không thể xóa chỉ tiêu đã có số liệu tiến độ: tiến độ là minh chứng của nhiệm kỳ."),
            code="has_progress",
        )
    Target.objects.get(pk=target.pk).delete()
