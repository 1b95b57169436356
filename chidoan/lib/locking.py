"""Optimistic locking: a second person's save never silently overwrites the first's.

One path for every versioned record (a `version` field):
- a service saves through `save_if_unchanged(obj, expected_version=...)`, with the
  version the user's form was opened on (forms carry it in `chidoan.lib.forms.version_field`,
  always required), or `obj.version` for a write on a row the service has just read;
- a view that gets `StaleEditError` calls `refuse_stale(form, obj, error)`, which puts
  the refusal on the form, moves the form to the new version and returns what changed
  meanwhile, shown by the one partial `includes/_stale_edit.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from chidoan.lib.display import value_text

STALE_MESSAGE = (
    "Bản ghi này vừa được người khác thay đổi trong lúc bạn sửa. "
    "Hãy xem lại dữ liệu mới nhất rồi nhập lại thay đổi của bạn."
)


class StaleEditError(ValidationError):
    """The record changed after the form was opened."""


def stale_error() -> StaleEditError:
    return StaleEditError(_(STALE_MESSAGE), code="stale")


@transaction.atomic
def save_if_unchanged(obj: models.Model, *, expected_version: int, update_fields: list[str] | None = None) -> None:
    """Save `obj` only if its stored version is still `expected_version`, then bump it.

    The row is locked while we compare, so two concurrent saves cannot both pass.
    """
    model = type(obj)
    current = model._default_manager.select_for_update().filter(pk=obj.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise stale_error()
    obj.version = expected_version + 1  # type: ignore[attr-defined]
    obj.save(update_fields=[*update_fields, "version"] if update_fields is not None else None)


def lock_versions(queryset: models.QuerySet, expected: dict[int, int]) -> None:
    """For a page that changes many rows at once: lock them, refuse the whole page if any moved on.

    `expected` maps each row's pk to the version the page was opened on; call inside a transaction.
    """
    current = dict(queryset.select_for_update().filter(pk__in=list(expected)).values_list("pk", "version"))
    if any(current.get(pk) != version for pk, version in expected.items()):
        raise stale_error()


@dataclass(frozen=True)
class Change:
    """A field whose saved value differs from what the user typed."""

    label: str
    saved: str
    typed: str


def changes_meanwhile(obj: models.Model, submitted: dict[str, Any], fields: list[str]) -> list[Change]:
    """What the saved record says now, field by field, where it differs from what the user typed."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    rows = []
    for name in fields:
        try:
            field = type(obj)._meta.get_field(name)
        except FieldDoesNotExist:  # a form field that is not a model field (a choice made from several)
            continue
        if not isinstance(field, models.Field):
            continue
        saved, typed = getattr(fresh, name), submitted.get(name)
        if saved != typed:
            rows.append(Change(str(field.verbose_name), value_text(field, saved), value_text(field, typed)))
    return rows


def refuse_stale(
    form: forms.BaseForm, obj: models.Model, error: StaleEditError, fields: list[str] | None = None
) -> list[Change]:
    """Refuse the save on `form`, move it to the record's new version, and return what changed meanwhile.

    The user sees the refusal, the differences (includes/_stale_edit.html) and their own typing, and
    may save again over the new version.
    """
    submitted = getattr(form, "cleaned_data", {}) or {}
    names = fields if fields is not None else [n for n in submitted if n != "version"]
    changed = changes_meanwhile(obj, submitted, names)
    form.add_error(None, error.messages[0])
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict (or a dict in tests): both copy
    data["version"] = str(type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).get())
    form.data = data
    return changed
