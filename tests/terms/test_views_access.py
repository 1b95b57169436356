"""Who may open the term workspace's pages: let in, refused (403), or not shown at all (404)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from terms.models import Target
from tests.terms.pages import EVERYONE_OF_THE_BRANCH, login, seat_of, url

D = datetime.date


# Who is let in -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["committee", "targets", "assignments"])
@pytest.mark.parametrize("role", EVERYONE_OF_THE_BRANCH)
def test_every_role_of_the_branch_reads_the_committee_targets_and_assignments(client, roles, name, role):
    response = login(client, roles, role).get(url(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["committee", "targets", "assignments"])
def test_a_member_of_another_branch_gets_404_on_the_workspace(client, roles, name):
    assert login(client, roles, "outsider").get(url(name)).status_code == 404


@pytest.mark.parametrize("name", ["committee", "targets", "assignments", "seat_add", "target_add"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _write_urls(demo_term, admission) -> dict[str, str]:
    seat = seat_of(demo_term, "Đinh Thị Mai")
    return {
        "seat_add": url("seat_add"),
        "seat_end": url("seat_end", seat.pk),
        "seat_role": url("seat_role", seat.pk),
        "target_add": url("target_add"),
        "target_edit": url("target_edit", admission.pk),
        "target_delete": url("target_delete", admission.pk),
    }


@pytest.mark.parametrize("name", ["seat_add", "seat_end", "seat_role", "target_add", "target_edit", "target_delete"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("secretary", 200),
        ("deputy", 200),
        ("admin", 200),
        ("committee", 403),
        ("member", 403),
        ("officer", 403),
        ("outsider", 404),
    ],
)
def test_only_the_secretary_deputy_and_editors_open_the_change_forms(
    client, roles, demo_term, admission, name, role, status
):
    address = _write_urls(demo_term, admission)[name]
    assert login(client, roles, role).get(address).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("secretary", 200), ("committee", 200), ("officer", 200), ("member", 403), ("outsider", 404)],
)
def test_history_pages_are_for_those_who_read_the_whole_branch(client, roles, demo_term, admission, role, status):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    login(client, roles, role)
    assert client.get(url("seat_history", seat.pk)).status_code == status
    assert client.get(url("target_history", admission.pk)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("secretary", 200),
        ("deputy", 200),
        ("admin", 200),
        ("committee", 200),  # Đặng Tuyết Hằng is responsible for the admission target
        ("officer", 403),
        ("member", 403),
        ("outsider", 404),
    ],
)
def test_progress_on_a_target_is_recorded_by_editors_and_its_responsible_member(client, roles, admission, role, status):
    assert login(client, roles, role).get(url("progress_add", admission.pk)).status_code == status


def test_a_committee_member_may_not_record_progress_on_a_target_someone_else_is_responsible_for(
    client, roles, party_target
):
    login(client, roles, "committee")
    assert client.get(url("progress_add", party_target.pk)).status_code == 403
    response = client.post(url("progress_add", party_target.pk), {"recorded_on": "2024-08-01", "value": "9"})
    assert response.status_code == 403
    assert not party_target.progress_entries.filter(recorded_on=D(2024, 8, 1)).exists()


def test_the_targets_page_offers_progress_only_where_the_committee_member_may_record_it(
    client, roles, admission, party_target
):
    page = login(client, roles, "committee").get(url("targets")).content.decode()
    assert url("progress_add", admission.pk).split("?")[0] in page
    assert url("progress_add", party_target.pk) not in page
    assert url("target_edit", admission.pk) not in page


@pytest.mark.parametrize(
    "name", ["seat_end", "seat_role", "seat_history", "target_edit", "target_delete", "target_history", "progress_add"]
)
def test_objects_of_another_branch_are_404_under_this_branch(client, roles, other_branch_objects, name):
    seat, target = other_branch_objects
    pk = seat.pk if name.startswith("seat") else target.pk
    login(client, roles, "admin")  # even the administrator: the object is not this branch's
    assert client.get(url(name, pk)).status_code == 404
    if not name.endswith("history"):
        assert client.post(url(name, pk), {}).status_code == 404


def test_an_unknown_term_is_404(client, roles):
    login(client, roles, "secretary")
    assert client.get(url("committee", query="nhiem-ky=1999-2000")).status_code == 404
    assert client.get(url("targets", query="nhiem-ky=1999-2000")).status_code == 404


@pytest.mark.parametrize(
    "name", ["committee", "targets", "seat_history", "target_history", "seat_add", "target_add", "assignments"]
)
def test_changing_and_reading_urls_refuse_other_http_methods(client, roles, demo_term, admission, name):
    args = {"seat_history": [seat_of(demo_term, "Đinh Thị Mai").pk], "target_history": [admission.pk]}.get(name, [])
    login(client, roles, "secretary")
    assert client.put(url(name, *args)).status_code == 405
    assert client.delete(url(name, *args)).status_code == 405


@pytest.mark.parametrize("name", ["committee", "targets", "seat_history", "target_history"])
def test_reading_pages_refuse_post(client, roles, demo_term, admission, name):
    args = {"seat_history": [seat_of(demo_term, "Đinh Thị Mai").pk], "target_history": [admission.pk]}.get(name, [])
    assert login(client, roles, "secretary").post(url(name, *args)).status_code == 405


def test_opening_a_change_form_with_get_changes_nothing(client, roles, demo_term, admission, bare_target):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    login(client, roles, "secretary")
    for address in [
        url("seat_end", seat.pk),
        url("seat_role", seat.pk),
        url("target_delete", bare_target.pk),
        url("progress_add", admission.pk),
    ]:
        assert client.get(address).status_code == 200
    seat.refresh_from_db()
    assert seat.ended_on is None
    assert Target.objects.filter(pk=bare_target.pk).exists()
    assert admission.progress_entries.count() == 2
