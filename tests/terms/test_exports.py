"""The term's lists as XLSX: the committee (its seats, and every start and end of a seat) and the targets (with
every progress reading), for the term the page shows, read back as a user opening them in Excel sees them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from members.models import Member
from terms import services
from terms.models import CommitteeRole, ProgressEntry, Target, TargetKind
from tests.spreadsheets import assert_styled_and_fitting, download, is_date_cell
from tests.terms.pages import login, seat_of, url

pytestmark = pytest.mark.django_db

D = datetime.date


def workbook(client, name: str, **query):
    return download(client, url(name), query)


# The committee -----------------------------------------------------------------------------------------------


def test_the_committee_export_has_every_seat_and_every_change_of_the_term(client, roles, demo_term):
    khoa = next(m for m in Member.objects.filter(branch=demo_term.branch) if m.full_name == "Trần Minh Khoa")
    services.seat_add(term=demo_term, member=khoa, role=CommitteeRole.MEMBER, started_on=D(2024, 1, 10))
    services.seat_change_role(
        seat=seat_of(demo_term, "Hoàng Phạm Phương Nhi"), role=CommitteeRole.MEMBER, on=D(2024, 2, 1)
    )
    sheets = workbook(login(client, roles, "secretary"), "committee_export")
    assert list(sheets) == ["Ban Chấp hành", "Thay đổi trong nhiệm kỳ"]
    seats, changes = sheets.values()
    assert seats.header == [
        "STT", "Họ và tên", "Chức danh", "Ngày bắt đầu", "Hình thức", "Ngày thôi", "Hình thức thôi", "Lý do thôi",
        "Tình trạng",
    ]  # fmt: skip
    assert_styled_and_fitting(seats)
    assert seats.rows[0][1:3] == ("Lê Huỳnh Khắc Huy", "Bí thư")  # the Secretary first, as on the page
    uyen = seats.row_where("Họ và tên", "Nguyễn Thị Tú Uyên")
    assert uyen[2:] == (
        "Ủy viên", uyen[3], "Bầu tại Đại hội", uyen[5], "Thôi tham gia Ban Chấp hành", "nghỉ việc", "Đã thôi",
    )  # fmt: skip
    assert is_date_cell(seats.cell_below("Ngày bắt đầu", uyen), D(2022, 3, 1))
    assert is_date_cell(seats.cell_below("Ngày thôi", uyen), D(2023, 10, 1))
    assert seats.row_where("Họ và tên", "Trần Minh Khoa")[4:] == (
        "Bổ sung trong nhiệm kỳ", None, None, None, "Đang giữ chức danh",
    )  # fmt: skip
    nhi = [row for row in seats.rows if row[1] == "Hoàng Phạm Phương Nhi"]  # a role change: a seat ends, one starts
    assert [(row[2], row[4], row[6], row[8]) for row in nhi] == [
        ("Phó Bí thư", "Bầu tại Đại hội", "Thay đổi chức danh", "Đã thôi"),
        ("Ủy viên", "Thay đổi chức danh", None, "Đang giữ chức danh"),
    ]

    assert changes.header == [
        "Ngày",
        "Họ và tên",
        "Thay đổi",
        "Chức danh trước",
        "Chức danh sau",
        "Hình thức thôi",
        "Lý do",
    ]
    assert_styled_and_fitting(changes)
    assert changes.values("Thay đổi")[:5] == ["Bầu tại Đại hội"] * 5  # the congress's election opens the term
    left = changes.row_where("Thay đổi", "Thôi giữ chức danh")
    assert left[1:] == (
        "Nguyễn Thị Tú Uyên",
        "Thôi giữ chức danh",
        "Ủy viên",
        None,
        "Thôi tham gia Ban Chấp hành",
        "nghỉ việc",
    )
    assert is_date_cell(changes.cell_below("Ngày", left), D(2023, 10, 1))
    added = changes.row_where("Họ và tên", "Trần Minh Khoa")
    assert added[2:5] == ("Bổ sung vào Ban Chấp hành", None, "Ủy viên")
    moved = changes.row_where("Thay đổi", "Thay đổi chức danh")
    assert moved[1:5] == ("Hoàng Phạm Phương Nhi", "Thay đổi chức danh", "Phó Bí thư", "Ủy viên")
    assert [changes.rows.index(row) for row in (left, added, moved)] == [5, 6, 7]  # in date order


def test_the_committee_export_is_of_the_chosen_term_and_of_this_branch_only(
    client, roles, demo_term, other_branch_objects
):
    other_seat, _target = other_branch_objects
    later = services.term_create(branch=demo_term.branch, starts_on=D(2024, 9, 1), ends_on=D(2027, 2, 28))
    huy = seat_of(demo_term, "Lê Huỳnh Khắc Huy").member
    services.seat_add(
        term=later, member=huy, role=CommitteeRole.SECRETARY, started_on=D(2024, 9, 1), start_kind="elected"
    )
    login(client, roles, "secretary")
    chosen = workbook(client, "committee_export", **{"nhiem-ky": "2024-2027"})["Ban Chấp hành"]
    assert chosen.values("Họ và tên") == ["Lê Huỳnh Khắc Huy"]
    names = workbook(client, "committee_export", **{"nhiem-ky": "2022-2024"})["Ban Chấp hành"].values("Họ và tên")
    assert "Đặng Tuyết Hằng" in names and other_seat.member.full_name not in names
    assert client.get(url("committee_export", query="nhiem-ky=2000-2002")).status_code == 404


def test_the_committee_and_targets_pages_show_the_export_to_editors_only(client, roles, demo_term):
    for page, export in [("committee", "committee_export"), ("targets", "targets_export")]:
        address = url(export) + "?nhiem-ky=2022-2024"
        assert address in login(client, roles, "deputy").get(url(page)).content.decode()
        for role in ("committee", "member"):
            assert url(export) not in login(client, roles, role).get(url(page)).content.decode()
            assert client.get(address).status_code == 403


# The targets -------------------------------------------------------------------------------------------------


def test_the_targets_export_has_each_target_with_its_outcome_and_every_reading(client, roles, demo_term, admission):
    login(client, roles, "secretary")
    client.post(
        url("progress_add", admission.pk),
        {"recorded_on": "2024-08-20", "value": "4", "evidence": "Quyết định kết nạp", "reason_behind": "thiếu nguồn"},
    )
    sheets = workbook(client, "targets_export")
    assert list(sheets) == ["Chỉ tiêu", "Tiến độ"]
    targets, readings = sheets.values()
    assert targets.header == [
        "STT", "Chỉ tiêu", "Mảng công tác", "Loại chỉ tiêu", "Chỉ tiêu đề ra", "Đã đạt", "Ngày ghi nhận gần nhất",
        "Tiến độ (%)", "Kết quả", "Ủy viên phụ trách", "Lý do chưa đạt",
    ]  # fmt: skip
    assert_styled_and_fitting(targets)
    assert len(targets.rows) == Target.objects.filter(resolution__term=demo_term).count()
    row = targets.row_where("Chỉ tiêu", "Kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc")
    assert row[0] == 1 and row[2:6] == ("Công tác tổ chức, xây dựng Đoàn", "Số lượng", "5 đoàn viên", "4 đoàn viên")
    assert row[7:] == (80, "Chưa đạt", "Đặng Tuyết Hằng", "thiếu nguồn")  # the term is over: not achieved
    assert is_date_cell(targets.cell_below("Ngày ghi nhận gần nhất", row), D(2024, 8, 20))
    assert targets.row_where("STT", 6)[4:6] == ("Có", "Đã thực hiện")

    assert readings.header == [
        "STT chỉ tiêu", "Chỉ tiêu", "Ngày ghi nhận", "Kết quả đạt được", "Giá trị", "Minh chứng", "Lý do chưa đạt",
        "Người ghi nhận",
    ]  # fmt: skip
    assert_styled_and_fitting(readings)
    assert len(readings.rows) == ProgressEntry.objects.filter(target__resolution__term=demo_term).count()
    of_admission = [r for r in readings.rows if r[0] == 1]
    assert [r[2].date() for r in of_admission] == [D(2023, 3, 31), D(2024, 8, 15), D(2024, 8, 20)]  # oldest first
    assert of_admission[-1][3:] == ("4 đoàn viên", 4, "Quyết định kết nạp", "thiếu nguồn", "Lê Huỳnh Khắc Huy")
    assert is_date_cell(readings.cell_below("Ngày ghi nhận", of_admission[-1]), D(2024, 8, 20))
    rating = readings.row_where("Minh chứng", "Xếp loại chi đoàn năm 2023")
    assert rating[3:5] == ("Hoàn thành xuất sắc nhiệm vụ", None)  # a rating has no number


def test_the_targets_export_lists_no_target_of_another_branch(client, roles, demo_term, other_branch_objects):
    _seat, other_target = other_branch_objects
    services.progress_record(target=other_target, recorded_on=D(2023, 5, 1), value=Decimal(1), reason_behind="thử")
    sheets = workbook(login(client, roles, "secretary"), "targets_export")
    for sheet in sheets.values():
        assert sheet.rows and not [name for name in sheet.values("Chỉ tiêu") if "chi đoàn khác" in name]


# Query-count guards (tests/queries.py; the committee export's is test_queries.py's, with the page's) -----------------------------------------------------------------------


def test_the_targets_export_costs_the_same_for_more_targets_and_readings(
    client, roles, demo_term, assert_constant_queries
):
    """Prevents one query per target for its readings, its responsible member and its term (outcome_on), and one
    per reading for who recorded it: targets_of_term's prefetch of the entries with select_related("recorded_by__member")
    and its select_related("resolution__term", "responsible")."""
    login(client, roles, "secretary")
    hang = seat_of(demo_term, "Đặng Tuyết Hằng").member
    recorders = [roles.secretary, roles.committee, None]

    def build(n: int) -> str:
        for _ in range(n):
            target = services.target_create(
                resolution=demo_term.resolution, name=f"chỉ tiêu {Target.objects.count()}", kind=TargetKind.NUMBER,
                planned_value=Decimal(10), unit="buổi", responsible=hang,
            )  # fmt: skip
            for month, by in zip((3, 6, 9), recorders, strict=True):
                services.progress_record(
                    target=target, recorded_on=D(2023, month, 1), value=Decimal(month), by=by, reason_behind="thử"
                )
        return url("targets_export")

    assert_constant_queries(build, client=client, sizes=(3, 9))
