"""The yearly ratings as XLSX: the ratings page's year, search and "not yet rated" filter, every page, real dates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from members import services
from members.models import Member, Organisation, RatingLevel
from tests.members.helpers import add_members, member_named, members_adder, url
from tests.spreadsheets import assert_styled_and_fitting, download, is_date_cell

pytestmark = pytest.mark.django_db

D = datetime.date
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Số thẻ đoàn viên",
    "Năm",
    "Xếp loại",
    "Tham gia sinh hoạt (%)",
    "Ghi chú",
]


def ratings_sheet(client, branch, **query):
    (sheet,) = download(client, url("ratings_export", branch), query).values()
    return sheet


def test_the_export_has_the_years_ratings_under_a_styled_vietnamese_header(client, roles, demo_branch):
    trang = member_named("Trang")
    rating = trang.ratings.get(year=2023)
    rating.note = "Tích cực tham gia phong trào"
    rating.save()
    client.force_login(roles.secretary)
    sheet = ratings_sheet(client, demo_branch, year=2023)
    assert sheet.sheet.title == "Xếp loại năm 2023"
    assert sheet.header == HEADER
    assert_styled_and_fitting(sheet)
    page = client.get(url("ratings", demo_branch), {"year": 2023}).context
    assert len(sheet.rows) == page["total"]  # every member of the year, not one page
    row = sheet.row_where("Họ và tên", "Phạm Thị Thu Trang")
    assert row[3:] == (trang.card_number or None, 2023, rating.get_level_display(), 85, "Tích cực tham gia phong trào")
    assert is_date_cell(sheet.cell_below("Ngày sinh", row), trang.date_of_birth)


def test_the_export_keeps_the_pages_year_search_and_unrated_filter(client, roles, demo_branch):
    new = add_members(demo_branch, 2)  # admitted in 2023, not rated
    services.member_rating_set(member=new[0], year=2023, level=RatingLevel.GOOD, participation_percent=Decimal(80))
    client.force_login(roles.secretary)
    assert ratings_sheet(client, demo_branch, year=2023, q="thu trang").values("Họ và tên") == ["Phạm Thị Thu Trang"]
    unrated = ratings_sheet(client, demo_branch, year=2023, chua="1")
    names = unrated.values("Họ và tên")
    assert new[1].full_name in names and new[0].full_name not in names
    assert names == [
        m.full_name
        for (m, _r), _f in client.get(url("ratings", demo_branch), {"year": 2023, "chua": "1"}).context["rows"]
    ]
    assert set(unrated.values("Xếp loại")) == {"Chưa xếp loại"}
    assert unrated.row_where("Họ và tên", new[1].full_name)[6] is None  # no participation written
    assert ratings_sheet(client, demo_branch, year=1990).rows == []  # a year nobody was a member


def test_the_export_lists_no_member_of_another_branch(client, roles, demo_branch):
    other = Organisation.objects.get(slug="so-y-te-mau")
    stranger = Member.objects.filter(branch=other).first()
    services.member_rating_set(
        member=stranger, year=2023, level=RatingLevel.EXCELLENT, participation_percent=Decimal(99)
    )
    client.force_login(roles.secretary)
    names = ratings_sheet(client, demo_branch, year=2023).values("Họ và tên")
    assert stranger.full_name not in names
    assert len(names) == client.get(url("ratings", demo_branch), {"year": 2023}).context["total"]


def test_the_ratings_page_shows_the_export_to_editors_only(client, roles, demo_branch):
    """The button carries the page's filters; a committee member reads the page but gets no button and a 403."""
    address = url("ratings_export", demo_branch)
    client.force_login(roles.secretary)
    page = client.get(url("ratings", demo_branch), {"year": 2023, "q": "trang", "chua": "1"}).content.decode()
    assert f'href="{address}?year=2023&amp;q=trang&amp;chua=1"' in page
    client.force_login(roles.committee)
    assert address not in client.get(url("ratings", demo_branch)).content.decode()
    assert client.get(address).status_code == 403


@pytest.mark.parametrize("filters", [{}, {"chua": 1, "q": "nguyen"}], ids=["whole-year", "unrated-named-nguyen"])
def test_the_ratings_export_costs_the_same_queries_for_three_times_the_members(
    client, roles, demo_branch, assert_constant_queries, filters
):
    """Guards the N+1 of reading each member's rating (and status) row by row: the export reads
    the members the page's filters leave as the page does, and their ratings in one query."""
    client.force_login(roles.secretary)
    more_members = members_adder(demo_branch)

    def build(n: int) -> str:
        for member in more_members(n):
            services.member_rating_set(member=member, year=2024, level=RatingLevel.GOOD)
        return (
            url("ratings_export", demo_branch)
            + "?"
            + "&".join(f"{k}={v}" for k, v in {"year": 2024, **filters}.items())
        )

    assert_constant_queries(build, client=client, sizes=(5, 15))
