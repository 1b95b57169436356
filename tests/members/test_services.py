"""Members' services: admission, transfers, status history, ratings, optimistic locking.

Every refusal is a ValidationError with a Vietnamese message, and leaves the
database as it was (row counts unchanged).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from chidoan.lib.locking import StaleEditError
from members import selectors, services
from members.models import (
    CONTACT_FIELDS,
    BranchRating,
    Gender,
    Member,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    RatingLevel,
    StatusChangeKind,
)
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
BORN = D(2000, 6, 15)


def counts() -> tuple[int, int, int, int]:
    return (
        Member.objects.count(),
        MemberStatusChange.objects.count(),
        MemberRating.objects.count(),
        BranchRating.objects.count(),
    )


@contextmanager
def refused_and_nothing_saved() -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """The service refuses (ValidationError) and every table of members is as it was."""
    before = counts()
    with pytest.raises(ValidationError) as refused:
        yield refused
    assert counts() == before


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def admit(branch, *, admitted_on, born=BORN, **details):
    return services.member_admit(
        branch=branch,
        admitted_on=admitted_on,
        family_name="Lâm",
        middle_name="Thị",
        given_name="Thảo",
        date_of_birth=born,
        gender=Gender.FEMALE,
        **details,
    )


# Admission age -----------------------------------------------------------------


def test_it_admits_a_member_aged_fifteen_years_and_one_day():
    branch = OrganisationFactory()
    member = admit(branch, admitted_on=D(2015, 6, 16))
    assert member.admitted_on == D(2015, 6, 16)
    assert selectors.member_status_on(member, D(2015, 6, 16)) == MemberStatus.ACTIVE
    assert Member.objects.filter(pk=member.pk).active_on(D(2015, 6, 16)).exists()


def test_it_refuses_to_admit_a_member_on_their_fifteenth_birthday():
    branch = OrganisationFactory()
    with refused_and_nothing_saved() as refused:
        admit(branch, admitted_on=D(2015, 6, 15))
    assert "Chưa đủ tuổi kết nạp" in messages(refused.value)
    assert "admitted_on" in refused.value.message_dict


def test_it_admits_a_member_on_the_last_day_of_their_thirtieth_year():
    branch = OrganisationFactory()
    member = admit(branch, admitted_on=D(2031, 6, 14))
    assert member.age_on(member.admitted_on) == 30


def test_it_refuses_to_admit_a_member_over_thirty():
    branch = OrganisationFactory()
    with refused_and_nothing_saved() as refused:
        admit(branch, admitted_on=D(2031, 6, 15))
    assert "Quá tuổi kết nạp" in messages(refused.value)


def test_a_member_born_on_29_february_turns_fifteen_on_1_march_and_is_admitted_from_2_march():
    """In a common year the 15th birthday of someone born on 29 February is 1 March: too young that day."""
    branch = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        admit(branch, admitted_on=D(2019, 3, 1), born=D(2004, 2, 29))
    assert "Chưa đủ tuổi kết nạp" in messages(refused.value)
    member = admit(branch, admitted_on=D(2019, 3, 2), born=D(2004, 2, 29))
    assert selectors.member_status_on(member, D(2019, 3, 2)) == MemberStatus.ACTIVE


def test_it_refuses_to_admit_a_member_into_an_organisation_that_is_not_a_branch():
    parent = ParentOrganisationFactory()
    with refused_and_nothing_saved() as refused:
        admit(parent, admitted_on=D(2020, 1, 1))
    assert "chi đoàn" in messages(refused.value)


def test_it_refuses_a_member_without_a_given_name_and_saves_nothing():
    branch = OrganisationFactory()
    with refused_and_nothing_saved() as refused:
        services.member_admit(
            branch=branch,
            admitted_on=D(2020, 1, 1),
            family_name="Lâm",
            given_name="",
            date_of_birth=BORN,
            gender=Gender.FEMALE,
        )
    assert "given_name" in refused.value.message_dict


def test_a_member_transferred_in_is_active_from_the_day_they_join():
    branch = OrganisationFactory()
    member = services.member_transfer_in(
        branch=branch,
        joined_on=D(2022, 5, 1),
        came_from="Đoàn trường Đại học",
        family_name="Tô",
        middle_name="Văn",
        given_name="Hiếu",
        date_of_birth=BORN,
        gender=Gender.MALE,
        admitted_on=D(2016, 3, 26),
    )
    change = member.status_changes.get()
    assert (change.kind, change.on, change.destination) == (
        StatusChangeKind.TRANSFERRED_IN,
        D(2022, 5, 1),
        "Đoàn trường Đại học",
    )
    assert not Member.objects.filter(pk=member.pk).active_on(D(2022, 4, 30)).exists()
    assert Member.objects.filter(pk=member.pk).active_on(D(2022, 5, 1)).exists()


@pytest.mark.parametrize(
    ("admitted_on", "message"),
    [(D(2023, 1, 1), "sau ngày chuyển đến"), (D(2014, 1, 1), "Chưa đủ tuổi kết nạp")],
)
def test_it_refuses_a_transfer_in_with_an_impossible_admission_date(admitted_on, message):
    branch = OrganisationFactory()
    with refused_and_nothing_saved() as refused:
        services.member_transfer_in(
            branch=branch,
            joined_on=D(2022, 5, 1),
            family_name="Tô",
            given_name="Hiếu",
            date_of_birth=BORN,
            gender=Gender.MALE,
            admitted_on=admitted_on,
        )
    assert message in messages(refused.value)


# Status history ----------------------------------------------------------------------


def test_it_records_a_transfer_out_with_assessment_and_dues_date():
    member = MemberFactory(admitted_on=D(2015, 1, 1))
    change = services.member_change_status(
        member=member,
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=D(2024, 2, 1),
        assessment="  Hoàn thành tốt nhiệm vụ  ",
        dues_paid_until=D(2024, 1, 31),
        destination="Chi đoàn Sở Y tế",
    )
    assert change.assessment == "Hoàn thành tốt nhiệm vụ"
    assert selectors.member_status_on(member, D(2024, 1, 31)) == MemberStatus.ACTIVE
    assert selectors.member_status_on(member, D(2024, 2, 1)) == MemberStatus.TRANSFERRED
    assert not Member.objects.filter(pk=member.pk).active_on(D(2024, 2, 1)).exists()


@pytest.mark.parametrize(
    ("assessment", "dues_paid_until", "fields"),
    [
        ("", D(2024, 1, 31), {"assessment"}),
        ("   ", D(2024, 1, 31), {"assessment"}),
        ("Hoàn thành tốt nhiệm vụ", None, {"dues_paid_until"}),
        ("", None, {"assessment", "dues_paid_until"}),
    ],
)
def test_it_refuses_a_transfer_out_without_assessment_or_dues_date(assessment, dues_paid_until, fields):
    member = MemberFactory()
    with refused_and_nothing_saved() as refused:
        services.member_change_status(
            member=member,
            kind=StatusChangeKind.TRANSFERRED_OUT,
            on=D(2024, 2, 1),
            assessment=assessment,
            dues_paid_until=dues_paid_until,
        )
    assert set(refused.value.message_dict) == fields
    assert "Chuyển sinh hoạt cần" in messages(refused.value)


def test_leaving_needs_a_reason():
    member = MemberFactory()
    with refused_and_nothing_saved() as refused:
        services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2023, 10, 1))
    assert "Cần ghi lý do" in messages(refused.value)
    change = services.member_change_status(
        member=member, kind=StatusChangeKind.LEFT, on=D(2023, 10, 1), reason="nghỉ việc"
    )
    assert change.reason == "nghỉ việc"


def test_it_refuses_a_change_dated_before_the_latest_one():
    member = MemberFactory(admitted_on=D(2015, 1, 1))
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2023, 10, 1), reason="nghỉ việc")
    with refused_and_nothing_saved() as refused:
        services.member_change_status(member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2023, 9, 1))
    assert "01/10/2023" in messages(refused.value)


def test_it_refuses_to_transfer_out_a_member_who_has_already_left():
    member = MemberFactory()
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2023, 10, 1), reason="nghỉ việc")
    with pytest.raises(ValidationError) as refused:
        services.member_change_status(
            member=member,
            kind=StatusChangeKind.TRANSFERRED_OUT,
            on=D(2023, 11, 1),
            assessment="Tốt",
            dues_paid_until=D(2023, 9, 30),
        )
    assert "đang sinh hoạt" in messages(refused.value)


def test_it_refuses_to_bring_back_a_member_who_is_active():
    member = MemberFactory()
    with pytest.raises(ValidationError) as refused:
        services.member_change_status(member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2023, 1, 1))
    assert "đang sinh hoạt" in messages(refused.value)


def test_a_member_who_left_can_come_back():
    member = MemberFactory(admitted_on=D(2015, 1, 1))
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2020, 1, 1), reason="nghỉ việc")
    services.member_change_status(member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2022, 1, 1))
    assert [selectors.member_status_on(member, d) for d in (D(2019, 1, 1), D(2021, 1, 1), D(2023, 1, 1))] == [
        MemberStatus.ACTIVE,
        MemberStatus.LEFT,
        MemberStatus.ACTIVE,
    ]


def test_it_records_coming_of_age_from_thirty():
    member = MemberFactory(date_of_birth=D(1990, 6, 15), admitted_on=D(2006, 3, 26))
    with pytest.raises(ValidationError) as refused:
        services.member_change_status(member=member, kind=StatusChangeKind.CAME_OF_AGE, on=D(2020, 6, 14))
    assert "chưa đến tuổi trưởng thành" in messages(refused.value)
    services.member_change_status(member=member, kind=StatusChangeKind.CAME_OF_AGE, on=D(2020, 6, 15))
    assert selectors.member_status_on(member, D(2020, 6, 15)) == MemberStatus.CAME_OF_AGE


# Ratings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("participation", [Decimal("90"), Decimal("100")])
def test_a_member_with_ninety_percent_participation_may_be_rated_excellent(participation):
    member = MemberFactory()
    rating = services.member_rating_set(
        member=member, year=2023, level=RatingLevel.EXCELLENT, participation_percent=participation
    )
    assert rating.get_level_display() == "Hoàn thành xuất sắc nhiệm vụ"


@pytest.mark.parametrize("participation", [None, Decimal("89.99"), Decimal("0")])
def test_it_refuses_excellent_below_ninety_percent_participation(participation):
    member = MemberFactory()
    with refused_and_nothing_saved() as refused:
        services.member_rating_set(
            member=member, year=2023, level=RatingLevel.EXCELLENT, participation_percent=participation
        )
    assert "90%" in messages(refused.value)


def test_a_good_rating_needs_no_participation_figure():
    member = MemberFactory()
    assert services.member_rating_set(member=member, year=2023, level=RatingLevel.GOOD).participation_percent is None


def test_rating_a_member_again_for_the_same_year_replaces_the_rating():
    member = MemberFactory()
    services.member_rating_set(member=member, year=2023, level=RatingLevel.GOOD, participation_percent=Decimal(80))
    services.member_rating_set(member=member, year=2023, level=RatingLevel.EXCELLENT, participation_percent=Decimal(95))
    rating = member.ratings.get()
    assert (rating.level, rating.participation_percent) == (RatingLevel.EXCELLENT, Decimal(95))


@pytest.mark.parametrize(("year", "participation"), [(1800, Decimal(50)), (2023, Decimal(150))])
def test_it_refuses_an_impossible_year_or_participation_and_saves_nothing(year, participation):
    member = MemberFactory()
    with refused_and_nothing_saved():
        services.member_rating_set(
            member=member, year=year, level=RatingLevel.GOOD, participation_percent=participation
        )


def test_a_branch_is_rated_once_a_year():
    branch = OrganisationFactory()
    services.branch_rating_set(branch=branch, year=2023, level=RatingLevel.GOOD)
    services.branch_rating_set(branch=branch, year=2023, level=RatingLevel.EXCELLENT, rank_note="đứng thứ hạng cao")
    rating = branch.ratings.get()
    assert (rating.level, rating.rank_note) == (RatingLevel.EXCELLENT, "đứng thứ hạng cao")


def test_it_refuses_to_rate_an_organisation_that_is_not_a_branch():
    with refused_and_nothing_saved():
        services.branch_rating_set(branch=ParentOrganisationFactory(), year=2023, level=RatingLevel.GOOD)


# Editing details: optimistic locking and the admission age ----------------------------


def test_member_update_saves_and_bumps_the_version():
    member = MemberFactory()
    services.member_update(member=member, expected_version=1, phone="0912 345 678")
    member.refresh_from_db()
    assert (member.phone, member.version) == ("0912 345 678", 2)


def test_member_update_refuses_a_stale_version_and_keeps_the_first_edit():
    member = MemberFactory()
    first, second = Member.objects.get(pk=member.pk), Member.objects.get(pk=member.pk)
    services.member_update(member=first, expected_version=first.version, phone="0912 345 678")
    with pytest.raises(StaleEditError) as refused:
        services.member_update(member=second, expected_version=second.version, phone="0987 654 321")
    assert "người khác thay đổi" in messages(refused.value)
    member.refresh_from_db()
    assert (member.phone, member.version) == ("0912 345 678", 2)


def test_member_update_refuses_fields_outside_the_allowed_set():
    member = MemberFactory()
    with pytest.raises(TypeError):
        services.member_update(member=member, expected_version=1, fields=CONTACT_FIELDS, given_name="X")
    with pytest.raises(TypeError):
        services.member_update(member=member, expected_version=1, branch=OrganisationFactory())


def test_member_update_refuses_an_admission_date_under_age():
    member = MemberFactory(date_of_birth=D(2000, 6, 15), admitted_on=D(2016, 3, 26))
    with pytest.raises(ValidationError) as refused:
        services.member_update(member=member, expected_version=1, admitted_on=D(2014, 3, 26))
    assert "Chưa đủ tuổi kết nạp" in messages(refused.value)
    member.refresh_from_db()
    assert (member.admitted_on, member.version) == (D(2016, 3, 26), 1)


def test_member_update_refuses_a_date_of_birth_that_makes_the_admission_under_age():
    member = MemberFactory(date_of_birth=D(2000, 6, 15), admitted_on=D(2016, 3, 26))
    with pytest.raises(ValidationError) as refused:
        services.member_update(member=member, expected_version=1, date_of_birth=D(2002, 6, 15))
    assert "Chưa đủ tuổi kết nạp" in messages(refused.value)
    member.refresh_from_db()
    assert member.date_of_birth == D(2000, 6, 15)


def test_member_update_checks_the_admission_age_of_a_member_who_transferred_in():
    member = services.member_transfer_in(
        branch=OrganisationFactory(),
        joined_on=D(2022, 5, 1),
        family_name="Tô",
        given_name="Hiếu",
        date_of_birth=D(2000, 6, 15),
        gender=Gender.MALE,
        admitted_on=D(2016, 3, 26),
    )
    with pytest.raises(ValidationError):
        services.member_update(member=member, expected_version=1, admitted_on=D(2013, 3, 26))
    member.refresh_from_db()
    assert member.admitted_on == D(2016, 3, 26)


def test_a_renamed_member_is_found_by_the_new_name():
    member = MemberFactory(family_name="Trần", middle_name="Văn", given_name="An")
    services.member_update(member=member, expected_version=1, family_name="Đặng", given_name="Ánh")
    assert list(Member.objects.search("dang van anh")) == [member]
    assert not Member.objects.search("tran van an").filter(pk=member.pk).exists()


def test_member_update_refuses_a_bad_email_and_saves_nothing():
    member = MemberFactory()
    with pytest.raises(ValidationError) as refused:
        services.member_update(member=member, expected_version=1, fields=CONTACT_FIELDS, email="not-an-email")
    assert "email" in refused.value.message_dict
    member.refresh_from_db()
    assert (member.email, member.version) == ("", 1)


def test_readmitting_a_member_who_left_keeps_to_the_admission_age():
    member = MemberFactory(date_of_birth=D(1990, 6, 15), admitted_on=D(2006, 3, 26))
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2015, 1, 1), reason="nghỉ việc")
    with refused_and_nothing_saved() as refused:
        services.member_change_status(member=member, kind=StatusChangeKind.ADMITTED, on=D(2022, 1, 1))
    assert "Quá tuổi kết nạp" in messages(refused.value)
    assert "on" in refused.value.message_dict
    services.member_change_status(member=member, kind=StatusChangeKind.ADMITTED, on=D(2020, 1, 1))
    assert selectors.member_status_on(member, D(2020, 1, 1)) == MemberStatus.ACTIVE


def test_it_refuses_an_unknown_kind_of_status_change():
    member = MemberFactory()
    with pytest.raises(ValidationError) as refused:
        services.member_change_status(member=member, kind="promoted", on=D(2022, 1, 1))
    assert "kind" in refused.value.message_dict
