"""Request middleware of ours: the site language, and a one-time password changed before anything else."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from members.models import AccountState, OrganisationSlug

SESSION_KEY = "chidoan_must_change_password"

# Pages a member with a one-time password may still open.
ALLOWED_URL_NAMES = {"password_change", "password_change_done", "logout", "login"}


class PasswordChangeRequiredMiddleware:
    """Sends a user whose password is a one-time password to the change-password page.

    The flag is read from the database once per session and kept in the session;
    changing the password (chidoan.web.accounts.PasswordChange) clears both.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"):
            return None
        must_change = request.session.get(SESSION_KEY)
        if must_change is None:
            must_change = AccountState.objects.filter(user=user, must_change_password=True).exists()
            request.session[SESSION_KEY] = must_change
        if not must_change:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_URL_NAMES and not match.namespace:
            return None
        return redirect(reverse("password_change"))


class SiteLanguageMiddleware:
    """Pages in the site's language (Vietnamese) unless the visitor chose another one.

    Django's LocaleMiddleware follows the browser's Accept-Language, so a phone set
    to English would get Django's own texts (form errors, password rules) in
    English amid our Vietnamese pages. A browser setting is not a choice; the
    language cookie (set by Django's set_language view) is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language() or settings.LANGUAGE_CODE
        return self.get_response(request)


_ORGANISATION_PATH = re.compile(r"^/(chi-doan|to-chuc)/([-a-zA-Z0-9_]+)/")


class OldSlugRedirectMiddleware:
    """An address with an organisation's old slug (members.OrganisationSlug) moves permanently to its new one.

    Only a page that was not found is looked up, so the other pages cost no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = _ORGANISATION_PATH.match(request.path_info)
        if match is None:
            return response
        old = OrganisationSlug.objects.filter(slug=match.group(2)).select_related("organisation").first()
        if old is None or old.organisation.slug == match.group(2):
            return response
        path = f"/{match.group(1)}/{old.organisation.slug}/" + request.path_info[match.end() :]
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(request.build_absolute_uri(path + (f"?{query}" if query else "")))
