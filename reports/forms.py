"""Forms of the self-review report: they validate input only; reports.services does the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import date_field, version_field
from reports.self_review.wording import NARRATIVE_SECTIONS, RESOLUTION_PART

PARAGRAPH_HELP = _("Mỗi dòng là một đoạn văn. Chữ đậm, chữ nghiêng: chọn chữ rồi bấm B, I (hoặc Ctrl+B, Ctrl+I).")


class SelfReviewForm(forms.Form):
    """The narrative parts, paragraph by paragraph, and the document's options."""

    version = version_field()
    include_targets_table = forms.BooleanField(label=_("Kèm bảng kết quả thực hiện các chỉ tiêu"), required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một nơi nhận, ví dụ: Đoàn Khối các cơ quan tỉnh;"),
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]] = NARRATIVE_SECTIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, (key, heading) in enumerate(sections):
            # Parts II (strengths, shortcomings) and III (the roles, lessons) both number from 1.
            part = "II" if index < RESOLUTION_PART else "III"
            self.fields[key] = forms.CharField(
                label=f"{part}. {heading}",
                required=False,
                max_length=20000,
                help_text=PARAGRAPH_HELP,
                widget=forms.Textarea(attrs={"rows": 6, "data-section": key}),
            )
        # The document's order: narrative first, then the options.
        order = [key for key, _heading in sections] + ["include_targets_table", "recipients", "version"]
        self.order_fields(order)


class IssueForm(forms.Form):
    # date_field is typed for a str; a lazy label is one once rendered.
    issued_on = date_field(_("Ngày ban hành"))
