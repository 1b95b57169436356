"""Checking a members file row by row against the member's rules; matching rows to the branch's members."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from members.imports.checking import check_table
from members.imports.reading import read_table
from members.models import Member
from tests.members.helpers import member_named
from tests.members.import_files import HEADERS, D, csv_bytes, person, xlsx

pytestmark = pytest.mark.django_db


def check(branch, rows, data=None):
    return check_table(branch=branch, table=read_table(data or xlsx(rows)))


def messages(plan) -> list[tuple[int, str, str]]:
    return [(r.row, r.column, r.message) for r in plan.refused]


def test_new_rows_become_admissions_and_nothing_is_saved(demo_branch):
    before = Member.objects.count()
    plan = check(demo_branch, [person(1), person(2)])
    assert (len(plan.new), len(plan.updated), plan.unchanged, plan.refused_rows) == (2, 0, 0, 0)
    assert Member.objects.count() == before


def test_a_row_under_the_admission_age_is_refused_with_its_row_and_column(demo_branch):
    plan = check(demo_branch, [person(1), person(2, **{"Ngày vào Đoàn": D(2012, 1, 1)})])
    assert plan.refused_rows == 1
    assert messages(plan) == [
        (3, "Ngày vào Đoàn", "Chưa đủ tuổi kết nạp: phải từ 15 tuổi 1 ngày trở lên vào ngày kết nạp.")
    ]


def test_each_bad_cell_of_a_row_is_named(demo_branch):
    plan = check(demo_branch, [person(1, **{"Tên": "", "Giới tính": "Nư x", "Ngày sinh": "31/02/1998"})])
    columns = {column for _row, column, _message in messages(plan)}
    assert columns == {"Tên", "Giới tính", "Ngày sinh"}
    assert plan.refused_rows == 1


def test_the_models_own_rules_apply(demo_branch):
    plan = check(demo_branch, [person(1, Email="không phải email", **{"Ngày vào Đảng": D(2020, 1, 1)})])
    columns = {column for _row, column, _message in messages(plan)}
    assert "Email" in columns
    # the party date needs a Party member: the model's check constraint, through full_clean
    assert any("Đảng" in message or "member_party_date" in message for *_x, message in messages(plan))


def test_a_card_number_twice_in_the_file_is_refused(demo_branch):
    plan = check(demo_branch, [person(1), person(2, **{"Số thẻ đoàn viên": "IMP00001"})])
    assert messages(plan) == [(3, "Số thẻ đoàn viên", "Số thẻ IMP00001 trùng với dòng 2.")]


def test_a_card_number_of_another_branchs_member_is_refused(demo_branch):
    other = Member.objects.exclude(branch=demo_branch).first()
    other.card_number = "KHAC001"
    other.save()
    plan = check(demo_branch, [person(1, **{"Số thẻ đoàn viên": "KHAC001"})])
    assert plan.refused_rows == 1 and not plan.new
    assert "KHAC001 đã thuộc một đoàn viên của" in plan.refused[0].message


def test_rows_match_members_by_card_number_else_by_name_and_birth_date(demo_branch):
    trang = member_named("Trang")
    trang.card_number = "TRANG01"
    trang.save()
    huy = member_named("Huy")
    by_card = person(
        1,
        **{
            "Số thẻ đoàn viên": "TRANG01",
            "Họ": trang.family_name,
            "Tên đệm": trang.middle_name,
            "Tên": trang.given_name,
            "Ngày sinh": trang.date_of_birth,
            "Điện thoại": "0900000001",
        },
    )
    by_name = person(
        2,
        **{
            "Số thẻ đoàn viên": "",
            "Họ": huy.family_name,
            "Tên đệm": huy.middle_name,
            "Tên": huy.given_name,
            "Ngày sinh": huy.date_of_birth,
        },
    )
    plan = check(demo_branch, [by_card, by_name])
    assert not plan.new
    assert {m.pk for m in plan.updated} == {trang.pk, huy.pk}
    assert next(m for m in plan.updated if m.pk == trang.pk).phone == "0900000001"


def test_a_status_other_than_the_records_is_refused(demo_branch):
    huy = member_named("Huy")
    row = person(
        1,
        **{
            "Số thẻ đoàn viên": "",
            "Họ": huy.family_name,
            "Tên đệm": huy.middle_name,
            "Tên": huy.given_name,
            "Ngày sinh": huy.date_of_birth,
            "Tình trạng": "Đã rời chi đoàn",
        },
    )
    plan = check(demo_branch, [row, person(2, **{"Tình trạng": "Đã trưởng thành Đoàn"})])
    assert [(r.row, r.column) for r in plan.refused] == [(2, "Tình trạng"), (3, "Tình trạng")]


def test_a_formula_where_a_date_should_be_is_refused(demo_branch):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([person(1)[h] for h in HEADERS])
    sheet["E2"] = "=TODAY()"
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = check(demo_branch, [], buffer.getvalue())
    assert messages(plan) == [(2, "Ngày sinh", "Ô này chứa công thức; hãy gõ ngày, ví dụ 05/08/1998.")]


def test_a_csv_file_is_checked_like_a_workbook(demo_branch):
    plan = check(
        demo_branch, [], csv_bytes([person(1), person(2, **{"Ngày sinh": "5/8/1998"})], delimiter=";", bom=True)
    )
    assert len(plan.new) == 2 and plan.new[1].date_of_birth == D(1998, 8, 5)
