"""The Django admin's history pages (django-simple-history), with an impossible object id answered 404.

simple_history's history_view filters the history by the id taken from the URL before
anything checks it, so /quan-tri/<app>/<model>/html/history/ raised ValueError (a 500).
Every ModelAdmin of ours imports SimpleHistoryAdmin from here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from simple_history import admin as simple_history_admin


class SimpleHistoryAdmin(simple_history_admin.SimpleHistoryAdmin):
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)
