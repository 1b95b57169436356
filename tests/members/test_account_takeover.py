"""Nobody takes over a login through "Cấp tài khoản" / "Thu hồi tài khoản" (issue 9, section 1).

A matrix of who acts (Secretary, Deputy, committee member, read-only officer, editor
officer of the parent organisation, superuser) on whose login (an ordinary member, a
committee member, the Deputy, the Secretary, a branch member whose login is also an
officer's, a staff login, a superuser, a login of another branch), through the pages as
a user would. Allowed: the password changes and the owner's open session ends. Refused:
a Vietnamese reason on the page (or 403 for who may not edit the branch at all), the
password unchanged, the owner still signed in, nothing recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from members import services
from members.models import AccountEvent, AccountEventKind, Member, Organisation, OrganisationOfficer
from tests.members.helpers import member_named, url

pytestmark = pytest.mark.django_db

PASSWORD = "demo12345"


@dataclass
class Logins:
    """The actors and the targets of the matrix, by name: username and, for targets, the member it is linked to."""

    users: dict
    members: dict


@pytest.fixture
def logins(roles, demo_branch) -> Logins:
    User = get_user_model()
    bloc = Organisation.objects.get(pk=demo_branch.parent_id)

    def linked(username: str, given: str, **fields) -> Member:
        member = member_named(given)
        member.user = User.objects.create_user(username, password=PASSWORD, **fields)
        member.save(update_fields=["user"])
        return member

    officer_member = linked("canbo", "Nam")  # a branch member who is also an officer of the bloc
    OrganisationOfficer.objects.create(user=officer_member.user, organisation=bloc)
    staff_member = linked("nhanvien", "Tài", is_staff=True)
    superuser_member = linked("quantri2", "Vinh", is_staff=True, is_superuser=True)
    editor_officer = User.objects.create_user("capsua", password=PASSWORD)
    OrganisationOfficer.objects.create(user=editor_officer, organisation=bloc, can_edit=True)
    users = {
        "secretary": roles.secretary,
        "deputy": roles.deputy,
        "committee": roles.committee,
        "officer": roles.officer,
        "officer_editor": editor_officer,
        "superuser": roles.admin,
        "member": roles.member,
        "officer_login": officer_member.user,
        "staff": staff_member.user,
        "superuser_login": superuser_member.user,
        "elsewhere": roles.outsider,
    }
    members = {
        "member": member_named("Trang"),
        "committee": member_named("Hằng"),
        "deputy": member_named("Nhi"),
        "secretary": member_named("Huy"),
        "officer_login": officer_member,
        "staff": staff_member,
        "superuser_login": superuser_member,
        "elsewhere": Member.objects.get(user=roles.outsider),
        "none": member_named("Khoa"),
    }
    return Logins(users=users, members=members)


ACTORS = ["secretary", "deputy", "committee", "officer", "officer_editor", "superuser"]
TARGETS = [
    "none",
    "member",
    "committee",
    "deputy",
    "secretary",
    "officer_login",
    "staff",
    "superuser_login",
    "elsewhere",
]
Y, N, FORBIDDEN = "allowed", "refused", 403

# Giving a login ("none": the member has none) or a new one-time password.
GRANT = {
    #                 none member committee deputy secretary officer staff superuser elsewhere
    "secretary": (Y, Y, Y, Y, N, N, N, N, N),
    "deputy": (Y, Y, Y, N, N, N, N, N, N),
    "committee": (FORBIDDEN,) * 9,
    "officer": (FORBIDDEN,) * 9,
    "officer_editor": (Y, Y, Y, Y, Y, N, N, N, N),
    "superuser": (Y, Y, Y, Y, Y, N, N, N, N),
}
# Taking a login away ("none" has none to take; "elsewhere" is not in the branch: 404).
REVOKE = {
    #                 member committee deputy secretary officer staff superuser elsewhere
    "secretary": (Y, Y, Y, N, N, N, N, N),
    "deputy": (Y, Y, N, N, N, N, N, N),
    "committee": (FORBIDDEN,) * 8,
    "officer": (FORBIDDEN,) * 8,
    "officer_editor": (Y, Y, Y, Y, N, N, N, N),
    "superuser": (Y, Y, Y, Y, N, N, N, N),
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def still_signed_in(client: Client) -> bool:
    response = client.get(reverse("home"))
    return response.status_code == 200 or not response.url.startswith(reverse("login"))


def grant_cases():
    for actor, row in GRANT.items():
        for target, expected in zip(TARGETS, row, strict=True):
            yield pytest.param(actor, target, expected, id=f"{actor}-resets-{target}")


def revoke_cases():
    for actor, row in REVOKE.items():
        for target, expected in zip(TARGETS[1:], row, strict=True):
            yield pytest.param(actor, target, expected, id=f"{actor}-revokes-{target}")


@pytest.mark.parametrize(("actor", "target", "expected"), list(grant_cases()))
def test_who_may_give_or_reset_whose_login(logins, demo_branch, actor, target, expected):
    actor_client = signed_in(logins.users[actor])
    target_user = logins.users.get(target)
    target_client = signed_in(target_user) if target_user is not None else None
    if target == "elsewhere":
        # The other branch's login cannot be reached under this branch, nor taken by its username.
        member = logins.members["none"]
        other = logins.members["elsewhere"]
        assert actor_client.get(url("account_grant", demo_branch, other)).status_code in (403, 404)
    else:
        member = logins.members[target]
    username = target_user.username if target_user is not None else "khoatran"

    page = actor_client.get(url("account_grant", demo_branch, member))
    response = actor_client.post(url("account_grant", demo_branch, member), {"username": username})

    if expected == FORBIDDEN:
        assert page.status_code == response.status_code == 403
    elif expected == Y:
        assert page.status_code == 200 and 'class="btn btn-primary"' in page.content.decode()
        assert response.status_code == 302
        member.refresh_from_db()
        one_time = actor_client.get(response.url).context["one_time"]
        assert member.user.check_password(one_time["password"]) and not member.user.check_password(PASSWORD)
        kind = AccountEventKind.GRANTED if target == "none" else AccountEventKind.RESET
        assert AccountEvent.objects.filter(member=member, kind=kind, by=logins.users[actor]).count() == 1
        if target_client is not None:
            assert not still_signed_in(target_client)  # the old password's session is over
    else:
        refusal_shown = 'data-testid="account-refusal"' in page.content.decode()
        assert page.status_code == 200 and refusal_shown == (target != "elsewhere")
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors, "the refusal is shown beside the form"
        shown = response.content.decode()
        assert all(escape(message) in shown for field in errors.values() for message in field)
        if target == "elsewhere":
            assert errors["username"] == ["Tên đăng nhập này đã có người dùng."]
    if expected != Y:
        if target_user is not None:
            target_user.refresh_from_db()
            assert target_user.check_password(PASSWORD) and target_user.is_active
            assert still_signed_in(target_client)
        member.refresh_from_db()
        assert member.user_id == (logins.users[target].pk if target not in ("none", "elsewhere") else None)
        assert not AccountEvent.objects.exists()


@pytest.mark.parametrize(("actor", "target", "expected"), list(revoke_cases()))
def test_who_may_take_whose_login_away(logins, demo_branch, actor, target, expected):
    actor_client = signed_in(logins.users[actor])
    target_user = logins.users[target]
    target_client = signed_in(target_user)
    if target == "elsewhere":
        member = logins.members["elsewhere"]
        assert actor_client.post(url("account_revoke", demo_branch, member)).status_code in (403, 404)
        expected_refused = True
    else:
        member = logins.members[target]
        page = actor_client.get(url("account_revoke", demo_branch, member))
        response = actor_client.post(url("account_revoke", demo_branch, member), follow=True)
        expected_refused = expected != Y
        if expected == FORBIDDEN:
            assert page.status_code == response.status_code == 403
        elif expected == Y:
            assert "Đã thu hồi tài khoản" in response.content.decode()
            assert AccountEvent.objects.filter(member=member, kind=AccountEventKind.REVOKED).count() == 1
        else:
            assert 'data-testid="account-refusal"' in page.content.decode()
            assert 'class="btn btn-danger"' not in page.content.decode()
            assert response.status_code == 200 and "Đã thu hồi" not in response.content.decode()
            assert [str(m) for m in response.context["messages"]], "the refusal is shown as a message"
    target_user.refresh_from_db()
    if expected_refused:
        assert target_user.is_active and target_user.check_password(PASSWORD)
        assert still_signed_in(target_client)
        assert not AccountEvent.objects.exists()
    else:
        assert not target_user.is_active and not still_signed_in(target_client)


# The service refuses by itself, whatever page calls it ------------------------------------


@pytest.mark.parametrize("actor", ["committee", "officer", "member"])
def test_the_service_refuses_who_may_not_edit_the_branch(roles, demo_branch, actor):
    user = getattr(roles, actor)
    member = member_named("Trang") if actor != "member" else member_named("Hằng")
    with pytest.raises(ValidationError, match="Chỉ Bí thư, Phó Bí thư"):
        services.account_grant(member=member, username="moi", by=user)
    with pytest.raises(ValidationError, match="Chỉ Bí thư, Phó Bí thư"):
        services.account_revoke(member=member, by=user)
    member.user.refresh_from_db()
    assert member.user.is_active and member.user.check_password(PASSWORD)


def test_the_service_refuses_a_member_of_another_branch(roles, demo_branch):
    other = Member.objects.get(user=roles.outsider)
    with pytest.raises(ValidationError, match="không có quyền với chi đoàn"):
        services.account_grant(member=other, username="ngoai", by=roles.secretary)
    with pytest.raises(ValidationError, match="không có quyền với chi đoàn"):
        services.account_revoke(member=other, by=roles.secretary)
    roles.outsider.refresh_from_db()
    assert roles.outsider.is_active and roles.outsider.check_password(PASSWORD)


def test_the_deputy_cannot_give_the_secretarys_login_back_after_an_officer_took_it(logins, demo_branch):
    """A revoked login given back is a new password too: the same rule holds."""
    secretary = logins.members["secretary"]
    officer = logins.users["officer_editor"]
    services.account_revoke(member=secretary, by=officer)
    deputy = logins.users["deputy"]
    with pytest.raises(ValidationError, match="ngang hoặc cao hơn bạn"):
        services.account_grant(member=secretary, username="bithu", by=deputy)
    secretary.user.refresh_from_db()
    assert not secretary.user.is_active


# Revoking: never one's own, never the branch's last editor ------------------------------


def test_the_secretary_cannot_take_their_own_login_away(client, roles, demo_branch):
    client.force_login(roles.secretary)
    secretary = member_named("Huy")
    response = client.post(url("account_revoke", demo_branch, secretary), follow=True)
    assert "Không tự thu hồi được tài khoản của chính mình." in response.content.decode()
    roles.secretary.refresh_from_db()
    assert roles.secretary.is_active
    assert client.get(url("detail", demo_branch, secretary)).status_code == 200  # still signed in


def test_the_last_editor_of_the_branch_keeps_their_login(client, logins, demo_branch):
    officer = logins.users["officer_editor"]
    client.force_login(officer)
    deputy, secretary = logins.members["deputy"], logins.members["secretary"]
    # The Deputy's login may go while the Secretary's stays; then the Secretary's is the last.
    done = client.post(url("account_revoke", demo_branch, deputy), follow=True)
    assert "Đã thu hồi tài khoản" in done.content.decode()
    page = client.get(url("account_revoke", demo_branch, secretary))
    assert "tài khoản cuối cùng của chi đoàn có quyền sửa" in page.content.decode()
    refused = client.post(url("account_revoke", demo_branch, secretary), follow=True)
    assert "tài khoản cuối cùng của chi đoàn có quyền sửa" in refused.content.decode()
    secretary.user.refresh_from_db()
    assert secretary.user.is_active
    # Once the Deputy has a login again, the Secretary's may be taken away.
    client.post(url("account_grant", demo_branch, deputy), {"username": "phobithu"})
    client.post(url("account_revoke", demo_branch, secretary))
    secretary.user.refresh_from_db()
    assert not secretary.user.is_active


# The member's page offers only what the service allows ------------------------------------


@pytest.mark.parametrize(
    ("actor", "target", "reset", "revoke"),
    [
        ("secretary", "member", True, True),
        ("secretary", "secretary", False, False),
        ("secretary", "superuser_login", False, False),
        ("secretary", "officer_login", False, False),
        ("deputy", "secretary", False, False),
        ("deputy", "committee", True, True),
        ("officer_editor", "secretary", True, True),
    ],
)
def test_the_members_page_offers_only_the_allowed_buttons(logins, demo_branch, actor, target, reset, revoke):
    member = logins.members[target]
    page = signed_in(logins.users[actor]).get(url("detail", demo_branch, member)).content.decode()
    assert ("Cấp lại mật khẩu tạm thời</a>" in page) == reset
    assert (url("account_revoke", demo_branch, member) in page) == revoke
    assert ('data-testid="account-locked"' in page) == (not reset and not revoke)
