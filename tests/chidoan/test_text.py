"""Tests for chidoan.lib.text: Vietnamese search keys, name ordering and formats.

Plain functions, no database and no Django: the module under test is pure
Python.  The property tests compare ``name_sort_key`` against a reference
ordering written here directly from the rules (base letters, then tone).
"""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidoan.lib.text import (
    date_line,
    full_name,
    name_sort_key,
    nfc,
    search_key,
    slugify_vi,
    split_full_name,
    two_digits,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def sort_key_of(name: str) -> str:
    return name_sort_key(*split_full_name(name))


# --- Reference model, written from the rules, independent of the module ---

VIETNAMESE_ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
# Foreign letters at their Latin positions.
REFERENCE_ORDER = list(VIETNAMESE_ALPHABET)
for _letter, _after in (("f", "ê"), ("j", "i"), ("w", "v"), ("z", "y")):
    REFERENCE_ORDER.insert(REFERENCE_ORDER.index(_after) + 1, _letter)
VOWELS = set("aăâeêioôơuưy")
# ngang, huyền, hỏi, ngã, sắc, nặng as combining marks, in ascending order.
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

Word = tuple[tuple[int, ...], int]


@st.composite
def words(draw: st.DrawFn) -> tuple[str, Word]:
    """A word as (text, reference key); random letters, tone and case."""
    letters = draw(st.lists(st.sampled_from(REFERENCE_ORDER), min_size=1, max_size=5))
    vowel_positions = [i for i, letter in enumerate(letters) if letter in VOWELS]
    tone = draw(st.integers(0, 5)) if vowel_positions else 0
    tone_position = draw(st.sampled_from(vowel_positions)) if tone else -1
    chars = []
    for i, letter in enumerate(letters):
        char = letter.upper() if draw(st.booleans()) else letter
        if i == tone_position:
            char += TONE_MARKS[tone]
        chars.append(char)
    reference = (tuple(REFERENCE_ORDER.index(letter) for letter in letters), tone)
    return nfc("".join(chars)), reference


@st.composite
def parts(draw: st.DrawFn, min_words: int) -> tuple[str, tuple[Word, ...]]:
    drawn = draw(st.lists(words(), min_size=min_words, max_size=3))
    return " ".join(text for text, _ in drawn), tuple(ref for _, ref in drawn)


@st.composite
def names(draw: st.DrawFn) -> tuple[tuple[str, str, str], tuple]:
    """(family, middle, given) texts and the reference tuple (given, middle, family)."""
    family, family_ref = draw(parts(min_words=1))
    middle, middle_ref = draw(parts(min_words=0))
    given, given_ref = draw(parts(min_words=1))
    return (family, middle, given), (given_ref, middle_ref, family_ref)


def sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


# --- nfc ---


def test_nfc_composes_decomposed_text() -> None:
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert len(nfc(nfd("ễ"))) == 1


# --- search_key ---


def test_search_key_removes_accents_and_lowercases() -> None:
    assert search_key("Nguyễn Thị Tú Uyên") == "nguyen thi tu uyen"


def test_search_key_finds_partial_name_typed_without_accents() -> None:
    assert "tu uyen" in search_key("Nguyễn Thị Tú Uyên")


def test_search_key_uppercase_plain_d_finds_d_stroke() -> None:
    assert search_key("DANG") in search_key("Đặng")
    assert search_key("Đặng") == "dang"


def test_search_key_collapses_and_strips_whitespace() -> None:
    assert search_key("  Lê\tHuỳnh \n Khắc  Huy ") == "le huynh khac huy"


def test_search_key_gives_same_result_for_nfd_input() -> None:
    assert search_key(nfd("Hoàng Phạm Phương Nhi")) == "hoang pham phuong nhi"


@given(st.text())
def test_search_key_is_idempotent(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key


@given(st.text())
def test_search_key_has_no_combining_marks_and_no_d_stroke(text: str) -> None:
    key = search_key(text)
    assert not any(unicodedata.category(char).startswith("M") for char in key)
    assert "đ" not in key and "Đ" not in key


@given(st.text())
def test_search_key_same_for_nfd_and_nfc_input(text: str) -> None:
    assert search_key(nfd(text)) == search_key(nfc(text))


# --- name_sort_key: examples ---


def test_name_sort_key_orders_real_names_by_given_name() -> None:
    people = [
        "Lê Huỳnh Khắc Huy",
        "Hoàng Phạm Phương Nhi",
        "Đặng Tuyết Hằng",
        "Nguyễn Thị Tú Uyên",
        "Đinh Thị Mai",
    ]
    ordered = sorted(people, key=sort_key_of)
    assert [name.split()[-1] for name in ordered] == [
        "Hằng",
        "Huy",
        "Mai",
        "Nhi",
        "Uyên",
    ]


@pytest.mark.parametrize(
    "sequence",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["e", "ê", "f", "g"],
        ["i", "j", "k"],
        ["v", "w", "x"],
        ["y", "z"],
    ],
)
def test_name_sort_key_follows_vietnamese_alphabet(sequence: list[str]) -> None:
    keys = [name_sort_key("", "", letter) for letter in sequence]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_name_sort_key_orders_tones_ngang_huyen_hoi_nga_sac_nang() -> None:
    sequence = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    keys = [name_sort_key("", "", name) for name in sequence]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_name_sort_key_compares_letters_before_tones() -> None:
    assert name_sort_key("", "", "Án") < name_sort_key("", "", "Anh")
    assert name_sort_key("", "", "Ạ") < name_sort_key("", "", "Ăn")


def test_name_sort_key_shorter_prefix_sorts_first() -> None:
    assert name_sort_key("", "", "An") < name_sort_key("", "", "Anh")
    assert name_sort_key("Lê", "Thị", "Mai") < name_sort_key("Lê", "Thị Tú", "Mai")
    assert name_sort_key("Lê", "", "Mai") < name_sort_key("Lê", "An", "Mai")


def test_name_sort_key_compares_given_then_middle_then_family() -> None:
    # Given name decides before anything else.
    assert name_sort_key("Vũ", "Văn", "An") < name_sort_key("An", "An", "Bình")
    # Same given name: middle name decides before family name.
    assert name_sort_key("Vũ", "An", "Bình") < name_sort_key("An", "Văn", "Bình")
    # Same given and middle name: family name decides.
    assert name_sort_key("An", "Văn", "Bình") < name_sort_key("Vũ", "Văn", "Bình")


def test_name_sort_key_compares_middle_names_word_by_word() -> None:
    # Word by word: "Thi Tú" < "Thị An" because the first words differ in tone.
    assert name_sort_key("Lê", "Thi Tú", "Mai") < name_sort_key("Lê", "Thị An", "Mai")


def test_name_sort_key_same_for_nfd_and_nfc_input() -> None:
    parts = ("Nguyễn", "Thị Tú", "Uyên")
    assert name_sort_key(*(nfd(p) for p in parts)) == name_sort_key(*parts)


def test_name_sort_key_is_case_insensitive() -> None:
    assert name_sort_key("ĐẶNG", "TUYẾT", "HẰNG") == name_sort_key("đặng", "tuyết", "hằng")


def test_name_sort_key_treats_hyphen_and_punctuation_as_word_separators() -> None:
    assert name_sort_key("", "Thị-Tú", "Uyên") == name_sort_key("", "Thị Tú", "Uyên")
    assert name_sort_key("Niê", "", "H'Hen") == name_sort_key("Niê", "", "H Hen")
    assert name_sort_key("", " Thị  Tú ", "Uyên") == name_sort_key("", "Thị Tú", "Uyên")


def test_name_sort_key_puts_digits_and_other_letters_after_the_alphabet() -> None:
    assert name_sort_key("", "", "Anz") < name_sort_key("", "", "An2")
    assert name_sort_key("", "", "An2") < name_sort_key("", "", "Anø")
    assert name_sort_key("", "", "An1") < name_sort_key("", "", "An2")


def test_name_sort_key_empty_name_gives_three_part_terminators() -> None:
    assert name_sort_key("", "", "") == "000000"


# --- name_sort_key: properties ---


@given(st.text(), st.text(), st.text())
def test_name_sort_key_contains_only_ascii_digits(family: str, middle: str, given_name: str) -> None:
    key = name_sort_key(family, middle, given_name)
    assert key and set(key) <= set("0123456789")


@given(st.text(), st.text(), st.text())
def test_name_sort_key_same_for_nfd_and_nfc_of_any_text(family: str, middle: str, given_name: str) -> None:
    assert name_sort_key(nfd(family), nfd(middle), nfd(given_name)) == (
        name_sort_key(nfc(family), nfc(middle), nfc(given_name))
    )


@given(names(), names())
def test_name_sort_key_orders_like_reference_tuples(a: tuple, b: tuple) -> None:
    (a_parts, a_ref), (b_parts, b_ref) = a, b
    assert sign(name_sort_key(*a_parts), name_sort_key(*b_parts)) == sign(a_ref, b_ref)


@given(st.lists(names(), max_size=8))
def test_sorting_by_name_sort_key_matches_reference_sort(people: list) -> None:
    by_key = sorted((name_sort_key(*p), ref) for p, ref in people)
    assert [ref for _, ref in by_key] == sorted(ref for _, ref in people)


@given(names())
def test_name_sort_key_invariant_under_nfd(name: tuple) -> None:
    name_parts, _ = name
    assert name_sort_key(*(nfd(p) for p in name_parts)) == name_sort_key(*name_parts)


@given(names())
def test_name_sort_key_invariant_under_case(name: tuple) -> None:
    name_parts, _ = name
    key = name_sort_key(*name_parts)
    assert name_sort_key(*(p.upper() for p in name_parts)) == key
    assert name_sort_key(*(p.lower() for p in name_parts)) == key


# --- two_digits ---


@pytest.mark.parametrize(("n", "expected"), [(0, "0"), (1, "01"), (5, "05"), (10, "10"), (123, "123")])
def test_two_digits_pads_to_two_digits(n: int, expected: str) -> None:
    assert two_digits(n) == expected


def test_two_digits_rejects_negative_numbers() -> None:
    with pytest.raises(ValueError):
        two_digits(-1)


# --- date_line ---


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 8, 12), "ngày 12 tháng 8 năm 2024"),
        (datetime.date(2024, 8, 5), "ngày 05 tháng 8 năm 2024"),
        (datetime.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (datetime.date(2025, 1, 31), "ngày 31 tháng 01 năm 2025"),
        (datetime.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
        (datetime.date(2024, 12, 10), "ngày 10 tháng 12 năm 2024"),
    ],
)
def test_date_line_pads_day_below_10_and_months_1_and_2(day: datetime.date, expected: str) -> None:
    assert date_line(day) == expected


