"""Yearly ratings: the table of one year's members (50 a page, filters, saved a page at a time), the branch's rating.

What a branch of thousands of members needs is here too: pages, the name search, a save of one page
that costs the same whatever its length, and a page refused when someone else rated meanwhile.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chidoan.lib.locking import StaleEditError
from members import rating_selectors, services
from members.models import BranchRating, Member, MemberRating, MemberStatusChange, RatingLevel, StatusChangeKind
from members.services import RatingRow
from tests.members.helpers import add_members, member_named, members_adder, ratings_post, url

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2024  # the demo has no ratings for 2024; members admitted in 2023 by add_members are active that year


def address(branch, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"year": YEAR, **params}.items())
    return url("ratings", branch) + "?" + query


def members_on(response) -> list[Member]:
    return [member for (member, _rating), _form in response.context["rows"]]


def rated_good(members: list[Member], *, year: int = YEAR) -> dict:
    rows = [{"member": m.pk, "level": "good", "participation_percent": "85", "note": ""} for m in members]
    return ratings_post(rows, year=year)


# One year's table -----------------------------------------------------------------------


def test_the_secretary_rates_the_members_of_a_year_in_one_table(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(url("ratings", demo_branch), {"year": 2024})
    rows = page.context["rows"]
    assert [m.full_name for (m, _r), _f in rows][:2] == ["Dương Thị Lan Anh", "Bùi Ngọc Ánh"]
    posted = [{"member": m.pk, "level": "good", "participation_percent": "85", "note": ""} for (m, _r), _f in rows]
    response = client.post(url("ratings", demo_branch) + "?year=2024", ratings_post(posted, year=2024), follow=True)
    assert f"Đã lưu xếp loại năm 2024 của {len(rows)} đoàn viên." in response.content.decode()
    assert MemberRating.objects.filter(year=2024, level="good").count() == len(rows)


def test_an_excellent_rating_below_90_percent_is_refused_and_nothing_is_saved(client, roles, demo_branch):
    client.force_login(roles.secretary)
    rows = client.get(url("ratings", demo_branch), {"year": 2024}).context["rows"]
    (first, _r), _f = rows[0]
    (second, _r2), _f2 = rows[1]
    posted = [
        {"member": first.pk, "level": "good", "participation_percent": "85"},
        {"member": second.pk, "level": "excellent", "participation_percent": "50"},
    ]
    response = client.post(url("ratings", demo_branch) + "?year=2024", ratings_post(posted, year=2024))
    assert response.status_code == 200
    assert "tỷ lệ tham gia sinh hoạt từ 90% trở lên" in response.content.decode()
    assert not MemberRating.objects.filter(year=2024).exists()


def test_the_rating_table_shows_saved_percentages_in_a_form_the_browser_accepts(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(url("ratings", demo_branch), {"year": 2023}).content.decode()
    assert 'value="95.00"' in page  # not "95,00", which a number input shows as empty


def test_a_committee_member_reads_the_ratings_but_cannot_save_them(client, roles, demo_branch):
    client.force_login(roles.committee)
    page = client.get(url("ratings", demo_branch), {"year": 2023})
    assert page.status_code == 200
    assert "Lưu xếp loại" not in page.content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page.content.decode()
    assert client.post(url("ratings", demo_branch) + "?year=2023", ratings_post([], year=2023)).status_code == 403


# The branch's rating -------------------------------------------------------------------


def branch_form(client, branch, year: int) -> dict:
    """The branch rating form as the page opens it on `year` (?year=), what a browser posts back."""
    form = client.get(url("branch_ratings", branch) + f"?year={year}").context["form"]
    return {
        name: "" if form[name].value() is None else form[name].value()
        for name in ("year", "level", "rank_note", "version")
    }


def test_the_secretary_records_the_branch_rating(client, roles, demo_branch):
    client.force_login(roles.secretary)
    opened = branch_form(client, demo_branch, 2024)
    assert opened["version"] == 0  # not rated yet
    response = client.post(
        url("branch_ratings", demo_branch), {**opened, "level": "good", "rank_note": "thứ 3 của Khối"}, follow=True
    )
    assert "Đã lưu xếp loại chi đoàn năm 2024." in response.content.decode()
    assert 'href="?year=2024"' in response.content.decode()  # the year's "Sửa" opens the form on it
    rating = BranchRating.objects.get(branch=demo_branch, year=2024)
    assert (rating.level, rating.rank_note, rating.version) == ("good", "thứ 3 của Khối", 1)
    # Rating the same year again, from the form opened on it, replaces it.
    reopened = branch_form(client, demo_branch, 2024)
    assert (reopened["level"], reopened["rank_note"], reopened["version"]) == ("good", "thứ 3 của Khối", 1)
    client.post(url("branch_ratings", demo_branch), {**reopened, "level": "excellent", "rank_note": ""})
    rating.refresh_from_db()
    assert (rating.level, rating.version) == ("excellent", 2)
    assert [h.history_type for h in rating.history.order_by("history_id")] == ["+", "~"]


def test_a_branch_rating_saved_over_one_given_meanwhile_is_refused_shows_it_and_saves_nothing(
    client, roles, demo_branch
):
    client.force_login(roles.secretary)
    opened = branch_form(client, demo_branch, 2024)  # not rated yet when the Secretary opens the form
    services.branch_rating_set(branch=demo_branch, year=2024, level=RatingLevel.COMPLETED, expected_version=0)
    response = client.post(url("branch_ratings", demo_branch), {**opened, "level": "excellent", "rank_note": "thứ 1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert "Trong lúc bạn sửa, bản ghi đã được lưu bởi người khác." in page
    changed = {c.label: (c.saved, c.typed) for c in response.context["changed"]}
    assert changed == {
        "xếp loại": ("Hoàn thành nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"),
        "ghi chú (thứ hạng...)": ("", "thứ 1"),
    }
    rating = BranchRating.objects.get(branch=demo_branch, year=2024)
    assert (rating.level, rating.rank_note, rating.version) == ("completed", "", 1)  # the other save stands
    # The form moved to the version saved meanwhile: sent again, it replaces it.
    again = {k: v for k, v in response.context["form"].data.items() if k != "csrfmiddlewaretoken"}
    assert again["version"] == "1"
    assert client.post(url("branch_ratings", demo_branch), again).status_code == 302
    rating.refresh_from_db()
    assert (rating.level, rating.version) == ("excellent", 2)


def test_a_branch_rating_form_without_its_version_is_refused_and_saves_nothing(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.post(url("branch_ratings", demo_branch), {"year": 2024, "level": "good", "rank_note": ""})
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ" in response.content.decode()
    assert not BranchRating.objects.filter(branch=demo_branch, year=2024).exists()


def test_the_service_refuses_a_branch_rating_over_a_newer_version(demo_branch):
    services.branch_rating_set(branch=demo_branch, year=2024, level=RatingLevel.GOOD, expected_version=0)
    services.branch_rating_set(branch=demo_branch, year=2024, level=RatingLevel.COMPLETED, expected_version=1)
    with pytest.raises(StaleEditError):
        services.branch_rating_set(branch=demo_branch, year=2024, level=RatingLevel.EXCELLENT, expected_version=1)
    with pytest.raises(StaleEditError):  # a page opened before the year was rated at all
        services.branch_rating_set(branch=demo_branch, year=2024, level=RatingLevel.EXCELLENT, expected_version=0)
    rating = BranchRating.objects.get(branch=demo_branch, year=2024)
    assert (rating.level, rating.version) == ("completed", 2)


def test_rating_a_member_again_moves_the_version_on_with_one_history_row_each_time(demo_branch):
    member = add_members(demo_branch, 1)[0]
    services.member_rating_set(member=member, year=YEAR, level=RatingLevel.GOOD)
    services.member_rating_set(member=member, year=YEAR, level=RatingLevel.COMPLETED)
    rating = member.ratings.get()
    assert (rating.level, rating.version) == (RatingLevel.COMPLETED, 2)
    assert [h.history_type for h in rating.history.order_by("history_id")] == ["+", "~"]


def test_a_member_rating_is_listed_on_the_record(client, roles, demo_branch):
    member = member_named("Khoa")
    MemberRating.objects.create(member=member, year=2024, level="excellent", participation_percent=Decimal(95))
    client.force_login(roles.officer)
    page = client.get(url("detail", demo_branch, member)).content.decode()
    assert "<span>2024</span><span>Hoàn thành xuất sắc nhiệm vụ</span>" in page


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


def test_the_year_lists_who_was_active_during_it_and_nobody_else(client, roles, demo_branch):
    """Left during the year: rated; left before it, or admitted after it: not in the table."""
    during, before, after, back = add_members(demo_branch, 4, start=900)
    services.member_change_status(member=during, kind=StatusChangeKind.LEFT, on=D(YEAR, 6, 1), reason="nghỉ việc")
    services.member_change_status(member=before, kind=StatusChangeKind.LEFT, on=D(YEAR - 1, 12, 31), reason="nghỉ việc")
    services.member_change_status(member=back, kind=StatusChangeKind.LEFT, on=D(YEAR - 1, 6, 1), reason="nghỉ việc")
    services.member_change_status(member=back, kind=StatusChangeKind.ADMITTED, on=D(YEAR, 11, 1))
    MemberStatusChange.objects.filter(member=after).update(on=D(YEAR + 1, 1, 1))
    client.force_login(roles.secretary)
    shown = {m.pk for m in members_on(client.get(address(demo_branch, q="thu9")))}
    assert shown == {during.pk, back.pk}


def test_the_counts_above_the_table_are_the_whole_year_on_every_page(client, roles, demo_branch):
    added = add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    client.post(address(demo_branch), rated_good(members_on(client.get(address(demo_branch)))[:7]))
    everyone = client.get(address(demo_branch)).context["page"].paginator.count
    for params in ({}, {"page": 2}, {"chua": 1, "page": 2}, {"q": added[0].given_name}):
        page = client.get(address(demo_branch, **params))
        assert (page.context["total"], page.context["unrated"]) == (everyone, everyone - 7)
        assert dict((str(label), n) for label, n in page.context["counts"])["Hoàn thành tốt nhiệm vụ"] == 7


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
        ],
        year=2023,
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
    posted = ratings_post(
        [{"member": rating.member_id, "level": "completed", "participation_percent": "60"}], year=2023
    )
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


# Someone else rated meanwhile ------------------------------------------------------------


def test_a_page_saved_over_a_rating_changed_meanwhile_is_refused_and_shows_what_changed(client, roles, demo_branch):
    client.force_login(roles.secretary)
    first, second = members_on(client.get(address(demo_branch)))[:2]
    opened = rated_good([first, second])  # the page as the Secretary opened it: nobody rated yet
    client.force_login(roles.deputy)
    client.post(address(demo_branch), ratings_post([{"member": first.pk, "level": "completed"}], year=YEAR))
    client.force_login(roles.secretary)
    response = client.post(address(demo_branch), opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert response.context["changed"][0].label == first.full_name
    assert (response.context["changed"][0].saved, response.context["changed"][0].typed) == (
        "Hoàn thành nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ, 85%",
    )
    assert first.ratings.get(year=YEAR).level == "completed"  # the deputy's rating stands
    assert not second.ratings.filter(year=YEAR).exists()  # the page is saved whole or not at all


def test_a_refused_page_is_saved_on_the_second_try_over_the_new_ratings(client, roles, demo_branch):
    client.force_login(roles.secretary)
    first = members_on(client.get(address(demo_branch)))[0]
    opened = rated_good([first])
    services.member_rating_set(member=first, year=YEAR, level=RatingLevel.COMPLETED)
    refused = client.post(address(demo_branch), opened)
    again = {key: value for key, value in refused.context["formset"].data.items() if key != "csrfmiddlewaretoken"}
    assert again["xl-0-version"] == "1"  # moved to the version saved meanwhile; the typed lines kept
    assert again["xl-0-level"] == "good"
    response = client.post(address(demo_branch), again)
    assert response.status_code == 302
    rating = first.ratings.get(year=YEAR)
    assert (rating.level, rating.version) == ("good", 2)


def test_a_line_without_its_version_is_refused_and_nothing_saved(client, roles, demo_branch):
    client.force_login(roles.secretary)
    first = members_on(client.get(address(demo_branch)))[0]
    posted = rated_good([first])
    del posted["xl-0-version"]
    response = client.post(address(demo_branch), posted)
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ" in response.content.decode()
    assert not first.ratings.filter(year=YEAR).exists()


def test_the_service_refuses_a_page_whose_rating_changed_since_it_was_opened(demo_branch):
    first, second = add_members(demo_branch, 2)
    services.member_rating_set(member=first, year=YEAR, level=RatingLevel.GOOD)  # version 1
    services.member_rating_set(member=first, year=YEAR, level=RatingLevel.COMPLETED)  # version 2
    rows = [
        RatingRow(member=first, level=RatingLevel.GOOD, version=1),
        RatingRow(member=second, level=RatingLevel.GOOD, version=0),
    ]
    with pytest.raises(StaleEditError):
        services.member_ratings_set(year=YEAR, rows=rows)
    assert first.ratings.get().level == RatingLevel.COMPLETED
    assert not second.ratings.exists()


# Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("filters", [{}, {"chua": 1, "q": "nguyen"}], ids=["whole-year", "unrated-named-nguyen"])
def test_the_rating_page_costs_the_same_queries_for_three_times_the_members(
    client, roles, demo_branch, assert_constant_queries, filters
):
    """Guards the N+1 of reading each member's rating (and status) row by row, also with the filter and search."""
    client.force_login(roles.secretary)
    more_members = members_adder(demo_branch)

    def build(n: int) -> str:
        more_members(n)
        return address(demo_branch, **filters)

    assert_constant_queries(build, client=client, sizes=(5, 15))


