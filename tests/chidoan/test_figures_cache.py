"""The dashboard's cached figures are never stale: after each kind of write they come from, the next page shows it.

Each test opens the dashboard first (so its figures are in the cache), writes, and opens it
again. They run with local memory and with Redis (`TEST_REDIS_URL`, by default db 10 of the
Redis on this machine).
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chidoan.lib import figures_cache
from congress.models import Congress
from members import services
from members.imports.checking import check_table
from members.imports.reading import read_table
from members.imports.saving import plan_save
from members.models import Member, Organisation, RatingLevel, StatusChangeKind
from terms import services as term_services
from terms.models import CommitteeRole, SeatEndKind, TargetKind
from tests.members.factories import MemberFactory
from tests.members.import_files import csv_bytes, person

pytestmark = pytest.mark.django_db

D = datetime.date
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/10")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def cached(request, settings):
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    if request.param == "redis":
        if not redis_answers(REDIS_URL):
            if os.environ.get("CI"):
                pytest.fail(f"Redis does not answer at {REDIS_URL}: .ci/run starts it")
            pytest.skip(f"Redis does not answer at {REDIS_URL} (TEST_REDIS_URL)")
        backend = {"BACKEND": "chidoan.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix, "TIMEOUT": 600}}
    settings.DASHBOARD_CACHE = "on"
    yield request.param
    if request.param == "redis":
        from django.core.cache import cache

        client = cache._cache.get_client()  # type: ignore[attr-defined]
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def dashboard(client, branch) -> dict:
    response = client.get(reverse("dashboard", kwargs={"slug": branch.slug}))
    assert response.status_code == 200
    return response.context


@pytest.fixture
def secretary(client, roles):
    client.force_login(roles.secretary)
    return client


def page(client, branch) -> str:
    """The dashboard's content (the header holds a fresh CSRF token each time)."""
    response = client.get(reverse("dashboard", kwargs={"slug": branch.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_second_dashboard_comes_from_the_cache(cached, secretary, demo_branch):
    with CaptureQueriesContext(connection) as first:
        shown = page(secretary, demo_branch)
    with CaptureQueriesContext(connection) as second:
        again = page(secretary, demo_branch)
    assert len(second) < len(first) - 5, (len(first), len(second))
    assert again == shown and "Đoàn viên đang sinh hoạt" in again and "Ban Chấp hành" in again


def test_each_role_gets_its_own_page(cached, client, roles, demo_branch):
    """The cached content is per role: a member never sees the Secretary's figures or buttons, and back."""
    client.force_login(roles.secretary)
    assert "Thêm đoàn viên" in page(client, demo_branch)
    client.force_login(roles.member)
    as_member = page(client, demo_branch)
    assert "Thêm đoàn viên" not in as_member and "Đoàn viên đang sinh hoạt" not in as_member
    client.force_login(roles.secretary)
    assert "Thêm đoàn viên" in page(client, demo_branch)


def test_the_term_dates(cached, secretary, demo_branch, demo_term):
    assert demo_term.ends_on.strftime("%d/%m/%Y") in page(secretary, demo_branch)
    demo_term.ends_on = D(2027, 12, 31)
    demo_term.save(update_fields=["ends_on"])
    assert "đến 31/12/2027" in page(secretary, demo_branch)


def test_without_a_shared_cache_the_figures_are_not_cached(settings):
    settings.DASHBOARD_CACHE = "auto"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not figures_cache.enabled()  # gunicorn's workers and the task worker would not see each other's writes
    settings.CACHES = {"default": {"BACKEND": "chidoan.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
    assert figures_cache.enabled()


def admit_lam_van(branch, given_name: str) -> None:
    """A new member, Lâm Văn <given_name>, admitted through the service (as the page does)."""
    services.member_admit(
        branch=branch,
        admitted_on=D(2023, 3, 26),
        family_name="Lâm",
        middle_name="Văn",
        given_name=given_name,
        date_of_birth=D(2000, 1, 1),
        gender="male",
    )


def test_a_member_admitted(cached, secretary, demo_branch):
    before = dashboard(secretary, demo_branch)["active_count"]
    admit_lam_van(demo_branch, "Mới")
    assert dashboard(secretary, demo_branch)["active_count"] == before + 1


def test_a_status_change(cached, secretary, roles, demo_branch):
    before = dashboard(secretary, demo_branch)
    services.member_change_status(
        member=roles.member.member, kind=StatusChangeKind.LEFT, on=D(2025, 1, 1), reason="nghỉ việc"
    )
    after = dashboard(secretary, demo_branch)
    assert after["active_count"] == before["active_count"] - 1
    counts = {key: n for key, _label, n in after["status_counts"]}
    assert counts["left"] == {key: n for key, _label, n in before["status_counts"]}["left"] + 1


def test_a_transfer_accepted_changes_both_branches(cached, secretary, roles, demo_branch):
    receiving = Organisation.objects.get(slug="so-y-te-mau")
    officer = type(secretary)()
    officer.force_login(roles.admin)
    before_here = dashboard(secretary, demo_branch)["active_count"]
    before_there = dashboard(officer, receiving)["active_count"]
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))
    assert dashboard(secretary, demo_branch)["active_count"] == before_here + 1
    transfer = services.transfer_record(
        member=member,
        to_branch=receiving,
        requested_on=D(2025, 5, 2),
        assessment="Tốt.",
        dues_paid_until=D(2025, 5, 31),
    )
    term_services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=D(2025, 5, 3))
    assert dashboard(secretary, demo_branch)["active_count"] == before_here
    assert dashboard(officer, receiving)["active_count"] == before_there + 1


def test_a_seat_added_and_ended(cached, secretary, demo_branch, demo_term):
    demo_branch.committee_max_size = 15
    demo_branch.save(update_fields=["committee_max_size"])
    before = len(dashboard(secretary, demo_branch)["seats"])
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))
    seat = term_services.seat_add(term=demo_term, member=member, role=CommitteeRole.MEMBER, started_on=D(2023, 6, 1))
    assert len(dashboard(secretary, demo_branch)["seats"]) == before + 1
    term_services.seat_end(seat=seat, on=D(2024, 5, 2), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    assert len(dashboard(secretary, demo_branch)["seats"]) == before


def test_a_target_and_its_progress(cached, secretary, demo_branch, demo_term):
    before = dashboard(secretary, demo_branch)
    target = term_services.target_create(
        resolution=demo_term.resolution, name="chỉ tiêu mới", kind=TargetKind.NUMBER, planned_value=Decimal(2)
    )
    added = dashboard(secretary, demo_branch)
    assert len(added["target_lines"]) == len(before["target_lines"]) + 1
    assert added["reached_count"] == before["reached_count"]
    term_services.progress_record(target=target, recorded_on=D(2024, 8, 30), value=Decimal(2))
    reached = dashboard(secretary, demo_branch)
    assert reached["reached_count"] == before["reached_count"] + 1
    line = next(line for line in reached["target_lines"] if line.target.pk == target.pk)
    assert line.reached == "2/2"


def test_the_branch_rating(cached, secretary, demo_branch):
    dashboard(secretary, demo_branch)
    services.branch_rating_set(branch=demo_branch, year=2026, level=RatingLevel.EXCELLENT, expected_version=0)
    latest = dashboard(secretary, demo_branch)["latest_rating"]
    assert (latest.year, latest.level) == (2026, RatingLevel.EXCELLENT)


def test_the_import_bulk_writes(cached, secretary, demo_branch):
    before = dashboard(secretary, demo_branch)["active_count"]
    plan = check_table(branch=demo_branch, table=read_table(csv_bytes([person(1), person(2)])))
    assert plan.refused == [] and len(plan.new) == 2
    plan_save(plan=plan, by=None, reason="Tệp thử")
    assert dashboard(secretary, demo_branch)["active_count"] == before + 2


def test_a_write_outside_the_services_admin_or_shell(cached, secretary, demo_branch):
    before = dashboard(secretary, demo_branch)["over_age_count"]
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))
    before = dashboard(secretary, demo_branch)["over_age_count"]
    member.date_of_birth = D(1980, 1, 1)  # past every age limit
    member.save()
    assert dashboard(secretary, demo_branch)["over_age_count"] == before + 1


