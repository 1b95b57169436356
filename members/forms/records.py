"""A member's record: the list's search, admission or joining, the Secretary's edit, the member's own contact."""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.layout import Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field, date_widget, version_field
from members.forms.layout import fields_only
from members.models import CONTACT_FIELDS, MEMBER_DETAIL_FIELDS, Member, MemberStatus


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Mọi tình trạng")), *MemberStatus.choices],
        initial=MemberStatus.ACTIVE,
    )
    committee = forms.BooleanField(label=_("Chỉ Ban Chấp hành"), required=False)
    near_age = forms.BooleanField(label=_("Sắp hoặc đã quá tuổi Đoàn"), required=False)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # The list opens on the active members; "status=" (empty) asks for every status.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = MemberStatus.ACTIVE
        super().__init__(data, **kwargs)


class MemberDetailsForm(ChoiceLabelsMixin, forms.ModelForm):
    """Everything about a member except their status, which changes only through dated records."""

    class Meta:
        model = Member
        fields = list(MEMBER_DETAIL_FIELDS)
        widgets = {
            "date_of_birth": date_widget(),
            "admitted_on": date_widget(),
            "party_admitted_on": date_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = fields_only()
        self.helper.layout = Layout(
            Fieldset(
                _("Họ tên"),
                Row(
                    Column("family_name", css_class="col-sm-4"),
                    Column("middle_name", css_class="col-sm-5"),
                    Column("given_name", css_class="col-sm-3"),
                ),
                Row(Column("date_of_birth", css_class="col-sm-6"), Column("gender", css_class="col-sm-6")),
            ),
            Fieldset(
                _("Liên hệ, công tác"),
                Row(Column("phone", css_class="col-sm-6"), Column("email", css_class="col-sm-6")),
                "address",
                "workplace",
            ),
            Fieldset(
                _("Đoàn, Đảng"),
                Row(Column("admitted_on", css_class="col-sm-6"), Column("card_number", css_class="col-sm-6")),
                Row(Column("is_party_member", css_class="col-sm-6"), Column("party_admitted_on", css_class="col-sm-6")),
                "has_salary",
                "leadership_exemption",
                "notes",
            ),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("party_admitted_on") and not cleaned.get("is_party_member"):
            self.add_error("party_admitted_on", _("Chỉ ghi ngày vào Đảng cho đảng viên."))
        born = cleaned.get("date_of_birth")
        if born and born > datetime.date.today():
            self.add_error("date_of_birth", _("Ngày sinh không thể ở tương lai."))
        return cleaned


class MemberEditForm(MemberDetailsForm):
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout.append(Field("version"))
        self.initial.setdefault("version", self.instance.version)


class EntryKind:
    ADMISSION = "admission"
    TRANSFER_IN = "transfer_in"


class MemberAddForm(MemberDetailsForm):
    """A new member: admitted by this branch (kết nạp) or joining from another one (chuyển đến)."""

    entry = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[(EntryKind.ADMISSION, _("Kết nạp đoàn viên mới")), (EntryKind.TRANSFER_IN, _("Chuyển đến"))],
        initial=EntryKind.ADMISSION,
        widget=forms.RadioSelect,
    )
    joined_on = date_field(_("Ngày chuyển đến"), required=False, help_text=_("Chỉ khi chuyển đến."))
    came_from = forms.CharField(label=_("Chuyển từ"), required=False, max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admitted_on"].required = True
        self.fields["admitted_on"].label = _("Ngày vào Đoàn (ngày kết nạp)")
        self.helper.layout.insert(
            0,
            Fieldset(
                _("Vào chi đoàn"),
                Div("entry", css_class="entry-kind"),
                Row(Column("joined_on", css_class="col-sm-6"), Column("came_from", css_class="col-sm-6")),
            ),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("entry") == EntryKind.TRANSFER_IN:
            if not cleaned.get("joined_on"):
                self.add_error("joined_on", _("Cần ghi ngày chuyển đến."))
            elif cleaned.get("admitted_on") and cleaned["admitted_on"] > cleaned["joined_on"]:
                self.add_error("joined_on", _("Ngày chuyển đến không thể trước ngày vào Đoàn."))
        return cleaned


class ContactForm(forms.ModelForm):
    """What a member may change themself."""

    version = version_field()

    class Meta:
        model = Member
        fields = list(CONTACT_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        self.helper = fields_only()
