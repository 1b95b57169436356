"""The members pages as a user meets them: list, record, admission, edits, status changes, deletion, history."""

from __future__ import annotations

import datetime

import pytest

from chidoan.lib.dates import today as local_today
from members import selectors, services
from members.models import Member, MemberRating, MemberStatusChange, RatingLevel, StatusChangeKind
from terms.models import SeatEndKind
from tests.members.helpers import add_members, member_named, members_adder, url

# tests/test_dashboard.py imports these two from here (they now live in tests.members.helpers).
from tests.members.helpers import queries_for  # noqa: F401  # isort: skip
from tests.terms.factories import SeatFactory, TermFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def names_on_page(response) -> list[str]:
    return [row.member.full_name for row in response.context["rows"]]


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


def test_every_page_shows_the_rows_the_export_lists_in_the_same_order_with_their_status(client, roles, demo_branch):
    """The page is counted and paged on bare ids, then only its rows read: the same rows as the whole list."""
    added = add_members(demo_branch, 40)
    services.member_change_status(member=added[3], kind=StatusChangeKind.LEFT, on=D(2024, 5, 1), reason="nghỉ việc")
    client.force_login(roles.secretary)
    for params in ({}, {"status": ""}, {"status": "left"}, {"q": "nguyen"}, {"committee": "on"}):
        pages, shown, number = None, [], 1
        while pages is None or number <= pages:
            response = client.get(url("list", demo_branch), {**params, "page": number})
            pages = response.context["page"].paginator.num_pages
            shown += [(row.member.pk, row.status, row.committee_role) for row in response.context["rows"]]
            number += 1
        access = response.context["access"]
        filters = response.context["filters"]
        whole = selectors.member_list(branch=demo_branch, on=local_today(), seats=access.seats, filters=filters)
        expected = [(m.pk, selectors.status_of(m), getattr(m, "committee_role", None) or "") for m in whole]
        assert shown == expected, params
        assert response.context["page"].paginator.count == len(expected)
    left_rows = client.get(url("list", demo_branch), {"status": "", "q": added[3].given_name}).context["rows"]
    assert [row.status_label for row in left_rows] == ["Đã rời chi đoàn"]


def test_the_last_page_costs_the_same_queries_for_three_times_the_members(
    client, roles, demo_branch, assert_constant_queries
):
    """Guards the per-row status of the page: the last page (9999: past the end) is read like the first, by id."""
    client.force_login(roles.secretary)
    more_members = members_adder(demo_branch)

    def build(n: int) -> str:
        more_members(n)
        return url("list", demo_branch) + "?page=9999"

    assert_constant_queries(build, client=client, sizes=(30, 90))


def test_an_ordinary_member_cannot_open_the_list(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(url("list", demo_branch)).status_code == 403


def test_the_list_costs_the_same_queries_for_three_times_the_members(
    client, roles, demo_branch, assert_constant_queries
):
    """Guards the N+1 of reading each member's status and committee role row by row (they are subqueries).

    The search keeps only the members added here, so that both sizes stay on one page.
    """
    client.force_login(roles.secretary)
    more_members = members_adder(demo_branch)

    def build(n: int) -> str:
        more_members(n)
        return url("list", demo_branch) + "?status=&q=nguyen+van+thu"

    assert_constant_queries(build, client=client, sizes=(5, 15))


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


def test_the_record_costs_the_same_queries_for_three_times_its_history(
    client, roles, demo_branch, assert_constant_queries
):
    """Guards the N+1 of the committee seats on the record: each seat shows its term (prefetched with the seats).

    The status changes and ratings are one query each whatever their number (prefetched too).
    """
    member = add_members(demo_branch, 1)[0]
    client.force_login(roles.secretary)
    added = 0

    def build(n: int) -> str:
        nonlocal added
        for i in range(added, added + n):
            day = D(2023, 4, 1) + datetime.timedelta(days=2 * i)
            MemberStatusChange.objects.create(member=member, kind=StatusChangeKind.LEFT, on=day, reason="nghỉ việc")
            MemberStatusChange.objects.create(
                member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=day + datetime.timedelta(days=1)
            )
            MemberRating.objects.create(member=member, year=2000 + i, level=RatingLevel.GOOD)
            past_term = TermFactory(branch=demo_branch, starts_on=D(1950 + 3 * i, 1, 1), ends_on=D(1952 + 3 * i, 1, 1))
            SeatFactory(
                term=past_term,
                member=member,
                started_on=past_term.starts_on,
                ended_on=past_term.ends_on,
                end_kind=SeatEndKind.TERM_ENDED,
            )
        added += n
        return url("detail", demo_branch, member)

    assert_constant_queries(build, client=client, sizes=(2, 6))
    page = client.get(url("detail", demo_branch, member)).content.decode()
    assert page.count("1950 – 1952") == 1  # the seats are on the page: what the guard measured was drawn


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


def test_a_refused_edit_is_saved_on_the_second_try_over_the_new_version(client, roles, demo_branch):
    member = member_named("Khoa")
    opened = edit_data(member)
    services.member_update(member=Member.objects.get(pk=member.pk), expected_version=1, phone="0900 000 001")
    client.force_login(roles.deputy)
    refused = client.post(url("edit", demo_branch, member), {**opened, "workplace": "Phòng khác"})
    assert refused.context["form"].data["version"] == "2"  # the form moved to what is saved now
    response = client.post(url("edit", demo_branch, member), refused.context["form"].data)
    assert response.status_code == 302
    member.refresh_from_db()
    # The second save is the deputy's whole form, over the phone saved meanwhile: they saw it and chose.
    assert (member.phone, member.workplace, member.version) == ("", "Phòng khác", 3)


def test_an_edit_without_its_version_is_refused_and_nothing_saved(client, roles, demo_branch):
    member = member_named("Khoa")
    data = edit_data(member, phone="0912 345 678")
    del data["version"]
    client.force_login(roles.secretary)
    response = client.post(url("edit", demo_branch, member), data)
    assert response.status_code == 200
    assert "Biểu mẫu đã cũ hoặc không đầy đủ" in response.content.decode()
    member.refresh_from_db()
    assert (member.phone, member.version) == ("", 1)


def test_a_contact_saved_over_a_change_made_meanwhile_is_refused_and_shows_it(client, roles, demo_branch):
    own = member_named("Trang")
    opened = {"phone": "", "email": "", "address": "", "workplace": own.workplace, "version": own.version}
    services.member_update(member=Member.objects.get(pk=own.pk), expected_version=own.version, email="a@b.vn")
    client.force_login(roles.member)
    response = client.post(url("contact", demo_branch, own), {**opened, "phone": "0987 654 321"})
    assert response.status_code == 200
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("điện thoại", "", "0987 654 321"),
        ("email", "a@b.vn", ""),
    ]
    assert "vừa được người khác thay đổi" in response.content.decode()
    own.refresh_from_db()
    assert (own.phone, own.email) == ("", "a@b.vn")


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


def test_deleting_a_record_locks_a_login_that_had_only_that_record(client, roles, demo_branch, django_user_model):
    member = add_members(demo_branch, 1)[0]
    member.user = django_user_model.objects.create_user("thu000", password="x-demo-12345")
    member.save(update_fields=["user"])
    client.force_login(roles.secretary)
    client.post(url("delete", demo_branch, member))
    assert not django_user_model.objects.get(username="thu000").is_active


@pytest.mark.parametrize("kind", ["superuser", "staff", "officer"])
def test_deleting_a_record_leaves_a_login_with_rights_of_its_own_active(client, roles, demo_branch, kind):
    """Issue 9: deleting a member linked to an administrator's or officer's login must not lock them out."""
    from members.models import OrganisationOfficer

    target = {"superuser": roles.admin, "officer": roles.officer}.get(kind)
    if kind == "staff":
        target = type(roles.admin).objects.create_user("nhanvien", password="x-demo-12345", is_staff=True)
    member = add_members(demo_branch, 1)[0]
    Member.objects.filter(user=target).update(user=None)
    member.user = target
    member.save(update_fields=["user"])
    assert kind != "officer" or OrganisationOfficer.objects.filter(user=target).exists()
    client.force_login(roles.secretary)
    client.post(url("delete", demo_branch, member))
    assert not Member.objects.filter(pk=member.pk).exists()
    target.refresh_from_db()
    assert target.is_active


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


def test_the_history_costs_the_same_queries_for_three_times_the_versions(
    client, roles, demo_branch, assert_constant_queries
):
    """Guards the N+1 of loading each version's author (the Secretary's login and member) row by row."""
    member = member_named("Khoa")
    client.force_login(roles.secretary)

    def build(n: int) -> str:
        for _ in range(n):
            fresh = Member.objects.get(pk=member.pk)
            edited = edit_data(fresh, phone=f"09{fresh.version:08d}")
            assert client.post(url("edit", demo_branch, member), edited).status_code == 302
        return url("history", demo_branch, member)

    assert_constant_queries(build, client=client, sizes=(3, 9))
