"""The form that opens a branch's term: its dates and its number (khóa)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import date_field


class TermOpenForm(forms.Form):
    starts_on = date_field(cast(str, _("Ngày bắt đầu")))
    ends_on = date_field(
        cast(str, _("Ngày kết thúc")),
        help_text=_("Mặc định theo loại hình chi đoàn; cấp trên chỉ được kéo dài hoặc rút ngắn tối đa nửa nhiệm kỳ."),
    )
    number = forms.IntegerField(label=_("Khóa"), min_value=1, max_value=999, required=False)
