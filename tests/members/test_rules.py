"""The Union's rules on members, without the database: ages, admission, status changes, the 90 % rule."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members import rules
from members.models import RatingLevel, StatusChangeKind

D = datetime.date


@pytest.mark.parametrize(
    ("born", "years", "birthday"),
    [(D(2000, 6, 15), 15, D(2015, 6, 15)), (D(2004, 2, 29), 15, D(2019, 3, 1)), (D(2004, 2, 29), 16, D(2020, 2, 29))],
)
def test_a_birthday_of_someone_born_on_29_february_is_1_march_in_a_common_year(born, years, birthday):
    assert rules.birthday(born, years) == birthday


def test_the_latest_birth_date_for_an_age_on_29_february_is_the_28th():
    assert rules.years_before(D(2024, 2, 29), 30) == D(1994, 2, 28)
    assert rules.years_before(D(2024, 3, 1), 30) == D(1994, 3, 1)


@pytest.mark.parametrize(
    ("on", "leadership", "flags"),
    [
        (D(2020, 6, 14), False, (False, False)),  # 29: 31 only in more than a year
        (D(2020, 6, 15), False, (False, True)),  # 30 today: 31, over the limit, within a year
        (D(2021, 6, 15), False, (True, False)),  # 31: over
        (D(2021, 6, 15), True, (False, False)),  # 31 on a leadership body: the limit is 35
        (D(2025, 6, 15), True, (False, True)),
    ],
)
def test_the_age_flags_say_over_or_near_the_limit(on, leadership, flags):
    assert rules.age_flags(born=D(1990, 6, 15), leadership_exemption=leadership, on=on) == flags


def test_the_admission_age_runs_from_fifteen_years_and_a_day_to_thirty():
    born = D(2000, 6, 15)
    for refused_on in (D(2015, 6, 15), D(2031, 6, 15)):
        with pytest.raises(ValidationError):
            rules.check_admission_age(date_of_birth=born, admitted_on=refused_on)
    for accepted_on in (D(2015, 6, 16), D(2031, 6, 14)):
        rules.check_admission_age(date_of_birth=born, admitted_on=accepted_on)


def test_a_transfer_out_record_needs_an_assessment_and_the_dues_date_and_leaving_a_reason():
    assert set(
        rules.record_errors(kind=StatusChangeKind.TRANSFERRED_OUT, reason="", assessment=" ", dues_paid_until=None)
    ) == {"assessment", "dues_paid_until"}
    assert set(rules.record_errors(kind=StatusChangeKind.REMOVED, reason="", assessment="", dues_paid_until=None)) == {
        "reason"
    }
    assert rules.record_errors(kind=StatusChangeKind.CAME_OF_AGE, reason="", assessment="", dues_paid_until=None) == {}


LATER = D(2024, 1, 1)


def change(kind: str, *, last_kind: str | None = StatusChangeKind.ADMITTED, on: datetime.date = LATER, **more):
    rules.check_status_change(
        kind=kind, on=on, last_kind=last_kind, last_on=D(2020, 1, 1), date_of_birth=D(1990, 6, 15), **more
    )


def test_only_an_active_member_leaves_and_only_one_who_left_comes_back():
    change(StatusChangeKind.LEFT, reason="nghỉ việc")
    change(StatusChangeKind.TRANSFERRED_IN, last_kind=StatusChangeKind.LEFT)
    with pytest.raises(ValidationError) as refused:
        change(StatusChangeKind.LEFT, last_kind=StatusChangeKind.LEFT, reason="nghỉ việc")
    assert "đang sinh hoạt" in refused.value.message_dict["kind"][0]
    with pytest.raises(ValidationError) as refused:
        change(StatusChangeKind.TRANSFERRED_IN)
    assert "đang sinh hoạt" in refused.value.message_dict["kind"][0]


def test_a_change_dated_before_the_latest_record_is_refused_first():
    with pytest.raises(ValidationError) as refused:
        change(StatusChangeKind.LEFT, on=D(2019, 12, 31))
    assert list(refused.value.message_dict) == ["on"]
    assert "01/01/2020" in refused.value.message_dict["on"][0]


def test_coming_of_age_is_recorded_from_thirty():
    with pytest.raises(ValidationError):
        change(StatusChangeKind.CAME_OF_AGE, on=D(2020, 6, 14))
    change(StatusChangeKind.CAME_OF_AGE, on=D(2020, 6, 15))


@pytest.mark.parametrize(
    ("participation", "refused"), [(None, True), (Decimal("89.99"), True), (Decimal(90), False), (Decimal(100), False)]
)
def test_excellent_needs_ninety_percent_participation(participation, refused):
    error = rules.rating_level_error(level=RatingLevel.EXCELLENT, participation_percent=participation)
    assert (error is not None) == refused
    assert rules.rating_level_error(level=RatingLevel.GOOD, participation_percent=participation) is None
