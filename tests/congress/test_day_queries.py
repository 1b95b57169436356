"""Query-count guards of the congress day's pages: each page measured at two sizes (N and 3N rows)
must cost the same number of queries; each docstring names the N+1 the guard prevents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congress.models import Attendance, BodyKind, Congress
from members.models import Member
from tests.congress.helpers import decided_election, new_term_with, seated_body

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"


def url(name: str, congress: Congress, **kwargs) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": SLUG, "pk": congress.pk, **kwargs})


@pytest.fixture
def people(congress) -> list[Member]:
    """Nine members of the demo branch without a login, in name order: seating them in a new term
    leaves the roles of those who sign in (and the queries that find them) as they are."""
    people = list(Member.objects.filter(branch=congress.branch, user__isnull=True).in_name_order()[:9])
    assert len(people) == 9
    return people


def test_the_congress_page_costs_the_same_for_three_times_the_rows(
    secretary_client, congress, people, assert_constant_queries
):
    """The overview lists every election with the names of the elected and, after the handover, the
    new committee: without the prefetch of congress.selectors.elections_with_counts (counts with their
    candidate's member) and the select_related of selectors.new_committee, each count and each seat
    would cost a query for its member (N+1)."""

    def build(n: int) -> str:
        decided_election(congress, people[:n])
        new_term_with(congress, people[:n])
        return url("detail", congress)

    assert_constant_queries(build, client=secretary_client, sizes=(3, 9))


def test_the_attendance_list_costs_the_same_for_three_times_the_summoned(
    secretary_client, congress, people, assert_constant_queries
):
    """The attendance list shows every summoned member's name: without the select_related of
    congress.selectors.attendance_list each row would cost one query for its member (N+1)."""

    def build(n: int) -> str:
        congress.attendances.all().delete()
        Attendance.objects.bulk_create(Attendance(congress=congress, member=m) for m in people[:n])
        return url("attendance", congress)

    assert_constant_queries(build, client=secretary_client, sizes=(4, 12))


def test_a_body_page_costs_the_same_for_three_times_the_members(
    secretary_client, congress, people, assert_constant_queries
):
    """A body's page names each of its members: without the prefetch of
    congress.selectors.bodies_with_members each member would cost a query (N+1)."""
    congress.attendances.bulk_create(Attendance(congress=congress, member=m) for m in people)

    def build(n: int) -> str:
        seated_body(congress, people[:n], BodyKind.COUNTING)
        return url("body", congress, kind="counting")

    assert_constant_queries(build, client=secretary_client, sizes=(3, 9))


def test_the_election_page_costs_the_same_for_three_times_the_candidates(
    secretary_client, congress, people, assert_constant_queries
):
    """The election page shows every candidate and each round's counts with names: without the prefetch
    of congress.selectors.elections_with_counts each candidate and each count would cost a query for its
    member (N+1)."""

    def build(n: int) -> str:
        election = decided_election(congress, people[:n])
        return url("election", congress, election_pk=election.pk)

    assert_constant_queries(build, client=secretary_client, sizes=(3, 9))
