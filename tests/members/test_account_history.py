"""Every login given, reset and taken away is recorded (who, whose, when) and shown on the member's history page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from members import services
from members.models import AccountEvent, AccountEventKind
from tests.members.helpers import member_named, url

pytestmark = pytest.mark.django_db


def test_a_grant_a_reset_and_a_revoke_are_on_the_members_history(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    before = timezone.now()
    client.post(url("account_grant", demo_branch, member), {"username": "khoatran"})
    client.force_login(roles.deputy)
    client.post(url("account_grant", demo_branch, member), {"username": "khoatran"})
    client.post(url("account_revoke", demo_branch, member))

    events = list(AccountEvent.objects.filter(member=member).order_by("at", "id"))
    assert [(e.kind, e.username, e.by) for e in events] == [
        (AccountEventKind.GRANTED, "khoatran", roles.secretary),
        (AccountEventKind.RESET, "khoatran", roles.deputy),
        (AccountEventKind.REVOKED, "khoatran", roles.deputy),
    ]
    member.refresh_from_db()
    assert all(e.at >= before and e.user == member.user for e in events)

    client.force_login(roles.secretary)
    page = client.get(url("history", demo_branch, member)).content.decode()
    revoked, reset, granted = (
        page.index("Thu hồi tài khoản"),
        page.index("Cấp lại mật khẩu tạm thời"),
        page.index("Cấp tài khoản"),
    )
    assert revoked < reset < granted  # newest first
    assert page.count("Tài khoản đăng nhập khoatran") == 3
    assert "Lê Huỳnh Khắc Huy (Bí thư)" in page
    assert page.count("Hoàng Phạm Phương Nhi (Phó Bí thư)") == 2


def test_a_refused_reset_leaves_no_record(client, roles, demo_branch):
    client.force_login(roles.deputy)
    client.post(url("account_grant", demo_branch, member_named("Huy")), {"username": "bithu"})
    assert not AccountEvent.objects.exists()
    page = client.get(url("history", demo_branch, member_named("Huy"))).content.decode()
    assert "Cấp lại mật khẩu tạm thời" not in page


def test_the_member_sees_who_reset_their_login(client, roles, demo_branch):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    client.post(url("account_grant", demo_branch, member), {"username": "doanvien"})
    member.refresh_from_db()
    services.account_password_changed(user=member.user)  # the one-time password changed at first sign-in
    client.force_login(member.user)
    page = client.get(url("history", demo_branch, member)).content.decode()
    assert "Cấp lại mật khẩu tạm thời" in page and "Lê Huỳnh Khắc Huy (Bí thư)" in page


def test_the_record_outlives_a_rename_of_the_login(client, roles, demo_branch):
    member = member_named("Trang")
    client.force_login(roles.secretary)
    client.post(url("account_grant", demo_branch, member), {"username": "trang.pham"})
    event = AccountEvent.objects.get(member=member)
    assert (event.kind, event.username) == (AccountEventKind.RESET, "trang.pham")
    member.user.username = "doi-ten"
    member.user.save()
    event.refresh_from_db()
    assert event.username == "trang.pham"
