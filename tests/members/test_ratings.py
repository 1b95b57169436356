"""The yearly rating table of a big branch: 50 members a page, filters, and a save of one page at a time.

The first tests of the table (one page, the 90 % rule, a committee member who only reads) are in
test_views_accounts.py; these cover what a branch of thousands of members needs.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import services
from members.models import Member, MemberRating, RatingLevel
from tests.members.test_views import add_members, member_named, url
from tests.members.test_views_accounts import ratings_post

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2024  # the demo has no ratings for 2024; members admitted in 2023 by add_members are active that year


def address(branch, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"year": YEAR, **params}.items())
    return url("ratings", branch) + "?" + query


def members_on(response) -> list[Member]:
    return [member for (member, _rating), _form in response.context["rows"]]


def rated_good(members: list[Member]) -> dict:
    return ratings_post([{"member": m.pk, "level": "good", "participation_percent": "85", "note": ""} for m in members])


def post_queries(client, where: str, data: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(where, data)
    assert response.status_code == 302
    return len(captured)


# Pages -----------------------------------------------------------------------------------


def test_a_big_branch_sees_fifty_members_a_page_in_vietnamese_name_order(client, roles, demo_branch):
    add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    first = client.get(address(demo_branch))
    second = client.get(address(demo_branch, page=2))
    everyone = first.context["page"].paginator.count
    assert everyone > 60
    assert len(members_on(first)) == 50
    assert len(members_on(second)) == everyone - 50
    keys = [m.name_sort_key for m in members_on(first) + members_on(second)]
    assert keys == sorted(keys)
    assert "Trang 1/2" in first.content.decode()
    assert "Trang 2/2" in second.content.decode()
    assert "Lưu xếp loại trang này" in first.content.decode()


def test_saving_page_two_keeps_the_year_and_page_and_leaves_page_one_alone(client, roles, demo_branch):
    add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    page_one = members_on(client.get(address(demo_branch)))
    page_two = members_on(client.get(address(demo_branch, page=2)))
    response = client.post(address(demo_branch, page=2), rated_good(page_two), follow=True)
    assert response.redirect_chain[-1][0] == address(demo_branch, page=2)
    assert response.context["page"].number == 2
    assert f"Đã lưu xếp loại năm {YEAR} của {len(page_two)} đoàn viên." in response.content.decode()
    assert MemberRating.objects.filter(year=YEAR, member__in=page_two, level="good").count() == len(page_two)
    assert not MemberRating.objects.filter(year=YEAR, member__in=page_one).exists()


def test_a_save_of_fifty_rows_in_a_big_branch_is_accepted(client, roles, demo_branch):
    """4 fields a row: the whole table of 300 members was over Django's 1000 fields and refused with HTTP 400."""
    add_members(demo_branch, 300)
    client.force_login(roles.secretary)
    page = client.get(address(demo_branch))
    assert "Trang 1/7" in page.content.decode()
    shown = members_on(page)
    assert len(shown) == 50
    response = client.post(address(demo_branch), rated_good(shown))
    assert response.status_code == 302
    assert MemberRating.objects.filter(year=YEAR, member__in=shown).count() == 50


def test_more_lines_than_a_page_are_refused_with_a_message_and_nothing_saved(client, roles, demo_branch):
    members = add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    response = client.post(address(demo_branch), rated_good(members))
    assert response.status_code == 200
    assert "50" in str(response.context["formset"].non_form_errors())
    assert not MemberRating.objects.filter(year=YEAR).exists()


# Filters ---------------------------------------------------------------------------------


def test_the_not_yet_rated_filter_leaves_out_the_members_already_rated(client, roles, demo_branch):
    client.force_login(roles.secretary)
    everyone = members_on(client.get(address(demo_branch)))
    client.post(address(demo_branch), rated_good(everyone[:3]))
    page = client.get(address(demo_branch, chua=1))
    assert [m.pk for m in members_on(page)] == [m.pk for m in everyone[3:]]
    assert f"Chưa xếp loại: <strong>{len(everyone) - 3}</strong>" in page.content.decode()


