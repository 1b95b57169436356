"""The statistics' period form: a quarter, a half-year or a year of a given year, or two dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chidoan.lib.forms import date_field
from reports.statistics.periods import ROMAN, Period, PeriodKind

QUARTERS = [(n, f"Quý {roman}") for n, roman in ROMAN.items()]
HALVES = [(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))]


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER)
    year = forms.IntegerField(label=_("Năm"), min_value=1931, max_value=2200, required=False)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=QUARTERS, coerce=int, required=False)
    half = forms.TypedChoiceField(label=_("6 tháng"), choices=HALVES, coerce=int, required=False)
    starts_on = date_field(_("Từ ngày"), required=False)
    ends_on = date_field(_("Đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind, year = data.get("kind"), data.get("year")
        if kind == PeriodKind.DATES:
            starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
            if not starts_on:
                self.add_error("starts_on", _("Nhập ngày đầu kỳ."))
            if not ends_on:
                self.add_error("ends_on", _("Nhập ngày cuối kỳ."))
            if starts_on and ends_on and ends_on < starts_on:
                self.add_error("ends_on", _("Ngày cuối kỳ phải sau ngày đầu kỳ."))
            return data
        if kind and not year:
            self.add_error("year", _("Nhập năm của kỳ báo cáo."))
        if kind == PeriodKind.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Chọn quý."))
        if kind == PeriodKind.HALF and not data.get("half"):
            self.add_error("half", _("Chọn 6 tháng đầu hay cuối năm."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        kind = data["kind"]
        if kind == PeriodKind.QUARTER:
            return Period.quarter(data["year"], data["quarter"])
        if kind == PeriodKind.HALF:
            return Period.half(data["year"], data["half"])
        if kind == PeriodKind.YEAR:
            return Period.whole_year(data["year"])
        return Period.dates(data["starts_on"], data["ends_on"])
