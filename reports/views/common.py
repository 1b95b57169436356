"""What every reports view shares: the one answer for a document file, and the term of the URL."""

from __future__ import annotations

import base64
import hashlib
import re

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from chidoan.lib.access import Access
from terms import selectors as term_selectors
from terms.models import Term

GET_ONLY = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "POST"])

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def document_response(content: bytes, *, stem: str, fmt: str) -> HttpResponse:
    """A document in `fmt`: HTML opens in the browser, PDF and DOCX download as "<stem>.<fmt>"."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{fmt}"'
    return response


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def allow_stored_styles(response: HttpResponse, html: str) -> None:
    """Let the browser apply the <style> blocks of a stored HTML document, by their hashes only.

    An issued document is served byte for byte as stored, its stylesheet inline; the site's
    Content-Security-Policy has no 'unsafe-inline', so this one answer allows exactly those
    styles (CSP hash sources), nothing else.
    """
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
        for style in _STYLE.findall(html)
    ]
    if hashes:
        response._csp_update = {"style-src": hashes}  # type: ignore[attr-defined]  # read by csp.middleware


def term_or_404(access: Access, slug: str) -> Term:
    """The branch's term of the URL; 404 also for a term whose records the user may not open (access.sees_term)."""
    term = term_selectors.term_by_slug(branch=access.branch, slug=slug)
    if term is None or not access.sees_term(term):
        raise Http404
    return term
