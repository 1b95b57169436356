"""chidoan.lib.forms: the date input, the required version of optimistic locking, a service's refusal on a form."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from chidoan.lib.forms import add_service_error, date_field, date_widget, version_field

STALE_FORM = "Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại."


class SeatForm(forms.Form):
    started_on = date_field("Ngày bắt đầu")
    note = forms.CharField(required=False)
    version = version_field()


def test_the_date_widget_is_the_browsers_picker_with_an_iso_value():
    html = date_widget().render("on", datetime.date(2024, 8, 20))
    assert 'type="date"' in html
    assert 'value="2024-08-20"' in html


@pytest.mark.parametrize("typed", ["2024-08-20", "20/08/2024"])
def test_a_date_is_read_from_the_picker_or_typed_the_vietnamese_way(typed):
    form = SeatForm({"started_on": typed, "version": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["started_on"] == datetime.date(2024, 8, 20)
    assert form.fields["started_on"].label == "Ngày bắt đầu"


def test_the_american_order_is_refused():
    assert not SeatForm({"started_on": "08/20/2024", "version": "3"}).is_valid()


@pytest.mark.parametrize("version", [None, "", "abc", "-1"])
def test_a_form_without_a_sound_version_is_refused(version):
    data = {"started_on": "2024-08-20"}
    if version is not None:
        data["version"] = version
    form = SeatForm(data)
    assert not form.is_valid()
    assert form.errors["version"] == [STALE_FORM]


def test_the_version_travels_hidden():
    form = SeatForm(initial={"version": 4})
    assert form["version"].is_hidden
    assert 'type="hidden"' in str(form["version"]) and 'value="4"' in str(form["version"])


def valid_form() -> SeatForm:
    form = SeatForm({"started_on": "2024-08-20", "note": "x", "version": "1"})
    assert form.is_valid()
    return form


def test_a_refusal_naming_a_field_of_the_form_goes_on_that_field():
    form = valid_form()
    add_service_error(form, ValidationError({"started_on": "Ngày bắt đầu phải trong nhiệm kỳ."}))
    assert form.errors["started_on"] == ["Ngày bắt đầu phải trong nhiệm kỳ."]
    assert form.non_field_errors() == []
    assert "started_on" not in form.cleaned_data


def test_a_refusal_naming_a_field_the_form_lacks_goes_above_the_form():
    form = valid_form()
    add_service_error(form, ValidationError({"member": "Đồng chí này không thuộc chi đoàn."}))
    assert form.non_field_errors() == ["Đồng chí này không thuộc chi đoàn."]


def test_a_refusal_without_a_field_goes_above_the_form_with_its_parameters_filled_in():
    form = valid_form()
    add_service_error(
        form, ValidationError([ValidationError("Ban Chấp hành đã đủ %(n)s đồng chí.", params={"n": 7}), "Thứ hai."])
    )
    assert form.non_field_errors() == ["Ban Chấp hành đã đủ 7 đồng chí.", "Thứ hai."]


def test_several_messages_on_one_field_are_all_shown():
    form = valid_form()
    add_service_error(form, ValidationError({"note": ["Quá ngắn.", "Cần ghi lý do."]}))
    assert form.errors["note"] == ["Quá ngắn.", "Cần ghi lý do."]
