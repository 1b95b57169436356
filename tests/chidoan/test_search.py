"""chidoan.lib.search: THE accent-free search, in the database (a stored key) and in Python (a short list)."""

from __future__ import annotations

import unicodedata

import pytest

from chidoan.lib.search import search_condition, text_matches
from members.models import Member, MemberStatusChange
from tests.members.factories import MemberFactory, OrganisationFactory

NAMES = [
    ("Nguyễn", "Thị Tú", "Uyên"),
    ("Đặng", "Tuyết", "Hằng"),
    ("Đinh", "Thị", "Mai"),
    ("Trần", "Văn", "Tú"),
]


@pytest.fixture
def branch(db):
    branch = OrganisationFactory()
    for family, middle, given in NAMES:
        MemberFactory(branch=branch, family_name=family, middle_name=middle, given_name=given)
    return branch


def found(branch, query: str) -> list[str]:
    return sorted(m.full_name for m in Member.objects.filter(branch=branch).search(query))


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("tu uyen", ["Nguyễn Thị Tú Uyên"]),
        ("Tú Uyên", ["Nguyễn Thị Tú Uyên"]),
        ("DANG", ["Đặng Tuyết Hằng"]),  # đ is typed d, and case does not matter
        ("  hang  ", ["Đặng Tuyết Hằng"]),
        ("uyen tu", ["Nguyễn Thị Tú Uyên"]),  # the words in any order
        ("thi mai", ["Đinh Thị Mai"]),  # every word must match, not any
        ("tu", ["Nguyễn Thị Tú Uyên", "Trần Văn Tú", "Đặng Tuyết Hằng"]),  # part of a word is enough (Tuyết)
        ("tuyet uyen", []),
    ],
)
def test_it_finds_the_members_whose_name_holds_every_word_without_accents(branch, query, names):
    assert found(branch, query) == names


def test_a_decomposed_query_finds_the_same_members(branch):
    """macOS and some copy-pastes send NFD text."""
    assert found(branch, unicodedata.normalize("NFD", "Tú Uyên")) == ["Nguyễn Thị Tú Uyên"]


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_keeps_every_row(branch, query):
    assert len(found(branch, query)) == len(NAMES)


def test_the_condition_follows_a_join_to_the_key(branch):
    changes = MemberStatusChange.objects.filter(member__branch=branch).filter(
        search_condition("hang", field="member__search_key")
    )
    assert [c.member.full_name for c in changes] == ["Đặng Tuyết Hằng"]


def test_the_queryset_method_takes_another_key_field(branch):
    assert [m.full_name for m in Member.objects.filter(branch=branch).search("mai", field="search_key")] == [
        "Đinh Thị Mai"
    ]


@pytest.mark.parametrize(
    ("query", "text", "matches"),
    [
        ("so y te", "Chi đoàn Sở Y tế (dữ liệu mẫu)", True),
        ("Y TẾ SỞ", "Chi đoàn Sở Y tế (dữ liệu mẫu)", True),
        ("lao dong", "Chi đoàn Sở Lao động – Thương binh và Xã hội", True),
        ("so xay", "Chi đoàn Sở Y tế (dữ liệu mẫu)", False),
        ("", "Chi đoàn Sở Y tế (dữ liệu mẫu)", True),
    ],
)
def test_text_matches_applies_the_same_rule_in_python(query, text, matches):
    assert text_matches(query, text) is matches
