"""Forms of the organisation pages: open one, rename it, move it, close it, its settings, officer rights."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field, version_field
from members.models import ClosingKind, Organisation, OrganisationKind, OrganisationQuerySet
from members.services import DOCUMENT_FIELDS, SETTING_FIELDS

CHILD_KINDS = [(kind, kind.label) for kind in OrganisationKind if kind != OrganisationKind.PROVINCE]


class OrganisationCreateForm(ChoiceLabelsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Cấp"), choices=CHILD_KINDS, initial=OrganisationKind.BRANCH)
    name = forms.CharField(
        label=_("Tên"), max_length=255, help_text=_("Ví dụ: Chi đoàn Giáo viên Trường THPT Phan Bội Châu")
    )
    short_name = forms.CharField(
        label=_("Tên dùng trong câu"),
        max_length=255,
        required=False,
        help_text=_("Để trống: tên bỏ chữ “Chi đoàn” ở đầu."),
    )


class OrganisationEditForm(OrganisationCreateForm):
    slug = forms.SlugField(
        label=_("Mã đường dẫn"),
        max_length=90,
        help_text=_("Đổi tên không đổi mã; nếu đổi mã, đường dẫn cũ vẫn chuyển đến đường dẫn mới."),
    )
    version = version_field()

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation.parent_id is None:
            self.fields["kind"].choices = OrganisationKind.choices  # type: ignore[attr-defined]


class OrganisationMoveForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Trực thuộc"), queryset=Organisation.objects.none())
    version = version_field()

    def __init__(self, *args: Any, parents: OrganisationQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents


class OrganisationCloseForm(ChoiceLabelsMixin, forms.Form):
    on = date_field(cast(str, _("Ngày ngừng hoạt động")))
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ClosingKind.choices, initial=ClosingKind.MERGED)
    merged_into = forms.ModelChoiceField(
        label=_("Sáp nhập vào"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Bắt buộc khi sáp nhập."),
    )
    decision = forms.CharField(label=_("Quyết định"), max_length=255, required=False)
    version = version_field()

    def __init__(self, *args: Any, targets: OrganisationQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["merged_into"]).queryset = targets


class OrganisationSettingsForm(forms.ModelForm):
    """The (setting) rules and the document lines; `documents_only` for a branch's own editors."""

    version = version_field()

    class Meta:
        model = Organisation
        fields = [*DOCUMENT_FIELDS, *SETTING_FIELDS]

    def __init__(self, *args: Any, documents_only: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if documents_only:
            for name in SETTING_FIELDS:
                del self.fields[name]
        elif self.instance.kind != OrganisationKind.BRANCH:
            # The branch type is a branch's; levels above keep it as the default for branches opened below.
            self.fields["branch_type"].label = _("loại hình mặc định của chi đoàn mở mới")

    def setting_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class OfficerGrantForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    organisation = forms.ModelChoiceField(label=_("Trên tổ chức"), queryset=Organisation.objects.none())
    can_edit = forms.TypedChoiceField(
        label=_("Quyền"),
        choices=[("0", _("Chỉ xem (cán bộ cấp trên)")), ("1", _("Xem và sửa dữ liệu"))],
        coerce=lambda value: value == "1",
        initial="0",
    )
    title = forms.CharField(label=_("Chức danh"), max_length=100, required=False)

    def __init__(self, *args: Any, organisations: OrganisationQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("Không có tài khoản nào với tên đăng nhập này."))
        return user
