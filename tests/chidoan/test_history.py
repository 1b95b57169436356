"""chidoan.lib.history: who changed what and when, field by field, newest first."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory

from chidoan.lib.history import HistorySource, history_entries, paginate_history
from members.models import Gender, Member, MemberStatusChange, Organisation
from tests.members.factories import MemberFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit(member: Member, by=None, **fields) -> None:
    for name, value in fields.items():
        setattr(member, name, value)
    member._history_user = by  # how simple_history learns the author outside a request
    member.version += 1
    member.save()


@pytest.fixture
def member() -> Member:
    return MemberFactory(
        family_name="Đặng",
        middle_name="Tuyết",
        given_name="Hằng",
        phone="",
        gender=Gender.FEMALE,
        date_of_birth=datetime.date(1996, 1, 22),
    )


def test_each_version_shows_its_author_and_the_fields_that_changed_newest_first(member):
    author = UserFactory(username="bithu_thu")
    MemberFactory(branch=member.branch, user=author, family_name="Lê", middle_name="Huỳnh Khắc", given_name="Huy")
    edit(member, by=author, phone="0901 000 001", is_party_member=True)
    edit(member, by=author, date_of_birth=datetime.date(1996, 2, 22), gender=Gender.OTHER)

    newest, middle, created = history_entries(HistorySource(member.history.all()))

    assert (newest.action_label, newest.who, newest.subject) == ("Sửa", "Lê Huỳnh Khắc Huy", "Đoàn viên")
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("ngày sinh", "22/01/1996", "22/02/1996"),
        ("giới tính", "Nữ", "Khác"),
    ]
    assert [(c.label, c.old, c.new) for c in middle.changes] == [
        ("điện thoại", "—", "0901 000 001"),
        ("đảng viên", "Không", "Có"),
    ]
    assert created.action_label == "Tạo mới" and created.who == "Hệ thống"
    assert ("họ", "—", "Đặng") in [(c.label, c.old, c.new) for c in created.changes]
    assert "điện thoại" not in [c.label for c in created.changes]  # empty at creation: not listed


def test_a_save_that_only_moves_the_version_is_left_out(member):
    edit(member)
    assert [e.action_label for e in history_entries(HistorySource(member.history.all()))] == ["Tạo mới"]


def test_a_foreign_key_shows_the_records_name_and_a_deleted_one_its_number(member):
    other = OrganisationFactory(name="Chi đoàn Phòng thử", short_name="Phòng thử")
    old_branch = member.branch
    edit(member, branch=other)
    (moved, _created) = history_entries(HistorySource(member.history.all()))
    assert [(c.label, c.old, c.new) for c in moved.changes] == [("chi đoàn", str(old_branch), "Chi đoàn Phòng thử")]

    gone_pk = other.pk
    edit(member, branch=old_branch)
    Organisation.objects.filter(pk=gone_pk).delete()
    back = history_entries(HistorySource(member.history.all()))[0]
    assert [(c.old, c.new) for c in back.changes] == [(f"(đã xóa, mã {gone_pk})", str(old_branch))]


def test_several_sources_are_merged_by_time_with_their_own_labels(member):
    MemberStatusChange.objects.create(member=member, kind="left", on=datetime.date(2024, 1, 1), reason="nghỉ việc")
    entries = history_entries(
        HistorySource(member.history.all()),
        HistorySource(MemberStatusChange.history.filter(member_id=member.pk), label=lambda r: f"Trạng thái {r.on:%Y}"),
    )
    assert [e.subject for e in entries][:1] == ["Trạng thái 2024"]
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)


def test_the_history_comes_twenty_a_page(member):
    for i in range(25):
        edit(member, phone=f"0901 000 {i:03d}")
    entries = history_entries(HistorySource(member.history.all()))
    page = paginate_history(RequestFactory().get("/", {"page": 2}), entries)
    assert (page.number, len(page.object_list), page.paginator.count) == (2, 6, 26)


def test_an_author_without_a_member_record_shows_their_login(member):
    edit(member, by=UserFactory(username="quantri"), phone="0901 000 001")
    assert history_entries(HistorySource(member.history.all()))[0].who == "quantri"


def test_the_query_count_does_not_grow_with_the_versions(member, assert_constant_queries):
    """Guards the N+1 of each version's author and of each foreign key's name (looked up in bulk)."""
    author = UserFactory(username="bithu_thu")
    MemberFactory(branch=member.branch, user=author)

    def build(n: int):
        for i in range(n):
            edit(member, by=author, phone=f"0901 {n:03d} {i:03d}", branch=OrganisationFactory())
        return lambda: history_entries(HistorySource(member.history.all()))

    assert assert_constant_queries(build, sizes=(3, 9)) == [2, 2]
