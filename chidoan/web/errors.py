"""The error pages (400, 403, 404, 500; the CSRF failure page is templates/403_csrf.html) and the 503 page of a database outage, in Vietnamese.

The 4xx pages are rendered with the request, in the site's frame (base.html with the
branch bar when the view had got that far). The 500 and 503 pages are rendered without
the request: no context processor runs, so nothing reaches for the session, the user or
the database that may be what has just failed.

A database that does not answer (PostgreSQL restarting, a connection dropped) raises
OperationalError or InterfaceError wherever the next query happens: in a view, in the
session or authentication middleware, in our own middleware, in a 4xx page's context.
Django hands each of those to `server_error` (handler500) inside the `except` block, so
that one place answers 503 instead of 500 and logs one line with one traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from chidoan.lib.access import BranchClosed, closed_message

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def is_database_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def _render(request: HttpRequest | None, template: str, status: int, context: dict | None = None) -> HttpResponse:
    with translation.override(settings.LANGUAGE_CODE):
        body = loader.get_template(template).render(context or {}, request)
    return HttpResponse(body, status=status)


def outage_response() -> HttpResponse:
    """The 503 page: "tạm thời gián đoạn, vui lòng thử lại", without the request (so without the database)."""
    response = _render(None, "errors/503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once, by log_outage: Django's own "Internal Server Error" / "Service Unavailable" lines
    # would repeat the traceback or add a line per failure.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def log_outage(request: HttpRequest, exc: BaseException) -> None:
    """One line and one traceback: the database error's own, without the exceptions chained to it.

    A session is loaded inside `except AttributeError` (Django's SessionBase._get_session
    looks for its cache first), and Django re-raises the driver's error as its own; printed
    with its chain, each failure showed three tracebacks, the last a misleading
    `AttributeError: '_session_cache'`.
    """
    trace = "".join(traceback.format_exception(exc, chain=False)).rstrip()
    logger.error(
        "Database unavailable, answered 503: %s %s (%s: %s)\n%s",
        request.method,
        request.path,
        type(exc).__name__,
        str(exc).strip(),
        trace,
    )


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/400.html", 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A closed branch's refusal says why: merged or dissolved on which day, its records only to read."""
    reason = str(exception) if isinstance(exception, BranchClosed) else ""
    access = getattr(request, "branch_access", None)
    if not reason and access is not None and access.is_closed and request.method == "POST":
        reason = closed_message(access.branch)
    return _render(request, "errors/403.html", 403, {"reason": reason})


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called inside the `except` of the failure: a database outage answers 503."""
    exc = sys.exc_info()[1]
    if is_database_outage(exc):
        assert exc is not None
        log_outage(request, exc)
        return outage_response()
    return _render(None, "errors/500.html", 500)
