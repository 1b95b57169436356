"""Forms of the congress day: they validate input only; congress.services applies the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field, version_field
from chidoan.lib.picker import MemberMultiplePickerField, MemberPickerField, PickerFormMixin
from congress.models import (
    AttendanceStatus,
    Candidate,
    CandidateSource,
    Congress,
    DraftTarget,
    ElectionKind,
    ProgrammeItem,
)
from members.models import Member

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# LAZY: chidoan.lib.forms.date_field types its label as `str`; Django takes a lazy translation there
# and the label must stay lazy (translated per request), hence the ignores until the lib says StrOrPromise.
STALE_PAGE = _("Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại.")


def _count(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class CongressForm(forms.Form):
    held_on = date_field(_("Ngày Đại hội"))
    starts_at = forms.TimeField(
        label=_("Giờ khai mạc"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    new_term_number = forms.IntegerField(label=_("Khóa (nếu có)"), min_value=1, required=False)
    new_term_starts_on = date_field(_("Nhiệm kỳ mới bắt đầu"))
    new_term_ends_on = date_field(_("Nhiệm kỳ mới kết thúc"))
    delegates_count = forms.IntegerField(
        label=_("Số đại biểu chính thức dự Đại hội cấp trên"),
        min_value=0,
        max_value=50,
        initial=0,
        required=False,
        help_text=_("Theo phân bổ của Đoàn cấp trên; 0 hoặc để trống nếu Đại hội không bầu."),
    )
    alternates_count = forms.IntegerField(
        label=_("Số đại biểu dự khuyết"),
        min_value=0,
        max_value=50,
        initial=0,
        required=False,
        help_text=_("0 hoặc để trống nếu không bầu."),
    )
    resolution_title = forms.CharField(
        label=_("Tên Nghị quyết"),
        max_length=255,
        required=False,
        help_text=_("Để trống để dùng “Nghị quyết Đại hội Chi đoàn nhiệm kỳ” và nhiệm kỳ mới, ví dụ 2024 – 2027."),
    )

    def clean_delegates_count(self) -> int:
        return self.cleaned_data["delegates_count"] or 0

    def clean_alternates_count(self) -> int:
        return self.cleaned_data["alternates_count"] or 0


class CongressEditForm(CongressForm):
    """The congress's details as saved when the page opened (`version`, required: chidoan.lib.locking)."""

    version = version_field()

    @classmethod
    def initial_for(cls, congress: Congress) -> dict[str, Any]:
        return {name: getattr(congress, name) for name in cls.base_fields if name != "version"} | {
            "version": congress.version
        }


class ProgrammeForm(forms.Form):
    """The whole programme, a line an item; `versions` are the items the page was opened on
    ("pk:version,..."), so that the save is refused as a whole if any of them changed meanwhile."""

    titles = forms.CharField(
        label=_("Chương trình Đại hội"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Mỗi dòng một mục, theo thứ tự."),
    )
    # Empty for a programme not yet written; the service then refuses if it has items by now.
    versions = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def versions_of(items: QuerySet[ProgrammeItem] | list[ProgrammeItem]) -> str:
        return ",".join(f"{item.pk}:{item.version}" for item in items)

    def clean_titles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["titles"].splitlines() if line.strip()]

    def clean_versions(self) -> dict[int, int]:
        try:
            pairs = [part.split(":") for part in self.cleaned_data["versions"].split(",") if part]
            return {int(pk): int(version) for pk, version in pairs}
        except ValueError:
            raise ValidationError(STALE_PAGE) from None


class ProgrammeNoteForm(forms.Form):
    notes = forms.CharField(
        label=_("Diễn biến (ghi vào biên bản)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    version = version_field()


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


def picker_url(congress: Congress, scope: str, **params: int) -> str:
    """The member picker's search (members:picker) of the congress's branch, narrowed to a scope of
    congress.pickers."""
    url = reverse("members:picker", kwargs={"slug": congress.closes_term.branch.slug})
    query: dict[str, str | int] = {"scope": scope, "congress": congress.pk, **params}
    return f"{url}?{urlencode(query)}"


def _picker(form: forms.Form, name: str) -> MemberPickerField | MemberMultiplePickerField:
    return cast(MemberPickerField | MemberMultiplePickerField, form.fields[name])


class SummonsAddForm(PickerFormMixin, ChoiceLabelsMixin, forms.Form):
    member = MemberPickerField(label=_("Thêm đại biểu"), queryset=Member.objects.none())

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        summoned = congress.attendances.values_list("member_id", flat=True)
        _picker(self, "member").queryset = (
            Member.objects.filter(branch=congress.closes_term.branch).exclude(pk__in=summoned).in_name_order()
        )
        _picker(self, "member").url = picker_url(congress, "congress-not-summoned")


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên khách mời"), max_length=255)
    title = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False)


class BodyMembersForm(PickerFormMixin, ChoiceLabelsMixin, forms.Form):
    members = MemberMultiplePickerField(label=_("Thành viên"), queryset=Member.objects.none())
    head = MemberPickerField(label=_("Trưởng ban / chủ trì"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Of the branch too: the matches then come in name order from the branch's index, 20 at a time.
        summoned = Member.objects.filter(
            branch=congress.closes_term.branch, pk__in=congress.attendances.values("member_id")
        ).in_name_order()
        for name in ("members", "head"):
            _picker(self, name).queryset = summoned
            _picker(self, name).url = picker_url(congress, "congress-summoned")


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


class CandidateForm(PickerFormMixin, ChoiceLabelsMixin, forms.Form):
    member = MemberPickerField(label=_("Ứng cử viên"), queryset=Member.objects.none())
    source = forms.ChoiceField(label=_("Nguồn"), choices=CandidateSource.choices)

    def __init__(self, *args: Any, members: QuerySet[Member], url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _picker(self, "member").queryset = members
        _picker(self, "member").url = url


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

    def __init__(self, *args: Any, candidates: list[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            self.fields[f"votes_{candidate.pk}"] = _count(candidate.member.full_name)

    def votes(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"votes_{c.pk}"] for c in self.candidates}


class DraftTargetForm(ChoiceLabelsMixin, forms.ModelForm):
    """A target of the draft: the planned fields as terms.models.planned.PlannedTarget declares them."""

    class Meta:
        model = DraftTarget
        fields = ["name", "area", "kind", "planned_value", "planned_rating", "unit"]
