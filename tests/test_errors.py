"""Error pages in Vietnamese and in the site's frame, and the 503 page while the database does not answer.

Each page is asked for with DEBUG off, as in production (with DEBUG on Django shows its
technical pages instead).
"""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from chidoan import urls as root_urls
from chidoan.web import errors
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def quiet_client() -> Client:
    client = Client()
    client.raise_request_exception = False
    return client


def page(response) -> str:
    return response.content.decode()


def assert_site_frame(html: str) -> None:
    assert '<html lang="vi">' in html
    assert "Sổ tay Chi đoàn" in html  # the site's header
    assert f'href="{reverse("home")}"' in html  # a way back
    assert "Về trang chủ" in html


def test_the_handlers_are_ours():
    assert root_urls.handler400 is errors.bad_request
    assert root_urls.handler403 is errors.permission_denied
    assert root_urls.handler404 is errors.page_not_found
    assert root_urls.handler500 is errors.server_error


def test_an_unknown_address_is_a_vietnamese_404_in_the_frame(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = page(response)
    assert_site_frame(html)
    assert "Không tìm thấy trang" in html
    assert "Not Found" not in html


def test_a_404_inside_a_branch_keeps_the_branch_bar_and_leads_back_to_it(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(reverse("members:detail", kwargs={"slug": demo_branch.slug, "pk": 987654321}))
    assert response.status_code == 404
    html = page(response)
    assert_site_frame(html)
    assert demo_branch.name in html
    assert reverse("dashboard", kwargs={"slug": demo_branch.slug}) in html
    assert "Về trang chi đoàn" in html


def test_a_refused_change_is_a_vietnamese_403(client, roles, demo_branch):
    client.force_login(roles.member)
    response = client.get(reverse("members:list", kwargs={"slug": demo_branch.slug}))
    assert response.status_code == 403
    html = page(response)
    assert_site_frame(html)
    assert "Bạn không có quyền làm việc này" in html
    assert "Forbidden" not in html


def test_a_bad_request_is_a_vietnamese_400(client):
    response = client.get("/", headers={"host": "ke-la.example"})  # not in ALLOWED_HOSTS: DisallowedHost
    assert response.status_code == 400
    html = page(response)
    assert_site_frame(html)
    assert "Yêu cầu không hợp lệ" in html
    assert "Bad Request" not in html


def test_a_form_without_its_csrf_token_gets_the_vietnamese_csrf_page(roles):
    client = Client(enforce_csrf_checks=True)
    client.force_login(roles.secretary)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    html = page(response)
    assert_site_frame(html)
    assert "Biểu mẫu không gửi được" in html
    assert "CSRF verification failed" not in html


def test_a_crash_is_a_vietnamese_500_that_needs_no_database(quiet_client, roles, django_assert_num_queries):
    quiet_client.force_login(roles.officer)
    with mock.patch("chidoan.web.start.branches_visible_to", side_effect=RuntimeError("boom")):
        response = quiet_client.get(reverse("home"))
    assert response.status_code == 500
    html = page(response)
    assert_site_frame(html)
    assert "Đã có lỗi trong hệ thống" in html
    assert "Server Error" not in html
    # Rendered alone, inside the failure as Django does, it asks the database nothing.
    with django_assert_num_queries(0):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            alone = errors.server_error(mock.Mock(path="/", method="GET"))
    assert alone.status_code == 500


def database_down(exc_class=OperationalError):
    """Every new query fails the way it does while PostgreSQL restarts: the driver's error, re-raised by Django."""

    def refuse(*args, **kwargs):
        try:
            raise ConnectionRefusedError("psycopg2: connection to server at 127.0.0.1, port 5432 failed")
        except ConnectionRefusedError as driver_error:
            raise exc_class("connection to server at 127.0.0.1, port 5432 failed: Connection refused") from driver_error

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refuse)


def outage_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("exc_class", [OperationalError, InterfaceError])
def test_a_signed_in_page_during_an_outage_is_the_vietnamese_503_and_one_log_entry(
    quiet_client, roles, demo_branch, caplog, exc_class
):
    quiet_client.force_login(roles.secretary)
    with caplog.at_level(logging.INFO), database_down(exc_class):
        response = quiet_client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug}))
    assert response.status_code == 503
    assert response["Retry-After"]
    html = page(response)
    assert_site_frame(html)
    assert "tạm thời gián đoạn, vui lòng thử lại" in html
    assert "Server Error" not in html
    # The visitor stays signed in: the session cookie is not deleted on the way out.
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    # One entry with one traceback, the database's, not the AttributeError ('_session_cache') it interrupted.
    records = outage_records(caplog)
    assert len(records) == 1, [r.getMessage() for r in records]
    assert "503" in records[0].getMessage()
    assert "AttributeError" not in caplog.text  # "'SessionStore' object has no attribute '_session_cache'"
    assert "During handling of the above exception" not in caplog.text
    assert caplog.text.count("Traceback") == 1
    # And the site is back as soon as the database is.
    assert quiet_client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug})).status_code == 200


def test_a_write_during_an_outage_is_a_503_and_saves_nothing(quiet_client, roles, demo_branch, caplog):
    quiet_client.force_login(roles.secretary)
    before = Member.objects.count()
    with caplog.at_level(logging.INFO), database_down():
        response = quiet_client.post(
            reverse("members:add", kwargs={"slug": demo_branch.slug}),
            {"family_name": "Gián", "given_name": "Đoạn", "joined_union_on": "01/01/2020"},
        )
    assert response.status_code == 503
    assert "tạm thời gián đoạn, vui lòng thử lại" in page(response)
    assert Member.objects.count() == before
    assert len(outage_records(caplog)) == 1
    assert "AttributeError" not in caplog.text  # "'SessionStore' object has no attribute '_session_cache'"


def test_an_anonymous_visitor_during_an_outage_gets_the_503_too(quiet_client, caplog):
    with caplog.at_level(logging.INFO), database_down():
        response = quiet_client.post(reverse("login"), {"username": "bithu", "password": "demo12345"})
    assert response.status_code == 503
    assert "tạm thời gián đoạn, vui lòng thử lại" in page(response)
    assert len(outage_records(caplog)) == 1


def test_the_database_connection_is_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_503_page_renders_with_the_database_out_of_reach(django_db_blocker):
    with django_db_blocker.block():
        response = errors.outage_response()
    assert response.status_code == 503
    assert "tạm thời gián đoạn, vui lòng thử lại" in page(response)
    assert '<html lang="vi">' in page(response)
