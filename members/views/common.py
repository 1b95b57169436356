"""Helpers shared by the members views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

from chidoan.lib.access import Access
from members.models import Member


def member_of_branch(access: Access, pk: int) -> Member:
    """The member `pk` of the branch in `access`; 404 for a member of any other branch."""
    member = Member.objects.filter(branch=access.branch, pk=pk).select_related("user").first()
    if member is None:
        raise Http404
    return member


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                text = " ".join(message.messages) if isinstance(message, ValidationError) else str(message)
                form.add_error(field if field in form.fields else None, text)
    else:
        for message in error.messages:
            form.add_error(None, message)