def test_rating_everyone_left_in_the_not_yet_rated_filter_empties_it(client, roles, demo_branch):
    client.force_login(roles.secretary)
    unrated = members_on(client.get(address(demo_branch, chua=1)))
    response = client.post(address(demo_branch, chua=1), rated_good(unrated), follow=True)
    assert response.redirect_chain[-1][0] == address(demo_branch, chua=1)
    assert members_on(response) == []
    assert "Mọi đoàn viên đã được xếp loại năm này." in response.content.decode()


def test_the_name_search_ignores_accents_and_is_kept_after_saving(client, roles, demo_branch):
    client.force_login(roles.secretary)
    found = client.get(address(demo_branch, q="dang+tuyet+hang"))
    assert [m.full_name for m in members_on(found)] == ["Đặng Tuyết Hằng"]
    response = client.post(address(demo_branch, q="dang+tuyet+hang"), rated_good(members_on(found)), follow=True)
    assert response.redirect_chain[-1][0] == url("ratings", demo_branch) + f"?year={YEAR}&q=dang+tuyet+hang"
    assert [m.full_name for m in members_on(response)] == ["Đặng Tuyết Hằng"]
    assert member_named("Hằng").ratings.get(year=YEAR).level == "good"


# Saving ----------------------------------------------------------------------------------


def test_one_refused_row_saves_nothing_of_the_page_not_even_the_changed_ratings(client, roles, demo_branch):
    client.force_login(roles.secretary)
    rated = list(MemberRating.objects.filter(year=2023, member__branch=demo_branch).select_related("member")[:2])
    assert len(rated) == 2
    before = [(r.level, r.participation_percent, r.version) for r in rated]
    newcomer = add_members(demo_branch, 1)[0]
    posted = ratings_post(
        [
            {"member": rated[0].member_id, "level": "completed", "participation_percent": "60"},
            {"member": newcomer.pk, "level": "good", "participation_percent": "80"},
            {"member": rated[1].member_id, "level": "excellent", "participation_percent": "50"},
        ]
    )
    response = client.post(url("ratings", demo_branch) + "?year=2023", posted)
    assert response.status_code == 200
    assert "tỷ lệ tham gia sinh hoạt từ 90% trở lên" in response.content.decode()
    assert "is-invalid" in response.content.decode()
    for rating in rated:
        rating.refresh_from_db()
    assert [(r.level, r.participation_percent, r.version) for r in rated] == before
    assert not newcomer.ratings.exists()


def test_changing_a_rating_bumps_its_version_and_keeps_who_changed_it_in_the_history(client, roles, demo_branch):
    client.force_login(roles.secretary)
    rating = MemberRating.objects.filter(year=2023, member__branch=demo_branch).first()
    version = rating.version
    posted = ratings_post([{"member": rating.member_id, "level": "completed", "participation_percent": "60"}])
    client.post(url("ratings", demo_branch) + "?year=2023", posted, follow=True)
    rating.refresh_from_db()
    assert (rating.level, rating.participation_percent, rating.version) == ("completed", Decimal(60), version + 1)
    latest = rating.history.first()
    assert (latest.level, latest.history_type, latest.history_user) == ("completed", "~", roles.secretary)
    newcomer = add_members(demo_branch, 1)[0]
    client.post(address(demo_branch), rated_good([newcomer]))
    created = newcomer.ratings.get(year=YEAR)
    assert [(h.history_type, h.history_user) for h in created.history.all()] == [("+", roles.secretary)]


def test_a_member_of_another_branch_sent_in_the_table_is_not_rated(client, roles, demo_branch):
    client.force_login(roles.secretary)
    stranger = Member.objects.exclude(branch=demo_branch).first()
    client.post(address(demo_branch), rated_good([stranger]))
    assert not stranger.ratings.filter(year=YEAR).exists()


