"""The self-review report's sentences (wording), its data (data, build), read in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest

from members.models import BranchRating, Member, RatingLevel
from reports.models import SelfReviewReport
from reports.self_review import wording
from reports.self_review.build import draft_narrative, report_data
from reports.self_review.data import ReportData
from terms.models import CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind
from tests.reports.factories import add_committee_seats, add_targets
from tests.reports.helpers import seed_lines

pytestmark = pytest.mark.django_db

D = datetime.date


def _seat(name: str, role: str, **kwargs) -> CommitteeSeat:
    family, *middle, given = name.split()
    member = Member(family_name=family, middle_name=" ".join(middle), given_name=given)
    defaults = {"started_on": D(2022, 3, 1), "start_kind": SeatStartKind.ELECTED, "position": 1}
    return CommitteeSeat(member=member, role=role, **{**defaults, **kwargs})


def test_the_elected_committee_is_listed_in_the_seeds_words(demo_term):
    data = report_data(demo_term)
    assert data.committee_intro == (
        "Đại hội Chi đoàn Sở Lao động – Thương binh và Xã hội, nhiệm kỳ 2022 – 2024 đã bầu ra Ban Chấp hành "
        "gồm 05 đồng chí."
    )
    assert data.committee_lines == [
        "- Đồng chí Lê Huỳnh Khắc Huy, Bí thư Chi đoàn.",
        "- Đồng chí Hoàng Phạm Phương Nhi, Phó Bí thư Chi đoàn.",
        "- Đồng chí Đặng Tuyết Hằng, Ủy viên.",
        "- Đồng chí Nguyễn Thị Tú Uyên, Ủy viên.",
        "- Đồng chí Đinh Thị Mai, Ủy viên.",
    ]


def test_the_change_during_the_term_names_who_left_and_why(demo_term):
    data = report_data(demo_term)
    assert data.committee_changes == (
        "Trong quá trình hoạt động của nhiệm kỳ, Ban Chấp hành Chi đoàn có sự thay đổi "
        "(đồng chí Nguyễn Thị Tú Uyên nghỉ việc)."
    )


def test_a_committee_without_changes_says_so():
    seats = [_seat("Lê Văn An", CommitteeRole.SECRETARY), _seat("Trần Thị Bình", CommitteeRole.DEPUTY)]
    assert wording.committee_changes_sentence(seats) == (
        "Trong quá trình hoạt động của nhiệm kỳ, Ban Chấp hành Chi đoàn không có sự thay đổi."
    )


def test_changes_are_listed_in_date_order_with_additions_and_role_changes():
    seats = [
        _seat("Lê Văn An", CommitteeRole.MEMBER, ended_on=D(2023, 5, 1), end_kind=SeatEndKind.LEFT, end_reason=""),
        _seat("Võ Minh Châu", CommitteeRole.MEMBER, started_on=D(2023, 6, 1), start_kind=SeatStartKind.ADDED),
        _seat("Trần Thị Bình", CommitteeRole.DEPUTY, started_on=D(2022, 9, 1), start_kind=SeatStartKind.ROLE_CHANGE),
    ]
    assert wording.committee_changes_sentence(seats) == (
        "Trong quá trình hoạt động của nhiệm kỳ, Ban Chấp hành Chi đoàn có sự thay đổi ("
        "đồng chí Trần Thị Bình chuyển sang làm Phó Bí thư Chi đoàn; "
        "đồng chí Lê Văn An thôi tham gia Ban Chấp hành; "
        "đồng chí Võ Minh Châu được bổ sung làm Ủy viên)."
    )


def test_the_yearly_ratings_make_the_seeds_sentence(demo_branch):
    ratings = list(BranchRating.objects.filter(branch=demo_branch))
    assert wording.ratings_sentence(ratings) == (
        "Ban Chấp hành Chi đoàn có sự cố gắng trong việc xây dựng Chi đoàn trở thành chi đoàn vững mạnh, "
        "02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ và đứng thứ hạng cao."
    )


def test_years_that_are_not_consecutive_are_not_called_consecutive():
    ratings = [
        BranchRating(year=2020, level=RatingLevel.GOOD),
        BranchRating(year=2022, level=RatingLevel.GOOD),
        BranchRating(year=2021, level=RatingLevel.COMPLETED),
    ]
    assert wording.ratings_sentence(ratings) == (
        "Ban Chấp hành Chi đoàn có sự cố gắng trong việc xây dựng Chi đoàn trở thành chi đoàn vững mạnh, "
        "02 năm 2020, 2022 hoàn thành tốt nhiệm vụ; năm 2021 hoàn thành nhiệm vụ."
    )


def test_the_target_not_achieved_makes_the_seeds_sentence_with_its_reason(demo_term):
    draft = draft_narrative(demo_term)
    expected = next(line for line in seed_lines() if line.startswith("Trong nhiệm kỳ, có 01 chỉ tiêu"))
    assert draft["shortcomings"] == expected


def test_the_draft_of_strengths_counts_the_targets_and_the_ratings(demo_term):
    draft = draft_narrative(demo_term)
    assert draft["strengths"].splitlines() == [
        "Trong nhiệm kỳ, Chi đoàn đạt và vượt 05/06 chỉ tiêu Nghị quyết Đại hội đề ra.",
        "Ban Chấp hành Chi đoàn có sự cố gắng trong việc xây dựng Chi đoàn trở thành chi đoàn vững mạnh, "
        "02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ và đứng thứ hạng cao.",
    ]


def test_the_closing_sentence_presents_the_report_to_the_next_terms_congress(demo_term):
    data = report_data(demo_term)
    assert data.closing == (
        "Trên đây là Báo cáo kiểm điểm của Ban Chấp hành Chi đoàn Sở Lao động – Thương binh và Xã hội nhiệm kỳ "
        "2022 – 2024 trình Đại hội Chi đoàn Sở Lao động – Thương binh và Xã hội nhiệm kỳ 2024 – 2027."
    )


def test_the_demo_report_is_complete(demo_term):
    assert report_data(demo_term).missing == []


def test_what_is_missing_is_listed(demo_term):
    report = demo_term.self_review_report
    report.deputy_role = ""
    report.recipients = ""
    report.save()
    demo_term.closing_congress.delete()
    missing = report_data(demo_term).missing
    assert "Chưa viết phần “2. Vai trò Phó Bí thư Chi đoàn”." in missing
    assert "Chưa ghi nơi nhận." in missing
    assert any("Chưa có Đại hội Chi đoàn" in item for item in missing)


def test_the_signer_is_the_secretary_on_the_date_of_issue(demo_term, demo_branch):
    huy = demo_term.seats.get(role=CommitteeRole.SECRETARY)
    huy.ended_on, huy.end_kind, huy.end_reason = D(2024, 6, 30), SeatEndKind.LEFT, "chuyển công tác"
    huy.save()
    nhi = Member.objects.get(branch=demo_branch, given_name="Nhi")
    CommitteeSeat.objects.filter(term=demo_term, member=nhi).update(ended_on=D(2024, 6, 30), end_kind="role_change")
    CommitteeSeat.objects.create(
        term=demo_term, member=nhi, role=CommitteeRole.SECRETARY, started_on=D(2024, 7, 1), start_kind="role_change"
    )
    assert report_data(demo_term, on=D(2024, 6, 1)).signer_name == "Lê Huỳnh Khắc Huy"
    assert report_data(demo_term, on=D(2024, 8, 20)).signer_name == "Hoàng Phạm Phương Nhi"


def test_the_targets_table_appears_only_when_switched_on(demo_term):
    assert report_data(demo_term).target_rows == []
    SelfReviewReport.objects.filter(term=demo_term).update(include_targets_table=True)
    rows = report_data(demo_term).target_rows
    admission = rows[0]
    assert (admission.name, admission.planned, admission.result, admission.outcome) == (
        "Kết nạp đoàn viên từ nguồn thanh niên của các Đơn vị trực thuộc",
        "5 đoàn viên",
        "2 đoàn viên",
        "Chưa đạt",
    )
    assert [row.outcome for row in rows].count("Chưa đạt") == 1


def test_the_report_data_round_trips_through_json(demo_term):
    data = report_data(demo_term)
    assert ReportData.from_json(data.to_json()) == data


def test_the_reports_data_costs_the_same_for_more_seats_and_targets(demo_term, assert_constant_queries):
    """Guards the N+1 over committee seats (their members) and targets (their progress entries)."""
    SelfReviewReport.objects.filter(term=demo_term).update(include_targets_table=True)

    def build(n: int):
        add_committee_seats(demo_term, n)
        add_targets(demo_term, n)
        return lambda: report_data(demo_term)

    assert_constant_queries(build, sizes=(2, 6))
    assert len(report_data(demo_term).target_rows) == 6 + 8
