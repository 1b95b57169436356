"""The base classes of our ModelAdmins: what the Django admin reads from the URL is checked first.

* simple_history's history_view filters the history by the id taken from the URL before
  anything checks it, so /quan-tri/<app>/<model>/html/history/ raised ValueError (a 500).
* The admin's "add" page takes initial values from the query string
  (?term=3 preselects a term); a related field shown with autocomplete looks that value up,
  so ?term=1e9 raised ValueError (a 500). A value that is no id of the related model is dropped.

Every ModelAdmin of ours derives from SimpleHistoryAdmin or ModelAdmin from here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from simple_history import admin as simple_history_admin

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


class CheckedInitialDataMixin:
    """Initial values from the query string that cannot be ids of the related model are left out."""

    model: Any

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial: dict[str, Any] = super().get_changeform_initial_data(request)  # type: ignore[misc]
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.related_model is None:
                continue
            target = field.target_field if not field.many_to_many else field.related_model._meta.pk
            try:
                ids = [target.to_python(one) for one in (value if isinstance(value, list) else [value])]
            except ValidationError:
                del initial[name]
                continue
            if any(isinstance(i, int) and not BIGINT_MIN <= i <= BIGINT_MAX for i in ids):
                del initial[name]  # no row has it, and PostgreSQL refuses to compare a bigint with it
        return initial


class ModelAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    pass


class SimpleHistoryAdmin(CheckedInitialDataMixin, simple_history_admin.SimpleHistoryAdmin):
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)
