"""Who changed what, and when: readable history pages from django-simple-history.

Every model carries `history = HistoricalRecords()`. A history page lists, newest
first, each saved version of one or more records with its author, its time and
the fields that changed (old → new), using simple_history's `diff_against`.

Usage in a view (the query count does not grow with the number of versions):

    entries = history_entries(
        HistorySource(member.history.all()),
        HistorySource(MemberStatusChange.history.filter(member_id=member.pk), label=status_label),
    )
    return render(request, "...", {"history": paginate_history(request, entries)})

and in the template: {% include "includes/_history.html" with history=history %}.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from chidoan.lib.display import value_text

# Bookkeeping columns nobody needs to read about.
EXCLUDED_FIELDS = frozenset(
    {"id", "version", "name_sort_key", "search_key", "created_at", "updated_at", "path", "password", "is_demo"}
)

ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str  # "+", "~" or "-"
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


@dataclass(frozen=True)
class HistorySource:
    """The historical rows of one kind of record, and how to name one of them on the page."""

    records: models.QuerySet
    label: Callable[[Any], str] | None = None


def _default_label(record: Any) -> str:
    return str(record.instance_type._meta.verbose_name).capitalize()


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("Hệ thống")
    try:
        return user.member.full_name
    except ObjectDoesNotExist:
        return user.get_full_name() or user.get_username()


def _related_model(model_field: models.Field) -> type[models.Model]:
    # Once the app registry is ready, "self" and lazy "app.Model" names are resolved to the class.
    model = model_field.related_model
    assert isinstance(model, type), f"{model_field} points to an unresolved model: {model!r}"
    return model


def _label(model_field: models.Field) -> str:
    """The field's Vietnamese name; a foreign key left unnamed ("member") takes its model's name ("đoàn viên")."""
    label = str(model_field.verbose_name)
    if model_field.is_relation and label == model_field.name.replace("_", " "):
        label = str(_related_model(model_field)._meta.verbose_name)
    return label


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    # diff_against compares through model_to_dict, which only knows editable fields.
    return [f for f in model._meta.concrete_fields if f.editable and f.name not in EXCLUDED_FIELDS]


class _ValueFormatter:
    """Turns stored values into what a reader understands; foreign keys are looked up in bulk."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model_field: models.Field, value: Any) -> None:
        if model_field.is_relation and value is not None:
            self.wanted[_related_model(model_field)].add(value)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=pks):
                self.found[(model, obj.pk)] = str(obj)

    def format(self, model_field: models.Field, value: Any) -> str:
        if model_field.is_relation and value not in (None, ""):
            return self.found.get((_related_model(model_field), value), _("(đã xóa, mã %(pk)s)") % {"pk": value})
        return value_text(model_field, value, empty=EMPTY)


def history_entries(*sources: HistorySource) -> list[HistoryEntry]:
    """Every version of the records in `sources`, newest first, each with its field-level changes."""
    formatter = _ValueFormatter()
    pending: list[tuple[HistoryEntry, Any, Any, list[models.Field]]] = []
    for source in sources:
        records = list(source.records.select_related("history_user__member").order_by("history_date", "history_id"))
        if not records:
            continue
        model = records[0].instance_type
        fields = _tracked_fields(model)
        label = source.label or _default_label
        previous: dict[Any, Any] = {}
        for record in records:
            object_id = getattr(record, model._meta.pk.attname)
            before = previous.get(object_id)
            previous[object_id] = record
            entry = HistoryEntry(
                when=record.history_date,
                who=_who(record),
                action=record.history_type,
                subject=label(record),
                reason=record.history_change_reason or "",
            )
            pending.append((entry, record, before, fields))
            for f in fields:
                formatter.want(f, getattr(record, f.attname))
                if before is not None:
                    formatter.want(f, getattr(before, f.attname))
    formatter.load()
    entries = []
    for entry, record, before, fields in pending:
        by_name = {f.name: f for f in fields}
        if before is None or entry.action == "-":
            # A new record: show what it was created with, leaving out the empty fields.
            if entry.action == "+":
                for f in fields:
                    value = getattr(record, f.attname)
                    if value not in (None, "", False):
                        entry.changes.append(FieldChange(_label(f), EMPTY, formatter.format(f, value)))
        else:
            delta = record.diff_against(before, included_fields=list(by_name))
            order = {name: i for i, name in enumerate(by_name)}
            for change in sorted(delta.changes, key=lambda c: order[c.field]):
                f = by_name[change.field]
                entry.changes.append(
                    FieldChange(_label(f), formatter.format(f, change.old), formatter.format(f, change.new))
                )
            if not entry.changes and entry.action == "~":
                continue  # saved without a visible change (e.g. only the version moved)
        entries.append(entry)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def paginate_history(request: HttpRequest, entries: Iterable[HistoryEntry], per_page: int = 20) -> Page:
    return Paginator(list(entries), per_page).get_page(request.GET.get("page"))
