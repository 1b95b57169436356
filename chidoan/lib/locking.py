"""Optimistic locking: a second person's save never silently overwrites the first's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


class StaleEditError(ValidationError):
    """The record changed after the form was opened."""


@transaction.atomic
def save_if_unchanged(obj: models.Model, *, expected_version: int) -> None:
    """Save `obj` only if its stored version is still `expected_version`, then bump it.

    The row is locked while we compare, so two concurrent saves cannot both pass.
    """
    model = type(obj)
    current = model._default_manager.select_for_update().filter(pk=obj.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise StaleEditError(
            _(
                "Bản ghi này vừa được người khác thay đổi trong lúc bạn sửa. "
                "Hãy xem lại dữ liệu mới nhất rồi nhập lại thay đổi của bạn."
            ),
            code="stale",
        )
    obj.version = expected_version + 1
    obj.save()
