"""The congress day at the size of a big branch: summoning in a fixed number of queries, and a
check-in desk that pages, searches without accents, filters by status and comes back to where it was."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.urls import reverse

from chidoan.lib.text import search_key
from congress import services
from congress.models import Attendance, AttendanceStatus, Congress
from members.models import Member
from tests.members.factories import MemberFactory

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
ROW = re.compile(r'data-member="([^"]+)"')


def url(name: str, congress: Congress, **kwargs) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": SLUG, "pk": congress.pk, **kwargs})


def add_members(branch, count: int, **fields) -> list[Member]:
    """`count` more members of the demo branch, active since 2012 (so summoned for the congress)."""
    return MemberFactory.create_batch(count, branch=branch, **fields)


def names_on(response) -> list[str]:
    return ROW.findall(response.content.decode())


# --------------------------------------------------------------------------- summoning


def test_summoning_costs_the_same_queries_for_three_times_the_members(congress, demo_branch, assert_constant_queries):
    """Summoning wrote each summons and its history row one by one: two INSERTs per member
    (about 9,700 queries for a branch of 5,000). Rows and history now go in bulk
    (bulk_create_with_history in congress.services.attendance.congress_summon)."""
    services.congress_summon(congress=congress)  # the first summons also writes the default programme
    active = Member.objects.filter(branch=demo_branch).active_on(congress.held_on)

    def build(n: int) -> Callable[[], int]:
        congress.attendances.all().delete()
        add_members(demo_branch, n - active.count())
        return lambda: services.congress_summon(congress=congress)

    assert_constant_queries(build, sizes=(30, 90))
    assert congress.attendances.count() == 90


def test_every_bulk_summons_has_its_history_row_with_who_did_it(secretary_client, roles, congress):
    response = secretary_client.post(url("summon", congress), follow=True)
    summoned = list(congress.attendances.all())
    assert summoned and f"Đã triệu tập thêm {len(summoned):02d} đoàn viên." in response.content.decode()
    history = Attendance.history.filter(congress_id=congress.pk, history_type="+")
    assert sorted(history.values_list("id", flat=True)) == sorted(a.pk for a in summoned)
    assert set(history.values_list("history_user", flat=True)) == {roles.secretary.pk}
    assert set(history.values_list("status", flat=True)) == {AttendanceStatus.PENDING}


def test_a_bulk_summons_can_still_be_removed_and_summoning_again_brings_back_only_the_missing(congress):
    added = services.congress_summon(congress=congress)
    attendance = congress.attendances.select_related("member").first()
    services.summons_remove(attendance=attendance)
    assert congress.attendances.count() == added - 1

    assert services.congress_summon(congress=congress) == 1
    assert congress.attendances.filter(member=attendance.member).exists()
    assert congress.attendances.count() == added


def test_summoning_leaves_out_a_member_admitted_after_the_congress_date(congress, demo_branch):
    late = MemberFactory(branch=demo_branch, admitted_on=congress.held_on.replace(year=congress.held_on.year + 1))
    services.congress_summon(congress=congress)
    assert not congress.attendances.filter(member=late).exists()


# --------------------------------------------------------------------------- the check-in desk


def test_the_desk_costs_the_same_queries_for_three_times_the_summoned(
    secretary_client, congress, demo_branch, assert_constant_queries
):
    """Every summoned member got two forms, each reversing its URL, and the whole list was drawn
    at once: at 5,000 members that took seconds. 50 a page (the rows' members selected with them)
    and one reverse for all the rows now."""
    active = Member.objects.filter(branch=demo_branch).active_on(congress.held_on)

    def build(n: int) -> str:
        add_members(demo_branch, n - active.count())
        services.congress_summon(congress=congress)
        return url("attendance", congress)

    assert_constant_queries(build, client=secretary_client, sizes=(20, 60))
    assert congress.attendances.count() == 60
    assert len(names_on(secretary_client.get(url("attendance", congress)))) == 50


def test_the_desk_shows_fifty_a_page_in_vietnamese_name_order(secretary_client, congress, demo_branch):
    add_members(demo_branch, 60)
    services.congress_summon(congress=congress)
    in_order = [
        a.member.full_name
        for a in congress.attendances.select_related("member").order_by("member__name_sort_key", "member_id")
    ]
    assert len(in_order) > 50

    first = secretary_client.get(url("attendance", congress))
    second = secretary_client.get(url("attendance", congress), {"page": 2})

    assert names_on(first) == in_order[:50]
    assert names_on(second) == in_order[50:]
    assert f"Đại biểu 51–{len(in_order)} trong {len(in_order)}" in second.content.decode()
    assert "?page=2" in first.content.decode()  # the link to the next page


def test_a_page_past_the_end_shows_the_last_page(secretary_client, congress):
    services.congress_summon(congress=congress)
    response = secretary_client.get(url("attendance", congress), {"page": 99})
    assert response.status_code == 200
    assert len(names_on(response)) == congress.attendances.count()


def test_the_search_finds_a_name_typed_without_accents(secretary_client, congress, demo_branch):
    wanted = add_members(demo_branch, 1, family_name="Nguyễn", middle_name="Văn", given_name="Bảo")[0]
    add_members(demo_branch, 1, family_name="Nguyễn", middle_name="Thị", given_name="Hoa")
    services.congress_summon(congress=congress)

    response = secretary_client.get(url("attendance", congress), {"q": "nguyen van"})

    names = names_on(response)
    assert wanted.full_name in names
    assert all("nguyen" in search_key(name) and "van" in search_key(name) for name in names)
    assert "Lê Huỳnh Khắc Huy" not in names and "Nguyễn Thị Hoa" not in names


def test_the_filters_show_those_not_yet_checked_in_present_or_absent(secretary_client, congress):
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    here, away, *waiting = list(congress.attendances.select_related("member"))
    services.attendance_set(attendance=here, status=AttendanceStatus.PRESENT)
    services.attendance_set(attendance=away, status=AttendanceStatus.ABSENT, reason="ốm")

    def listed(status: str) -> list[str]:
        return names_on(secretary_client.get(url("attendance", congress), {"status": status}))

    assert listed("present") == [here.member.full_name]
    assert listed("absent") == [away.member.full_name]
    assert listed("pending") == [a.member.full_name for a in waiting]
    assert len(listed("")) == 2 + len(waiting)


def test_a_check_in_on_page_two_comes_back_to_page_two_with_the_filter_and_search(
    secretary_client, congress, demo_branch
):
    add_members(demo_branch, 60, family_name="Nguyễn", middle_name="Văn")
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    page = secretary_client.get(url("attendance", congress), {"status": "pending", "q": "nguyen van", "page": 2})
    attendance = page.context["rows"][0].attendance
    waiting_on_page_two = [row.attendance.pk for row in page.context["rows"]]
    assert f'action="{url("checkin", congress, att_pk=attendance.pk)}"' in page.content.decode()

    response = secretary_client.post(
        url("checkin", congress, att_pk=attendance.pk),
        {"status": "present", "back": "q=nguyen+van&status=pending&page=2"},
        follow=True,
    )

    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT
    landed = response.redirect_chain[-1][0]
    assert "page=2" in landed and "status=pending" in landed and "q=nguyen+van" in landed
    assert landed.endswith(f"#dd-{attendance.pk}")
    assert response.context["page"].number == 2
    shown = [row.attendance.pk for row in response.context["rows"]]
    assert attendance.pk not in shown and shown[0] == waiting_on_page_two[1]  # no longer among those waiting


def test_a_check_in_carries_back_only_the_desks_own_parameters(secretary_client, congress):
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    attendance = congress.attendances.first()
    response = secretary_client.post(
        url("checkin", congress, att_pk=attendance.pk),
        {"status": "absent", "reason": "đi công tác", "back": "page=abc&status=lost&next=https://example.com"},
    )
    assert response["Location"] == url("attendance", congress) + f"#dd-{attendance.pk}"
    attendance.refresh_from_db()
    assert (attendance.status, attendance.absence_reason) == (AttendanceStatus.ABSENT, "đi công tác")


def test_a_member_reads_the_desk_without_check_in_buttons(client, roles, congress):
    services.congress_summon(congress=congress)
    client.force_login(roles.member)
    response = client.get(url("attendance", congress))
    html = response.content.decode()
    assert len(names_on(response)) == congress.attendances.count()
    assert 'value="present"' not in html and "Lý do vắng" not in html


def test_the_page_links_keep_the_search_and_the_filter(secretary_client, congress, demo_branch):
    add_members(demo_branch, 60, family_name="Nguyễn", middle_name="Văn")
    services.congress_summon(congress=congress)
    first = secretary_client.get(url("attendance", congress), {"q": "nguyen van", "status": "pending"})
    assert first.context["page"].paginator.num_pages == 2
    assert 'href="?q=nguyen+van&amp;status=pending&amp;page=2"' in first.content.decode()
    second = secretary_client.get(url("attendance", congress), {"q": "nguyen van", "status": "pending", "page": 2})
    assert 'href="?q=nguyen+van&amp;status=pending&amp;page=1"' in second.content.decode()
    assert all("nguyen van" in search_key(name) for name in names_on(second))
