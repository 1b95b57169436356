"""The golden test: the demo branch's report reproduces the seed document word for word.

The PDF, the DOCX and the HTML preview are read back paragraph by paragraph; their
body (between the header and the footer, which are compared with the data) must be
the seed's sequence of lines, whole: nothing missing, nothing added, nothing moved.
Compared after Unicode NFC, whitespace folding, "–" and "-" alike, and with page
numbers removed; nothing else is normalised.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reports import services
from reports.render.docx import self_review_docx
from reports.render.self_review import self_review_html, self_review_pdf
from reports.self_review.build import report_data
from reports.self_review.data import ReportData
from reports.self_review.wording import NARRATIVE_SECTIONS
from tests.reports.helpers import (
    REPO_ROOT,
    docx_lines,
    html_lines,
    normalise,
    pdf_lines,
    pdf_text,
    shared_seed,
    versus_seed,
)

pytestmark = pytest.mark.django_db

# The seed's sentences the data can make: they must never be stored as text.
DATA_MADE = [
    "BÁO CÁO KIỂM ĐIỂM",
    "NHIỆM KỲ 2022 – 2024",
    "Thực hiện chức trách, quyền hạn được quy định trong Điều lệ Đoàn",
    "I. Tình hình Ban Chấp hành nhiệm kỳ 2022 – 2024",
    "đã bầu ra Ban Chấp hành gồm 05 đồng chí",
    "Đồng chí Lê Huỳnh Khắc Huy, Bí thư Chi đoàn.",
    "có sự thay đổi (đồng chí Nguyễn Thị Tú Uyên nghỉ việc)",
    "II. Kiểm điểm việc lãnh đạo",
    "III. Kiểm điểm việc lãnh đạo điều hành",
    "Trên đây là Báo cáo kiểm điểm",
]


def _pdf(data: ReportData) -> list[str]:
    return pdf_lines(self_review_pdf(data))


def _docx(data: ReportData) -> list[str]:
    return docx_lines(self_review_docx(data))


def _html(data: ReportData) -> list[str]:
    return html_lines(self_review_html(data, for_screen=True))


READERS: dict[str, Callable[[ReportData], list[str]]] = {"pdf": _pdf, "docx": _docx, "html": _html}


def test_the_seed_is_read_from_the_shared_folder_itself():
    """The seed is not copied into the repository; a copy, if one is ever added, must be the same bytes."""
    seed = shared_seed()
    assert seed.parent.parent.parent in REPO_ROOT.parents
    for copy in [*(REPO_ROOT / "tests").rglob(seed.name), *(REPO_ROOT / "tests" / "reports").glob("data/*")]:
        assert copy.read_bytes() == seed.read_bytes(), f"{copy} differs from {seed}"


@pytest.mark.parametrize("fmt", READERS)
def test_the_demo_document_is_the_seed_line_for_line(demo_term, fmt):
    data = report_data(demo_term)
    assert versus_seed(READERS[fmt](data), data) == []


@pytest.mark.parametrize("fmt", READERS)
def test_a_foreign_paragraph_added_to_the_report_fails_the_comparison(demo_term, fmt):
    report = demo_term.self_review_report
    strengths = report.strengths.splitlines()
    services.report_update(
        report=report,
        expected_version=report.version,
        strengths="\n".join([strengths[0], "Chi đoàn tổ chức thêm một hội thao.", *strengths[1:]]),
    )
    data = report_data(demo_term)
    assert versus_seed(READERS[fmt](data), data) == ["+Chi đoàn tổ chức thêm một hội thao."]


@pytest.mark.parametrize("fmt", READERS)
def test_a_line_removed_from_the_report_fails_the_comparison(demo_term, fmt):
    report = demo_term.self_review_report
    first, *rest = report.shortcomings.splitlines()
    services.report_update(report=report, expected_version=report.version, shortcomings="\n".join(rest))
    data = report_data(demo_term)
    assert versus_seed(READERS[fmt](data), data) == [f"-{normalise(first)}"]


def test_the_golden_comparison_notices_a_changed_word(demo_term):
    report = demo_term.self_review_report
    report.lessons = report.lessons.replace("then chốt", "quan trọng")
    report.save()
    data = report_data(demo_term)
    difference = versus_seed(_pdf(data), data)
    assert len(difference) == 2
    assert "then chốt" in difference[0] and difference[0].startswith("-")
    assert "quan trọng" in difference[1] and difference[1].startswith("+")


def test_the_stored_narrative_holds_none_of_the_sentences_the_data_makes(demo_term):
    report = demo_term.self_review_report
    stored = " ".join(getattr(report, key) for key, _heading in NARRATIVE_SECTIONS)
    assert [sentence for sentence in DATA_MADE if sentence in stored] == []


def test_the_title_opening_committee_and_closing_follow_the_data(demo_term):
    branch = demo_term.branch
    branch.short_name = "Sở Nội vụ"
    branch.save()
    huy = demo_term.seats.get(role="secretary").member
    huy.given_name = "Hùng"
    huy.save()
    text = pdf_text(self_review_pdf(report_data(demo_term)))
    assert normalise("HOẠT ĐỘNG CỦA BAN CHẤP HÀNH CHI ĐOÀN SỞ NỘI VỤ") in text
    assert normalise("Ban Chấp hành Chi đoàn Sở Nội vụ nhiệm kỳ 2022 – 2024 nghiêm túc tự phê bình") in text
    assert normalise("- Đồng chí Lê Huỳnh Khắc Hùng, Bí thư Chi đoàn.") in text
    assert normalise("trình Đại hội Chi đoàn Sở Nội vụ nhiệm kỳ 2024 – 2027.") in text
    assert "Sở Lao động" not in text.split("Ngay từ đầu nhiệm kỳ")[0]
