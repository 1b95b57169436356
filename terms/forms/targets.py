"""Forms of the targets tab: a target (added or edited) and the confirmation of its deletion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import version_field
from members.models import Member, RatingLevel
from terms.models import Target, TargetKind, Term
from terms.selectors import committee_members


def _input_number(value: Decimal | None) -> Decimal | None:
    """The value a number input starts from, machine-readable and without trailing zeros: 5.00 -> 5, 85.50 -> 85.5."""
    return None if value is None else Decimal(f"{value.normalize():f}")


class TargetForm(forms.Form):
    name = forms.CharField(
        label=_("Nội dung chỉ tiêu"),
        max_length=500,
        help_text=_("Viết thường, đọc được trong câu, ví dụ: kết nạp đoàn viên mới"),
    )
    area = forms.CharField(label=_("Mảng công tác"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices, initial=TargetKind.NUMBER)
    planned_value = forms.DecimalField(
        label=_("Chỉ tiêu đề ra"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Con số hoặc tỷ lệ phải đạt; bỏ trống với chỉ tiêu xếp loại và có/không."),
    )
    planned_rating = forms.ChoiceField(
        label=_("Xếp loại đề ra"),
        choices=[("", "---------"), *RatingLevel.choices],
        required=False,
        help_text=_("Chỉ dùng với chỉ tiêu xếp loại."),
    )
    unit = forms.CharField(label=_("Đơn vị"), max_length=50, required=False, help_text=_("Ví dụ: đoàn viên, %, buổi"))
    responsible = forms.ModelChoiceField(label=_("Ủy viên phụ trách"), queryset=Member.objects.none(), required=False)
    position = forms.IntegerField(
        label=_("Thứ tự"), min_value=0, max_value=32767, required=False, help_text=_("Bỏ trống để xếp cuối danh sách.")
    )

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
