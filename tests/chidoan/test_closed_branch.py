"""A closed (merged or dissolved) branch is read only: every change is refused with the reason, every page still reads.

The refusal is decided in one place (chidoan.lib.access: `Access.can_edit` and
`get_branch_for_user(..., write=True)`), so these POSTs stand for every write view.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from members import services as member_services
from members.models import ClosingKind, Member, Organisation
from reports.models import SelfReviewReport
from terms.models import CommitteeSeat, ProgressEntry

pytestmark = pytest.mark.django_db

CLOSED_ON = datetime.date(2025, 3, 1)


@pytest.fixture
def closed_branch(demo_branch) -> Organisation:
    return member_services.organisation_close(
        organisation=demo_branch,
        expected_version=demo_branch.version,
        on=CLOSED_ON,
        kind=ClosingKind.DISSOLVED,
        decision="Quyết định số 12-QĐ/ĐK",
    )


def _refused(response) -> None:
    assert response.status_code == 403
    assert "Chi đoàn đã giải thể ngày 01/03/2025: chỉ xem, không sửa." in response.content.decode()


def test_the_secretary_cannot_edit_a_member_of_a_closed_branch(client, roles, closed_branch):
    member = Member.objects.get(branch=closed_branch, user__username="doanvien")
    client.force_login(roles.secretary)
    url = reverse("members:edit", kwargs={"slug": closed_branch.slug, "pk": member.pk})
    _refused(client.get(url))
    _refused(client.post(url, {"family_name": "Đổi", "given_name": "Tên", "version": member.version}))
    member.refresh_from_db()
    assert member.family_name == "Phạm"


def test_the_secretary_cannot_add_a_seat_in_a_closed_branch(client, roles, closed_branch, demo_term):
    seats = CommitteeSeat.objects.filter(term=demo_term).count()
    client.force_login(roles.secretary)
    _refused(client.post(reverse("terms:seat_add", kwargs={"slug": closed_branch.slug}), {"role": "member"}))
    assert CommitteeSeat.objects.filter(term=demo_term).count() == seats


def test_nobody_records_target_progress_in_a_closed_branch(client, roles, closed_branch, demo_term):
    target = demo_term.resolution.targets.order_by("position").first()
    entries = ProgressEntry.objects.filter(target=target).count()
    url = reverse("terms:progress_add", kwargs={"slug": closed_branch.slug, "pk": target.pk})
    for user in (roles.secretary, roles.committee):
        client.force_login(user)
        _refused(client.post(url, {"recorded_on": "2025-04-01", "value": "3"}))
    assert ProgressEntry.objects.filter(target=target).count() == entries


def test_the_secretary_cannot_edit_or_issue_the_report_of_a_closed_branch(client, roles, closed_branch, demo_term):
    client.force_login(roles.secretary)
    kwargs = {"slug": closed_branch.slug, "term": demo_term.slug}
    _refused(client.post(reverse("reports:self_review_edit", kwargs=kwargs), {"strengths": "Sửa sau khi giải thể"}))
    _refused(client.post(reverse("reports:self_review_issue", kwargs=kwargs), {"issued_on": "2025-04-01"}))
    report = SelfReviewReport.objects.filter(term=demo_term).first()
    assert report is None or "Sửa sau khi giải thể" not in report.strengths
    page = client.get(reverse("reports:self_review", kwargs=kwargs))
    assert page.status_code == 200
    assert reverse("reports:self_review_issue", kwargs=kwargs) not in page.content.decode()


def test_a_member_cannot_change_their_own_contact_in_a_closed_branch(client, roles, closed_branch):
    member = Member.objects.get(branch=closed_branch, user=roles.member)
    client.force_login(roles.member)
    url = reverse("members:contact", kwargs={"slug": closed_branch.slug, "pk": member.pk})
    _refused(client.post(url, {"phone": "0900000000", "version": member.version}))
    member.refresh_from_db()
    assert member.phone != "0900000000"


def test_a_merged_branch_says_merged(client, roles, demo_branch):
    other = Organisation.objects.get(slug="so-y-te-mau")
    member_services.organisation_close(
        organisation=demo_branch,
        expected_version=demo_branch.version,
        on=CLOSED_ON,
        kind=ClosingKind.MERGED,
        merged_into=other,
    )
    client.force_login(roles.deputy)
    response = client.post(reverse("terms:seat_add", kwargs={"slug": demo_branch.slug}))
    assert response.status_code == 403
    assert "Chi đoàn đã sáp nhập ngày 01/03/2025: chỉ xem, không sửa." in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["dashboard", "members:list", "terms:committee", "terms:targets", "reports:list", "organisations:settings"],
)
def test_every_reader_still_reads_a_closed_branch(client, roles, closed_branch, name):
    for user in (roles.secretary, roles.officer):
        client.force_login(user)
        assert client.get(reverse(name, kwargs={"slug": closed_branch.slug})).status_code == 200


def test_the_closed_branch_settings_are_shown_but_not_saved(client, roles, closed_branch):
    client.force_login(roles.secretary)
    url = reverse("organisations:settings", kwargs={"slug": closed_branch.slug})
    response = client.post(url, {"place_name": "Nơi khác", "version": closed_branch.version})
    _refused(response)
    closed_branch.refresh_from_db()
    assert closed_branch.place_name == "Đồng Nai"


def test_an_open_branch_is_still_edited(client, roles, demo_branch):
    """The rule is about closing only: the same Secretary edits an open branch as before."""
    client.force_login(roles.secretary)
    assert client.get(reverse("terms:seat_add", kwargs={"slug": demo_branch.slug})).status_code == 200
