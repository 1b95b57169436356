"""chidoan.lib.display.value_text: one way to show a stored value outside its form."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import models
from django.utils import timezone

from chidoan.lib.display import value_text
from members.models import Gender


def field(**kwargs) -> models.Field:
    return models.CharField(max_length=10, **kwargs)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("2.50"), "2,5"),
        (Decimal("85.00"), "85"),
        (2.5, "2,5"),
        (True, "Có"),
        (False, "Không"),
        (datetime.date(2024, 8, 20), "20/08/2024"),
        (12, "12"),
        ("Văn phòng Sở", "Văn phòng Sở"),
    ],
)
def test_a_value_is_written_as_a_reader_expects(value, written):
    assert value_text(field(), value) == written


def test_an_aware_time_is_shown_in_the_sites_time_zone():
    utc = datetime.datetime(2024, 8, 20, 1, 30, tzinfo=datetime.UTC)
    assert value_text(field(), utc) == "20/08/2024 08:30"  # Asia/Ho_Chi_Minh is UTC+7
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"


def test_a_choice_shows_its_name():
    assert value_text(field(choices=Gender.choices), Gender.FEMALE) == "Nữ"
    assert value_text(field(choices=Gender.choices), "unknown") == "unknown"


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_gives_the_empty_text(value):
    assert value_text(field(), value) == ""
    assert value_text(field(), value, empty="—") == "—"
