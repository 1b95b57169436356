"""The term workspace pages: the committee, assignments, the targets and their progress.

Each view: who is let in and who is refused, a POST that follows the redirect and
checks the new state from the database, the service's refusals shown on the form
with nothing saved, and the query-count guards of the two list pages.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Member, Organisation
from terms import selectors, services
from terms.models import (
    Assignment,
    CommitteeRole,
    CommitteeSeat,
    ProgressEntry,
    Resolution,
    SeatEndKind,
    SeatStartKind,
    Target,
    TargetKind,
)
from tests.members.factories import MemberFactory

D = datetime.date
SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
OTHER_SLUG = "so-y-te-mau"
TERM = "2022-2024"

EDITORS = ["secretary", "deputy", "admin"]
READ_ALL_NOT_EDITORS = ["committee", "officer"]
EVERYONE_OF_THE_BRANCH = [*EDITORS, *READ_ALL_NOT_EDITORS, "member"]


def url(name: str, *args, slug: str = SLUG, query: str = "") -> str:
    return reverse(f"terms:{name}", args=[slug, *args]) + (f"?{query}" if query else "")


def login(client, roles, role: str):
    client.force_login(getattr(roles, role))
    return client


def seat_of(term, name: str) -> CommitteeSeat:
    return CommitteeSeat.objects.filter(term=term, ended_on__isnull=True).get(
        member__in=[m for m in Member.objects.filter(branch=term.branch) if m.full_name == name]
    )


def target_named(term, start: str) -> Target:
    return Target.objects.get(resolution__term=term, name__startswith=start)


@pytest.fixture
def admission(demo_term) -> Target:
    """Kết nạp đoàn viên: Đặng Tuyết Hằng (login `uyvien`) is responsible; it has progress entries."""
    return target_named(demo_term, "kết nạp")


@pytest.fixture
def party_target(demo_term) -> Target:
    """Giới thiệu đoàn viên ưu tú: the Secretary is responsible, not the committee member."""
    return target_named(demo_term, "giới thiệu")


@pytest.fixture
def bare_target(demo_term) -> Target:
    """A target with no progress yet (it may be deleted)."""
    resolution = demo_term.resolution
    return services.target_create(
        resolution=resolution, name="tổ chức hội thao", kind=TargetKind.NUMBER, planned_value=Decimal(1), unit="lần"
    )


@pytest.fixture
def other_branch_objects(demo_branch):
    """A term, a seat and a target of the other demo branch, to look them up under this branch's slug."""
    other = Organisation.objects.get(slug=OTHER_SLUG)
    term = services.term_create(branch=other, starts_on=D(2022, 3, 1), ends_on=D(2024, 8, 31))
    member = Member.objects.filter(branch=other).first()
    seat = services.seat_add(
        term=term, member=member, role=CommitteeRole.SECRETARY, started_on=D(2022, 3, 1), start_kind="elected"
    )
    resolution = services.resolution_ensure(term=term)
    target = services.target_create(
        resolution=resolution, name="chỉ tiêu của chi đoàn khác", kind=TargetKind.NUMBER, planned_value=Decimal(3)
    )
    return seat, target


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


def changes_shown(response) -> list[tuple[str, str, str]]:
    """What the stale-edit partial lists: (field, what is saved now, what the user typed)."""
    assert "Trong lúc bạn sửa, bản ghi đã được lưu bởi người khác." in response.content.decode()
    return [(c.label, c.saved, c.typed) for c in response.context["changed"]]


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
        ("ngày thôi", str(D(2024, 5, 2)), str(D(2024, 6, 1))),
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
        ("ngày thôi", str(D(2024, 2, 1)), str(D(2024, 3, 1))),
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


def opened_versions(client) -> str:
    """The versions the assignments page carries in its form when it is opened (what a browser posts back)."""
    return client.get(url("assignments")).context["form"]["versions"].value()


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


# Targets -------------------------------------------------------------------------------------------------


def test_members_read_the_targets_with_progress_responsible_and_outcome(client, roles):
    page = login(client, roles, "member").get(url("targets")).content.decode()
    assert "Kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc" in page
    assert "Chưa đạt" in page and "Vượt" in page and "Đạt" in page
    assert "Đặng Tuyết Hằng" in page  # who is responsible
    assert "2 đoàn viên" in page and "5 đoàn viên" in page  # achieved and planned
    assert "không có nguyện vọng được kết nạp đoàn" in page  # the reason it is behind
    assert 'id="the-chi-tieu"' in page  # the cards a phone shows
    assert url("target_add") not in page


