"""Roles derived from the data, and the list of branches a login may open."""

from __future__ import annotations

import datetime

import pytest

from chidoan.lib.dates import today
from chidoan.web.permissions import Role, branch_access, branches_visible_to, resolve_branch_access
from members.models import Organisation
from terms.models import CommitteeSeat, SeatEndKind

pytestmark = pytest.mark.django_db


def slugs(user) -> set[str]:
    return set(branches_visible_to(user).values_list("slug", flat=True))


def test_a_member_sees_only_their_own_branch(roles, demo_branch):
    assert slugs(roles.member) == {demo_branch.slug}


def test_the_parent_officer_sees_every_branch_below_their_organisation(roles):
    below = set(
        Organisation.objects.branches()
        .filter(parent__slug="doan-khoi-cac-co-quan-tinh-mau")
        .values_list("slug", flat=True)
    )
    assert slugs(roles.officer) == below
    assert len(below) == 2


def test_the_outsider_sees_only_the_other_branch(roles, demo_branch):
    assert slugs(roles.outsider) == {"so-y-te-mau"}


def test_the_branch_list_never_joins_the_members_table(roles):
    """At province scale a join over every member plus DISTINCT made the officer's start page take seconds."""
    sql = str(branches_visible_to(roles.officer).query).upper()
    assert "DISTINCT" not in sql
    assert "JOIN" not in sql


def test_roles_come_from_the_seats_of_the_current_term(roles, demo_branch):
    assert branch_access(roles.secretary, demo_branch).role == Role.SECRETARY
    assert branch_access(roles.deputy, demo_branch).role == Role.DEPUTY
    assert branch_access(roles.committee, demo_branch).role == Role.COMMITTEE
    assert branch_access(roles.member, demo_branch).role == Role.MEMBER
    assert branch_access(roles.officer, demo_branch).role == Role.OFFICER
    assert branch_access(roles.outsider, demo_branch) is None


def test_an_officer_granted_as_editor_may_change_the_branch(roles, demo_branch):
    grant = roles.officer.officer_grants.get()
    grant.can_edit = True
    grant.save()
    access = branch_access(roles.officer, demo_branch)
    assert access.role == Role.OFFICER_EDITOR
    assert access.can_edit


def test_the_access_by_slug_is_the_same_as_by_the_branch_and_one_query_for_the_committee(
    roles, demo_branch, django_assert_num_queries
):
    """Every branch page asks `resolve_branch_access` (one query: the branch, its term, the reader's member and
    seat); it must give the same role, term and member as the ORM's way, date fields as dates on SQLite too."""
    for user in (roles.secretary, roles.deputy, roles.committee, roles.member, roles.officer, roles.outsider):
        expected = branch_access(user, demo_branch)
        got = resolve_branch_access(user, demo_branch.slug)
        if expected is None:
            assert got is None
            continue
        assert (got.role, got.branch, got.term, got.member) == (
            expected.role,
            demo_branch,
            expected.term,
            expected.member,
        )
        assert got.term.starts_on == expected.term.starts_on and isinstance(got.term.ends_on, datetime.date)
        assert got.branch.closed_on == demo_branch.closed_on and got.branch.path == demo_branch.path
        assert list(got.seats.values_list("pk", "role_label")) == list(expected.seats.values_list("pk", "role_label"))
    with django_assert_num_queries(1):
        access = resolve_branch_access(roles.secretary, demo_branch.slug)
        assert access.role == Role.SECRETARY and roles.secretary.member == access.member
    assert resolve_branch_access(roles.secretary, "khong-co-chi-doan-nay") is None


def test_a_seat_ended_yesterday_gives_no_role_by_slug(roles, demo_branch):
    seat = CommitteeSeat.objects.filter(member__user=roles.deputy, ended_on__isnull=True).get()
    seat.ended_on, seat.end_kind = today() - datetime.timedelta(days=1), SeatEndKind.LEFT
    seat.save()
    assert resolve_branch_access(roles.deputy, demo_branch.slug).role != Role.DEPUTY
