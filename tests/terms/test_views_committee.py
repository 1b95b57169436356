"""The committee tab: seats added, ended and changed from the pages, the assignments, stale saves refused.

Each POST follows the redirect and checks the new state in the database; a refusal is shown on
the form with nothing saved; a save over a change made meanwhile shows what changed.
"""

from __future__ import annotations

import datetime

import pytest

from members.models import Member
from terms import services
from terms.models import Assignment, CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind
from tests.terms.pages import OTHER_SLUG, TERM, changes_shown, login, opened_versions, seat_of, url

D = datetime.date


# The committee ---------------------------------------------------------------------------------------------


def test_the_committee_page_shows_the_seats_with_roles_and_the_change_with_its_reason(client, roles):
    page = login(client, roles, "member").get(url("committee")).content.decode()
    current = page.split('id="thanh-phan"')[1].split("</ul>")[0]
    for name in ["Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng", "Đinh Thị Mai"]:
        assert name in current
    secretary, deputy = current.index("Lê Huỳnh Khắc Huy"), current.index("Hoàng Phạm Phương Nhi")
    assert secretary < current.index('text-bg-primary">Bí thư</span>') < deputy  # the Secretary first, so named
    assert deputy < current.index('text-bg-info">Phó Bí thư</span>')
    assert "Nguyễn Thị Tú Uyên" not in current  # she left the committee
    assert "Nguyễn Thị Tú Uyên" in page and "nghỉ việc" in page  # the change of the seed, with its reason
    assert "01/10/2023" in page
    assert url("seat_add") not in page  # an ordinary member sees no change buttons


