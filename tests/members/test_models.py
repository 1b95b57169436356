"""Members' models: the organisation tree, status history, search and name order, constraints."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.db import IntegrityError, transaction

from members import selectors
from members.models import (
    BranchRating,
    BranchType,
    Member,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    OrganisationKind,
    RatingLevel,
    StatusChangeKind,
)
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


# The organisation tree ------------------------------------------------------


@pytest.fixture
def tree():
    province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE)
    bloc = ParentOrganisationFactory(kind=OrganisationKind.BLOC, parent=province)
    branch_a = OrganisationFactory(parent=bloc)
    branch_b = OrganisationFactory(parent=bloc)
    elsewhere = OrganisationFactory(parent=province)
    other_province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE)
    return province, bloc, branch_a, branch_b, elsewhere, other_province


def test_descendants_of_lists_the_organisation_and_everything_below_it(tree):
    province, bloc, branch_a, branch_b, elsewhere, other_province = tree
    assert set(Organisation.objects.descendants_of(bloc)) == {bloc, branch_a, branch_b}
    assert set(Organisation.objects.descendants_of(province)) == {province, bloc, branch_a, branch_b, elsewhere}
    assert set(Organisation.objects.descendants_of(bloc, include_self=False)) == {branch_a, branch_b}
    assert set(Organisation.objects.descendants_of(other_province)) == {other_province}


def test_descendants_of_a_branch_is_only_the_branch(tree):
    _province, _bloc, branch_a, _branch_b, _elsewhere, _other = tree
    assert list(Organisation.objects.descendants_of(branch_a)) == [branch_a]


def test_ancestors_run_from_the_top_down(tree):
    province, bloc, branch_a, *_ = tree
    assert list(branch_a.ancestors()) == [province, bloc]
    assert list(province.ancestors()) == []


def test_moving_an_organisation_moves_its_whole_subtree(tree):
    province, bloc, branch_a, branch_b, elsewhere, other_province = tree
    bloc.parent = other_province
    bloc.save()

    assert set(Organisation.objects.descendants_of(other_province)) == {other_province, bloc, branch_a, branch_b}
    assert set(Organisation.objects.descendants_of(province)) == {province, elsewhere}
    branch_a.refresh_from_db()
    assert list(branch_a.ancestors()) == [other_province, bloc]


def test_moving_an_organisation_moves_the_levels_below_its_children_too(tree):
    province, bloc, _branch_a, _branch_b, elsewhere, _other = tree
    inter = ParentOrganisationFactory(kind=OrganisationKind.INTER_BRANCH, parent=bloc)
    deep = OrganisationFactory(parent=inter)  # a grandchild of the bloc
    bloc.parent = None
    bloc.save()

    deep.refresh_from_db()
    assert list(deep.ancestors()) == [bloc, inter]
    assert set(Organisation.objects.descendants_of(province)) == {province, elsewhere}


def test_the_demo_bloc_sees_both_demo_branches(demo_branch):
    bloc = demo_branch.parent
    branches = Organisation.objects.descendants_of(bloc).branches()
    assert set(branches.values_list("slug", flat=True)) == {demo_branch.slug, "so-y-te-mau"}


@pytest.mark.parametrize(("branch_type", "months"), [(BranchType.AGENCY, 30), (BranchType.SCHOOL, 12)])
def test_term_length_follows_the_branch_type(branch_type, months):
    assert OrganisationFactory.build(branch_type=branch_type).term_length_months == months


def test_organisation_names_are_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Chi đoàn Sở Y tế")
    branch = OrganisationFactory(name=decomposed, short_name=decomposed)
    branch.refresh_from_db()
    assert branch.name == "Chi đoàn Sở Y tế"
    assert unicodedata.is_normalized("NFC", branch.short_name)


# Status history and "active on a date" ---------------------------------------


def test_a_member_is_active_from_admission_until_leaving():
    member = MemberFactory(admitted_on=D(2020, 2, 10))
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.LEFT, on=D(2023, 10, 1), reason="nghỉ việc")
    active = Member.objects.filter(pk=member.pk)

    assert not active.active_on(D(2020, 2, 9)).exists()
    assert active.active_on(D(2020, 2, 10)).exists()
    assert active.active_on(D(2023, 9, 30)).exists()
    assert not active.active_on(D(2023, 10, 1)).exists()


def test_a_member_transferred_back_in_is_active_again():
    member = MemberFactory(admitted_on=D(2015, 1, 1))
    MemberStatusChange.objects.create(
        member=member,
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=D(2018, 1, 1),
        assessment="Hoàn thành tốt nhiệm vụ",
        dues_paid_until=D(2017, 12, 31),
    )
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2020, 1, 1))
    qs = Member.objects.filter(pk=member.pk)
    assert [qs.active_on(d).exists() for d in (D(2017, 6, 1), D(2019, 6, 1), D(2021, 6, 1))] == [True, False, True]


def test_the_later_of_two_changes_on_the_same_day_wins():
    member = MemberFactory(admitted_on=D(2015, 1, 1))
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.LEFT, on=D(2020, 1, 1), reason="nhầm")
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=D(2020, 1, 1))
    assert Member.objects.filter(pk=member.pk).active_on(D(2020, 1, 1)).exists()


def test_a_member_without_any_status_record_is_not_active():
    member = MemberFactory(admitted=False)
    assert not Member.objects.filter(pk=member.pk).active_on(D(2024, 1, 1)).exists()


def test_the_demo_member_who_left_is_active_only_before_leaving(demo_branch):
    uyen = Member.objects.filter(branch=demo_branch).search("tu uyen")
    assert uyen.active_on(D(2023, 9, 30)).exists()
    assert not uyen.active_on(D(2023, 10, 1)).exists()


# Coming of age ---------------------------------------------------------------


def test_a_member_over_thirty_is_flagged_for_coming_of_age():
    member = MemberFactory(date_of_birth=D(1990, 6, 15))
    assert not member.is_over_age_on(D(2021, 6, 14))  # 30 years old
    assert member.is_over_age_on(D(2021, 6, 15))  # 31st birthday: over 30


def test_a_member_on_a_leadership_body_is_flagged_only_over_thirty_five():
    member = MemberFactory(date_of_birth=D(1990, 6, 15), leadership_exemption=True)
    assert not member.is_over_age_on(D(2026, 6, 14))
    assert member.is_over_age_on(D(2026, 6, 15))


def test_a_member_with_a_coming_of_age_record_is_no_longer_flagged():
    member = MemberFactory(date_of_birth=D(1990, 6, 15))
    MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.CAME_OF_AGE, on=D(2021, 7, 1))
    assert not member.is_over_age_on(D(2022, 1, 1))
    assert member.is_over_age_on(D(2021, 6, 30))  # before the record, the flag stood


def test_the_coming_of_age_flag_costs_the_same_queries_for_three_times_the_members(assert_constant_queries):
    """Guards the N+1 of a list showing the flag: it reads the prefetched status history, not a query per member."""
    branch = OrganisationFactory()

    def build(n: int):
        MemberFactory.create_batch(n, branch=branch, date_of_birth=D(1980, 1, 1))

        def flags() -> None:
            members = Member.objects.filter(branch=branch).prefetch_related("status_changes")
            assert all(m.is_over_age_on(D(2024, 1, 1)) for m in members)

        return flags

    assert_constant_queries(build, sizes=(5, 15))


def test_born_before_finds_members_past_a_birthday_including_the_day_itself():
    branch = OrganisationFactory()
    leap = MemberFactory(branch=branch, date_of_birth=D(1992, 2, 29))
    MemberFactory(branch=branch, date_of_birth=D(1995, 1, 1))  # 29 on that day
    on_the_day = MemberFactory(branch=branch, date_of_birth=D(1994, 3, 1))
    found = set(Member.objects.filter(branch=branch).born_before(D(2024, 3, 1), years=30))
    assert found == {leap, on_the_day}


# Search and name order ---------------------------------------------------------


@pytest.fixture
def named_branch():
    branch = OrganisationFactory()
    names = [
        ("Nguyễn", "Thị Tú", "Uyên"),
        ("Đặng", "Tuyết", "Hằng"),
        ("Lê", "Huỳnh Khắc", "Huy"),
        ("Trần", "Thị Tú", "Anh"),
        ("Dương", "Văn", "Đạt"),
    ]
    members = {
        f"{f} {m} {g}": MemberFactory(branch=branch, family_name=f, middle_name=m, given_name=g) for f, m, g in names
    }
    return branch, members


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tu uyen", {"Nguyễn Thị Tú Uyên"}),
        ("Tú Uyên", {"Nguyễn Thị Tú Uyên"}),
        ("DANG", {"Đặng Tuyết Hằng"}),
        ("đặng", {"Đặng Tuyết Hằng"}),
        ("thi tu", {"Nguyễn Thị Tú Uyên", "Trần Thị Tú Anh"}),
        ("uyen tu", {"Nguyễn Thị Tú Uyên"}),
        ("dat", {"Dương Văn Đạt"}),
        (unicodedata.normalize("NFD", "Huỳnh"), {"Lê Huỳnh Khắc Huy"}),
        ("tu lan", set()),
    ],
)
def test_search_ignores_accents_case_and_word_order(named_branch, query, expected):
    branch, _members = named_branch
    found = Member.objects.filter(branch=branch).search(query)
    assert {m.full_name for m in found} == expected


def test_an_empty_search_finds_everyone(named_branch):
    branch, members = named_branch
    assert Member.objects.filter(branch=branch).search("  ").count() == len(members)


def test_in_name_order_sorts_by_given_name_then_middle_then_family_the_vietnamese_way():
    branch = OrganisationFactory()
    expected = [
        ("Trần", "", "An"),
        ("Lê", "Văn", "Anh"),
        ("Bùi", "Thị", "Ánh"),  # same letters as "Anh": the tone decides, ngang before sắc
        ("Phạm", "", "Ân"),  # â comes after a
        ("Võ", "", "Bình"),
        ("Hồ", "Văn", "Dung"),
        ("Ngô", "Văn", "Dũng"),
        ("Dương", "Văn", "Đạt"),  # đ after d
        ("Mai", "", "Lan"),  # no middle name before any middle name
        ("Bùi", "Thị", "Lan"),
        ("Lê", "Thị", "Lan"),  # same given and middle name: the family name decides
        ("Ông", "Thị", "Ơn"),
        ("Châu", "Ngọc", "Yến"),
    ]
    # Created in reverse order so that the primary key cannot produce the expected order.
    for family, middle, given in reversed(expected):
        MemberFactory(branch=branch, family_name=family, middle_name=middle, given_name=given)
    ordered = [
        (m.family_name, m.middle_name, m.given_name) for m in Member.objects.filter(branch=branch).in_name_order()
    ]
    assert ordered == expected


@pytest.mark.postgres
@pytest.mark.parametrize("collation", ["en-US-x-icu", "vi-x-icu", "und-x-icu"])
def test_the_name_order_does_not_depend_on_the_postgresql_collation(collation):
    """Production databases are often created with en_US or vi_VN collation, which ignore spaces and
    punctuation; the digit-only sort key must order the same under any of them as byte by byte."""
    from django.db import connection
    from django.db.models.functions import Collate

    if connection.vendor != "postgresql":
        pytest.skip("collations are a PostgreSQL matter; SQLite compares bytes.")
    branch = OrganisationFactory()
    names = [
        ("Nguyễn", "", "An"),
        ("Nguyễn", "Văn", "An"),
        ("Lê", "", "Anh"),
        ("Lê", "Thị", "Ánh"),
        ("H'", "Hen", "Niê"),
        ("Trần", "Văn", "A 2"),
        ("Trần", "Văn", "A 10"),
        ("Bùi", "Thị", "Ân"),
        ("Đỗ", "Văn", "Đạt"),
        ("Ông", "", "Ơn"),
        ("Vũ", "Thị", "Yến"),
    ]
    for family, middle, given in names:
        MemberFactory(branch=branch, family_name=family, middle_name=middle, given_name=given)
    members = Member.objects.filter(branch=branch)
    by_bytes = list(members.in_name_order().values_list("pk", flat=True))
    by_collation = list(
        members.annotate(key=Collate("name_sort_key", collation)).order_by("key", "pk").values_list("pk", flat=True)
    )
    assert by_collation == by_bytes


def test_member_names_are_stored_in_nfc_and_searchable_either_way():
    member = MemberFactory(
        family_name=unicodedata.normalize("NFD", "Nguyễn"),
        middle_name=unicodedata.normalize("NFD", " Thị   Tú "),
        given_name=unicodedata.normalize("NFD", "Uyên"),
    )
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Thị Tú Uyên"
    assert unicodedata.is_normalized("NFC", member.full_name)
    assert member.search_key == "nguyen thi tu uyen"


# Database constraints: the second line behind the services --------------------


def test_the_database_refuses_a_transfer_out_without_assessment_or_dues_date():
    member = MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.TRANSFERRED_OUT, on=D(2024, 1, 1))


def test_the_database_accepts_a_transfer_out_with_assessment_and_dues_date_and_the_member_has_gone():
    member = MemberFactory()
    MemberStatusChange.objects.create(
        member=member,
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=D(2024, 1, 1),
        assessment="Hoàn thành tốt nhiệm vụ",
        dues_paid_until=D(2023, 12, 31),
    )
    assert selectors.member_status_on(member, D(2024, 1, 1)) == MemberStatus.TRANSFERRED


def test_the_database_refuses_a_party_admission_date_for_a_non_party_member():
    member = MemberFactory()
    member.party_admitted_on = D(2020, 5, 19)
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_the_database_refuses_two_ratings_of_a_member_for_one_year():
    member = MemberFactory()
    MemberRating.objects.create(member=member, year=2023, level=RatingLevel.GOOD)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberRating.objects.create(member=member, year=2023, level=RatingLevel.COMPLETED)


def test_the_database_refuses_two_ratings_of_a_branch_for_one_year():
    branch = OrganisationFactory()
    BranchRating.objects.create(branch=branch, year=2023, level=RatingLevel.GOOD)
    with pytest.raises(IntegrityError), transaction.atomic():
        BranchRating.objects.create(branch=branch, year=2023, level=RatingLevel.EXCELLENT)


def test_an_organisation_may_move_under_another_level(tree):
    _province, bloc, *_rest, other_province = tree
    bloc.parent = other_province
    bloc.full_clean()  # accepted: no ValidationError
    bloc.save()
    assert list(bloc.ancestors()) == [other_province]


@pytest.mark.parametrize(
    "new_parent",
    ["itself", "its branch", "its grandchild"],
)
def test_it_refuses_to_put_an_organisation_under_itself_or_below_it(tree, new_parent):
    from django.core.exceptions import ValidationError

    _province, bloc, branch_a, *_ = tree
    inter = ParentOrganisationFactory(kind=OrganisationKind.INTER_BRANCH, parent=bloc)
    deeper = ParentOrganisationFactory(kind=OrganisationKind.GRASSROOTS, parent=inter)
    bloc.parent = {"itself": bloc, "its branch": branch_a, "its grandchild": deeper}[new_parent]
    with pytest.raises(ValidationError) as refused:
        bloc.full_clean()
    assert "parent" in refused.value.message_dict


def test_it_refuses_an_organisation_under_a_branch(tree):
    from django.core.exceptions import ValidationError

    _province, _bloc, branch_a, *_ = tree
    with pytest.raises(ValidationError) as refused:
        OrganisationFactory.build(parent=branch_a).full_clean()
    assert "Chi đoàn là cấp cơ sở" in " ".join(refused.value.message_dict["parent"])
