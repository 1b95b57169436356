"""The Content-Security-Policy: one strict header on every page, and pages that need nothing it forbids.

The policy (chidoan/settings.py, django-csp) allows scripts and styles from the site's own
static files only: no 'unsafe-inline', so an inline <script>, an on*= handler, a style="..."
attribute or a <style> element would be blocked by the browser (tests/browser/test_csp_pages.py
watches a real browser for that). Here every HTML page that a role may open, taken from the
permission matrix (tests/access), is read as that role and searched for those four things.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.access.expect import ROLES
from tests.access.pdf_memo import each_pdf_made_once
from tests.access.test_permission_matrix import EXPECTATIONS, MODULES, _own_side

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[HEADER]
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


class InlineCode(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, event-handler attributes, style attributes, <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, _value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name in ("href", "src", "action", "formaction") and (_value or "").lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")
        if tag == "script" and "src" not in names and names.get("type", "text/javascript") != "application/json":
            self.found.append("<script> inline")
        if tag in ("script", "style"):
            self._in, self._text = tag, []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._in == "style":
            self.styles.append("".join(self._text))
        if tag == self._in:
            self._in = None


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def check_page(response) -> list[str]:
    """What a browser would block on this page under its own header (a <style> is allowed only by its hash)."""
    problems = []
    policy = directives(response)
    for name in ("script-src", "style-src"):
        if "'unsafe-inline'" in policy.get(name, []) or name not in policy:
            problems.append(f"{name} is {policy.get(name)}")
    parser = InlineCode()
    parser.feed(response.content.decode())
    problems += parser.found
    for style in parser.styles:
        if sha256_source(style) not in policy.get("style-src", []):
            problems.append("<style> whose hash the header does not allow")
    return problems


def test_the_header_is_strict_and_complete(client, roles):
    client.force_login(roles.secretary)
    policy = directives(client.get(reverse("home"), follow=True))
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }


def test_the_checker_finds_what_the_browser_would_block(client, roles):
    """The checks below can fail: a page with each forbidden thing is caught."""

    class Page:
        def __init__(self, html: str, header: str) -> None:
            self.content = html.encode()
            self.headers = {HEADER: header}

        def __getitem__(self, key):
            return self.headers[key]

    strict = "default-src 'self'; script-src 'self'; style-src 'self'"
    html = (
        '<p style="color:red" onclick="x()">a</p><script>alert(1)</script><script src="/static/a.js"></script>'
        '<a href="javascript:x()">b</a><style>p{}</style>'
    )
    assert check_page(Page(html, strict)) == [
        "<p style=...>",
        "<p onclick=...>",
        "<script> inline",
        "<a href=javascript:...>",
        "<style> whose hash the header does not allow",
    ]
    assert check_page(Page("<style>p{}</style>", f"{strict} {sha256_source('p{}')}")) == []
    assert check_page(Page("<p>ok</p>", "script-src 'self' 'unsafe-inline'")) == [
        "script-src is [\"'self'\", \"'unsafe-inline'\"]",
        "style-src is None",
    ]


def _pages(sides_own) -> list[tuple[str, frozenset[str]]]:
    pages = []
    for name, expects in sorted(EXPECTATIONS.items()):
        for expect in expects:
            if expect.method == "GET":
                kwargs = expect.kwargs(sides_own) if expect.branch_scoped else {}
                pages.append((reverse(name, kwargs=kwargs), expect.allowed))
    return pages


@pytest.fixture(scope="module", autouse=True)
def pdf_once_per_page():
    """Every role asks for the same documents: each is made once for the module (the PDF's bytes are not checked here)."""
    with each_pdf_made_once() as made:
        yield made


@pytest.fixture
def own_side(roles, demo_branch):
    side = _own_side(demo_branch)
    for module in MODULES:
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            prepare(side)
    return side


@pytest.mark.parametrize("role", [r for r in ROLES if r != "outsider"])
def test_every_page_of_every_role_runs_under_the_strict_policy(client, roles, own_side, role):
    """Each GET page of the permission matrix that the role may open in the demo branch, HTML ones read whole."""
    client.force_login(getattr(roles, role))
    problems, html_pages = {}, 0
    for url, allowed in _pages(own_side):
        if role not in allowed:
            continue
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert HEADER in response, url
        if response["Content-Type"].startswith("text/html"):
            html_pages += 1
            found = check_page(response)
            if found:
                problems[url] = sorted(set(found))
    assert problems == {}
    assert html_pages >= 20 if role in ("secretary", "deputy") else html_pages >= 8


def test_the_public_pages_run_under_the_strict_policy(client):
    for name in ("login", "password_reset"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert check_page(response) == [], name


def test_only_the_report_preview_may_be_framed_and_only_by_the_site(client, roles, own_side):
    client.force_login(roles.secretary)
    kwargs = {"slug": own_side.slug, "term": own_side.term_slug}
    preview = client.get(reverse("reports:self_review_preview", kwargs=kwargs))
    assert directives(preview)["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    page = client.get(reverse("reports:self_review", kwargs=kwargs))
    assert directives(page)["frame-ancestors"] == ["'none'"]
    assert page["X-Frame-Options"] == "DENY"


def test_an_issued_html_document_is_served_as_stored_with_its_own_style_allowed_by_hash(client, roles, own_side):
    """Issued documents are frozen (their inline <style> included): the header allows that exact style, nothing more."""
    from reports.models import IssuedDocument

    html = "<!doctype html><html><head><style>p { color: #000; }</style></head><body><p>Văn bản</p></body></html>"
    issued = own_side.issued
    IssuedDocument.objects.filter(pk=issued.pk).update(html=html, html_sha256=hashlib.sha256(html.encode()).hexdigest())
    client.force_login(roles.member)
    response = client.get(
        reverse("reports:issued_download", kwargs={"slug": own_side.slug, "pk": issued.pk, "fmt": "html"})
    )
    assert response.content == html.encode()
    assert directives(response)["style-src"] == ["'self'", sha256_source("p { color: #000; }")]
    assert check_page(response) == []
    assert re.search(r"'unsafe-inline'", response[HEADER]) is None
