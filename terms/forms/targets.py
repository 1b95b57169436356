"""Forms of the targets tab: a target (added or edited) and the confirmation of its deletion."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, version_field
from members.models import Member, RatingLevel
from terms.models import Target, TargetKind, Term
from terms.selectors import committee_members

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _input_number(value: Decimal | None) -> Decimal | None:
    """The value a number input starts from, machine-readable and without trailing zeros: 5.00 -> 5, 85.50 -> 85.5."""
    return None if value is None else Decimal(f"{value.normalize():f}")


def amount_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.DecimalField:
    """A number of a target (planned or reached), as its model stores it: 12 digits, 2 of them decimals."""
    return forms.DecimalField(label=label, max_digits=12, decimal_places=2, required=False, help_text=help_text)


class PlannedTargetForm(ChoiceLabelsMixin, forms.Form):
    """What a target plans (terms.models.planned.PlannedTarget): a resolution's target or a congress's draft."""

    name = forms.CharField(
        label=_("Nội dung chỉ tiêu"),
        max_length=500,
        help_text=_("Viết thường, đọc được trong câu, ví dụ: kết nạp đoàn viên mới"),
    )
    area = forms.CharField(label=_("Mảng công tác"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices, initial=TargetKind.NUMBER)
    planned_value = amount_field(
        _("Chỉ tiêu đề ra"), _("Con số hoặc tỷ lệ phải đạt; bỏ trống với chỉ tiêu xếp loại và có/không.")
    )
    planned_rating = forms.ChoiceField(
        label=_("Xếp loại đề ra"),
        choices=[("", "---------"), *RatingLevel.choices],
        required=False,
        help_text=_("Chỉ dùng với chỉ tiêu xếp loại."),
    )
    unit = forms.CharField(label=_("Đơn vị"), max_length=50, required=False, help_text=_("Ví dụ: đoàn viên, %, buổi"))
    position = forms.IntegerField(
        label=_("Thứ tự"), min_value=0, max_value=32767, required=False, help_text=_("Bỏ trống để xếp cuối danh sách.")
    )


class TargetForm(PlannedTargetForm):
    """A target of the term's resolution: what it plans, and the committee member responsible for it."""

    responsible = forms.ModelChoiceField(label=_("Ủy viên phụ trách"), queryset=Member.objects.none(), required=False)
    field_order = ["name", "area", "kind", "planned_value", "planned_rating", "unit", "responsible", "position"]

    def __init__(self, *args: Any, term: Term, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = committee_members(term=term)

    def target_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of target_create / target_update."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        if fields.get("position") is None:
            fields.pop("position", None)
        return fields


class TargetEditForm(TargetForm):
    """A target as it is, to change: with the version it was opened on (chidoan.lib.locking)."""

    version = version_field()

    @staticmethod
    def initial_for(target: Target) -> dict[str, Any]:
        return {
            "name": target.name,
            "area": target.area,
            "kind": target.kind,
            "planned_value": _input_number(target.planned_value),
            "planned_rating": target.planned_rating,
            "unit": target.unit,
            "responsible": target.responsible_id,
            "position": target.position,
            "version": target.version,
        }


class TargetDeleteForm(forms.Form):
    version = version_field()
