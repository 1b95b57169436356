"""A dated status change: leaving (transfer out, came of age, left, removed) or coming back."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import date_field
from members import rules
from members.forms.layout import fields_only
from members.models import MemberStatus, StatusChangeKind, kinds_leading_to

LEAVING_CHOICES = [
    (kind.value, kind.label) for kind in StatusChangeKind if kind not in kinds_leading_to(MemberStatus.ACTIVE)
]
RETURNING_CHOICES = [(StatusChangeKind.TRANSFERRED_IN.value, _("Trở lại sinh hoạt (chuyển đến)"))]


class StatusChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Thay đổi"), choices=LEAVING_CHOICES)
    on = date_field(_("Ngày"))
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=255, help_text=_("Bắt buộc khi rời chi đoàn hoặc xóa tên.")
    )
    assessment = forms.CharField(
        label=_("Nhận xét của chi đoàn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi chuyển sinh hoạt."),
    )
    dues_paid_until = date_field(
        _("Đã đóng đoàn phí đến"),
        required=False,
        help_text=_("Bắt buộc khi chuyển sinh hoạt."),
    )
    destination = forms.CharField(label=_("Nơi chuyển đến / chuyển từ"), required=False, max_length=255)

    def __init__(self, *args: Any, returning: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if returning:
            cast(forms.ChoiceField, self.fields["kind"]).choices = RETURNING_CHOICES
        self.helper = fields_only()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("kind"):
            errors = rules.record_errors(
                kind=cleaned["kind"],
                reason=cleaned.get("reason") or "",
                assessment=cleaned.get("assessment") or "",
                dues_paid_until=cleaned.get("dues_paid_until"),
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned
