"""The members pages as a user meets them: list, record, admission, edits, status changes, deletion, history."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import services
from members.models import Gender, Member, MemberStatusChange, StatusChangeKind

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name: str, branch, member: Member | None = None) -> str:
    kwargs = {"slug": branch.slug}
    if member is not None:
        kwargs["pk"] = member.pk
    return reverse(f"members:{name}", kwargs=kwargs)


def member_named(given: str) -> Member:
    return Member.objects.get(given_name=given, branch__slug="so-lao-dong-thuong-binh-va-xa-hoi")


def add_members(branch, n: int, *, start: int = 0) -> list[Member]:
    return [
        services.member_admit(
            branch=branch,
            admitted_on=D(2023, 3, 26),
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=f"Thử{start + i:03d}",
            date_of_birth=D(2000, 1, 1),
            gender=Gender.MALE,
        )
        for i in range(n)
    ]


def names_on_page(response) -> list[str]:
    return [row.member.full_name for row in response.context["rows"]]


def queries_for(client, address: str) -> int:
    client.get(address)  # the first request of a session also writes the session: not what we measure
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


# The list ---------------------------------------------------------------------


def test_the_list_finds_a_member_typed_without_accents(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(url("list", demo_branch), {"q": "dang tuyet hang"})
    assert names_on_page(response) == ["Đặng Tuyết Hằng"]


def test_the_list_is_in_vietnamese_name_order(client, roles, demo_branch):
    client.force_login(roles.secretary)
    names = names_on_page(client.get(url("list", demo_branch)))
    # Given name first (Anh < Ánh < Bảo ...), family name last.
    assert names[:3] == ["Dương Thị Lan Anh", "Bùi Ngọc Ánh", "Châu Gia Bảo"]


def test_the_list_shows_active_members_unless_asked_for_another_status(client, roles, demo_branch):
    client.force_login(roles.secretary)
    assert "Nguyễn Thị Tú Uyên" not in names_on_page(client.get(url("list", demo_branch)))
    left = names_on_page(client.get(url("list", demo_branch), {"status": "left"}))
    assert left == ["Nguyễn Thị Tú Uyên"]
    everyone = names_on_page(client.get(url("list", demo_branch), {"status": ""}))
    assert "Nguyễn Thị Tú Uyên" in everyone and "Phạm Thị Thu Trang" in everyone


def test_the_committee_filter_lists_todays_committee(client, roles, demo_branch):
    client.force_login(roles.secretary)
    names = names_on_page(client.get(url("list", demo_branch), {"committee": "on"}))
    assert sorted(names) == sorted(["Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng", "Đinh Thị Mai"])


def test_the_near_age_filter_lists_those_over_or_close_to_the_limit(client, roles, demo_branch):
    young = add_members(demo_branch, 1)[0]
    client.force_login(roles.secretary)
    response = client.get(url("list", demo_branch), {"near_age": "on"})
    names = names_on_page(response)
    assert "Trương Công Danh" in names  # born 1990: past 30
    assert young.full_name not in names
    assert all(row.over_age or row.near_age for row in response.context["rows"])
    assert "Quá tuổi" in response.content.decode()


def test_the_list_is_paginated(client, roles, demo_branch):
    add_members(demo_branch, 30)
    client.force_login(roles.secretary)
    first = client.get(url("list", demo_branch))
    second = client.get(url("list", demo_branch), {"page": 2})
    assert len(first.context["rows"]) == 25
    assert second.context["page"].number == 2
    assert not set(names_on_page(first)) & set(names_on_page(second))


def test_an_ordinary_member_cannot_open_the_list(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(url("list", demo_branch)).status_code == 403


def test_list_queries_do_not_grow_with_the_members(client, roles, demo_branch, django_assert_max_num_queries):
    """Guards the N+1 of reading each member's status, committee role and login per row."""
    client.force_login(roles.secretary)
    address = url("list", demo_branch) + "?status=&page=1"
    add_members(demo_branch, 5)
    with_n = queries_for(client, address)
    add_members(demo_branch, 10, start=5)
    with_3n = queries_for(client, address)
    assert with_3n == with_n
    with django_assert_max_num_queries(20):
        client.get(address)


# The record --------------------------------------------------------------------


def test_the_record_shows_the_status_history(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(url("detail", demo_branch, member_named("Uyên")))
    page = response.content.decode()
    assert "Đã rời chi đoàn" in page
    assert "nghỉ việc" in page


def test_a_member_reads_their_own_record_but_not_another(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(url("detail", demo_branch, member_named("Trang"))).status_code == 200
    assert client.get(url("detail", demo_branch, member_named("Khoa"))).status_code == 403
    assert client.get(url("history", demo_branch, member_named("Khoa"))).status_code == 403


def test_a_member_of_another_branch_is_not_found_under_this_branch(client, roles, demo_branch):
    other = Member.objects.get(given_name="Diễm")
    client.force_login(roles.secretary)
    assert client.get(url("detail", demo_branch, other)).status_code == 404
    assert client.post(url("edit", demo_branch, other), {}).status_code == 404


# Admission ----------------------------------------------------------------------


def admission_data(**overrides) -> dict:
    data = {
        "entry": "admission",
        "family_name": "Võ",
        "middle_name": "Thị",
        "given_name": "Hạnh",
        "date_of_birth": "2003-04-05",
        "gender": "female",
        "admitted_on": "2024-03-26",
        "has_salary": "on",
    }
    data.update(overrides)
    return data


def test_the_secretary_admits_a_member(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.post(url("add", demo_branch), admission_data(), follow=True)
    member = Member.objects.get(given_name="Hạnh", family_name="Võ")
    assert response.redirect_chain[-1][0] == url("detail", demo_branch, member)
    assert "Đã thêm đoàn viên Võ Thị Hạnh" in response.content.decode()
    change = member.status_changes.get()
    assert (change.kind, change.on, change.recorded_by) == (StatusChangeKind.ADMITTED, D(2024, 3, 26), roles.secretary)


def test_admission_refuses_someone_too_young_and_saves_nothing(client, roles, demo_branch):
    client.force_login(roles.secretary)
    before = Member.objects.count()
    response = client.post(url("add", demo_branch), admission_data(date_of_birth="2010-01-01"))
    assert response.status_code == 200
    assert "Chưa đủ tuổi kết nạp" in response.content.decode()
    assert Member.objects.count() == before


def test_admission_explains_each_missing_field_in_vietnamese(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.post(url("add", demo_branch), {"entry": "admission"})
    form = response.context["form"]
    assert {"family_name", "given_name", "date_of_birth", "gender", "admitted_on"} <= set(form.errors)
    assert "Trường này là bắt buộc." in form.errors["given_name"]


def test_a_member_transferring_in_gets_a_transfer_record(client, roles, demo_branch):
    client.force_login(roles.secretary)
    data = admission_data(entry="transfer_in", joined_on="2024-05-02", came_from="Chi đoàn Sở Tài chính")
    client.post(url("add", demo_branch), data)
    change = Member.objects.get(given_name="Hạnh", family_name="Võ").status_changes.get()
    assert change.kind == StatusChangeKind.TRANSFERRED_IN
    assert change.destination == "Chi đoàn Sở Tài chính"


# Editing ------------------------------------------------------------------------


def edit_data(member: Member, **overrides) -> dict:
    data = {
        "family_name": member.family_name,
        "middle_name": member.middle_name,
        "given_name": member.given_name,
        "date_of_birth": member.date_of_birth.isoformat(),
        "gender": member.gender,
        "phone": member.phone,
        "email": member.email,
        "address": member.address,
        "workplace": member.workplace,
        "admitted_on": member.admitted_on.isoformat() if member.admitted_on else "",
        "card_number": member.card_number,
        "notes": member.notes,
        "version": member.version,
    }
    if member.has_salary:
        data["has_salary"] = "on"
    data.update(overrides)
    return data


def test_the_secretary_edits_a_member(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    response = client.post(url("edit", demo_branch, member), edit_data(member, phone="0912 345 678"), follow=True)
    assert response.redirect_chain[-1][0] == url("detail", demo_branch, member)
    member.refresh_from_db()
    assert member.phone == "0912 345 678"
    assert member.version == 2


def test_a_second_save_over_a_changed_record_is_refused_and_shows_what_changed(client, roles, demo_branch):
    member = member_named("Khoa")
    opened = edit_data(member)
    services.member_update(member=Member.objects.get(pk=member.pk), expected_version=1, phone="0900 000 001")
    client.force_login(roles.deputy)
    response = client.post(url("edit", demo_branch, member), {**opened, "workplace": "Phòng khác"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert "0900 000 001" in page  # what the other person saved
    member.refresh_from_db()
    assert (member.phone, member.workplace) == ("0900 000 001", "Thanh tra Sở")


def test_the_edit_page_is_refused_to_a_committee_member(client, roles, demo_branch):
    client.force_login(roles.committee)
    assert client.get(url("edit", demo_branch, member_named("Khoa"))).status_code == 403


def test_a_member_changes_their_own_contact_details_only(client, roles, demo_branch):
    own = member_named("Trang")
    client.force_login(roles.member)
    data = {"phone": "0987 654 321", "email": "trang@example.vn", "address": "", "workplace": "Văn phòng Sở"}
    response = client.post(url("contact", demo_branch, own), {**data, "version": own.version, "given_name": "X"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.phone, own.email, own.given_name) == ("0987 654 321", "trang@example.vn", "Trang")
    other = member_named("Khoa")
    assert client.post(url("contact", demo_branch, other), {**data, "version": 1}).status_code == 403
    other.refresh_from_db()
    assert other.phone == ""


def test_unsupported_methods_are_refused(client, roles, demo_branch):
    client.force_login(roles.secretary)
    assert client.delete(url("delete", demo_branch, member_named("Khoa"))).status_code == 405
    assert client.put(url("edit", demo_branch, member_named("Khoa"))).status_code == 405


# Status changes ------------------------------------------------------------------


def test_a_transfer_out_needs_an_assessment_and_the_dues_date(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    response = client.post(url("status_change", demo_branch, member), {"kind": "transferred_out", "on": "2025-01-10"})
    errors = response.context["form"].errors
    assert "Chuyển sinh hoạt cần có nhận xét của chi đoàn." in errors["assessment"]
    assert "Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào." in errors["dues_paid_until"]
    assert member.status_changes.count() == 1


def test_the_secretary_records_a_transfer_out(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    data = {
        "kind": "transferred_out",
        "on": "2025-01-10",
        "assessment": "Hoàn thành tốt nhiệm vụ",
        "dues_paid_until": "2024-12-31",
        "destination": "Chi đoàn Sở Tài chính",
    }
    response = client.post(url("status_change", demo_branch, member), data, follow=True)
    assert "Đã ghi nhận: Chuyển sinh hoạt đi ngày 10/01/2025." in response.content.decode()
    last = member.status_changes.order_by("-on").first()
    assert (last.kind, last.dues_paid_until) == (StatusChangeKind.TRANSFERRED_OUT, D(2024, 12, 31))
    assert not Member.objects.filter(pk=member.pk).active_on(D(2025, 2, 1)).exists()


def test_leaving_needs_a_reason(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    response = client.post(url("status_change", demo_branch, member), {"kind": "left", "on": "2025-01-10"})
    assert "Cần ghi lý do (ví dụ: nghỉ việc)." in response.context["form"].errors["reason"]


def test_a_member_who_left_can_come_back(client, roles, demo_branch):
    member = member_named("Uyên")
    client.force_login(roles.secretary)
    response = client.get(url("status_change", demo_branch, member))
    assert [k for k, _label in response.context["form"].fields["kind"].choices] == ["transferred_in"]
    client.post(url("status_change", demo_branch, member), {"kind": "transferred_in", "on": "2025-06-01"})
    assert Member.objects.filter(pk=member.pk).active_on(D(2025, 6, 2)).exists()


# Deleting -----------------------------------------------------------------------


def test_deleting_asks_for_confirmation_first(client, roles, demo_branch):
    member = add_members(demo_branch, 1)[0]
    client.force_login(roles.secretary)
    response = client.get(url("delete", demo_branch, member))
    assert "Xóa hồ sơ Nguyễn Văn Thử000?" in response.content.decode()
    assert Member.objects.filter(pk=member.pk).exists()


def test_a_record_entered_by_mistake_is_deleted(client, roles, demo_branch):
    member = add_members(demo_branch, 1)[0]
    client.force_login(roles.secretary)
    response = client.post(url("delete", demo_branch, member), follow=True)
    assert response.redirect_chain[-1][0] == url("list", demo_branch)
    assert not Member.objects.filter(pk=member.pk).exists()


def test_a_member_with_a_history_is_not_deleted(client, roles, demo_branch):
    member = member_named("Uyên")  # sat on the committee and left
    client.force_login(roles.secretary)
    response = client.post(url("delete", demo_branch, member), follow=True)
    assert "Không thể xóa đoàn viên này" in response.content.decode()
    assert Member.objects.filter(pk=member.pk).exists()
    assert MemberStatusChange.objects.filter(member=member).count() == 2


# History ------------------------------------------------------------------------


def test_the_history_page_shows_who_changed_which_field(client, roles, demo_branch):
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    client.post(url("edit", demo_branch, member), edit_data(member, phone="0912 345 678"))
    response = client.get(url("history", demo_branch, member))
    latest = response.context["history"].object_list[0]
    assert latest.who == "Lê Huỳnh Khắc Huy"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [("điện thoại", "—", "0912 345 678")]
    assert "0912 345 678" in response.content.decode()


def test_the_history_page_includes_status_changes_and_ratings(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(url("history", demo_branch, member_named("Uyên")))
    subjects = [e.subject for e in response.context["history"].object_list]
    assert "Tình trạng: Rời chi đoàn ngày 01/10/2023" in subjects
    assert "Xếp loại năm 2022" in subjects
    created = next(e for e in response.context["history"].object_list if e.subject.startswith("Tình trạng: Rời"))
    assert ("đoàn viên", "Nguyễn Thị Tú Uyên") in [(c.label, c.new) for c in created.changes]


def test_history_queries_do_not_grow_with_the_versions(client, roles, demo_branch, django_assert_max_num_queries):
    """Guards the N+1 of loading each version's author and each foreign key's name."""
    member = member_named("Khoa")
    client.force_login(roles.secretary)
    address = url("history", demo_branch, member)

    def edit(times: int) -> None:
        for _ in range(times):
            fresh = Member.objects.get(pk=member.pk)
            services.member_update(member=fresh, expected_version=fresh.version, phone=f"09{fresh.version:08d}")

    edit(3)
    with_n = queries_for(client, address)
    edit(6)
    with_3n = queries_for(client, address)
    assert with_3n == with_n
    with django_assert_max_num_queries(20):
        client.get(address)
