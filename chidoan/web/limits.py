"""Middleware of the request's limits: its body size, and no signed-in page kept in a cache."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, get_resolver

from chidoan.lib.http import MIB, upload_limit

logger = logging.getLogger(__name__)

# Responses a shared computer's browser must not keep: every document download, signed in or not.
DOCUMENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument",  # .docx, .xlsx
    "application/msword",
    "application/vnd.ms-excel",
)


class RequestSizeLimitMiddleware:
    """Refuses a too large request body before anything reads it.

    Django itself reads a form body up to DATA_UPLOAD_MAX_MEMORY_SIZE only when a view touches
    request.POST, after the sign-in check, CSRF and the rest have run; and a multipart body's
    files are read to disk whatever their size. Here the Content-Length is compared with the
    limit of the view the URL resolves to, first: a view marked @accepts_upload takes up to its
    upload limit, every other view up to DATA_UPLOAD_MAX_MEMORY_SIZE. A body without a length
    (chunked) is refused by views that take no files: they could not tell its size unread.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        raw_length = request.META.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not raw_length.strip() and not chunked:
            return None
        limit = self.limit_for(request)
        if chunked and not raw_length.strip():
            if limit > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return None
            return self.refuse(request, status=411, limit=limit)
        try:
            length = int(raw_length)
        except ValueError:
            return self.refuse(request, status=400, limit=limit)
        if length > limit:
            return self.refuse(request, status=413, limit=limit)
        return None

    @staticmethod
    def limit_for(request: HttpRequest) -> int:
        try:
            match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
        except Resolver404:
            return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return upload_limit(match.func) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    @staticmethod
    def refuse(request: HttpRequest, *, status: int, limit: int) -> HttpResponse:
        logger.warning(
            "Refused a request body to %s (%s, Content-Length %s, limit %s bytes)",
            request.path,
            status,
            request.META.get("CONTENT_LENGTH") or "none",
            limit,
        )
        page = render_to_string("limits/too_large.html", {"status": status, "limit_mb": limit / MIB})
        # No "Connection: close" here: WSGI forbids hop-by-hop headers; the server (gunicorn's sync
        # workers close every connection, runserver too) drops the unread body with the connection.
        return HttpResponse(page, status=status)


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every signed-in response and every document download.

    A shared computer's browser (or a proxy) must not keep the member list or a report: the
    back button after signing out, or the next person at the desk, would show it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            # Already not kept (the 503 page of a database outage among them): asking who is
            # signed in would load the session from the database that just failed.
            return response
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        is_document = response.get("Content-Type", "").startswith(DOCUMENT_TYPES)
        if (signed_in or is_document) and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, no-store"
        return response
