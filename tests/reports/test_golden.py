"""The golden test: the demo branch's report reproduces the seed document word for word.

Compared after Unicode NFC, whitespace folding, "–" and "-" alike, and with
page numbers removed; nothing else is normalised.
"""

from __future__ import annotations

import pytest

from reports import documents, selectors
from reports import docx as docx_renderer
from reports.models import NARRATIVE_SECTIONS
from tests.reports.helpers import docx_text, missing_in_order, normalise, pdf_text, seed_lines

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


def test_the_demo_pdf_contains_every_line_of_the_seed_in_order(demo_term):
    pdf = documents.self_review_pdf(selectors.report_data(demo_term))
    assert missing_in_order(pdf_text(pdf), seed_lines()) == []


def test_the_demo_docx_contains_every_line_of_the_seed_in_order(demo_term):
    docx = docx_renderer.self_review_docx(selectors.report_data(demo_term))
    assert missing_in_order(docx_text(docx), seed_lines()) == []


def test_the_html_preview_contains_every_line_of_the_seed_in_order(demo_term):
    from django.utils.html import strip_tags

    html = documents.self_review_html(selectors.report_data(demo_term), for_screen=True)
    body = html.split("<body", 1)[1]
    assert missing_in_order(normalise(strip_tags(body).replace("&#x27;", "'")), seed_lines()) == []


def test_the_golden_comparison_notices_a_changed_word(demo_term):
    """The comparison is not vacuous: one changed word in the narrative is a failure."""
    report = demo_term.self_review_report
    report.lessons = report.lessons.replace("then chốt", "quan trọng")
    report.save()
    pdf = documents.self_review_pdf(selectors.report_data(demo_term))
    missing = missing_in_order(pdf_text(pdf), seed_lines())
    assert len(missing) == 1
    assert "then chốt" in missing[0]


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
    text = pdf_text(documents.self_review_pdf(selectors.report_data(demo_term)))
    assert normalise("HOẠT ĐỘNG CỦA BAN CHẤP HÀNH CHI ĐOÀN SỞ NỘI VỤ") in text
    assert normalise("Ban Chấp hành Chi đoàn Sở Nội vụ nhiệm kỳ 2022 – 2024 nghiêm túc tự phê bình") in text
    assert normalise("- Đồng chí Lê Huỳnh Khắc Hùng, Bí thư Chi đoàn.") in text
    assert normalise("trình Đại hội Chi đoàn Sở Nội vụ nhiệm kỳ 2024 – 2027.") in text
    assert "Sở Lao động" not in text.split("Ngay từ đầu nhiệm kỳ")[0]
