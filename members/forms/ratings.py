"""Yearly ratings: the members' table, a page at a time, and the branch's own rating."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import ChoiceLabelsMixin, version_field
from members.forms.layout import fields_only
from members.models import BranchRating, RatingLevel


class MemberRatingRowForm(forms.Form):
    """One line of the yearly rating table; an empty level leaves the member unrated."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    # The version of the member's rating that year when the page was opened; 0: not rated then.
    version = version_field()
    level = forms.ChoiceField(
        label=_("Xếp loại"), required=False, choices=[("", _("Chưa xếp loại")), *RatingLevel.choices]
    )
    participation_percent = forms.DecimalField(
        label=_("Tham gia (%)"), required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


# One page of the rating table: 50 lines of 5 fields stay far below DATA_UPLOAD_MAX_NUMBER_FIELDS (1000).
RATINGS_PER_PAGE = 50

MemberRatingFormSet = forms.formset_factory(
    MemberRatingRowForm, extra=0, max_num=RATINGS_PER_PAGE, validate_max=True, absolute_max=RATINGS_PER_PAGE * 2
)


class RatingsFilterForm(forms.Form):
    """The year, name search and "not yet rated" filter of the rating table (GET)."""

    year = forms.IntegerField(label=_("Năm"), min_value=1931, max_value=2200, required=False)
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    chua = forms.BooleanField(label=_("Chỉ người chưa xếp loại"), required=False)


class BranchRatingForm(ChoiceLabelsMixin, forms.ModelForm):
    """The rating of one year; a year already rated is rated again (branch_rating_set replaces it).

    `version` is that of the year's rating when the page was opened (0: not rated then), so that a
    rating saved by someone else meanwhile is refused rather than overwritten.
    """

    version = version_field()

    class Meta:
        model = BranchRating
        fields = ["year", "level", "rank_note"]
        # The model's name for the field ends in "...", which reads as cut-off text on the page.
        labels = {"rank_note": _("Ghi chú về thứ hạng")}
        help_texts = {
            "rank_note": _("Báo cáo kiểm điểm viết tiếp sau xếp loại, ví dụ: đứng thứ hạng cao."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = fields_only()

    def validate_unique(self) -> None:
        # Setting a year that is already rated replaces its rating (branch_rating_set).
        pass