# Query counts ----------------------------------------------------------------------------


def test_the_rating_page_queries_do_not_grow_with_the_members_on_the_page(
    client, roles, demo_branch, django_assert_max_num_queries
):
    """Guards the N+1 of reading each member's rating (and status) row by row, also with the filter and search."""
    client.force_login(roles.secretary)
    add_members(demo_branch, 5)
    where = address(demo_branch, chua=1, q="nguyen")
    client.get(where)
    with CaptureQueriesContext(connection) as with_n:
        client.get(where)
    add_members(demo_branch, 10, start=5)
    with CaptureQueriesContext(connection) as with_3n:
        response = client.get(where)
    assert len(members_on(response)) >= 15
    assert len(with_3n) == len(with_n)
    with django_assert_max_num_queries(15):
        client.get(where)


def test_saving_a_page_takes_as_many_queries_for_thirty_rows_as_for_ten(client, roles, demo_branch):
    """Guards the N+1 of the save: one lookup, lock, validation and write (plus history) per row."""
    members = add_members(demo_branch, 40)
    client.force_login(roles.secretary)
    client.get(address(demo_branch))
    created_n = post_queries(client, address(demo_branch), rated_good(members[:10]))
    created_3n = post_queries(client, address(demo_branch), rated_good(members[10:40]))
    assert created_3n == created_n
    updated_n = post_queries(client, address(demo_branch), rated_good(members[:10]))
    updated_3n = post_queries(client, address(demo_branch), rated_good(members[10:40]))
    assert updated_3n == updated_n
    assert MemberRating.objects.filter(year=YEAR, member__in=members, version=2).count() == 40


# The service -----------------------------------------------------------------------------


def test_the_service_names_every_refused_row_and_saves_none(demo_branch):
    first, second, third = add_members(demo_branch, 3)
    rows = [
        {"member": first, "level": RatingLevel.GOOD, "participation_percent": Decimal(80), "note": ""},
        {"member": second, "level": RatingLevel.EXCELLENT, "participation_percent": Decimal("89.99"), "note": ""},
        {"member": third, "level": RatingLevel.EXCELLENT, "participation_percent": None, "note": ""},
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert sorted(refused.value.message_dict) == ["1", "2"]
    assert "90%" in refused.value.message_dict["1"][0]
    assert not MemberRating.objects.filter(year=YEAR).exists()


def test_the_service_refuses_the_same_member_twice_in_one_table(demo_branch):
    member = add_members(demo_branch, 1)[0]
    rows = [
        {"member": member, "level": RatingLevel.GOOD, "participation_percent": None, "note": ""},
        {"member": member, "level": RatingLevel.COMPLETED, "participation_percent": None, "note": ""},
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert list(refused.value.message_dict) == ["1"]
    assert not member.ratings.exists()


def test_the_service_skips_rows_without_a_level_and_counts_what_it_saved(demo_branch):
    first, second = add_members(demo_branch, 2)
    rows = [
        {"member": first, "level": "", "participation_percent": None, "note": ""},
        {"member": second, "level": RatingLevel.EXCELLENT, "participation_percent": Decimal(90), "note": "tốt"},
    ]
    assert services.member_ratings_set(year=YEAR, rows=rows) == 1
    assert not first.ratings.exists()
    assert (second.ratings.get().level, second.ratings.get().note) == (RatingLevel.EXCELLENT, "tốt")


def test_the_service_refuses_an_impossible_percentage_and_saves_nothing(demo_branch):
    first, second = add_members(demo_branch, 2)
    rows = [
        {"member": first, "level": RatingLevel.GOOD, "participation_percent": Decimal(80), "note": ""},
        {"member": second, "level": RatingLevel.GOOD, "participation_percent": Decimal(150), "note": ""},
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert list(refused.value.message_dict) == ["1"]
    assert not MemberRating.objects.filter(year=YEAR).exists()
