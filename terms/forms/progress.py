"""The form of a progress reading: the field of the result follows the target's kind."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, date_field
from members.models import RatingLevel
from terms.forms.targets import amount_field
from terms.models import Target, TargetKind

BOOLEAN_CHOICES = [("1", _("Đã thực hiện")), ("0", _("Chưa thực hiện"))]


class ProgressForm(ChoiceLabelsMixin, forms.Form):
    # date_field is typed for a str label; a lazy one is the same to it at run time.
    recorded_on = date_field(cast(str, _("Ngày ghi nhận")))
    value = amount_field(
        _("Kết quả đạt được (lũy kế)"), _("Tổng số đạt được tính đến ngày ghi nhận, không phải số tăng thêm.")
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

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if target.kind == TargetKind.RATING:
            del self.fields["value"]
            return
        del self.fields["rating"]
        self.fields["value"].required = True
        if target.kind == TargetKind.BOOLEAN:
            self.fields["value"] = forms.TypedChoiceField(
                label=_("Kết quả"), choices=BOOLEAN_CHOICES, coerce=Decimal, empty_value=None
            )
        elif target.unit:
            self.fields["value"].label = _("Kết quả đạt được (lũy kế, %(unit)s)") % {"unit": target.unit}
