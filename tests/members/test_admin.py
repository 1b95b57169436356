"""The admin finds members by name as the site does: accent-free, every word, in any order."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("admin:members_member_changelist", "Tú Uyên"),
        ("admin:members_member_changelist", "tu uyen"),
        ("admin:members_memberstatuschange_changelist", "Tú Uyên"),
        ("admin:members_memberrating_changelist", "Tú Uyên"),
    ],
)
def test_the_admin_finds_a_member_by_name_with_or_without_accents(client, roles, changelist, query):
    client.force_login(roles.admin)
    response = client.get(reverse(changelist), {"q": query})
    found = list(response.context["cl"].result_list)
    assert found
    assert all("Nguyễn Thị Tú Uyên" in str(row) for row in found)


def test_the_admin_still_finds_a_member_by_phone(client, roles, demo_branch):
    from tests.members.helpers import member_named

    khoa = member_named("Khoa")
    khoa.phone = "0912 345 678"
    khoa.save()
    client.force_login(roles.admin)
    response = client.get(reverse("admin:members_member_changelist"), {"q": "0912 345"})
    assert list(response.context["cl"].result_list) == [khoa]
