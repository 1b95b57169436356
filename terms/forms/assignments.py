"""The form of the assignments page: an area of work and the committee member who looks after it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, version_field
from members.models import Member
from terms.models import Assignment, Term
from terms.selectors import committee_members


class AssignmentForm(ChoiceLabelsMixin, forms.Form):
    """A new area, or a new person for an area on the page.

    The page lists every assignment of the term and the form may change any of them, so it
    carries the versions of all it listed (`versions`), as chidoan.lib.locking asks of a
    page that changes many rows: required, like `version` on a form of one row.
    """

    area = forms.CharField(label=_("Mảng công tác"), max_length=255)
    member = forms.ModelChoiceField(label=_("Ủy viên phụ trách"), queryset=Member.objects.none())
    versions = forms.CharField(widget=forms.HiddenInput, error_messages=version_field().error_messages)

    def __init__(self, *args: Any, term: Term, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = committee_members(term=term)

    @staticmethod
    def versions_of(assignments: Iterable[Assignment]) -> str:
        """The value of `versions` for a page listing `assignments`."""
        return json.dumps({str(each.pk): each.version for each in assignments}, sort_keys=True)

    def clean_versions(self) -> dict[int, int]:
        try:
            seen = json.loads(self.cleaned_data["versions"])
            return {int(pk): int(version) for pk, version in seen.items()}
        except (ValueError, TypeError, AttributeError):
            raise ValidationError(self.fields["versions"].error_messages["invalid"], code="invalid") from None
