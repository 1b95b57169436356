"""Logins given by the Secretary, and the yearly ratings of members and of the branch."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import AccountState, BranchRating, Member, MemberRating
from tests.members.test_views import add_members, member_named, queries_for, url

pytestmark = pytest.mark.django_db

D = datetime.date


# Logins ---------------------------------------------------------------------------


def test_the_secretary_gives_a_member_a_login_and_sees_the_password_once(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    form = client.get(url("account_grant", demo_branch, member))
    assert form.context["form"].initial["username"] == "khoatran"
    response = client.post(url("account_grant", demo_branch, member), {"username": "khoatran"}, follow=True)
    assert response.redirect_chain[-1][0] == url("detail", demo_branch, member)
    password = response.context["one_time"]["password"]
    assert len(password) == 10 and password in response.content.decode()
    member.refresh_from_db()
    assert member.user.username == "khoatran" and member.user.check_password(password)
    assert AccountState.objects.get(user=member.user).must_change_password
    again = client.get(url("detail", demo_branch, member))
    assert password not in again.content.decode()
    assert "Chưa đổi mật khẩu tạm thời" in again.content.decode()


def test_a_taken_username_is_refused(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    response = client.post(url("account_grant", demo_branch, member), {"username": "BITHU"})
    assert "Tên đăng nhập này đã có người dùng." in response.context["form"].errors["username"]
    member.refresh_from_db()
    assert member.user is None


def test_a_new_one_time_password_replaces_a_forgotten_one(client, roles, demo_branch):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    response = client.post(url("account_grant", demo_branch, member), {"username": "doanvien"}, follow=True)
    password = response.context["one_time"]["password"]
    member.user.refresh_from_db()
    assert member.user.check_password(password) and not member.user.check_password("demo12345")


def test_the_member_must_change_the_one_time_password_at_first_sign_in(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    response = client.post(url("account_grant", demo_branch, member), {"username": "khoatran"}, follow=True)
    password = response.context["one_time"]["password"]
    client.logout()

    signed_in = client.post(reverse("login"), {"username": "khoatran", "password": password}, follow=True)
    assert signed_in.redirect_chain[-1][0] == reverse("password_change")
    assert "mật khẩu tạm thời" in signed_in.content.decode()
    assert client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug})).url == reverse("password_change")

    changed = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Hoa-sen-2025!", "new_password2": "Hoa-sen-2025!"},
        follow=True,
    )
    assert changed.redirect_chain[-1][0] == reverse("password_change_done")
    assert not AccountState.objects.get(user__username="khoatran").must_change_password
    # Khoa is an ordinary member: his branch's dashboard opens now.
    assert client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug})).status_code == 200


def test_the_secretary_takes_a_login_away(client, roles, demo_branch):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    confirm = client.get(url("account_revoke", demo_branch, member))
    assert "Thu hồi tài khoản của Phạm Thị Thu Trang?" in confirm.content.decode()
    client.post(url("account_revoke", demo_branch, member))
    user = get_user_model().objects.get(username="doanvien")
    assert not user.is_active
    client.logout()
    refused = client.post(reverse("login"), {"username": "doanvien", "password": "demo12345"})
    assert refused.status_code == 200 and "không đúng" in refused.content.decode()
    assert Member.objects.get(pk=member.pk).user_id == user.pk  # kept, so history still names who did what


def test_a_deputy_may_grant_but_a_committee_member_may_not(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.committee)
    assert client.post(url("account_grant", demo_branch, member), {"username": "khoa"}).status_code == 403
    client.force_login(roles.deputy)
    assert client.post(url("account_grant", demo_branch, member), {"username": "khoa"}).status_code == 302


# Ratings ---------------------------------------------------------------------------


def ratings_post(rows: list[dict]) -> dict:
    data = {"xl-TOTAL_FORMS": str(len(rows)), "xl-INITIAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"xl-{i}-{key}"] = value
    return data


def test_the_secretary_rates_the_members_of_a_year_in_one_table(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(url("ratings", demo_branch), {"year": 2024})
    rows = page.context["rows"]
    assert [m.full_name for (m, _r), _f in rows][:2] == ["Dương Thị Lan Anh", "Bùi Ngọc Ánh"]
    posted = [{"member": m.pk, "level": "good", "participation_percent": "85", "note": ""} for (m, _r), _f in rows]
    response = client.post(url("ratings", demo_branch) + "?year=2024", ratings_post(posted), follow=True)
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
    response = client.post(url("ratings", demo_branch) + "?year=2024", ratings_post(posted))
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
    assert client.post(url("ratings", demo_branch) + "?year=2023", ratings_post([])).status_code == 403


def test_ratings_queries_do_not_grow_with_the_members(client, roles, demo_branch, django_assert_max_num_queries):
    """Guards the N+1 of looking up each member's rating (and status) row by row."""
    client.force_login(roles.secretary)
    address = url("ratings", demo_branch) + "?year=2024"
    add_members(demo_branch, 5)
    with_n = queries_for(client, address)
    add_members(demo_branch, 10, start=5)
    with_3n = queries_for(client, address)
    assert with_3n == with_n
    with django_assert_max_num_queries(15):
        client.get(address)


def test_the_secretary_records_the_branch_rating(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.post(
        url("branch_ratings", demo_branch), {"year": 2024, "level": "good", "rank_note": "thứ 3 của Khối"}, follow=True
    )
    assert "Đã lưu xếp loại chi đoàn năm 2024." in response.content.decode()
    rating = BranchRating.objects.get(branch=demo_branch, year=2024)
    assert (rating.level, rating.rank_note) == ("good", "thứ 3 của Khối")
    # Rating the same year again replaces it.
    client.post(url("branch_ratings", demo_branch), {"year": 2024, "level": "excellent", "rank_note": ""})
    rating.refresh_from_db()
    assert rating.level == "excellent"


def test_branch_ratings_queries_do_not_grow_with_the_years(client, roles, demo_branch, django_assert_max_num_queries):
    """Guards a per-year lookup on the branch's list of ratings."""
    client.force_login(roles.committee)
    address = url("branch_ratings", demo_branch)
    with_n = queries_for(client, address)
    for year in range(2010, 2016):
        BranchRating.objects.create(branch=demo_branch, year=year, level="good")
    with_3n = queries_for(client, address)
    assert with_3n == with_n
    with django_assert_max_num_queries(12):
        client.get(address)


def test_a_member_rating_is_listed_on_the_record(client, roles, demo_branch):
    member = member_named("Khoa")
    MemberRating.objects.create(member=member, year=2024, level="excellent", participation_percent=Decimal(95))
    client.force_login(roles.officer)
    page = client.get(url("detail", demo_branch, member)).content.decode()
    assert "2024" in page and "Hoàn thành xuất sắc nhiệm vụ" in page
