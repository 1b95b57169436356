"""The member list's pages: the later half is read backwards (members.selectors.member_list_page),
yet every page shows the same members in the same order as reading the whole list from the start."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import selectors, services
from members.models import MemberStatus, MemberStatusChange, StatusChangeKind
from tests.members.factories import branch_with_members

pytestmark = pytest.mark.django_db

ON = datetime.date(2025, 1, 1)


@pytest.mark.parametrize(("count", "per_page"), [(0, 25), (1, 25), (25, 25), (26, 25), (57, 10), (58, 25)])
def test_every_page_holds_the_rows_of_the_whole_list_in_order(count, per_page):
    branch, _members = branch_with_members(count)  # a handful of given names: many members share a name
    filters = selectors.MemberFilters()
    whole = [m.pk for m in selectors.member_list(branch=branch, on=ON, seats=None, filters=filters)]
    pages, number = [], 1
    while True:
        page = selectors.member_list_page(
            branch=branch, on=ON, seats=None, filters=filters, number=number, per_page=per_page
        )
        pages.append([m.pk for m in page.object_list])
        if not page.has_next():
            break
        number += 1
    assert [pk for shown in pages for pk in shown] == whole
    assert len(pages) == max(1, -(-count // per_page))
    assert all(len(shown) == per_page for shown in pages[:-1])


def test_a_page_past_the_end_shows_the_last_page():
    branch, _members = branch_with_members(30)
    filters = selectors.MemberFilters()
    whole = [m.pk for m in selectors.member_list(branch=branch, on=ON, seats=None, filters=filters)]
    page = selectors.member_list_page(branch=branch, on=ON, seats=None, filters=filters, number=9, per_page=25)
    assert page.number == 2 and [m.pk for m in page.object_list] == whole[25:]


@pytest.fixture
def figures_cached(settings):
    """The branch's figures cache on (chidoan.lib.figures_cache), in this process's memory."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "list-pages",
            "TIMEOUT": 600,
        }
    }
    settings.DASHBOARD_CACHE = "on"


def test_the_count_is_read_from_the_figures_cache_and_follows_every_change(figures_cached):
    """The count is the part of a page that grows with the branch: with the cache on, a page asks only its rows."""
    branch, members = branch_with_members(30)
    filters = selectors.MemberFilters()

    def page(number):
        return selectors.member_list_page(branch=branch, on=ON, seats=None, filters=filters, number=number, per_page=25)

    assert page(1).paginator.count == 30
    with CaptureQueriesContext(connection) as queries:
        last = page(2)
    assert last.paginator.count == 30 and len(last.object_list) == 5
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(queries) == 2  # the page's ids, then its rows

    services.member_change_status(
        member=members[0], kind=StatusChangeKind.LEFT, on=datetime.date(2024, 6, 1), reason="Chuyển vùng"
    )
    whole = [m.pk for m in selectors.member_list(branch=branch, on=ON, seats=None, filters=filters)]
    assert len(whole) == 29 and members[0].pk not in whole
    assert page(2).paginator.count == 29
    assert [m.pk for m in page(2).object_list] == whole[25:]
    every_status = selectors.member_list_page(
        branch=branch, on=ON, seats=None, filters=selectors.MemberFilters(status=""), number=1, per_page=25
    )
    assert every_status.paginator.count == 30


def test_the_status_filter_counts_each_member_by_their_status_on_the_day():
    """A change dated after the day does not count yet; of two changes on one day, the one recorded last does."""
    branch, (stays, leaves_later, left_and_back, back_and_left, no_record) = branch_with_members(5)
    MemberStatusChange.objects.filter(member=no_record).delete()
    MemberStatusChange.objects.create(member=leaves_later, kind=StatusChangeKind.LEFT, on=ON + datetime.timedelta(1))
    for member, kinds in ((left_and_back, ("left", "transferred_in")), (back_and_left, ("transferred_in", "left"))):
        for kind in kinds:
            MemberStatusChange.objects.create(member=member, kind=kind, on=ON)

    def listed(on, status=MemberStatus.ACTIVE):
        filters = selectors.MemberFilters(status=status)
        page = selectors.member_list_page(branch=branch, on=on, seats=None, filters=filters, number=1, per_page=25)
        assert page.paginator.count == len(page.object_list)
        return {m.pk for m in page.object_list}

    assert listed(ON) == {stays.pk, leaves_later.pk, left_and_back.pk}
    assert listed(ON, MemberStatus.LEFT) == {back_and_left.pk}
    assert listed(ON + datetime.timedelta(1)) == {stays.pk, left_and_back.pk}
    assert listed(ON + datetime.timedelta(1), MemberStatus.LEFT) == {leaves_later.pk, back_and_left.pk}
    assert listed(ON, "") == {stays.pk, leaves_later.pk, left_and_back.pk, back_and_left.pk, no_record.pk}
