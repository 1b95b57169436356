"""Signed-in pages and documents are never kept in a cache: `Cache-Control: private, no-store`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from chidoan.web.limits import PrivateCacheMiddleware

pytestmark = pytest.mark.django_db

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PRIVATE = "private, no-store"


def test_a_signed_in_branch_page_is_not_cached(client, roles):
    client.force_login(roles.member)
    response = client.get(reverse("dashboard", kwargs={"slug": SLUG}))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_member_list_is_not_cached(client, roles):
    client.force_login(roles.secretary)
    response = client.get(reverse("members:list", kwargs={"slug": SLUG}))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


@pytest.mark.parametrize(
    ("name", "kind"), [("self_review_pdf", "application/pdf"), ("self_review_docx", "wordprocessingml")]
)
def test_a_document_download_is_not_cached(client, roles, name, kind):
    client.force_login(roles.member)
    response = client.get(reverse(f"reports:{name}", kwargs={"slug": SLUG, "term": "2022-2024"}))
    assert response.status_code == 200
    assert kind in response["Content-Type"]
    assert response["Cache-Control"] == PRIVATE


def test_a_signed_in_redirect_is_not_cached_either(client, roles):
    client.force_login(roles.member)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Cache-Control"] == PRIVATE


def test_the_anonymous_sign_in_page_keeps_djangos_never_cache(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    # LoginView's own header (never_cache) is left as it is, not rewritten
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_an_anonymous_redirect_to_sign_in_carries_no_private_header(client):
    response = client.get(reverse("dashboard", kwargs={"slug": SLUG}))
    assert response.status_code == 302
    assert "Cache-Control" not in response


def test_static_files_stay_cacheable_for_a_signed_in_user(client, roles, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ without collectstatic (read when the client starts)
    client.force_login(roles.member)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_a_document_is_not_cached_even_without_a_sign_in():
    request = RequestFactory().get("/x/")
    request.user = AnonymousUser()
    middleware = PrivateCacheMiddleware(lambda r: HttpResponse(b"%PDF-1.7", content_type="application/pdf"))
    assert middleware(request)["Cache-Control"] == PRIVATE
    page = PrivateCacheMiddleware(lambda r: HttpResponse("<p>trang</p>"))(request)
    assert "Cache-Control" not in page
