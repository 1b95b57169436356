"""load_demo: the seed's branch, its term and committee, and the logins; a second run changes nothing.

The demo is loaded once per test database (tests/conftest.py); these tests read it.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from members.demo import DEMO_PASSWORD, LOGINS
from members.models import Member, OrganisationKind, RatingLevel
from terms.models import CommitteeRole, Outcome, SeatEndKind, SeatStartKind, Target
from tests.shared import seed_text

pytestmark = pytest.mark.django_db

D = datetime.date


def test_it_creates_the_branch_of_the_seed(demo_branch):
    assert demo_branch.name == "Chi đoàn Sở Lao động – Thương binh và Xã hội"
    assert demo_branch.short_name == "Sở Lao động – Thương binh và Xã hội"
    assert demo_branch.kind == OrganisationKind.BRANCH
    assert demo_branch.issuing_body_line == "BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert demo_branch.parent.kind == OrganisationKind.BLOC


def test_it_creates_the_term_2022_2024(demo_branch, demo_term):
    assert demo_term.label == "2022 – 2024"
    assert demo_term.slug == "2022-2024"
    assert demo_branch.terms.count() == 1


def seed() -> str:
    return unicodedata.normalize("NFC", seed_text())


# How the seed writes each role of the committee ("- Đồng chí Đặng Tuyết Hằng, Ủy viên.").
SEED_ROLE = {CommitteeRole.SECRETARY: "Bí thư Chi đoàn", CommitteeRole.DEPUTY: "Phó Bí thư Chi đoàn"}


def test_it_elects_the_committee_in_the_seeds_order(demo_term):
    elected = re.findall(r"^- Đồng chí (.+), (.+)\.\s*$", seed(), flags=re.MULTILINE)
    assert f"Ban Chấp hành gồm {len(elected):02d} đồng chí." in seed()
    seats = demo_term.seats.select_related("member").order_by("position")
    assert [(s.member.full_name, SEED_ROLE.get(s.role, "Ủy viên")) for s in seats] == elected
    assert {s.start_kind for s in seats} == {SeatStartKind.ELECTED}
    assert {s.started_on for s in seats} == {demo_term.starts_on}


def test_a_member_leaves_the_committee_for_the_seeds_reason(demo_term):
    name, reason = re.search(r"có sự thay đổi \(đồng chí (.+?) (nghỉ việc)\)", seed()).groups()
    (seat,) = [s for s in demo_term.seats.select_related("member") if s.member.full_name == name]
    assert (seat.end_kind, seat.end_reason) == (SeatEndKind.LEFT, reason)
    assert seat.ended_on is not None and demo_term.covers(seat.ended_on)
    assert demo_term.seats.held_on(seat.ended_on + datetime.timedelta(days=1)).count() == 4
    assert demo_term.seats.filter(ended_on__isnull=True).count() == 4


def test_the_branch_is_rated_excellent_in_the_seeds_two_years(demo_branch):
    years = re.search(r"02 năm liên tiếp (\d{4}), (\d{4}) hoàn thành xuất sắc nhiệm vụ", seed()).groups()
    ratings = {r.year: r.get_level_display() for r in demo_branch.ratings.all()}
    assert ratings == {int(year): "Hoàn thành xuất sắc nhiệm vụ" for year in years}
    assert set(demo_branch.ratings.values_list("level", flat=True)) == {RatingLevel.EXCELLENT}


def test_the_admission_target_is_not_achieved_for_the_seeds_reason(demo_term):
    target = Target.objects.prefetch_related("progress_entries").get(
        resolution__term=demo_term, name="kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc"
    )
    assert target.outcome_on(demo_term.ends_on + datetime.timedelta(days=1)) == Outcome.NOT_ACHIEVED
    assert target.reason_behind() == seed_reason_for(target.name)


def seed_reason_for(target_name: str) -> str:
    """The seed's own words: "… có 01 chỉ tiêu <name> chưa đạt do <reason>." (the shared file, not a copy)."""
    found = re.search(rf"chỉ tiêu {re.escape(target_name)} chưa đạt do (.+?)\.\s*$", seed(), flags=re.MULTILINE)
    assert found, f"the seed gives no reason for {target_name!r}"
    return found.group(1)


def test_the_seeds_reason_is_read_from_the_seed_itself():
    reason = seed_reason_for("kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc")
    assert reason.startswith("Sở có tuyển dụng viên chức nhưng đa phần không còn tuổi đoàn")
    assert reason.endswith("trong công tác vận động, thuyết phục")


def test_only_the_admission_target_is_not_achieved(demo_term):
    """The seed reports exactly 01 target not achieved."""
    after = demo_term.ends_on + datetime.timedelta(days=1)
    targets = Target.objects.filter(resolution__term=demo_term).prefetch_related("progress_entries")
    assert [t.name for t in targets if t.outcome_on(after) == Outcome.NOT_ACHIEVED] == [
        "kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc"
    ]


def test_it_plans_the_congress_for_2024_2027(demo_term):
    congress = demo_term.closing_congress
    assert congress.new_term_label == "2024 – 2027"
    assert congress.held_on >= demo_term.ends_on - datetime.timedelta(days=30)


def test_it_creates_the_seven_logins(demo_branch):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[name for name, _ in LOGINS])}
    assert set(users) == {"admin", "bithu", "phobithu", "uyvien", "doanvien", "captren", "bantochuc"}
    assert all(u.check_password(DEMO_PASSWORD) for u in users.values())
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not any(u.is_staff for name, u in users.items() if name != "admin")
    linked = {
        m.user.username: m.full_name for m in Member.objects.filter(user__username__in=users).select_related("user")
    }
    assert linked == {
        "bithu": "Lê Huỳnh Khắc Huy",
        "phobithu": "Hoàng Phạm Phương Nhi",
        "uyvien": "Đặng Tuyết Hằng",
        "doanvien": "Phạm Thị Thu Trang",
    }
    captren = users["captren"].officer_grants.get()
    assert (captren.organisation, captren.can_edit) == (demo_branch.parent, False)
    # bantochuc: an editor at the province level, above the bloc.
    bantochuc = users["bantochuc"].officer_grants.get()
    assert (bantochuc.organisation, bantochuc.can_edit) == (demo_branch.parent.parent, True)


def test_the_branch_has_enough_active_members_for_a_committee_of_five(demo_branch, demo_term):
    active = Member.objects.filter(branch=demo_branch).active_on(demo_term.starts_on).count()
    assert active >= demo_branch.small_branch_threshold


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_changes_nothing():
    before = row_counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert row_counts() == before
    assert "không thay đổi gì" in out.getvalue()
    assert "bithu" in out.getvalue()