@pytest.mark.parametrize("filters", [{}, {"chua": 1}, {"q": "thu"}, {"chua": 1, "page": 2}], ids=str)
def test_the_rating_page_asks_the_members_statuses_once_for_its_rows_and_its_counts(
    client, roles, demo_branch, filters
):
    """The year's members (each one's status before and during the year) are the part that grows with the
    branch: one query reads them for the page's rows and for the counts above the table, whatever the filter."""
    add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    client.get(address(demo_branch))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address(demo_branch, **filters))
    assert response.status_code == 200 and members_on(response)
    assert len([q for q in queries.captured_queries if "memberstatuschange" in q["sql"]]) == 1


@pytest.mark.parametrize("again", [False, True], ids=["new-ratings", "changed-ratings"])
def test_saving_a_page_costs_the_same_queries_for_thirty_rows_as_for_ten(
    client, roles, demo_branch, assert_constant_queries, again
):
    """Guards the N+1 of the save: one lookup, lock, version check, validation and write (plus history) per row."""
    client.force_login(roles.secretary)
    client.get(address(demo_branch))
    more_members = members_adder(demo_branch)

    def build(n: int):
        members = more_members(n)
        if again:
            for member in members:
                services.member_rating_set(member=member, year=YEAR, level=RatingLevel.COMPLETED)
        posted = rated_good(members)

        def save() -> None:
            assert client.post(address(demo_branch), posted).status_code == 302

        return save

    assert_constant_queries(build, sizes=(10, 30))
    expected_version = 2 if again else 1
    assert MemberRating.objects.filter(year=YEAR, level="good", version=expected_version).count() == 40