def test_shares_and_yes_no_targets_read_the_vietnamese_way_on_the_list_and_the_history(client, roles, demo_term):
    share = services.target_create(
        resolution=demo_term.resolution, name="đoàn viên học nghị quyết", kind=TargetKind.PERCENT,
        planned_value=Decimal("85.50"),
    )  # fmt: skip
    services.progress_record(target=share, recorded_on=D(2024, 8, 1), value=Decimal("90.25"))
    tradition = target_named(demo_term, "duy trì Sổ truyền thống")
    login(client, roles, "secretary")
    row = next(r for r in client.get(url("targets")).context["rows"] if r["target"] == share)
    assert (row["planned_text"], row["achieved_text"]) == ("85,5%", "90,25%")
    history = client.get(url("target_history", share.pk)).content.decode()
    assert "90,25%" in history
    tradition_history = client.get(url("target_history", tradition.pk)).content.decode()
    assert "Đã thực hiện" in tradition_history.split('id="tien-do"')[1]  # not "1" with no unit


def test_the_secretary_adds_a_target_with_a_responsible_member(client, roles, demo_term):
    hang = seat_of(demo_term, "Đặng Tuyết Hằng").member
    response = login(client, roles, "secretary").post(
        url("target_add", query=f"nhiem-ky={TERM}"),
        {"name": "tổ chức hiến máu tình nguyện", "area": "Tình nguyện", "kind": "number", "planned_value": "3",
         "unit": "đợt", "responsible": hang.pk},
        follow=True,
    )  # fmt: skip
    target = Target.objects.get(resolution__term=demo_term, name="tổ chức hiến máu tình nguyện")
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}") + f"#chi-tieu-{target.pk}"
    assert (target.planned_value, target.unit, target.responsible) == (Decimal(3), "đợt", hang)
    assert "Tổ chức hiến máu tình nguyện" in response.content.decode()


