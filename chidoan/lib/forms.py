"""Form helpers shared by every app: date inputs, the version field of optimistic locking, service errors."""

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