def test_a_member_moved_to_another_branch_in_the_admin(cached, secretary, roles, demo_branch):
    before = dashboard(secretary, demo_branch)["active_count"]
    member = Member.objects.get(pk=roles.member.member.pk)
    member.branch = Organisation.objects.get(slug="so-y-te-mau")
    member.save()
    assert dashboard(secretary, demo_branch)["active_count"] == before - 1


def test_a_member_deleted(cached, secretary, demo_branch):
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))
    before = dashboard(secretary, demo_branch)["active_count"]
    Member.objects.filter(pk=member.pk).delete()
    assert dashboard(secretary, demo_branch)["active_count"] == before - 1


def test_the_congress_dates(cached, secretary, demo_branch, demo_term):
    congress = Congress.objects.get(closes_term=demo_term)
    assert dashboard(secretary, demo_branch)["congress"].held_on == congress.held_on
    congress.held_on = D(2024, 8, 25)
    congress.save()
    assert dashboard(secretary, demo_branch)["congress"].held_on == D(2024, 8, 25)


def over_age_shown(client, branch) -> int:
    found = re.search(r'stat-value">(\d+)</div><div class="stat-label">Quá tuổi', page(client, branch))
    assert found is not None
    return int(found.group(1))


def test_a_restore_makes_every_branch_stale(cached, secretary, demo_branch):
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))
    before = over_age_shown(secretary, demo_branch)
    with connection.cursor() as cursor:  # as a restore does: rows replaced under the cache, no signal
        cursor.execute("UPDATE members_member SET date_of_birth = %s WHERE id = %s", [D(1980, 1, 1), member.pk])
    assert over_age_shown(secretary, demo_branch) == before  # nothing told the cache
    figures_cache.invalidate_all()  # what `manage.py restore` calls
    assert over_age_shown(secretary, demo_branch) == before + 1


