"""Forms of the congress app: they validate input only; the services apply the charter rules."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Member, Organisation, RatingLevel
from terms.models import CommitteeRole, SeatEndKind, SeatStartKind, Target, TargetKind, Term
from terms.selectors import committee_members

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"])


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class SeatAddForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Đoàn viên"), queryset=Member.objects.none())
    role = forms.ChoiceField(label=_("Chức danh"), choices=CommitteeRole.choices, initial=CommitteeRole.MEMBER)
    started_on = date_field(_("Ngày bắt đầu"))
    start_kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[
            (SeatStartKind.ADDED, SeatStartKind.ADDED.label),
            (SeatStartKind.ELECTED, SeatStartKind.ELECTED.label),
        ],
        initial=SeatStartKind.ADDED,
    )

    def __init__(self, *args, branch: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(branch=branch).in_name_order()


class SeatEndForm(forms.Form):
    on = date_field(_("Ngày thôi"))
    end_kind = forms.ChoiceField(
        label=_("Hình thức thôi"),
        choices=[(kind, kind.label) for kind in SeatEndKind if kind != SeatEndKind.ROLE_CHANGE],
        initial=SeatEndKind.LEFT,
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=255,
        required=False,
        help_text=_("Bắt buộc khi thôi tham gia hoặc miễn nhiệm, ví dụ: nghỉ việc."),
    )


class SeatRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Chức danh mới"), choices=CommitteeRole.choices)
    on = date_field(_("Từ ngày"))


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
    # Optimistic locking: the version the form was opened on (chidoan.lib.locking).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, term: Term, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = committee_members(term=term)
        self.editing = editing

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.editing and cleaned.get("version") is None:
            # Without the version we cannot tell whether someone else saved in between: refuse rather than guess.
            raise ValidationError(
                _("Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang sửa chỉ tiêu."), code="no_version"
            )
        if cleaned.get("kind") == TargetKind.BOOLEAN and cleaned.get("planned_value") is None:
            cleaned["planned_value"] = Decimal(1)  # "có / không": the target is to do it once
        return cleaned

    def target_fields(self) -> dict:
        """The cleaned data as keyword arguments of target_create / target_update."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        if fields.get("position") is None:
            fields.pop("position", None)
        return fields

    @staticmethod
    def initial_for(target: Target) -> dict:
        return {
            "name": target.name,
            "area": target.area,
            "kind": target.kind,
            "planned_value": _plain(target.planned_value),
            "planned_rating": target.planned_rating,
            "unit": target.unit,
            "responsible": target.responsible_id,
            "position": target.position,
            "version": target.version,
        }


def _plain(value: Decimal | None) -> Decimal | None:
    """5.00 -> 5 in the form, so that nobody wonders about the decimals."""
    if value is not None and value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


class TargetDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


BOOLEAN_CHOICES = [("1", _("Đã thực hiện")), ("0", _("Chưa thực hiện"))]


class ProgressForm(forms.Form):
    recorded_on = date_field(_("Ngày ghi nhận"))
    value = forms.DecimalField(
        label=_("Kết quả đạt được (lũy kế)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Tổng số đạt được tính đến ngày ghi nhận, không phải số tăng thêm."),
    )
    rating = forms.ChoiceField(
        label=_("Xếp loại đạt được"), choices=[("", "---------"), *RatingLevel.choices], required=False
    )
    evidence = forms.CharField(
        label=_("Minh chứng"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Ví dụ: số quyết định kết nạp, danh sách tham gia."),
    )
    reason_behind = forms.CharField(
        label=_("Lý do chưa đạt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Bắt buộc khi chỉ tiêu đang chậm so với tiến độ nhiệm kỳ."),
    )

    def __init__(self, *args, target: Target, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if target.kind == TargetKind.RATING:
            del self.fields["value"]
        else:
            del self.fields["rating"]
            self.fields["value"].required = True
            if target.kind == TargetKind.BOOLEAN:
                self.fields["value"] = forms.TypedChoiceField(
                    label=_("Kết quả"), choices=BOOLEAN_CHOICES, coerce=Decimal, empty_value=None
                )
            elif target.unit:
                self.fields["value"].label = _("Kết quả đạt được (lũy kế, %(unit)s)") % {"unit": target.unit}


class AssignmentForm(forms.Form):
    area = forms.CharField(label=_("Mảng công tác"), max_length=255)
    member = forms.ModelChoiceField(label=_("Ủy viên phụ trách"), queryset=Member.objects.none())

    def __init__(self, *args, term: Term, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = committee_members(term=term)
