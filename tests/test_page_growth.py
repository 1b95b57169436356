"""HTML-size guards: the pages whose forms choose members of a branch are the same size for a branch of N and of 5N.

The forms used to list every member of the branch (a select, or a checkbox each): the congress body page was
1.6 MiB at 5,000 members. The member picker (chidoan.lib.picker) shows only the chosen members and at most
20 matches, so a bigger branch gives the same page, give or take the length of the names shown and a count's
digits (`SLACK`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from congress import services as congress_services
from congress.models import Congress, ElectionKind
from members.models import Member
from tests.members.helpers import add_members

SIZES = (30, 150)  # members of the branch: N and 5N (more than the 20 matches shown, at both sizes)
SLACK = 1024  # bytes: 20 other names, counts with more digits


def html_size(client, address: str) -> int:
    response = client.get(address)
    assert response.status_code == 200, f"{address} answered {response.status_code}"
    return len(response.content)


def assert_html_does_not_grow(build: Callable[[int], str], *, client, sizes: tuple[int, int] = SIZES) -> None:
    """Build the data for a branch of each size (`build(n)` returns the page's address), fetch the page:
    the bigger branch's page may not be bigger than the smaller's by more than SLACK."""
    measured = {}
    for size in sizes:
        measured[size] = html_size(client, build(size))
    small, big = (measured[s] for s in sizes)
    assert big <= small + SLACK, f"the page grows with the branch: {measured} bytes"


def grow_to(branch) -> Callable[[int], None]:
    """Each call brings the branch up to `n` members (new ones named Nguyễn Văn Thử000…)."""
    added = 0

    def grow(n: int) -> None:
        nonlocal added
        missing = n - Member.objects.filter(branch=branch).count()
        if missing > 0:
            add_members(branch, missing, start=added)
            added += missing

    return grow


@pytest.fixture
def congress(demo_branch) -> Congress:
    return Congress.objects.get(closes_term__branch=demo_branch)


@pytest.fixture
def secretary(client, roles):
    client.force_login(roles.secretary)
    return client


def congress_url(name: str, congress: Congress, **kwargs) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": congress.branch.slug, "pk": congress.pk, **kwargs})


def test_the_committee_add_a_seat_page_does_not_grow_with_the_branch(secretary, demo_branch):
    grow = grow_to(demo_branch)

    def build(n: int) -> str:
        grow(n)
        return reverse("terms:seat_add", kwargs={"slug": demo_branch.slug})

    assert_html_does_not_grow(build, client=secretary)


def test_the_attendance_page_before_the_summons_does_not_grow_with_the_branch(secretary, demo_branch, congress):
    """SummonsAddForm offered every member not yet summoned."""
    grow = grow_to(demo_branch)

    def build(n: int) -> str:
        grow(n)
        return congress_url("attendance", congress)

    assert_html_does_not_grow(build, client=secretary)


@pytest.mark.parametrize("kind", ["presidium", "secretariat", "counting"])
def test_a_congress_body_page_does_not_grow_with_the_summoned(secretary, demo_branch, congress, kind):
    """The body form listed every summoned member twice: a checkbox each, and the head's select."""
    grow = grow_to(demo_branch)

    def build(n: int) -> str:
        grow(n)
        congress_services.congress_summon(congress=congress)
        return congress_url("body", congress, kind=kind)

    assert_html_does_not_grow(build, client=secretary)


def test_the_election_page_with_its_candidate_form_does_not_grow_with_the_summoned(secretary, demo_branch, congress):
    grow = grow_to(demo_branch)
    election = None

    def build(n: int) -> str:
        nonlocal election
        grow(n)
        congress_services.congress_summon(congress=congress)
        if election is None:
            election = congress_services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=5)
        return congress_url("election", congress, election_pk=election.pk)

    assert_html_does_not_grow(build, client=secretary)
