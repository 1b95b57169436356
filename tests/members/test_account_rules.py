"""members.rules: who may give, reset or take away whose login, without the database."""

from __future__ import annotations

import pytest

from chidoan.lib.access import Role
from members import rules
from members.rules import LoginFacts

EDITOR_ROLES = [Role.DEPUTY, Role.SECRETARY, Role.OFFICER_EDITOR, Role.ADMIN]


def grant(actor_role, target, *, is_own=False, member_active=True):
    return rules.account_grant_refusal(actor_role=actor_role, is_own=is_own, member_active=member_active, target=target)


def revoke(actor_role, target, *, is_own=False, other_branch_editors=1):
    return rules.account_revoke_refusal(
        actor_role=actor_role, is_own=is_own, target=target, other_branch_editors=other_branch_editors
    )


@pytest.mark.parametrize("actor", EDITOR_ROLES)
def test_every_editor_gives_a_login_to_an_active_member_who_has_none(actor):
    assert grant(actor, None) is None


@pytest.mark.parametrize("actor", EDITOR_ROLES)
def test_nobody_gives_a_login_to_a_member_who_no_longer_takes_part(actor):
    assert grant(actor, None, member_active=False) == "Chỉ cấp tài khoản cho đoàn viên đang sinh hoạt."


@pytest.mark.parametrize("actor", [Role.MEMBER, Role.COMMITTEE, Role.OFFICER, "unknown"])
def test_who_does_not_edit_the_branch_gives_no_login(actor):
    assert "Chỉ Bí thư, Phó Bí thư" in grant(actor, None)
    assert "Chỉ Bí thư, Phó Bí thư" in revoke(actor, LoginFacts(role=Role.MEMBER))


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        (Role.DEPUTY, Role.MEMBER, True),
        (Role.DEPUTY, Role.COMMITTEE, True),
        (Role.DEPUTY, Role.DEPUTY, False),
        (Role.DEPUTY, Role.SECRETARY, False),
        (Role.SECRETARY, Role.DEPUTY, True),
        (Role.SECRETARY, Role.SECRETARY, False),
        (Role.OFFICER_EDITOR, Role.SECRETARY, True),
        (Role.OFFICER_EDITOR, Role.DEPUTY, True),
        (Role.ADMIN, Role.SECRETARY, True),
        (Role.SECRETARY, None, True),  # a login of a member with no role left (no longer taking part)
        (Role.ADMIN, "a role nobody ranked", False),
    ],
)
def test_a_new_password_only_for_a_login_below_ones_own_role(actor, target, allowed):
    refusal = grant(actor, LoginFacts(role=target))
    assert (refusal is None) == allowed
    if not allowed:
        assert "ngang hoặc cao hơn bạn" in refusal


@pytest.mark.parametrize(
    ("facts", "says"),
    [
        (LoginFacts(role=Role.MEMBER, is_superuser=True), "quản trị hệ thống"),
        (LoginFacts(role=Role.MEMBER, is_staff=True), "quản trị hệ thống"),
        (LoginFacts(role=Role.MEMBER, is_officer=True), "cán bộ cấp trên"),
        (LoginFacts(role=Role.MEMBER, linked_elsewhere=True), "nơi khác ngoài chi đoàn"),
    ],
)
@pytest.mark.parametrize("actor", EDITOR_ROLES)
def test_no_login_with_rights_beyond_the_branch_is_reset_or_revoked(actor, facts, says):
    assert says in grant(actor, facts)
    assert says in revoke(actor, facts)


@pytest.mark.parametrize("actor", EDITOR_ROLES)
def test_ones_own_login_is_changed_through_doi_mat_khau(actor):
    assert "Đổi mật khẩu" in grant(actor, LoginFacts(role=actor), is_own=True)
    assert revoke(actor, LoginFacts(role=actor), is_own=True) == "Không tự thu hồi được tài khoản của chính mình."


def test_only_an_active_login_is_revoked():
    assert "không có tài khoản đang hoạt động" in revoke(Role.SECRETARY, None)
    assert "không có tài khoản đang hoạt động" in revoke(Role.SECRETARY, LoginFacts(role=Role.MEMBER, is_active=False))


@pytest.mark.parametrize("target", [Role.SECRETARY, Role.DEPUTY])
def test_the_last_editor_of_the_branch_keeps_their_login(target):
    assert revoke(Role.OFFICER_EDITOR, LoginFacts(role=target), other_branch_editors=1) is None
    assert "cuối cùng" in revoke(Role.OFFICER_EDITOR, LoginFacts(role=target), other_branch_editors=0)


def test_the_last_editor_rule_is_only_for_editors():
    assert revoke(Role.SECRETARY, LoginFacts(role=Role.COMMITTEE), other_branch_editors=0) is None
