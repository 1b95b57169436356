"""Guessing passwords is throttled (django-axes): AXES_FAILURE_LIMIT failures, then a cool-off for everyone."""

from __future__ import annotations

import datetime
import os

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCKED = "Tạm khóa đăng nhập"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"
RIGHT = "demo12345"


def sign_in(client, username, password, *, address="127.0.0.1", admin=False):
    url = reverse("admin:login") if admin else reverse("login")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, username="doanvien", *, address="127.0.0.1", admin=False):
    return [sign_in(client, username, "sai-roi", address=address, admin=admin) for _ in range(times)]


def time_passes(minutes):
    """The failures were made `minutes` ago (the clock of django-axes is each attempt's time)."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes))


def test_the_settings_default_to_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_four_failures_are_only_explained(client, roles):
    answers = fail(client, 4)
    assert all(a.status_code == 200 and WRONG in a.content.decode() for a in answers)
    assert sign_in(client, "doanvien", RIGHT).status_code == 302


def test_after_five_failures_even_the_right_password_is_refused_in_vietnamese(client, roles):
    answers = fail(client, 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    refused = sign_in(client, "doanvien", RIGHT)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert LOCKED in page and "15 phút" in page and "kể cả khi nhập đúng mật khẩu" in page
    assert 'lang="vi"' in page and "Sổ tay Chi đoàn" in page  # the site's frame
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(client, roles):
    fail(client, 5)
    time_passes(14)
    assert sign_in(client, "doanvien", RIGHT).status_code == 429
    time_passes(2)
    response = sign_in(client, "doanvien", RIGHT)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(roles.member.pk)


def test_attempts_during_the_lock_do_not_lengthen_it(client, roles):
    fail(client, 5)
    time_passes(10)
    fail(client, 3)  # still locked: refused without being counted
    time_passes(6)
    assert sign_in(client, "doanvien", RIGHT).status_code == 302


def test_a_username_is_locked_whatever_the_address(client, roles):
    for n in range(5):
        fail(client, 1, address=f"127.0.1.{n + 1}")
    assert sign_in(client, "doanvien", RIGHT, address="127.0.2.1").status_code == 429
    # another login from a fresh address is not affected
    assert sign_in(client, "uyvien", RIGHT, address="127.0.2.1").status_code == 302


def test_an_address_trying_many_usernames_is_locked(client, roles):
    for name in ("bithu", "phobithu", "uyvien", "captren", "khong-co-ai"):
        fail(client, 1, name, address="127.0.3.1")
    assert sign_in(client, "doanvien", RIGHT, address="127.0.3.1").status_code == 429
    # the same login from another address still works
    assert sign_in(client, "doanvien", RIGHT, address="127.0.3.2").status_code == 302


def test_the_admin_sign_in_is_throttled_the_same(client, roles):
    answers = fail(client, 5, "admin", admin=True)
    assert answers[0].status_code == 200
    refused = sign_in(client, "admin", RIGHT, admin=True)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    time_passes(16)
    assert sign_in(client, "admin", RIGHT, admin=True).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_sign_in_counts_with_the_site_sign_in(client, roles):
    fail(client, 3, "admin")
    fail(client, 2, "admin", admin=True)
    assert sign_in(client, "admin", RIGHT, admin=True).status_code == 429


def test_a_superuser_lifts_a_lock_with_axes_reset_username(client, roles):
    fail(client, 5)
    call_command("axes_reset_username", "doanvien", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sign_in(client, "doanvien", RIGHT).status_code == 302


def test_a_superuser_lifts_a_lock_in_the_admin(client, roles):
    fail(client, 5, address="127.0.4.1")
    attempt = AccessAttempt.objects.get(username="doanvien")
    client.force_login(roles.admin)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "doanvien" in listing.content.decode()
    client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    client.logout()
    assert sign_in(client, "doanvien", RIGHT, address="127.0.4.1").status_code == 302


def test_the_limit_and_the_cool_off_come_from_the_settings(client, roles, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    assert [a.status_code for a in fail(client, 2)] == [200, 429]
    refused = sign_in(client, "doanvien", RIGHT)
    assert refused.status_code == 429 and "30 phút" in refused.content.decode()
