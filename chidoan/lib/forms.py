"""Form helpers shared by every app: date inputs, the version field of optimistic locking, service errors,
the empty choice of selects."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_widget() -> forms.DateInput:
    """The browser's date picker; the value goes over the wire as ISO (2024-08-20)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: StrOrPromise, **kwargs: Any) -> forms.DateField:
    """A date typed or picked: ISO from the picker, or 20/08/2024 as people write it."""
    return forms.DateField(label=label, widget=date_widget(), input_formats=DATE_INPUT_FORMATS, **kwargs)


def version_field() -> forms.IntegerField:
    """The version of the record the form was opened on (chidoan.lib.locking): required, hidden."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại."),
            "invalid": _("Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại."),
            "min_value": _("Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại."),
        },
    )


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                words = " ".join(message.messages) if isinstance(message, ValidationError) else str(message)
                form.add_error(field if field in form.fields else None, words)
    else:
        for text in error.messages:
            form.add_error(None, text)


# Django's empty choice, in a select of a model field's choices or a ModelChoiceField.
DJANGO_EMPTY_LABEL = "---------"


def choose_label(label: StrOrPromise | None) -> str:
    """ "— Chọn đoàn viên —": the empty choice of a select says what to choose.

    The label keeps its capitals when a later word has one (a name such as "Ban Chấp hành"); otherwise
    its first letter is lowered, as inside a sentence.
    """
    text = str(label or "").strip()
    words = text.split()
    if words and not any(word[:1].isupper() for word in words[1:]):
        text = text[:1].lower() + text[1:]
    return str(_("— Chọn %(what)s —") % {"what": text}) if text else str(_("— Chọn —"))


def label_empty_choices(form: forms.BaseForm) -> None:
    """Replace Django's "---------" in every select of the form by "— Chọn … —" named after the field's label.

    A field whose label does not say what is chosen ("Thêm đại biểu") gives its own `empty_label`.
    """
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None and str(field.empty_label) == DJANGO_EMPTY_LABEL:
                field.empty_label = choose_label(field.label)
        elif isinstance(field, forms.ChoiceField):
            # Django has normalised the choices to a list of pairs by now; the stubs type what may be given.
            choices = list(field.choices)  # type: ignore[arg-type]
            if choices and choices[0][0] in ("", None) and str(choices[0][1]) == DJANGO_EMPTY_LABEL:
                field.choices = [("", choose_label(field.label)), *choices[1:]]


class ChoiceLabelsMixin:
    """For a form with selects: their empty choice names what to choose (`label_empty_choices`).

    Put it first: `class SeatAddForm(ChoiceLabelsMixin, forms.Form)`. It runs within the form's
    `super().__init__()`: a queryset set afterwards keeps the label; choices replaced afterwards are the
    subclass's own and are not touched.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label_empty_choices(self)  # type: ignore[arg-type]