def test_the_branch_ratings_page_costs_the_same_queries_for_three_times_the_years(
    client, roles, demo_branch, assert_constant_queries
):
    """Guards a per-year lookup on the branch's list of ratings."""
    client.force_login(roles.committee)
    years = iter(range(1990, 2020))

    def build(n: int) -> str:
        for _ in range(n):
            BranchRating.objects.create(branch=demo_branch, year=next(years), level="good")
        return url("branch_ratings", demo_branch)

    assert_constant_queries(build, client=client, sizes=(3, 9))


# The service -----------------------------------------------------------------------------


def test_the_service_names_every_refused_row_and_saves_none(demo_branch):
    first, second, third = add_members(demo_branch, 3)
    rows = [
        RatingRow(member=first, level=RatingLevel.GOOD, version=0, participation_percent=Decimal(80)),
        RatingRow(member=second, level=RatingLevel.EXCELLENT, version=0, participation_percent=Decimal("89.99")),
        RatingRow(member=third, level=RatingLevel.EXCELLENT, version=0),
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert sorted(refused.value.message_dict) == ["1", "2"]
    assert "90%" in refused.value.message_dict["1"][0]
    assert not MemberRating.objects.filter(year=YEAR).exists()


def test_the_service_refuses_the_same_member_twice_in_one_table(demo_branch):
    member = add_members(demo_branch, 1)[0]
    rows = [
        RatingRow(member=member, level=RatingLevel.GOOD, version=0),
        RatingRow(member=member, level=RatingLevel.COMPLETED, version=0),
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert list(refused.value.message_dict) == ["1"]
    assert not member.ratings.exists()


def test_the_service_skips_rows_without_a_level_and_counts_what_it_saved(demo_branch):
    first, second = add_members(demo_branch, 2)
    rows = [
        RatingRow(member=first, level="", version=0),
        RatingRow(member=second, level=RatingLevel.EXCELLENT, version=0, participation_percent=Decimal(90), note="tốt"),
    ]
    assert services.member_ratings_set(year=YEAR, rows=rows) == 1
    assert not first.ratings.exists()
    assert (second.ratings.get().level, second.ratings.get().note) == (RatingLevel.EXCELLENT, "tốt")


def test_the_service_refuses_an_impossible_percentage_and_saves_nothing(demo_branch):
    first, second = add_members(demo_branch, 2)
    rows = [
        RatingRow(member=first, level=RatingLevel.GOOD, version=0, participation_percent=Decimal(80)),
        RatingRow(member=second, level=RatingLevel.GOOD, version=0, participation_percent=Decimal(150)),
    ]
    with pytest.raises(ValidationError) as refused:
        services.member_ratings_set(year=YEAR, rows=rows)
    assert list(refused.value.message_dict) == ["1"]
    assert not MemberRating.objects.filter(year=YEAR).exists()


# With the branch's figures cache on --------------------------------------------------------


@pytest.fixture
def figures_cached(settings):
    """The branch's figures cache on (chidoan.lib.figures_cache), in this process's memory."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratings", "TIMEOUT": 600}
    }
    settings.DASHBOARD_CACHE = "on"


def unrated_now(branch) -> list[int]:
    members = rating_selectors.members_rated_in(branch=branch, year=YEAR)
    return list(rating_selectors.unrated_in(members, year=YEAR).values_list("pk", flat=True))


def test_with_the_figures_cache_a_page_reads_only_its_rows_and_follows_every_rating_and_change(
    client, roles, demo_branch, figures_cached
):
    """The table's members (each one's statuses, then who is rated) grow with the branch: read once, then kept."""
    add_members(demo_branch, 60)
    client.force_login(roles.secretary)
    first = client.get(address(demo_branch, chua=1))
    unrated, total = first.context["unrated"], first.context["total"]
    assert first.context["page"].paginator.count == unrated == len(unrated_now(demo_branch))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(address(demo_branch, chua=1, page=2))
    assert not [q for q in queries.captured_queries if "memberstatuschange" in q["sql"]]
    assert [m.pk for m in members_on(second)] == unrated_now(demo_branch)[50:]

    rated = members_on(first)[:3]
    client.post(address(demo_branch, chua=1), rated_good(rated))
    page = client.get(address(demo_branch, chua=1))
    assert [m.pk for m in members_on(page)] == unrated_now(demo_branch)[:50]
    assert not {m.pk for m in rated} & {m.pk for m in members_on(page)}
    assert (page.context["page"].paginator.count, page.context["unrated"]) == (unrated - 3, unrated - 3)
    assert dict((str(label), n) for label, n in page.context["counts"])["Hoàn thành tốt nhiệm vụ"] == 3

    gone = members_on(page)[0]  # left before the year: no longer one of its members
    services.member_change_status(member=gone, kind=StatusChangeKind.LEFT, on=D(YEAR - 1, 12, 31), reason="nghỉ việc")
    page = client.get(address(demo_branch, chua=1))
    assert gone.pk not in {m.pk for m in members_on(page)}
    assert (page.context["unrated"], page.context["total"]) == (unrated - 4, total - 1)
