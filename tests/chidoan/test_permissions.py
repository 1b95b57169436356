"""Roles derived from the data, and the list of branches a login may open."""

from __future__ import annotations

import pytest

from chidoan.web.permissions import Role, branch_access, branches_visible_to
from members.models import Organisation

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