def test_the_secretary_adds_a_member_to_the_committee(client, roles, demo_term):
    khoa = next(m for m in Member.objects.filter(branch=demo_term.branch) if m.full_name == "Trần Minh Khoa")
    login(client, roles, "secretary")
    response = client.post(
        url("seat_add", query=f"nhiem-ky={TERM}"),
        {"member": khoa.pk, "role": CommitteeRole.MEMBER, "started_on": "2024-01-10", "start_kind": "added"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("committee", query=f"nhiem-ky={TERM}")
    seat = CommitteeSeat.objects.get(term=demo_term, member=khoa)
    assert (seat.role, seat.started_on, seat.start_kind) == (CommitteeRole.MEMBER, D(2024, 1, 10), SeatStartKind.ADDED)
    page = response.content.decode()
    assert "Trần Minh Khoa" in page and "được bổ sung" in page


def test_a_second_secretary_is_refused_with_the_charter_rule_on_the_form(client, roles, demo_term):
    khoa = next(m for m in Member.objects.filter(branch=demo_term.branch) if m.full_name == "Trần Minh Khoa")
    before = CommitteeSeat.objects.count()
    response = login(client, roles, "secretary").post(
        url("seat_add"),
        {"member": khoa.pk, "role": CommitteeRole.SECRETARY, "started_on": "2024-01-10", "start_kind": "added"},
    )
    assert response.status_code == 200
    assert "Ban Chấp hành chỉ có một Bí thư." in response.content.decode()
    assert CommitteeSeat.objects.count() == before


def test_a_member_of_another_branch_cannot_be_added_to_this_committee(client, roles, demo_term):
    stranger = Member.objects.filter(branch__slug=OTHER_SLUG).first()
    response = login(client, roles, "secretary").post(
        url("seat_add"),
        {"member": stranger.pk, "role": CommitteeRole.MEMBER, "started_on": "2024-01-10", "start_kind": "added"},
    )
    assert response.status_code == 200
    assert not CommitteeSeat.objects.filter(member=stranger).exists()


def test_the_secretary_records_a_member_leaving_the_committee_with_the_reason(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    response = login(client, roles, "secretary").post(
        url("seat_end", seat.pk),
        {"on": "2024-05-02", "end_kind": SeatEndKind.LEFT, "reason": "chuyển công tác", "version": seat.version},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("committee", query=f"nhiem-ky={TERM}")
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind, seat.end_reason) == (D(2024, 5, 2), SeatEndKind.LEFT, "chuyển công tác")
    page = response.content.decode()
    assert "chuyển công tác" in page and "02/05/2024" in page
    current = page.split('id="thanh-phan"')[1].split("</ul>")[0]
    assert "Đinh Thị Mai" not in current


def test_leaving_without_a_reason_is_refused_and_nothing_is_saved(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    response = login(client, roles, "secretary").post(
        url("seat_end", seat.pk), {"on": "2024-05-02", "end_kind": SeatEndKind.LEFT, "reason": "  ", "version": 1}
    )
    assert response.status_code == 200
    assert "Cần ghi lý do thôi tham gia Ban Chấp hành" in response.content.decode()
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_a_leaving_date_after_the_term_is_refused_on_the_date_field(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    response = login(client, roles, "secretary").post(
        url("seat_end", seat.pk),
        {"on": "2025-01-01", "end_kind": SeatEndKind.LEFT, "reason": "nghỉ việc", "version": 1},
    )
    assert "Ngày thôi phải nằm trong nhiệm kỳ." in response.content.decode()
    assert response.context["form"].errors["on"]
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_ending_a_seat_twice_is_refused(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    services.seat_end(seat=seat, on=D(2024, 5, 2), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")
    seat.refresh_from_db()  # the page opened after it ended: not a stale form, the seat's own rule refuses
    response = login(client, roles, "secretary").post(
        url("seat_end", seat.pk),
        {"on": "2024-06-01", "end_kind": SeatEndKind.LEFT, "reason": "khác", "version": seat.version},
    )
    assert response.status_code == 200
    assert "đã thôi giữ chức danh từ 02/05/2024" in response.content.decode()
    seat.refresh_from_db()
    assert seat.ended_on == D(2024, 5, 2)


def test_a_seat_ended_by_someone_else_after_the_page_was_opened_is_not_ended_again(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    opened_on = seat.version
    services.seat_end(seat=seat, on=D(2024, 5, 2), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")  # meanwhile
    response = login(client, roles, "secretary").post(
        url("seat_end", seat.pk),
        {"on": "2024-06-01", "end_kind": SeatEndKind.REMOVED, "reason": "kỷ luật", "version": opened_on},
    )
    assert response.status_code == 200
    assert changes_shown(response) == [
        ("ngày thôi", "02/05/2024", "01/06/2024"),  # as people write dates
        ("hình thức thôi", "Thôi tham gia Ban Chấp hành", "Miễn nhiệm, bãi nhiệm"),
        ("lý do thôi", "chuyển công tác", "kỷ luật"),
    ]
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind, seat.end_reason, seat.version) == (
        D(2024, 5, 2),
        SeatEndKind.LEFT,
        "chuyển công tác",
        opened_on + 1,
    )


def test_a_role_change_on_a_seat_that_ended_meanwhile_is_refused(client, roles, demo_term):
    seat = seat_of(demo_term, "Hoàng Phạm Phương Nhi")
    opened_on = seat.version
    services.seat_end(seat=seat, on=D(2024, 2, 1), end_kind=SeatEndKind.LEFT, reason="chuyển công tác")  # meanwhile
    response = login(client, roles, "secretary").post(
        url("seat_role", seat.pk), {"role": CommitteeRole.MEMBER, "on": "2024-03-01", "version": opened_on}
    )
    assert response.status_code == 200
    assert changes_shown(response) == [
        ("ngày thôi", "01/02/2024", "01/03/2024"),
        ("hình thức thôi", "Thôi tham gia Ban Chấp hành", "Thay đổi chức danh"),
        ("lý do thôi", "chuyển công tác", "Thay đổi chức danh"),
    ]
    assert CommitteeSeat.objects.filter(term=demo_term, member=seat.member).count() == 1  # no new seat
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind) == (D(2024, 2, 1), SeatEndKind.LEFT)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("seat_end", {"on": "2024-05-02", "end_kind": SeatEndKind.LEFT, "reason": "chuyển công tác"}),
        ("seat_role", {"role": CommitteeRole.MEMBER, "on": "2024-03-01"}),
    ],
)
def test_a_seat_change_without_the_version_is_refused(client, roles, demo_term, name, data):
    seat = seat_of(demo_term, "Hoàng Phạm Phương Nhi")
    response = login(client, roles, "secretary").post(url(name, seat.pk), data)
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại." in response.content.decode()
    seat.refresh_from_db()
    assert (seat.ended_on, seat.version) == (None, 1)
    assert CommitteeSeat.objects.filter(term=demo_term, member=seat.member).count() == 1


def test_the_secretary_changes_a_role_and_the_committee_shows_it(client, roles, demo_term):
    seat = seat_of(demo_term, "Hoàng Phạm Phương Nhi")
    response = login(client, roles, "secretary").post(
        url("seat_role", seat.pk), {"role": CommitteeRole.MEMBER, "on": "2024-03-01", "version": 1}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("committee", query=f"nhiem-ky={TERM}")
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_kind) == (D(2024, 3, 1), SeatEndKind.ROLE_CHANGE)
    new = CommitteeSeat.objects.get(term=demo_term, member=seat.member, ended_on__isnull=True)
    assert new.role == CommitteeRole.MEMBER and new.started_on == D(2024, 3, 1)
    assert "chuyển từ Phó Bí thư sang Ủy viên" in response.content.decode()


def test_a_second_deputy_is_refused_and_the_old_seat_stays_open(client, roles, demo_term):
    seat = seat_of(demo_term, "Đặng Tuyết Hằng")
    response = login(client, roles, "secretary").post(
        url("seat_role", seat.pk), {"role": CommitteeRole.DEPUTY, "on": "2024-03-01", "version": 1}
    )
    assert response.status_code == 200
    assert "Ban Chấp hành có nhiều nhất một Phó Bí thư." in response.content.decode()
    seat.refresh_from_db()
    assert seat.ended_on is None
    assert CommitteeSeat.objects.filter(term=demo_term, member=seat.member).count() == 1


def test_the_seat_history_shows_who_recorded_the_leaving_and_the_reason(client, roles, demo_term):
    seat = seat_of(demo_term, "Đinh Thị Mai")
    login(client, roles, "secretary")
    client.post(
        url("seat_end", seat.pk),
        {"on": "2024-05-02", "end_kind": SeatEndKind.LEFT, "reason": "chuyển công tác", "version": seat.version},
    )
    page = login(client, roles, "committee").get(url("seat_history", seat.pk)).content.decode()
    assert "Lê Huỳnh Khắc Huy" in page  # who: the Secretary's name, from the login
    assert "chuyển công tác" in page and "02/05/2024" in page  # what and when it took effect


# Assignments -----------------------------------------------------------------------------------------------


def test_the_secretary_assigns_an_area_to_a_committee_member(client, roles, demo_term):
    mai = seat_of(demo_term, "Đinh Thị Mai").member
    login(client, roles, "secretary")
    response = client.post(
        url("assignments", query=f"nhiem-ky={TERM}"),
        {"area": "Công tác văn thể, tình nguyện", "member": mai.pk, "versions": opened_versions(client)},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("assignments", query=f"nhiem-ky={TERM}")
    assert Assignment.objects.get(term=demo_term, area="Công tác văn thể, tình nguyện").member == mai


def test_the_secretary_gives_an_area_on_the_page_to_someone_else(client, roles, demo_term):
    assignment = demo_term.assignments.exclude(member__given_name="Mai").order_by("area").first()
    other = seat_of(demo_term, "Đinh Thị Mai").member
    login(client, roles, "secretary")
    response = client.post(
        url("assignments"), {"area": f"  {assignment.area} ", "member": other.pk, "versions": opened_versions(client)}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.member, assignment.version) == (other, 2)
    assert demo_term.assignments.filter(area=assignment.area).count() == 1


def test_an_area_given_to_someone_else_after_the_page_was_opened_is_not_overwritten(client, roles, demo_term):
    assignment = demo_term.assignments.exclude(member__given_name__in=["Mai", "Hằng"]).order_by("area").first()
    mine, theirs = seat_of(demo_term, "Đinh Thị Mai").member, seat_of(demo_term, "Đặng Tuyết Hằng").member
    login(client, roles, "secretary")
    versions = opened_versions(client)
    services.assignment_set(term=demo_term, member=theirs, area=assignment.area)  # someone else, meanwhile
    response = client.post(url("assignments"), {"area": assignment.area, "member": mine.pk, "versions": versions})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trong lúc bạn sửa, bản ghi đã được lưu bởi người khác." in page
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("ủy viên phụ trách", str(theirs), str(mine))
    ]
    assignment.refresh_from_db()
    assert (assignment.member, assignment.version) == (theirs, 2)  # the other person's choice stands
    # The page moved to what is saved now: saving again is a deliberate overwrite, and it goes through.
    again = client.post(url("assignments"), {**response.context["form"].data.dict()})
    assert again.status_code == 302
    assignment.refresh_from_db()
    assert assignment.member == mine


def test_an_area_created_after_the_page_was_opened_is_not_taken_over(client, roles, demo_term):
    mai, hang = seat_of(demo_term, "Đinh Thị Mai").member, seat_of(demo_term, "Đặng Tuyết Hằng").member
    login(client, roles, "secretary")
    versions = opened_versions(client)
    services.assignment_set(term=demo_term, member=hang, area="Công tác mới")  # not on the page the user saw
    response = client.post(url("assignments"), {"area": "Công tác mới", "member": mai.pk, "versions": versions})
    assert response.status_code == 200
    assert response.context["changed"] is not None
    assert Assignment.objects.get(term=demo_term, area="Công tác mới").member == hang


def test_an_assignment_without_the_versions_of_the_page_is_refused(client, roles, demo_term):
    mai = seat_of(demo_term, "Đinh Thị Mai").member
    response = login(client, roles, "secretary").post(url("assignments"), {"area": "Mảng mới", "member": mai.pk})
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ." in response.content.decode()
    assert not Assignment.objects.filter(area="Mảng mới").exists()


@pytest.mark.parametrize(("role", "status"), [("committee", 403), ("member", 403), ("officer", 403), ("outsider", 404)])
def test_only_editors_set_assignments(client, roles, demo_term, role, status):
    mai = seat_of(demo_term, "Đinh Thị Mai").member
    response = login(client, roles, role).post(url("assignments"), {"area": "Mảng mới", "member": mai.pk})
    assert response.status_code == status
    assert not Assignment.objects.filter(area="Mảng mới").exists()