# --- full_name / split_full_name ---


def test_full_name_joins_non_empty_parts_with_single_spaces() -> None:
    assert full_name("Nguyễn", "Thị Tú", "Uyên") == "Nguyễn Thị Tú Uyên"
    assert full_name("Lê", "", "Huy") == "Lê Huy"
    assert full_name("", "", "Huy") == "Huy"


def test_full_name_returns_nfc() -> None:
    assert full_name(nfd("Đặng"), nfd("Tuyết"), nfd("Hằng")) == "Đặng Tuyết Hằng"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Thị Tú Uyên", ("Nguyễn", "Thị Tú", "Uyên")),
        ("Lê Huỳnh Khắc Huy", ("Lê", "Huỳnh Khắc", "Huy")),
        ("Đinh Mai", ("Đinh", "", "Mai")),
        ("Mai", ("", "", "Mai")),
        ("  ", ("", "", "")),
    ],
)
def test_split_full_name_splits_family_middle_given(name: str, expected: tuple[str, str, str]) -> None:
    assert split_full_name(name) == expected


def test_split_full_name_returns_nfc() -> None:
    assert split_full_name(nfd("Đặng Tuyết Hằng")) == ("Đặng", "Tuyết", "Hằng")


@given(words(), parts(min_words=0), words())
def test_split_full_name_inverts_full_name_for_one_word_family_and_given(
    family: tuple[str, Word],
    middle: tuple[str, tuple[Word, ...]],
    given_name: tuple[str, Word],
) -> None:
    name_parts = (family[0], middle[0], given_name[0])
    assert split_full_name(full_name(*name_parts)) == name_parts


# --- slugify_vi ---


def test_slugify_vi_makes_ascii_slug() -> None:
    assert slugify_vi("Sở Lao động – Thương binh") == "so-lao-dong-thuong-binh"
    assert slugify_vi("  Chi đoàn 12A1!  ") == "chi-doan-12a1"


@given(st.text())
def test_slugify_vi_uses_only_lowercase_ascii_digits_and_hyphens(text: str) -> None:
    slug = slugify_vi(text)
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug
