"""The permission matrix: every named URL × every demo role × own branch / other branch.

The URLs come from the URL configuration itself (get_resolver()), so a new page
without an expectation fails `test_every_url_has_an_expectation`, and a page
without a name (which the matrix could not reverse) fails `test_every_url_has_a_name`. Expectations
live in tests/access/expect_<area>.py (format: tests/access/expect.py); the
answers are derived here:

  anonymous -> sign-in page; allowed -> 200 (POST: 200 or 302); sees the branch
  but not allowed -> 403; cannot see the branch -> 404; an object of another
  branch under our slug -> 404.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.expect import (
    COMMITTEE,
    DEPUTY,
    MEMBER,
    OFFICER,
    OUTSIDER,
    ROLES,
    SECRETARY,
    Expect,
    Side,
)
from tests.access.pdf_memo import each_pdf_made_once

AREAS = ("members", "congress", "reports", "day", "organisations")
ANONYMOUS = "anonymous"

# What the matrix leaves out, and why.
EXCLUDED_NAMESPACES = {
    "admin": "Django admin: staff only, guarded by Django's own permissions, not by branch roles.",
}
EXCLUDED_NAMES = {
    "login": "the public sign-in page (tests/test_auth.py).",
    "logout": "sign-out, POST only, for anyone signed in (tests/test_auth.py).",
    "password_reset": "Django's password reset by e-mail: public by design.",
    "password_reset_done": "Django's password reset by e-mail: public by design.",
    "password_reset_confirm": "Django's password reset by e-mail: public, guarded by its token.",
    "password_reset_complete": "Django's password reset by e-mail: public by design.",
}

# Who each demo login acts as in each branch (None: cannot see it).
ACTS_AS = {
    "own": {SECRETARY: SECRETARY, DEPUTY: DEPUTY, COMMITTEE: COMMITTEE, MEMBER: MEMBER, OFFICER: OFFICER},
    "other": {OFFICER: OFFICER, OUTSIDER: MEMBER},
}

D = datetime.date
OUTSIDER_USERNAME = "ngoai"  # tests/conftest.py


def _modules() -> list[ModuleType]:
    modules = []
    for area in AREAS:
        name = f"tests.access.expect_{area}"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


MODULES = _modules()


def _expectations() -> tuple[dict[str, tuple[Expect, ...]], list[str]]:
    merged: dict[str, tuple[Expect, ...]] = {}
    duplicates = []
    for module in MODULES:
        for name, value in module.EXPECTATIONS.items():
            if name in merged:
                duplicates.append(name)
            merged[name] = value if isinstance(value, tuple) else (value,)
    return merged, duplicates


EXPECTATIONS, DUPLICATES = _expectations()


@dataclass(frozen=True)
class Route:
    """One URL pattern of the project: its full route, its namespaced name ("" when unnamed), its parameters."""

    route: str
    name: str
    params: frozenset[str]


def _walk(patterns, namespace: str = "", prefix: str = "", params: frozenset[str] = frozenset()) -> Iterator[Route]:
    for pattern in patterns:
        here = params | frozenset(getattr(pattern.pattern, "converters", {}) or {})
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, route, here)
        elif isinstance(pattern, URLPattern):
            yield Route(route, namespace + pattern.name if pattern.name else "", here)


ROUTES = list(_walk(get_resolver().url_patterns))
URL_PARAMS: dict[str, frozenset[str]] = {}
for _route in ROUTES:
    if _route.name:
        URL_PARAMS.setdefault(_route.name, _route.params)
URL_NAMES = sorted(name for name in URL_PARAMS if name not in EXCLUDED_NAMES)


def _cases():
    cases = []
    for name, expects in sorted(EXPECTATIONS.items()):
        for expect in expects:
            if not expect.branch_scoped:
                sides = ["none"]
            else:
                sides = ["own", "other"]
                if URL_PARAMS.get(name, frozenset()) - {"slug"}:
                    sides.append("cross")
            for side in sides:
                for role in (*ROLES, ANONYMOUS):
                    cases.append(pytest.param(name, expect, side, role, id=f"{name}-{expect.method}-{side}-{role}"))
    return cases


CASES = _cases()


def expected_statuses(expect: Expect, side: str, role: str) -> frozenset[int] | str:
    if role == ANONYMOUS:
        return "login"
    if side == "none":
        return expect.ok_statuses if role in expect.allowed else frozenset({403})
    if side == "cross":
        acting = ACTS_AS["own"].get(role)
        if acting is None or acting in expect.allowed:
            return frozenset({404})
        return frozenset({403, 404})
    acting = ACTS_AS[side].get(role)
    if acting is None:
        return frozenset({404})
    return expect.ok_statuses if acting in expect.allowed else frozenset({403})


# The objects of each branch ---------------------------------------------------


def _side(branch, term, **objects) -> Side:
    """The objects of one branch; its slug, its term's slug and resolution, and the year follow from the branch."""
    return Side(
        branch=branch,
        slug=branch.slug,
        term=term,
        term_slug=term.slug,
        resolution=term.resolution,
        year=2023,
        **objects,
    )


def _own_side(branch) -> Side:
    from members.models import Member

    term = branch.terms.get(starts_on__year=2022)
    target = term.resolution.targets.order_by("position").first()
    return _side(
        branch,
        term,
        target=target,
        progress=target.progress_entries.order_by("recorded_on").first(),
        seat=term.seats.order_by("position").first(),
        assignment=term.assignments.order_by("area").first(),
        congress=getattr(term, "closing_congress", None),
        member=Member.objects.get(branch=branch, user__username="doanvien"),
        other_member=Member.objects.get(branch=branch, family_name="Trần", given_name="Khoa"),
    )


def _other_side() -> Side:
    """so-y-te-mau gets a term (named differently from the demo's), a Secretary, a target and a congress."""
    from congress.models import Congress
    from members.models import Member, Organisation
    from terms import services as term_services
    from terms.models import CommitteeRole, SeatStartKind, TargetKind

    branch = Organisation.objects.get(slug="so-y-te-mau")
    secretary = Member.objects.get(branch=branch, family_name="Hồ", given_name="Lực")
    term = term_services.term_create(branch=branch, starts_on=D(2021, 9, 1), ends_on=D(2024, 2, 28))
    seat = term_services.seat_add(
        term=term,
        member=secretary,
        role=CommitteeRole.SECRETARY,
        started_on=term.starts_on,
        start_kind=SeatStartKind.ELECTED,
    )
    assignment = term_services.assignment_set(term=term, member=secretary, area="Phụ trách chung")
    resolution = term_services.resolution_ensure(term=term, title="Nghị quyết (dữ liệu thử)")
    target = term_services.target_create(
        resolution=resolution,
        name="kết nạp đoàn viên mới",
        kind=TargetKind.NUMBER,
        planned_value=Decimal(1),
        unit="đoàn viên",
        responsible=secretary,
    )
    progress = term_services.progress_record(target=target, recorded_on=D(2022, 6, 1), value=Decimal(1))
    congress = Congress(
        closes_term=term,
        new_term_starts_on=D(2024, 2, 29),
        new_term_ends_on=D(2026, 8, 28),
        held_on=D(2024, 2, 29),
    )
    congress.full_clean()
    congress.save()
    return _side(
        branch,
        term,
        target=target,
        progress=progress,
        seat=seat,
        assignment=assignment,
        congress=congress,
        member=Member.objects.get(branch=branch, user__username=OUTSIDER_USERNAME),
        other_member=Member.objects.get(branch=branch, family_name="Tạ", given_name="Thư"),
    )


def _make_sides() -> dict[str, Side]:
    from members.demo import BRANCH_SLUG
    from members.models import Organisation

    branch = Organisation.objects.filter(slug=BRANCH_SLUG).first()
    if branch is None:  # a transactional test emptied the database before the matrix on this worker
        from tests.conftest import load_demo_with_outsider

        load_demo_with_outsider()
        branch = Organisation.objects.get(slug=BRANCH_SLUG)
    own, other = _own_side(branch), _other_side()
    for module in MODULES:
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            prepare(own)
            prepare(other)
    return {"own": own, "other": other}


@pytest.fixture(scope="module")
def shared_sides(django_db_setup, django_db_blocker) -> Iterator[dict[str, Side]]:
    """Both branches' objects, made once per worker for all the cases, in a transaction left open around them.

    Each case runs, as any test, in a transaction of its own (a savepoint inside this one) rolled back after it,
    so it sees the objects exactly as made, whatever the case before it posted; after the last case this
    transaction is rolled back too, and the database is the demo again."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            made = _make_sides()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module", autouse=True)
def pdf_once_per_page() -> Iterator[dict[str, bytes]]:
    """Each distinct page is turned into PDF once for the whole matrix (tests/access/pdf_memo.py): a fifth of
    the document cases' time in a profile went to every allowed role rendering the same page."""
    with each_pdf_made_once() as made:
        yield made


@pytest.fixture
def sides(shared_sides, roles) -> dict[str, Side]:
    return shared_sides


@pytest.fixture(scope="module")
def signed_in(shared_sides, django_db_blocker) -> dict[str, str]:
    """A session key per role, each made once by the test client's sign-in, inside shared_sides' transaction.

    A case sends its role's key as the session cookie: the site reads the session from the database as for
    any signed-in user, and whatever the case's request writes to it is rolled back with the case. Signing in
    for each case was about a quarter of a case's time in a profile (a new session key checked, saved, the
    old one deleted, the last login written). With sessions read through a shared cache (cached_db) a write would outlive the
    rollback, so there each case signs in afresh (empty mapping)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.conftest import ROLE_USERNAMES

    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return {}
    keys = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            client = Client()
            client.force_login(get_user_model().objects.get(username=ROLE_USERNAMES[role]))
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def _url(name: str, expect: Expect, side: str, sides: dict[str, Side]) -> str:
    if side == "none":
        return reverse(name, kwargs=expect.kwargs(Side()))
    if side == "cross":
        kwargs = {**expect.kwargs(sides["other"]), "slug": sides["own"].slug}
        return reverse(name, kwargs=kwargs)
    return reverse(name, kwargs=expect.kwargs(sides[side]))


# The tests ----------------------------------------------------------------------


def test_every_url_has_a_name():
    """An unnamed page cannot be reversed, so the matrix would never visit it: each needs a name."""
    unnamed = [f"/{route.route}" for route in ROUTES if not route.name]
    assert not unnamed, "These URL patterns have no name (give each one, then an expectation): " + ", ".join(unnamed)


def test_an_unnamed_pattern_is_caught_with_its_route():
    """The check above can fail: a pattern without a name inside an app's include is reported by its full route."""
    from django.urls import include, path

    def view(request):
        raise AssertionError("never called")

    inner = ([path("<int:pk>/in-ra/", view), path("ten/", view, name="named")], "extra")
    found = list(_walk([path("chi-doan/<slug:slug>/them/", include(inner))]))
    assert [(r.route, r.name) for r in found] == [
        ("chi-doan/<slug:slug>/them/<int:pk>/in-ra/", ""),
        ("chi-doan/<slug:slug>/them/ten/", "extra:named"),
    ]
    assert found[0].params == {"slug", "pk"}


def test_every_url_has_an_expectation():
    missing = [name for name in URL_NAMES if name not in EXPECTATIONS]
    assert not missing, (
        "These URLs have no entry in tests/access/expect_*.py (format: tests/access/expect.py): " + ", ".join(missing)
    )


def test_every_expectation_names_an_existing_url_once():
    stale = sorted(set(EXPECTATIONS) - set(URL_NAMES))
    assert not stale, "Expectations for URLs that do not exist (or are excluded): " + ", ".join(stale)
    assert not DUPLICATES, "URLs with expectations in two modules: " + ", ".join(DUPLICATES)


def test_matrix_size_is_reported(capsys):
    """Not a check of behaviour: prints the size so that a shrinking matrix is visible in the log."""
    with capsys.disabled():
        print(
            f"\nPermission matrix: {len(CASES)} cases over {len(EXPECTATIONS)} URL names "
            f"({len(URL_NAMES)} named URLs checked, {len(ROUTES)} patterns walked; excluded: {', '.join(sorted(EXCLUDED_NAMES))}; "
            f"namespaces {', '.join(EXCLUDED_NAMESPACES)})"
        )
    assert CASES


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "expect", "side", "role"), CASES)
def test_permission(client, settings, roles, sides, signed_in, name: str, expect: Expect, side: str, role: str):
    url = _url(name, expect, side, sides)
    if role in signed_in:
        client.cookies[settings.SESSION_COOKIE_NAME] = signed_in[role]
    elif role != ANONYMOUS:
        client.force_login(getattr(roles, role))
    response = client.post(url, expect.data) if expect.method == "POST" else client.get(url)
    wanted = expected_statuses(expect, side, role)
    if wanted == "login":
        assert response.status_code == 302, f"anonymous {expect.method} {url}: {response.status_code}"
        assert response.url.startswith(reverse("login")), f"anonymous {expect.method} {url} -> {response.url}"
    else:
        assert response.status_code in wanted, (
            f"{role} ({side} branch) {expect.method} {url}: got {response.status_code}, expected {sorted(wanted)}"
        )
