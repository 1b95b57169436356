"""Signing a browser in without its sign-in form, for the tests whose subject comes after it.

The form itself is walked by the tests whose subject it is (tests/browser/test_member_journeys.py: a
member's first sign-in on a phone, a one-time password; the CSP page walk, which starts at the form):
the others are given a session made on the server, as Django's test client makes it
(`Client.force_login`), in a cookie, then open the start page as the form would have led them there.
That is the login page, its POST and a redirect fewer per test (0.3 – 0.4 s each on this machine).
"""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page


def sign_in(page: Page, base: str, username: str) -> None:
    """`username` signed in, in the page's browser context, on the page the sign-in form leads to."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    response = page.goto(base + reverse(settings.LOGIN_REDIRECT_URL))
    assert response is not None and response.ok, f"{username} is not signed in: {response and response.status}"
    assert page.locator("input[name=password]").count() == 0, page.url
