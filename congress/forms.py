"""Forms of the congress day: they validate input only; congress.services.day applies the rules."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congress.models import AttendanceStatus, Candidate, CandidateSource, Congress, ElectionKind
from members.models import Member, RatingLevel
from terms.models import TargetKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"])


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _count(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class CongressForm(forms.Form):
    held_on = _date(_("Ngày Đại hội"))
    starts_at = forms.TimeField(
        label=_("Giờ khai mạc"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    new_term_number = forms.IntegerField(label=_("Khóa (nếu có)"), min_value=1, required=False)
    new_term_starts_on = _date(_("Nhiệm kỳ mới bắt đầu"))
    new_term_ends_on = _date(_("Nhiệm kỳ mới kết thúc"))
    resolution_title = forms.CharField(
        label=_("Tên Nghị quyết"),
        max_length=255,
        required=False,
        help_text=_("Để trống: “Nghị quyết Đại hội Chi đoàn nhiệm kỳ …”."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, congress: Congress) -> dict:
        return {name: getattr(congress, name) for name in cls.base_fields if name != "version"} | {
            "version": congress.version
        }


class ProgrammeForm(forms.Form):
    titles = forms.CharField(
        label=_("Chương trình Đại hội"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Mỗi dòng một mục, theo thứ tự."),
    )

    def clean_titles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["titles"].splitlines() if line.strip()]


class ProgrammeNoteForm(forms.Form):
    notes = forms.CharField(
        label=_("Diễn biến (ghi vào biên bản)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class CheckInForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    reason = forms.CharField(max_length=255, required=False)


class AttendanceFilterForm(forms.Form):
    """The attendance list's search, filter and page (GET); also carried through a check-in
    so the desk comes back to where it was."""

    q = forms.CharField(label=_("Tìm theo tên"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Điểm danh"),
        choices=[
            ("", _("Tất cả")),
            (AttendanceStatus.PENDING, _("Chưa điểm danh")),
            (AttendanceStatus.PRESENT, _("Có mặt")),
            (AttendanceStatus.ABSENT, _("Vắng")),
        ],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False)

    def values(self) -> dict[str, str | int]:
        """The valid parameters without the empty ones, to go back into a URL; an invalid one
        (a page of "abc", an unknown status) is dropped and the others still hold."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class SummonsAddForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Thêm đại biểu"), queryset=Member.objects.none())

    def __init__(self, *args, congress: Congress, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        summoned = congress.attendances.values_list("member_id", flat=True)
        self.fields["member"].queryset = (
            Member.objects.filter(branch=congress.closes_term.branch).exclude(pk__in=summoned).in_name_order()
        )


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên khách mời"), max_length=255)
    title = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False)


class BodyMembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên"), queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    head = forms.ModelChoiceField(label=_("Trưởng ban / chủ trì"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, congress: Congress, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        summoned = Member.objects.filter(pk__in=congress.attendances.values("member_id")).in_name_order()
        self.fields["members"].queryset = summoned
        self.fields["head"].queryset = summoned


class HandsForm(forms.Form):
    """A show of hands."""

    votes_for = _count(_("Tán thành"))
    votes_against = _count(_("Không tán thành"))
    votes_abstain = _count(_("Không biểu quyết"))


class ResolutionVoteForm(HandsForm):
    target = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ElectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bầu"), choices=ElectionKind.choices)
    seats = forms.IntegerField(label=_("Số lượng cần bầu"), min_value=1, max_value=15, initial=1)


class CandidateForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Ứng cử viên"), queryset=Member.objects.none())
    source = forms.ChoiceField(label=_("Nguồn"), choices=CandidateSource.choices)

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xin rút"), max_length=255)
    accepted = forms.TypedChoiceField(
        label=_("Quyết định của Đoàn Chủ tịch"),
        choices=[("1", _("Đồng ý cho rút")), ("0", _("Không đồng ý cho rút"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )


class CountForm(forms.Form):
    """The count of one round; a field per candidate, in ballot order."""

    issued = _count(_("Số phiếu phát ra"))
    returned = _count(_("Số phiếu thu về"))
    valid = _count(_("Số phiếu hợp lệ"))
    invalid = _count(_("Số phiếu không hợp lệ"))

    def __init__(self, *args, candidates: list[Candidate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            self.fields[f"votes_{candidate.pk}"] = _count(candidate.member.full_name)

    def votes(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"votes_{c.pk}"] for c in self.candidates}


class DraftTargetForm(forms.Form):
    name = forms.CharField(
        label=_("Nội dung chỉ tiêu"),
        max_length=500,
        help_text=_("Viết thường, đọc được trong câu, ví dụ: kết nạp đoàn viên mới"),
    )
    area = forms.CharField(label=_("Mảng công tác"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices, initial=TargetKind.NUMBER)
    planned_value = forms.DecimalField(label=_("Chỉ tiêu đề ra"), max_digits=12, decimal_places=2, required=False)
    planned_rating = forms.ChoiceField(
        label=_("Xếp loại đề ra"), choices=[("", "—"), *RatingLevel.choices], required=False
    )
    unit = forms.CharField(label=_("Đơn vị"), max_length=50, required=False)


class ConfirmForm(forms.Form):
    """A confirmation page's POST: nothing to fill in."""
