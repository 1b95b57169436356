"""Transfers between branches: the sending branch's record, the receiving branch's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field, version_field
from members.forms.layout import fields_only
from members.models import Organisation


class TransferRecordForm(ChoiceLabelsMixin, forms.Form):
    to_branch = forms.ModelChoiceField(
        label=_("Chi đoàn tiếp nhận"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Một chi đoàn trong hệ thống: chi đoàn đó sẽ tiếp nhận hoặc từ chối."),
    )
    to_text = forms.CharField(
        label=_("Hoặc nơi chuyển đến ngoài hệ thống"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Chi đoàn Công ty ABC, Đoàn phường X, tỉnh Y"),
    )
    requested_on = date_field(_("Ngày chuyển"))
    assessment = forms.CharField(label=_("Nhận xét của chi đoàn"), widget=forms.Textarea(attrs={"rows": 3}))
    dues_paid_until = date_field(_("Đã đóng đoàn phí đến"))

    def __init__(self, *args: Any, destinations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_branch"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = destinations
        self.fields["assessment"].error_messages["required"] = _("Chuyển sinh hoạt cần có nhận xét của chi đoàn.")
        self.fields["dues_paid_until"].error_messages["required"] = _(
            "Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào."
        )
        self.helper = fields_only()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_branch = cleaned.get("to_branch") is not None
        has_text = bool((cleaned.get("to_text") or "").strip())
        if has_branch and has_text:
            self.add_error("to_text", _("Chọn chi đoàn trong hệ thống hoặc ghi nơi ngoài hệ thống, không cả hai."))
        elif not has_branch and not has_text and "to_branch" not in self.errors:
            self.add_error("to_branch", _("Chọn chi đoàn tiếp nhận hoặc ghi nơi chuyển đến ngoài hệ thống."))
        return cleaned


class TransferAcceptForm(forms.Form):
    on = date_field(_("Ngày tiếp nhận"))
    version = version_field()


class TransferRefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do từ chối"), max_length=255)
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Cần ghi lý do từ chối.")
        self.helper = fields_only()


class TransferBatchForm(TransferRecordForm):
    """One destination, date, dues date and assessment for the members chosen on the list (ids, comma-separated)."""

    members = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].error_messages["required"] = _("Chưa chọn đoàn viên nào để chuyển sinh hoạt.")
        self.fields["assessment"].help_text = _("Một nhận xét chung cho cả danh sách.")

    def clean_members(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["members"].split(",") if part.strip()]
        if not parts or not all(part.isascii() and part.isdigit() and len(part) <= 18 for part in parts):
            raise forms.ValidationError(_("Danh sách đoàn viên không hợp lệ; hãy chọn lại từ danh sách đoàn viên."))
        return list(dict.fromkeys(int(part) for part in parts))