def member_list(client, branch, query: str = "") -> str:
    """The member list's content (cached like the dashboard's, members.views.listing)."""
    response = client.get(reverse("members:list", kwargs={"slug": branch.slug}) + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_second_member_list_comes_from_the_cache_and_each_search_is_its_own(cached, secretary, roles, demo_branch):
    name = roles.member.member.full_name
    with CaptureQueriesContext(connection) as first:
        shown = member_list(secretary, demo_branch)
    with CaptureQueriesContext(connection) as second:
        again = member_list(secretary, demo_branch)
    assert len(second) < len(first) - 3, (len(first), len(second))
    assert again == shown and name in shown
    searched = member_list(secretary, demo_branch, "?q=khong+co+ai+ten+nay")
    assert name not in searched and "Không có đoàn viên nào khớp" in searched
    assert member_list(secretary, demo_branch) == shown


def test_the_member_list_is_per_role(cached, client, roles, demo_branch):
    """A committee member reads the list without the Secretary's buttons and boxes, from the same cache."""
    client.force_login(roles.secretary)
    assert "Thêm đoàn viên" in member_list(client, demo_branch)
    client.force_login(roles.committee)
    as_committee = member_list(client, demo_branch)
    assert "Thêm đoàn viên" not in as_committee and "batch-pick" not in as_committee
    client.force_login(roles.member)  # the access check still runs on a cached page: an ordinary member is refused
    assert client.get(reverse("members:list", kwargs={"slug": demo_branch.slug})).status_code == 403


def test_the_member_list_shows_a_rename_a_status_change_a_seat_and_a_transfer_at_once(
    cached, secretary, roles, demo_branch, demo_term
):
    member = roles.member.member
    member_list(secretary, demo_branch)
    services.member_update(member=member, expected_version=member.version, given_name="Đổi Tên")
    shown = member_list(secretary, demo_branch)
    assert "Đổi Tên" in shown
    demo_branch.committee_max_size = 15
    demo_branch.save(update_fields=["committee_max_size"])
    seat = term_services.seat_add(term=demo_term, member=member, role=CommitteeRole.MEMBER, started_on=D(2023, 6, 1))
    row = re.search(r"Đổi Tên</a>\s*(<span[^>]*>[^<]*</span>)?", member_list(secretary, demo_branch))
    assert row and row.group(1) and "Ủy viên" in row.group(1)
    term_services.seat_end(seat=seat, on=D(2024, 5, 2), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    row = re.search(r"Đổi Tên</a>\s*(<span[^>]*>[^<]*</span>)?", member_list(secretary, demo_branch))
    assert row and not row.group(1)
    services.transfer_record(
        member=member,
        to_branch=Organisation.objects.get(slug="so-y-te-mau"),
        requested_on=D(2025, 5, 2),
        assessment="Tốt.",
        dues_paid_until=D(2025, 5, 31),
    )
    assert "Chờ tiếp nhận" in member_list(secretary, demo_branch)
    services.member_change_status(member=member, kind=StatusChangeKind.LEFT, on=D(2025, 1, 1), reason="nghỉ việc")
    assert "Đổi Tên" not in member_list(secretary, demo_branch)  # the list shows the active members first
    assert "Đổi Tên" in member_list(secretary, demo_branch, "?status=")


def test_the_member_list_shows_a_member_admitted(cached, secretary, demo_branch):
    assert "Mớinhất" not in member_list(secretary, demo_branch, "?q=lam")
    admit_lam_van(demo_branch, "Mớinhất")
    assert "Mớinhất" in member_list(secretary, demo_branch, "?q=lam")


def officer_rows(client, branch) -> dict[str, tuple]:
    """The province officer's level holding `branch`: each branch's member figures as the page shows them."""
    response = client.get(reverse("home"), {"to-chuc": branch.parent.slug})
    assert response.status_code == 200
    return {r.slug: (dict(r.statuses), r.near_age, r.over_age) for r in response.context["page"]}


@pytest.fixture
def province_officer(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="bantochuc"))
    return client


def test_the_officer_start_page_from_the_cache_equals_the_figures_computed_without_it(
    cached, province_officer, settings, monkeypatch, demo_branch
):
    from chidoan.web import overview

    province = Organisation.objects.get(slug="tinh-doan-mau")
    calls = []
    real = overview.figures_by_branch
    monkeypatch.setattr(overview, "figures_by_branch", lambda **kw: calls.append(kw) or real(**kw))

    def start_page():
        response = province_officer.get(reverse("home"))
        assert response.status_code == 200
        return [(r.slug, r.branches, dict(r.statuses), r.near_age, r.over_age) for r in response.context["page"]]

    settings.DASHBOARD_CACHE = "off"
    uncached = start_page()  # the first request of the session, out of the counts
    settings.DASHBOARD_CACHE = "on"
    with CaptureQueriesContext(connection) as cold:
        first = start_page()
    assert len(calls) == 2
    with CaptureQueriesContext(connection) as warm:
        again = start_page()
    assert len(calls) == 2  # the member aggregate did not run
    assert len(warm) == len(cold) - 1, (len(cold), len(warm))
    assert again == first == uncached
    assert sum(row[2]["active"] for row in uncached) > 0 and province.pk
    # A level below, part of it in the cache already: the same figures as without it.
    below = officer_rows(province_officer, demo_branch)
    settings.DASHBOARD_CACHE = "off"
    assert officer_rows(province_officer, demo_branch) == below


def test_the_officer_start_page_shows_a_status_change_at_once(cached, province_officer, roles, demo_branch):
    before = officer_rows(province_officer, demo_branch)
    assert officer_rows(province_officer, demo_branch) == before  # from the cache
    services.member_change_status(
        member=roles.member.member, kind=StatusChangeKind.LEFT, on=D(2025, 1, 1), reason="nghỉ việc"
    )
    after = officer_rows(province_officer, demo_branch)
    assert after[demo_branch.slug][0]["active"] == before[demo_branch.slug][0]["active"] - 1
    assert after[demo_branch.slug][0]["left"] == before[demo_branch.slug][0]["left"] + 1
    assert {k: v for k, v in after.items() if k != demo_branch.slug} == {
        k: v for k, v in before.items() if k != demo_branch.slug
    }


def test_the_officer_start_page_shows_a_member_admitted_at_once(cached, province_officer, demo_branch):
    before = officer_rows(province_officer, demo_branch)[demo_branch.slug][0]["active"]
    admit_lam_van(demo_branch, "Mới")
    assert officer_rows(province_officer, demo_branch)[demo_branch.slug][0]["active"] == before + 1


def test_the_officer_start_page_shows_a_transfer_in_both_branches_at_once(cached, province_officer, roles, demo_branch):
    receiving = Organisation.objects.get(slug="so-y-te-mau")
    member = MemberFactory(branch=demo_branch, admitted_on=D(2020, 1, 1), date_of_birth=D(2000, 1, 1))

    def active() -> tuple[int, int]:
        return (
            officer_rows(province_officer, demo_branch)[demo_branch.slug][0]["active"],
            officer_rows(province_officer, receiving)[receiving.slug][0]["active"],
        )

    here, there = active()
    transfer = services.transfer_record(
        member=member,
        to_branch=receiving,
        requested_on=D(2025, 5, 2),
        assessment="Tốt.",
        dues_paid_until=D(2025, 5, 31),
    )
    term_services.transfer_accept(transfer=transfer, branch=receiving, expected_version=1, on=D(2025, 5, 3))
    assert active() == (here - 1, there + 1)
