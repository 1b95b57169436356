"""Hostile URLs never meet a server error: every URL pattern of chidoan.urls, as every demo role.

The patterns come from the URL configuration itself (the Django admin included), so a
new page is fuzzed as soon as it exists. Each path parameter is either a real value of
the demo branch (the permission matrix's kwargs, so that the view gets past the branch
and object checks) or a hostile one: zero, huge and negative numbers, impossible terms
("0-0", "2022-10000"), non-ASCII and overlong text, NUL bytes; the query string and
the POST body carry the same kind of values under the names our views read.
The only assertion: no answer is 5xx. Budget: a few examples a pattern, well under a
minute for the whole walk (hypothesis, deadline off: the machine is shared).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access.test_permission_matrix import EXPECTATIONS, MODULES, _own_side

pytestmark = pytest.mark.django_db

ROLES = ("secretary", "deputy", "committee", "member", "officer", "outsider", "admin", "anonymous")

HOSTILE_NUMBERS = [
    "0",
    "00",
    "-1",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "9" * 40,
    "1e9",
    "١٢",
]
HOSTILE_TEXT = [
    "0-0",
    "2022-10000",
    "10000-10001",
    "0000-2024",
    "9999-9999",
    "2024-2022",
    "-2022-2024",
    "２０２２-２０２４",
    "2022 – 2024",
    "đoàn-viên",
    "pdf",
    "docx",
    "html",
    "..",
    "%00",
    "\x00",
    "a" * 300,
    "x-" * 1500,
    "<script>",
    "' OR 1=1 --",
    "",
]
# What our views read (request.GET / request.POST and the filter forms), and the admin's list parameters.
QUERY_KEYS = [
    "page",
    "q",
    "lan",
    "back",
    "nhiem-ky",
    "status",
    "committee",
    "near_age",
    "year",
    "chua",
    "next",
    "version",
    "o",
    "p",
    "e",
    # the admin's "add" pages take initial values of the model's fields, related ones included
    "term",
    "branch",
    "member",
    "user",
    "congress",
    "resolution",
    "target",
    "organisation",
    "parent",
]

hostile = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS + HOSTILE_TEXT),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
)
SWEEP = HOSTILE_NUMBERS + HOSTILE_TEXT
query = st.dictionaries(st.sampled_from(QUERY_KEYS), hostile, max_size=4)

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its pieces (literal text or a parameter name) and its namespaced name."""

    pieces: tuple[tuple[str, str], ...]  # ("text", "chi-doan/") or ("param", "slug")
    name: str

    @property
    def label(self) -> str:
        return "".join(text if kind == "text" else f"<{text}>" for kind, text in self.pieces)

    @property
    def params(self) -> list[str]:
        return [text for kind, text in self.pieces if kind == "param"]


def _regex_pieces(regex: str) -> list[tuple[str, str]]:
    """The pieces of a regex pattern (the admin's): each named group is a parameter, the rest literal text."""
    pieces: list[tuple[str, str]] = []
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    i = 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end_name = regex.index(">", i)
            name = regex[i + 4 : end_name]
            depth, j = 1, end_name + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
            pieces.append(("param", name))
            i = j
        else:
            pieces.append(("text", regex[i].replace("\\", "")))
            i += 1
    return pieces


def _pieces(pattern) -> list[tuple[str, str]]:
    if hasattr(pattern, "_route"):
        route, pieces, last = str(pattern), [], 0
        for found in PARAM.finditer(route):
            pieces.append(("text", route[last : found.start()]))
            pieces.append(("param", found["name"]))
            last = found.end()
        pieces.append(("text", route[last:]))
        return [p for p in pieces if p[1] or p[0] == "param"]
    return _regex_pieces(pattern.regex.pattern)


