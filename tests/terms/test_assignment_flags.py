"""Assignments of people who left are flagged, and an area changes hands without retyping its name.

The demo's Nguyễn Thị Tú Uyên left the branch on 01/10/2023 and still looks after "Công tác văn thể,
tình nguyện": the assignments page and the dashboard say so next to her name. Each row of the page
has its own "Đổi người phụ trách" form that posts the area as it stands; choosing a person is all.
"""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from members.models import Member
from terms import selectors, services
from terms.models import Assignment, SeatEndKind
from tests.terms.pages import SLUG, login, seat_of, url

pytestmark = pytest.mark.django_db

AREA = "Công tác văn thể, tình nguyện"
UYEN_LEFT = "đã rời chi đoàn ngày 01/10/2023"


def row_of(html: str, area: str) -> str:
    start = html.index(f'data-area="{area}"')
    return html[start : html.index("</li>", start)]


def change_form_of(html: str, area: str) -> dict[str, str]:
    """What the row's "Đổi người phụ trách" form posts as the page offers it (hidden fields, the selected person)."""
    row = row_of(html, area)
    fields = {
        name: unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', row)
    }
    fields["member"] = re.search(r'<option value="(\d+)" selected>', row).group(1)
    return fields


def test_the_assignments_page_flags_the_area_of_someone_who_left_the_branch(client, roles):
    html = login(client, roles, "member").get(url("assignments")).content.decode()
    row = row_of(html, AREA)
    assert "Nguyễn Thị Tú Uyên" in row
    assert UYEN_LEFT in row
    others = [a.area for a in Assignment.objects.filter(term__branch__slug=SLUG).exclude(area=AREA)]
    assert others and all("đã rời chi đoàn" not in row_of(html, area) for area in others)
    # A member reads the page; changing it is for the editors.
    assert "Đổi người phụ trách" not in html


def test_each_row_changes_who_is_responsible_by_choosing_a_person_and_the_flag_goes(client, roles, demo_term):
    mai = seat_of(demo_term, "Đinh Thị Mai").member
    login(client, roles, "secretary")
    html = client.get(url("assignments")).content.decode()
    form = change_form_of(html, AREA)
    assert form["area"] == AREA  # the area comes from the row, not from typing
    assert Member.objects.get(pk=form["member"]).full_name == "Nguyễn Thị Tú Uyên"

    response = client.post(url("assignments"), {**form, "member": mai.pk}, follow=True)
    assert "Đã phân công đồng chí Đinh Thị Mai phụ trách Công tác văn thể, tình nguyện." in response.content.decode()
    assert Assignment.objects.get(term=demo_term, area=AREA).member == mai
    assert demo_term.assignments.count() == len(re.findall(r"data-area=", html))  # no new area was made
    row = row_of(response.content.decode(), AREA)
    assert "Đinh Thị Mai" in row and "đã rời chi đoàn" not in row


def test_the_dashboard_lists_the_stale_assignment_with_the_way_to_change_it(client, roles, demo_term):
    login(client, roles, "secretary")
    dashboard = reverse("dashboard", kwargs={"slug": SLUG})
    html = client.get(dashboard).content.decode()
    section = html[html.index('aria-labelledby="phan-cong-cu"') :].split("</section>", 1)[0]
    assert AREA in section and "Nguyễn Thị Tú Uyên" in section and UYEN_LEFT in section
    assert f'href="{url("assignments")}"' in section and "Đổi người phụ trách" in section

    services.assignment_set(term=demo_term, member=seat_of(demo_term, "Đinh Thị Mai").member, area=AREA)
    assert 'aria-labelledby="phan-cong-cu"' not in client.get(dashboard).content.decode()


def test_the_dashboard_flags_a_target_whose_responsible_person_left(client, roles, demo_term):
    from terms.models import Target

    uyen = next(m for m in Member.objects.filter(branch=demo_term.branch) if m.full_name == "Nguyễn Thị Tú Uyên")
    target = Target.objects.filter(resolution__term=demo_term).first()
    target.responsible = uyen
    target.save(update_fields=["responsible"])
    html = login(client, roles, "member").get(reverse("dashboard", kwargs={"slug": SLUG})).content.decode()
    assert "Phụ trách: Nguyễn Thị Tú Uyên <span" in html
    assert html.count(UYEN_LEFT) >= 1


def test_someone_still_in_the_branch_who_left_the_committee_is_flagged_as_such(client, roles, demo_term):
    mai_seat = seat_of(demo_term, "Đinh Thị Mai")
    services.seat_end(seat=mai_seat, on=datetime.date(2024, 5, 2), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    gone = selectors.departures(term=demo_term, members=[mai_seat.member], on=datetime.date(2024, 6, 1))
    assert gone == {mai_seat.member_id: selectors.Departure(on=datetime.date(2024, 5, 2), left_branch=False)}
    # The day before she left, nothing to flag.
    assert selectors.departures(term=demo_term, members=[mai_seat.member], on=datetime.date(2024, 5, 1)) == {}
    html = login(client, roles, "secretary").get(url("assignments")).content.decode()
    assert "đã thôi Ban Chấp hành ngày 02/05/2024" in row_of(html, "Công tác kiểm tra, đoàn phí")
