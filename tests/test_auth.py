"""Signing in and out, and changing one's password, in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chidoan.web.middleware import SESSION_KEY
from members.models import AccountState

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_signing_in_leads_to_the_branch(client, roles, demo_branch):
    response = client.post(reverse("login"), {"username": "doanvien", "password": "demo12345"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard", kwargs={"slug": demo_branch.slug})


def test_a_wrong_password_is_explained(client, roles):
    response = client.post(reverse("login"), {"username": "doanvien", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_pages_send_anonymous_visitors_to_sign_in(client, demo_branch):
    address = reverse("dashboard", kwargs={"slug": demo_branch.slug})
    response = client.get(address)
    assert response.url == f"{reverse('login')}?next={address}"


def test_signing_out_is_a_post(client, roles):
    client.force_login(roles.member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_a_member_changes_their_password(client, roles):
    client.force_login(roles.member)
    form = client.get(reverse("password_change"))
    assert "Đổi mật khẩu" in form.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": "demo12345", "new_password1": "Hoa-sen-2025!", "new_password2": "Hoa-sen-2025!"},
        follow=True,
    )
    assert "Đã đổi mật khẩu" in response.content.decode()
    roles.member.refresh_from_db()
    assert roles.member.check_password("Hoa-sen-2025!")


def test_a_weak_new_password_is_explained_in_vietnamese(client, roles):
    client.force_login(roles.member)
    response = client.post(
        reverse("password_change"), {"old_password": "demo12345", "new_password1": "123", "new_password2": "123"}
    )
    errors = response.context["form"].errors["new_password2"]
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in errors
    assert "Mật khẩu này hoàn toàn là số." in errors


def test_a_one_time_password_sends_every_page_to_the_change_form(client, roles, demo_branch):
    AccountState.objects.create(user=roles.member, must_change_password=True)
    signed_in = client.post(reverse("login"), {"username": "doanvien", "password": "demo12345"}, follow=True)
    assert signed_in.redirect_chain[-1][0] == reverse("password_change")
    assert client.session[SESSION_KEY] is True
    for address in (reverse("home"), reverse("dashboard", kwargs={"slug": demo_branch.slug})):
        assert client.get(address).url == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
