"""Forms of the committee tab: adding a seat, ending one, changing its role."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field, version_field
from chidoan.lib.picker import MemberPickerField, PickerFormMixin
from members.models import Member, Organisation
from terms.models import CommitteeRole, SeatEndKind, SeatStartKind

# How a seat ended, by the seat's own field names: what a stale refusal compares (chidoan.lib.locking.refuse_stale).
SEAT_END_FIELDS = ["ended_on", "end_kind", "end_reason"]


class SeatAddForm(PickerFormMixin, ChoiceLabelsMixin, forms.Form):
    member = MemberPickerField(label=_("Đoàn viên"), queryset=Member.objects.none())
    role = forms.ChoiceField(label=_("Chức danh"), choices=CommitteeRole.choices, initial=CommitteeRole.MEMBER)
    # date_field is typed for a str label; a lazy one is the same to it at run time.
    started_on = date_field(cast(str, _("Ngày bắt đầu")))
    start_kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[
            (SeatStartKind.ADDED, SeatStartKind.ADDED.label),
            (SeatStartKind.ELECTED, SeatStartKind.ELECTED.label),
            (SeatStartKind.APPOINTED, SeatStartKind.APPOINTED.label),
        ],
        initial=SeatStartKind.ADDED,
    )
    decision_number = forms.CharField(
        label=_("Số quyết định chỉ định"),
        max_length=50,
        required=False,
        help_text=_("Khi cấp trên chỉ định, ví dụ: 15-QĐ/ĐK"),
    )
    decision_on = date_field(cast(str, _("Ngày quyết định")), required=False)

    def __init__(self, *args: Any, branch: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any member of the branch, chosen by searching (the page never lists the whole branch).
        member = cast(MemberPickerField, self.fields["member"])
        member.queryset = Member.objects.filter(branch=branch).in_name_order()
        member.url = reverse("members:picker", kwargs={"slug": branch.slug})


class SeatEndForm(forms.Form):
    on = date_field(cast(str, _("Ngày thôi")))
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
    version = version_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # What the user typed under the seat's names too (SEAT_END_FIELDS), to show it beside what was saved.
        cleaned["ended_on"] = cleaned.get("on")
        cleaned["end_reason"] = cleaned.get("reason", "").strip()
        return cleaned


class SeatRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Chức danh mới"), choices=CommitteeRole.choices)
    on = date_field(cast(str, _("Từ ngày")))
    version = version_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A role change ends the seat so (SEAT_END_FIELDS): to show beside how it was ended meanwhile.
        cleaned["ended_on"] = cleaned.get("on")
        cleaned["end_kind"] = SeatEndKind.ROLE_CHANGE
        cleaned["end_reason"] = str(SeatEndKind.ROLE_CHANGE.label)
        return cleaned
