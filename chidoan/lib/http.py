"""HTTP helpers: the client's address behind a proxy, and the mark of a view that takes files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])

# The attribute @accepts_upload sets on a view: the largest body it takes, in bytes.
UPLOAD_LIMIT_ATTRIBUTE = "chidoan_upload_max_bytes"

MIB = 1024 * 1024


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from, for django-axes (AXES_CLIENT_IP_CALLABLE).

    Without a proxy (PROXY_COUNT=0) it is REMOTE_ADDR. Behind PROXY_COUNT proxies that each
    append to X-Forwarded-For, the client is the entry PROXY_COUNT places from the right: what
    a client writes into the header itself stays to the left and is never believed.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def accepts_upload(*, max_mb: int | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Marks a view as taking files: its requests may be up to max_mb MiB (default UPLOAD_MAX_MB).

    Every other view is refused a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before it is read
    (chidoan.web.limits.RequestSizeLimitMiddleware).
    """

    def mark(view: ViewFunc) -> ViewFunc:
        setattr(view, UPLOAD_LIMIT_ATTRIBUTE, (max_mb or 0) * MIB)
        return view

    return mark


def upload_limit(view: Callable[..., Any]) -> int | None:
    """The body size a view takes, in bytes, if it is marked with @accepts_upload; None if it takes no files."""
    limit = getattr(view, UPLOAD_LIMIT_ATTRIBUTE, None)
    if limit is None:
        return None
    return limit or settings.UPLOAD_MAX_MB * MIB