def test_a_target_in_a_term_without_a_resolution_creates_the_resolution_with_it(client, roles, demo_branch):
    new_term = services.term_create(branch=demo_branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    response = login(client, roles, "admin").post(
        url("target_add", query="nhiem-ky=2024-2027"),
        {"name": "kết nạp đoàn viên mới", "kind": "number", "planned_value": "4", "unit": "đoàn viên"},
    )
    assert response.status_code == 302
    new_term.refresh_from_db()
    assert [t.name for t in new_term.resolution.targets.all()] == ["kết nạp đoàn viên mới"]


def test_a_refused_target_saves_nothing_not_even_the_resolution(client, roles, demo_branch):
    new_term = services.term_create(branch=demo_branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    response = login(client, roles, "admin").post(
        url("target_add", query="nhiem-ky=2024-2027"),
        {"name": "đoàn viên học nghị quyết", "kind": "percent", "planned_value": "150"},
    )
    assert response.status_code == 200
    assert "Tỷ lệ không thể vượt quá 100%." in response.content.decode()
    assert not Resolution.objects.filter(term=new_term).exists()


def test_a_rating_target_without_a_rating_is_explained_on_its_field(client, roles):
    response = login(client, roles, "secretary").post(url("target_add"), {"name": "xếp loại", "kind": "rating"})
    assert response.status_code == 200
    assert response.context["form"].errors["planned_rating"] == ["Chỉ tiêu xếp loại cần ghi mức xếp loại đề ra."]


def test_the_responsible_must_be_on_the_committee(client, roles, demo_term):
    trang = roles.member.member
    response = login(client, roles, "secretary").post(
        url("target_add"), {"name": "x", "kind": "number", "planned_value": "1", "responsible": trang.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["responsible"]
    assert not Target.objects.filter(name="x").exists()


def test_the_secretary_edits_a_target(client, roles, admission):
    response = login(client, roles, "secretary").post(
        url("target_edit", admission.pk),
        {**_target_post(admission), "planned_value": "6", "version": admission.version},
        follow=True,
    )
    assert response.status_code == 200 and response.redirect_chain
    before = admission.version
    admission.refresh_from_db()
    assert admission.planned_value == Decimal(6)
    assert admission.version == before + 1


@pytest.mark.parametrize(("planned", "shown"), [("85.50", "85.5"), ("5.00", "5"), ("10.00", "10")])
def test_the_edit_form_starts_from_the_planned_value_as_a_number_input_reads_it(
    client, roles, demo_term, planned, shown
):
    target = services.target_create(
        resolution=demo_term.resolution, name="đoàn viên học nghị quyết", kind=TargetKind.PERCENT,
        planned_value=Decimal(planned),
    )  # fmt: skip
    page = login(client, roles, "secretary").get(url("target_edit", target.pk)).content.decode()
    assert f'name="planned_value" value="{shown}"' in page  # a dot, no exponent: what the browser accepts


def _target_post(target: Target) -> dict:
    return {
        "name": target.name,
        "area": target.area,
        "kind": target.kind,
        "planned_value": str(target.planned_value or ""),
        "planned_rating": target.planned_rating,
        "unit": target.unit,
        "responsible": target.responsible_id or "",
        "position": target.position,
    }


def test_a_concurrent_edit_is_refused_and_both_versions_are_kept_on_screen(client, roles, admission):
    opened_on = admission.version
    # Someone else saves first.
    services.target_update(target=Target.objects.get(pk=admission.pk), expected_version=opened_on, unit="người")
    response = login(client, roles, "deputy").post(
        url("target_edit", admission.pk),
        {**_target_post(admission), "name": "kết nạp đoàn viên (sửa của tôi)", "version": opened_on},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert "kết nạp đoàn viên (sửa của tôi)" in page  # what I typed is not lost
    # What the other person saved, beside what I typed, field by field.
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("nội dung chỉ tiêu", admission.name, "kết nạp đoàn viên (sửa của tôi)"),
        ("đơn vị", "người", "đoàn viên"),
    ]
    assert "hiện lưu <strong>người</strong>, bạn nhập <strong>đoàn viên</strong>" in page
    admission.refresh_from_db()
    assert admission.name.startswith("kết nạp đoàn viên từ nguồn")  # not overwritten
    assert (admission.unit, admission.version) == ("người", opened_on + 1)
    assert response.context["form"]["version"].value() == str(admission.version)


def test_an_edit_without_the_version_is_refused(client, roles, admission):
    response = login(client, roles, "secretary").post(
        url("target_edit", admission.pk), {**_target_post(admission), "name": "khác"}
    )
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ. Hãy mở lại trang rồi nhập lại." in response.content.decode()
    admission.refresh_from_db()
    assert admission.name != "khác"


def test_deleting_a_target_asks_for_confirmation_then_deletes_it(client, roles, bare_target):
    login(client, roles, "secretary")
    confirm = client.get(url("target_delete", bare_target.pk)).content.decode()
    assert "Bạn có chắc chắn?" in confirm
    assert Target.objects.filter(pk=bare_target.pk).exists()
    response = client.post(url("target_delete", bare_target.pk), {"version": bare_target.version}, follow=True)
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}")
    assert not Target.objects.filter(pk=bare_target.pk).exists()
    assert "Đã xóa chỉ tiêu" in response.content.decode()


def test_a_target_with_progress_cannot_be_deleted(client, roles, admission):
    login(client, roles, "secretary")
    assert (
        "Không thể xóa chỉ tiêu đã có số liệu tiến độ"
        in client.get(url("target_delete", admission.pk)).content.decode()
    )
    response = client.post(url("target_delete", admission.pk), {"version": admission.version}, follow=True)
    assert "Không thể xóa chỉ tiêu đã có số liệu tiến độ" in response.content.decode()
    assert Target.objects.filter(pk=admission.pk).exists()
    assert admission.progress_entries.count() == 2


def test_deleting_a_target_changed_since_the_confirmation_is_refused(client, roles, bare_target):
    opened_on = bare_target.version
    services.target_update(target=Target.objects.get(pk=bare_target.pk), expected_version=opened_on, unit="buổi")
    response = login(client, roles, "secretary").post(
        url("target_delete", bare_target.pk), {"version": opened_on}, follow=True
    )
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Target.objects.filter(pk=bare_target.pk).exists()


def test_the_responsible_committee_member_records_progress(client, roles, admission):
    response = login(client, roles, "committee").post(
        url("progress_add", admission.pk),
        {"recorded_on": "2024-08-30", "value": "3", "evidence": "Quyết định số 12", "reason_behind": "ít nguồn"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("targets", query=f"nhiem-ky={TERM}") + f"#chi-tieu-{admission.pk}"
    entry = admission.progress_entries.get(recorded_on=D(2024, 8, 30))
    assert (entry.value, entry.evidence, entry.recorded_by) == (Decimal(3), "Quyết định số 12", roles.committee)
    assert "3 đoàn viên" in response.content.decode()


def test_a_done_or_not_target_is_recorded_as_done(client, roles, demo_term):
    tradition = target_named(demo_term, "duy trì Sổ truyền thống")
    response = login(client, roles, "deputy").post(
        url("progress_add", tradition.pk), {"recorded_on": "2024-08-25", "value": "1", "evidence": "Sổ đã cập nhật"}
    )
    assert response.status_code == 302
    assert tradition.progress_entries.get(recorded_on=D(2024, 8, 25)).value == Decimal(1)


def test_members_see_every_dated_reading_of_a_target_with_its_evidence(client, roles):
    page = login(client, roles, "member").get(url("targets")).content.decode()
    assert "31/03/2023" in page and "Quyết định kết nạp đoàn viên Lâm Thị Thảo" in page  # the first of two readings


def test_the_progress_form_starts_from_the_last_reason_given(client, roles, admission):
    form = login(client, roles, "committee").get(url("progress_add", admission.pk)).context["form"]
    assert form["reason_behind"].value().startswith("Sở có tuyển dụng viên chức")


def test_progress_behind_schedule_without_a_reason_is_refused(client, roles, admission):
    response = login(client, roles, "committee").post(
        url("progress_add", admission.pk), {"recorded_on": "2024-08-30", "value": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason_behind"] == [
        "Chỉ tiêu đang chậm so với tiến độ nhiệm kỳ: cần ghi lý do."
    ]
    assert admission.progress_entries.count() == 2


def test_a_rating_target_takes_a_rating_not_a_number(client, roles, demo_term):
    rating_target = target_named(demo_term, "Chi đoàn được xếp loại")
    login(client, roles, "secretary")
    form = client.get(url("progress_add", rating_target.pk)).context["form"]
    assert "rating" in form.fields and "value" not in form.fields
    response = client.post(url("progress_add", rating_target.pk), {"recorded_on": "2024-08-20", "rating": "excellent"})
    assert response.status_code == 302
    assert rating_target.progress_entries.filter(recorded_on=D(2024, 8, 20), rating="excellent").exists()


def test_the_target_history_shows_who_changed_what(client, roles, admission):
    login(client, roles, "secretary")
    client.post(url("target_edit", admission.pk), {**_target_post(admission), "unit": "người", "version": 1})
    login(client, roles, "committee")
    client.post(
        url("progress_add", admission.pk), {"recorded_on": "2024-08-30", "value": "3", "reason_behind": "ít nguồn"}
    )
    response = login(client, roles, "officer").get(url("target_history", admission.pk))
    page = response.content.decode()
    edits = [entry for entry in response.context["history"] if entry.who == "Lê Huỳnh Khắc Huy"]
    assert [(c.label, c.old, c.new) for entry in edits for c in entry.changes] == [("đơn vị", "đoàn viên", "người")]
    assert '<del class="text-body-secondary">đoàn viên</del>' in page  # old → new, as the page shows it
    assert "30/08/2024" in page and "Người ghi: Đặng Tuyết Hằng" in page  # who recorded the progress
    assert "Quyết định kết nạp đoàn viên Lâm Thị Thảo" in page  # the progress entries with their evidence


# Query-count guards: each page measured at two sizes (tests/queries.py) ----------------------------------


def test_the_committee_page_costs_the_same_for_more_seats_changes_and_assignments(
    client, roles, demo_term, demo_branch, assert_constant_queries
):
    """Prevents one query per seat (and per change) for its member: committee_seats' select_related("member"),
    and one per assignment for its member: assignments_of_term's select_related("member")."""
    demo_branch.committee_max_size = 50
    demo_branch.save()
    login(client, roles, "secretary")

    def build(n: int) -> str:
        for _ in range(n):
            member = MemberFactory(branch=demo_branch)
            seat = services.seat_add(term=demo_term, member=member, role=CommitteeRole.MEMBER, started_on=D(2023, 1, 5))
            services.seat_end(seat=seat, on=D(2024, 1, 5), end_kind=SeatEndKind.REMOVED, reason="thử")
            services.assignment_set(term=demo_term, member=member, area=f"Mảng {member.pk}")
        return url("committee")

    assert_constant_queries(build, client=client, sizes=(2, 6))


def test_the_assignments_page_costs_the_same_for_more_assignments(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per assignment for the member looking after it: assignments_of_term's select_related."""
    login(client, roles, "secretary")
    committee = list(selectors.committee_members(term=demo_term))

    def build(n: int) -> str:
        for i in range(n):
            area = f"Mảng thử {demo_term.assignments.count()}"
            services.assignment_set(term=demo_term, member=committee[i % len(committee)], area=area)
        return url("assignments")

    assert_constant_queries(build, client=client, sizes=(3, 9))


def _target_with_readings(demo_term, name: str, responsible) -> Target:
    target = services.target_create(
        resolution=demo_term.resolution, name=name, kind=TargetKind.NUMBER,
        planned_value=Decimal(10), unit="buổi", responsible=responsible,
    )  # fmt: skip
    for month in (3, 6, 9):
        ProgressEntry.objects.create(target=target, recorded_on=D(2023, month, 1), value=Decimal(month))
    return target


def test_the_targets_page_costs_the_same_for_more_targets_and_progress(
    client, roles, demo_term, assert_constant_queries
):
    """Prevents one query per target for its progress entries, its responsible member and its term (outcome_on):
    targets_of_term's prefetch_related("progress_entries") and select_related("resolution__term", "responsible")."""
    login(client, roles, "committee")
    hang = seat_of(demo_term, "Đặng Tuyết Hằng").member

    def build(n: int) -> str:
        for _ in range(n):
            _target_with_readings(demo_term, f"chỉ tiêu {Target.objects.count()}", hang)
        return url("targets")

    assert_constant_queries(build, client=client, sizes=(3, 9))
    page = client.get(url("targets")).content.decode()
    assert page.count("Ghi tiến độ") >= 12  # the committee member records progress on the targets they look after


def test_a_target_history_costs_the_same_for_more_readings(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per reading for who recorded it: target_of_branch's select_related("recorded_by__member")."""
    login(client, roles, "officer")
    target = _target_with_readings(demo_term, "chỉ tiêu có lịch sử", None)
    recorders = [roles.secretary, roles.deputy, roles.committee]

    def build(n: int) -> str:
        for i in range(n):
            services.progress_record(
                target=target, recorded_on=D(2023, 10, 1) + datetime.timedelta(days=target.progress_entries.count()),
                value=Decimal(9), by=recorders[i % len(recorders)], reason_behind="thử",
            )  # fmt: skip
        return url("target_history", target.pk)

    assert_constant_queries(build, client=client, sizes=(3, 9))


def test_a_seat_history_costs_the_same_for_more_role_changes(client, roles, demo_term, assert_constant_queries):
    """Prevents one query per version of the member's seats for who saved it (chidoan.lib.history's
    select_related("history_user__member")), however long the chain of seats grows."""
    login(client, roles, "officer")
    secretary = Client()
    secretary.force_login(roles.secretary)  # changes made on the page, so that the history knows who made them
    member = seat_of(demo_term, "Hoàng Phạm Phương Nhi").member
    first = seat_of(demo_term, "Hoàng Phạm Phương Nhi").pk
    roles_in_turn = [CommitteeRole.MEMBER, CommitteeRole.DEPUTY]

    def build(n: int) -> str:
        for _ in range(n):
            seats = CommitteeSeat.objects.filter(term=demo_term, member=member)
            open_seat = seats.get(ended_on__isnull=True)
            on = D(2023, 1, 1) + datetime.timedelta(days=seats.count())
            response = secretary.post(
                url("seat_role", open_seat.pk),
                {"role": roles_in_turn[(seats.count() - 1) % 2], "on": on.isoformat(), "version": open_seat.version},
            )
            assert response.status_code == 302
        return url("seat_history", first)

    assert_constant_queries(build, client=client, sizes=(2, 6))
