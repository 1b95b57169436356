"""The member picker: choose one or several members of an allowed set by searching, never by listing them all.

A page shows only the members already chosen and the matches of what was typed (at most `LIMIT`), so its
size does not grow with the branch. `static/js/member-picker.js` searches as one types, through a JSON
endpoint whose address the form gives (`members:picker`); without JavaScript the "Tìm" button sends the
form back with the matches for what was typed, keeping what was entered (search, then choose).

The lib imports no app: the form hands the field its allowed set (a QuerySet with `.search`, see
`chidoan.lib.search`) and the endpoint's address. Validation is the ModelChoiceField's own: a value
outside the allowed set is refused whatever the page showed.

An endpoint answers for a branch; a narrower set (the summoned of a congress, the candidates an election
may still take) is a *scope* that the app owning it registers (`register_scope`), named in the address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.forms.utils import ErrorDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

LIMIT = 20
SEARCH_SUFFIX = "-q"  # the typed text is sent as <field name>-q
BUTTON_SUFFIX = "-tim"  # the "Tìm" button, <field name>-tim: search, do not save
MAX_QUERY = 100

# (members of the branch, the branch, the request's parameters) -> the members the scope allows.
Scope = Callable[[QuerySet, Any, Mapping[str, str]], QuerySet]
_scopes: dict[str, Scope] = {}


def register_scope(name: str, scope: Scope) -> None:
    """Name a narrower set of a branch's members for the endpoint (an app's `ready()` registers its own)."""
    _scopes[name] = scope


def scoped(name: str, members: QuerySet, branch: Any, params: Mapping[str, str]) -> QuerySet | None:
    """The members a scope allows among `members` (the branch's); all of them for no scope, None for an unknown one."""
    if not name:
        return members
    scope = _scopes.get(name)
    return None if scope is None else scope(members, branch, params)


def clean_query(text: object) -> str:
    return str(text or "").strip()[:MAX_QUERY]


def matches(queryset: QuerySet, query: str, *, limit: int = LIMIT) -> tuple[list[Model], bool]:
    """The first `limit` rows of `queryset` matching `query` without accents (all rows for an empty query),
    and whether there are more."""
    found = queryset.search(query) if query else queryset  # type: ignore[attr-defined]
    rows = list(found[: limit + 1])
    return rows[:limit], len(rows) > limit


def pk_values(values: Iterable[object]) -> list[int]:
    """The primary keys among submitted values; anything else is left to the field to refuse."""
    keys = []
    for value in values:
        try:
            keys.append(int(str(value)))
        except ValueError:
            continue
    return keys


class MemberPickerWidget(forms.Widget):
    """A search box with its "Tìm" button, the chosen members and the current matches as radios or checkboxes."""

    template_name = "includes/_member_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.queryset: QuerySet | None = None
        self.url = ""
        self.query = ""
        self.allow_empty = False
        self.label_from_instance: Callable[[Any], str] = str

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # A checkbox list sends nothing when nothing is ticked: never "omitted" (as SelectMultiple).
        return False if self.multiple else name not in data

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]  # as Django's Select
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v.pk if isinstance(v, Model) else v) for v in values if v not in (None, "")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        assert self.queryset is not None, "a MemberPickerField sets its widget's queryset"
        chosen_keys = pk_values(context["widget"]["value"])
        chosen = list(self.queryset.filter(pk__in=chosen_keys)) if chosen_keys else []
        found, more = matches(self.queryset.exclude(pk__in=[m.pk for m in chosen]), self.query)

        def option(row: Model, checked: bool) -> dict[str, Any]:
            return {"value": str(row.pk), "label": self.label_from_instance(row), "checked": checked}

        context["widget"].update(
            {
                "input_type": "checkbox" if self.multiple else "radio",
                "chosen": [option(m, True) for m in chosen],
                "matches": [option(m, False) for m in found],
                "more": more,
                "query": self.query,
                "search_name": name + SEARCH_SUFFIX,
                "button_name": name + BUTTON_SUFFIX,
                "url": self.url,
                "allow_empty": self.allow_empty and not self.multiple,
                "nothing_chosen": not chosen,
                "limit": LIMIT,
            }
        )
        return context

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        # The project's templates (templates/includes/), which Django's default form renderer does not read.
        return mark_safe(render_to_string(template_name, context))  # the template escapes what it shows

    def id_for_label(self, id_: str) -> str:
        return f"{id_}{SEARCH_SUFFIX}" if id_ else id_


class _PickerField:
    """What both picker fields share: the widget knows the allowed set, the endpoint and the labels."""

    widget: MemberPickerWidget

    def _picker_setup(self, url: str) -> None:
        self.widget.url = url
        self.widget.allow_empty = not self.required  # type: ignore[attr-defined]
        self.widget.label_from_instance = self.label_from_instance  # type: ignore[attr-defined]

    @property
    def url(self) -> str:
        return self.widget.url

    @url.setter
    def url(self, value: str) -> None:
        self.widget.url = value


class MemberPickerField(_PickerField, forms.ModelChoiceField):
    """One member of `queryset`, chosen by searching (a radio group of the chosen one and the matches)."""

    def __init__(self, queryset: QuerySet, *, url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", MemberPickerWidget())
        super().__init__(queryset, **kwargs)
        self._picker_setup(url)

    def _set_queryset(self, queryset: QuerySet | None) -> None:
        super()._set_queryset(queryset)  # type: ignore[misc]
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]


class MemberMultiplePickerField(_PickerField, forms.ModelMultipleChoiceField):
    """Several members of `queryset`, chosen by searching (checkboxes: the chosen ones ticked, then the matches)."""

    def __init__(self, queryset: QuerySet, *, url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", MemberPickerWidget(multiple=True))
        super().__init__(queryset, **kwargs)
        self._picker_setup(url)

    def _set_queryset(self, queryset: QuerySet | None) -> None:
        super()._set_queryset(queryset)  # type: ignore[misc]
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]


PICKER_FIELDS = (MemberPickerField, MemberMultiplePickerField)


class PickerFormMixin:
    """For a form with member pickers: the "Tìm" button sends the form back unsaved, with the matches.

    Put it first in the bases (before ChoiceLabelsMixin). A bound form reads what was typed in each
    picker's search box; a searching form is never valid and shows no errors (nothing was meant to be
    saved); `search_from(params)` gives an unbound form the typed text (a page reached by a redirect).
    """

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.search_from(self.data)

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(field_name)  # type: ignore[misc]

    def picker_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, PICKER_FIELDS)]

    def search_from(self, params: Mapping[str, Any]) -> None:
        for name in self.picker_names():
            widget = self.fields[name].widget
            assert isinstance(widget, MemberPickerWidget)
            widget.query = clean_query(params.get(self.add_prefix(name) + SEARCH_SUFFIX))

    def search_params(self) -> dict[str, str]:
        """What was typed in each picker, as parameters for a page to show the matches again."""
        found = {}
        for name in self.picker_names():
            key = self.add_prefix(name) + SEARCH_SUFFIX
            query = clean_query(self.data.get(key)) if self.is_bound else ""
            if query:
                found[key] = query
        return found

    @property
    def searching(self) -> bool:
        """The "Tìm" button of a picker was pressed: show the matches, save nothing."""
        return self.is_bound and any(self.add_prefix(name) + BUTTON_SUFFIX in self.data for name in self.picker_names())

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data: dict[str, Any] = {}
            return
        super().full_clean()  # type: ignore[misc]

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()  # type: ignore[misc]
