"""The closed term's documents after the handover (issue 10): a corrected report is still issued,
signed by whoever held the Secretary's seat on the document's date."""

from __future__ import annotations

from datetime import date as D

from congress import services as congress_services
from reports import services
from tests.congress.helpers import demo_congress, run_whole_day


def test_a_corrected_report_after_the_handover_is_signed_by_whoever_held_the_seat_that_day(demo_term, roles):
    report = demo_term.self_review_report
    first = services.report_issue(report=report, by=roles.secretary, on=D(2024, 8, 20))
    congress = run_whole_day(demo_congress(demo_term.branch), secretary="Đinh Thị Mai", deputy="Bùi Ngọc Ánh")
    congress_services.congress_handover(congress=congress, by=roles.secretary)

    # Refused before: "Không có Bí thư Chi đoàn giữ chức vào ngày ký 20/08/2024".
    again = services.report_issue(report=report, by=None, on=congress.held_on)
    assert again.revision == first.revision + 1
    assert again.snapshot["signer_name"] == first.snapshot["signer_name"] == "Lê Huỳnh Khắc Huy"

    later = services.report_issue(report=report, by=None, on=D(2024, 9, 5))
    assert later.snapshot["signer_name"] == "Đinh Thị Mai"  # the new term's Secretary holds the seat then
