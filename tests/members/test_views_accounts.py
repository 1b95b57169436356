"""Logins given by the Secretary: a one-time password shown once, changed at first sign-in, taken away."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import AccountState, Member
from tests.members.helpers import member_named, url

pytestmark = pytest.mark.django_db


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
