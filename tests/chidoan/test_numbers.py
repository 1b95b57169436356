"""chidoan.lib.numbers.vn_number: THE way a number is written on a page or in a document."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chidoan.lib.numbers import vn_number


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("85.00"), "85"),
        (Decimal("85.50"), "85,5"),
        (Decimal("2.5"), "2,5"),
        (2.5, "2,5"),
        (7, "7"),
        (0, "0"),
        (Decimal("0.00"), "0"),
        (Decimal("1E+1"), "10"),
        (Decimal("100.00"), "100"),  # normalize() alone would give 1E+2
        (Decimal("1E+3"), "1000"),
        (Decimal("0.125"), "0,125"),
        (Decimal("-2.50"), "-2,5"),
        (-3, "-3"),
    ],
)
def test_it_writes_a_comma_and_no_trailing_zeros(value, written):
    assert vn_number(value) == written


@pytest.mark.parametrize(
    ("value", "places", "written"),
    [
        (Decimal("66.666"), 2, "66,67"),
        (Decimal("85"), 2, "85,00"),
        (Decimal("2.5"), 0, "3"),  # half up, not to the even neighbour (2)
        (Decimal("62.5"), 0, "63"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("-3.75"), 1, "-3,8"),
        (2.675, 2, "2,68"),  # the float's shortest text (2.675), not its binary value (2.67499…)
        (Decimal("1E+1"), 1, "10,0"),
    ],
)
def test_places_fix_the_decimals_rounding_half_up(value, places, written):
    assert vn_number(value, places=places) == written


@pytest.mark.parametrize(
    ("value", "places", "written"),
    [(Decimal("-0.00"), None, "0"), (Decimal("-0.001"), 2, "0,00"), (Decimal("-0.4"), 0, "0")],
)
def test_a_negative_zero_is_written_without_its_sign(value, places, written):
    assert vn_number(value, places=places) == written


def test_none_gives_the_empty_text_asked_for():
    assert vn_number(None) == ""
    assert vn_number(None, empty="0") == "0"
    assert vn_number(None, places=2, empty="—") == "—"