def walk(patterns, namespace: str = "", prefix: tuple = ()) -> list[Pattern]:
    found = []
    for pattern in patterns:
        pieces = (*prefix, *_pieces(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.extend(walk(pattern.url_patterns, inner, pieces))
        elif isinstance(pattern, URLPattern):
            found.append(Pattern(pieces, namespace + (pattern.name or "")))
    return found


PATTERNS = walk(get_resolver().url_patterns)


def test_the_walk_finds_every_pattern_and_its_parameters():
    labels = [p.label for p in PATTERNS]
    assert "chi-doan/<slug>/van-ban/bao-cao-kiem-diem/<term>/pdf/" in labels
    assert "quan-tri/members/member/<object_id>/change/" in labels
    assert any(label.startswith("quan-tri/(") or "<app_label>" in label for label in labels)
    assert len(PATTERNS) > 250  # 81 of ours and the admin's


@pytest.fixture
def real_kwargs(demo_branch) -> dict[str, dict]:
    """For each URL name, the kwargs of a real object of the demo branch (from the permission matrix)."""
    own = _own_side(demo_branch)
    for module in MODULES:
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            prepare(own)
    return {name: expects[0].kwargs(own) for name, expects in EXPECTATIONS.items()}


@pytest.fixture
def clients(roles) -> dict[str, Client]:
    made = {}
    for role in ROLES:
        client = Client()
        client.raise_request_exception = False
        if role != "anonymous":
            client.force_login(getattr(roles, role))
        made[role] = client
    return made


def build_url(pattern: Pattern, values: dict[str, str]) -> str:
    return "/" + "".join(quote(values[text], safe="") if kind == "param" else text for kind, text in pattern.pieces)


def fuzz(pattern: Pattern, clients, real, data) -> None:
    role = data.draw(st.sampled_from(ROLES), label="role")
    values = {}
    for param in pattern.params:
        choices = [st.sampled_from([str(real[param])])] if param in real else []
        values[param] = data.draw(st.one_of(*choices, hostile) if choices else hostile, label=param)
    url = build_url(pattern, values)
    params = data.draw(query, label="query")
    method = data.draw(st.sampled_from(["GET", "GET", "POST"]), label="method")
    client = clients[role]
    if method == "GET":
        response = client.get(url + ("?" + urlencode(params) if params else ""))
    else:
        response = client.post(url, params)
    assert response.status_code < 500, f"{role} {method} {url} {params!r}: {response.status_code}"


def test_every_pattern_as_every_role_with_a_hostile_value_meets_no_server_error(clients, real_kwargs):
    """The sweep: each pattern once per role (the admin's as the superuser), each parameter hostile or real in turn."""
    failures = []
    for index, pattern in enumerate(PATTERNS):
        real = real_kwargs.get(pattern.name, {})
        for turn, role in enumerate(ROLES):
            if pattern.name.startswith("admin:") and role != "admin":
                continue  # the admin sends every other login to its sign-in page, before any parameter is read
            values = {}
            for position, param in enumerate(pattern.params):
                bad = SWEEP[(index + turn + position) % len(SWEEP)]
                values[param] = str(real[param]) if param in real and (turn + position) % 2 else bad
            url = build_url(pattern, values)
            response = clients[role].get(url, dict.fromkeys(QUERY_KEYS, SWEEP[(index + turn) % len(SWEEP)]))
            if response.status_code >= 500:
                failures.append(f"{role} GET {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_hostile_url_meets_a_server_error(clients, real_kwargs, data):
    pattern = data.draw(st.sampled_from(PATTERNS), label="pattern")
    fuzz(pattern, clients, real_kwargs.get(pattern.name, {}), data)


# The 500s the walk found, one regression test each -------------------------------------------------------


@pytest.mark.parametrize("term", ["0-0", "2022-10000", "0000-2024", "10000-10001"])
@pytest.mark.parametrize("page", ["reports:self_review", "reports:self_review_pdf", "reports:self_review_docx"])
def test_an_impossible_term_is_a_404_on_every_report_url(client, roles, demo_branch, term, page):
    client.force_login(roles.member)
    assert client.get(reverse(page, kwargs={"slug": demo_branch.slug, "term": term})).status_code == 404


@pytest.mark.parametrize("term", ["0-0", "2022-10000"])
@pytest.mark.parametrize("page", ["reports:self_review_edit", "reports:self_review_issue"])
def test_an_impossible_term_is_a_404_for_the_editor_too(client, roles, demo_branch, term, page):
    client.force_login(roles.secretary)
    url = reverse(page, kwargs={"slug": demo_branch.slug, "term": term})
    assert client.get(url).status_code in {404, 405}
    assert client.post(url).status_code == 404


def test_the_admin_history_of_an_impossible_id_is_a_404(client, roles):
    client.force_login(roles.admin)
    assert client.get("/quan-tri/terms/term/html/history/").status_code == 404
    assert client.get("/quan-tri/members/member/%27%20OR%201%3D1/history/").status_code == 404


@pytest.mark.parametrize("value", ["1e9", "abc", "9" * 30, "%00"])
def test_an_admin_add_page_with_an_impossible_initial_id_is_not_a_500(client, roles, value):
    client.force_login(roles.admin)
    for page in (
        "/quan-tri/terms/resolution/add/",
        "/quan-tri/members/member/add/",
        "/quan-tri/congress/bodymember/add/",
    ):
        response = client.get(page, {"term": value, "branch": value, "member": value, "user": value})
        assert response.status_code == 200, (page, value)
