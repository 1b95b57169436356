"""Forms of the members pages: they check the input and explain each problem in Vietnamese; services decide."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from members.models import BranchRating, Member, MemberStatus, RatingLevel, StatusChangeKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _no_form_tag(helper: FormHelper) -> FormHelper:
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class VersionedForm(forms.Form):
    """Carries the version of the record the user opened, so a second save over someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


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

    def __init__(self, data=None, **kwargs):
        # The list opens on the active members; "status=" (empty) asks for every status.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = MemberStatus.ACTIVE
        super().__init__(data, **kwargs)


_DETAIL_FIELDS = [
    "family_name",
    "middle_name",
    "given_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "address",
    "workplace",
    "admitted_on",
    "card_number",
    "is_party_member",
    "party_admitted_on",
    "has_salary",
    "leadership_exemption",
    "notes",
]


class MemberDetailsForm(forms.ModelForm):
    """Everything about a member except their status, which changes only through dated records."""

    class Meta:
        model = Member
        fields = _DETAIL_FIELDS
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "admitted_on": DATE_WIDGET,
            "party_admitted_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag(FormHelper())
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("party_admitted_on") and not cleaned.get("is_party_member"):
            self.add_error("party_admitted_on", _("Chỉ ghi ngày vào Đảng cho đảng viên."))
        born = cleaned.get("date_of_birth")
        if born and born > datetime.date.today():
            self.add_error("date_of_birth", _("Ngày sinh không thể ở tương lai."))
        return cleaned


class MemberEditForm(MemberDetailsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.append(Field("version"))
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


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
    joined_on = forms.DateField(
        label=_("Ngày chuyển đến"), required=False, widget=DATE_WIDGET, help_text=_("Chỉ khi chuyển đến.")
    )
    came_from = forms.CharField(label=_("Chuyển từ"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("entry") == EntryKind.TRANSFER_IN:
            if not cleaned.get("joined_on"):
                self.add_error("joined_on", _("Cần ghi ngày chuyển đến."))
            elif cleaned.get("admitted_on") and cleaned["admitted_on"] > cleaned["joined_on"]:
                self.add_error("joined_on", _("Ngày chuyển đến không thể trước ngày vào Đoàn."))
        return cleaned


class ContactForm(forms.ModelForm):
    """What a member may change themself."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Member
        fields = ["phone", "email", "address", "workplace"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = _no_form_tag(FormHelper())


LEAVING_CHOICES = [
    (StatusChangeKind.TRANSFERRED_OUT, StatusChangeKind.TRANSFERRED_OUT.label),
    (StatusChangeKind.CAME_OF_AGE, StatusChangeKind.CAME_OF_AGE.label),
    (StatusChangeKind.LEFT, StatusChangeKind.LEFT.label),
    (StatusChangeKind.REMOVED, StatusChangeKind.REMOVED.label),
]
RETURNING_CHOICES = [(StatusChangeKind.TRANSFERRED_IN, _("Trở lại sinh hoạt (chuyển đến)"))]


class StatusChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Thay đổi"), choices=LEAVING_CHOICES)
    on = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=255, help_text=_("Bắt buộc khi rời chi đoàn hoặc xóa tên.")
    )
    assessment = forms.CharField(
        label=_("Nhận xét của chi đoàn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi chuyển sinh hoạt."),
    )
    dues_paid_until = forms.DateField(
        label=_("Đã đóng đoàn phí đến"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Bắt buộc khi chuyển sinh hoạt."),
    )
    destination = forms.CharField(label=_("Nơi chuyển đến / chuyển từ"), required=False, max_length=255)

    def __init__(self, *args, returning: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if returning:
            self.fields["kind"].choices = RETURNING_CHOICES
        self.helper = _no_form_tag(FormHelper())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == StatusChangeKind.TRANSFERRED_OUT:
            if not (cleaned.get("assessment") or "").strip():
                self.add_error("assessment", _("Chuyển sinh hoạt cần có nhận xét của chi đoàn."))
            if not cleaned.get("dues_paid_until"):
                self.add_error("dues_paid_until", _("Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào."))
        if kind in (StatusChangeKind.LEFT, StatusChangeKind.REMOVED) and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Cần ghi lý do (ví dụ: nghỉ việc)."))
        return cleaned


class AccountGrantForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Chữ, số và các ký tự @ . + - _; không dấu cách."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag(FormHelper())


class MemberRatingRowForm(forms.Form):
    """One line of the yearly rating table; an empty level leaves the member unrated."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(label=_("Xếp loại"), required=False, choices=[("", "—"), *RatingLevel.choices])
    participation_percent = forms.DecimalField(
        label=_("Tham gia (%)"), required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


# One page of the rating table: 50 lines of 4 fields stay far below DATA_UPLOAD_MAX_NUMBER_FIELDS (1000).
RATINGS_PER_PAGE = 50

MemberRatingFormSet = forms.formset_factory(
    MemberRatingRowForm, extra=0, max_num=RATINGS_PER_PAGE, validate_max=True, absolute_max=RATINGS_PER_PAGE * 2
)


class RatingsFilterForm(forms.Form):
    """The year, name search and "not yet rated" filter of the rating table (GET)."""

    year = forms.IntegerField(label=_("Năm"), min_value=1931, max_value=2200, required=False)
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    chua = forms.BooleanField(label=_("Chỉ người chưa xếp loại"), required=False)


class BranchRatingForm(forms.ModelForm):
    class Meta:
        model = BranchRating
        fields = ["year", "level", "rank_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag(FormHelper())

    def validate_unique(self):
        # Setting a year that is already rated replaces its rating (branch_rating_set).
        pass
