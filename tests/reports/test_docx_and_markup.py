"""The Word version's format, and the narrative's only markup (no HTML ever gets through)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from reports.render.docx import self_review_docx
from reports.render.markup import Run, paragraphs, plain, runs, to_html
from reports.self_review.build import report_data


@pytest.mark.django_db
def test_the_docx_is_a4_with_the_unions_margins_and_page_numbers_from_page_2(demo_term):
    document = Document(io.BytesIO(self_review_docx(report_data(demo_term))))
    section = document.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    measured += [section.left_margin, section.right_margin]
    # Word stores twentieths of a point: within 0.1 mm.
    assert [round(length.mm, 1) for length in measured] == [210, 297, 20, 20, 30, 20]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.django_db
def test_the_docx_keeps_the_narratives_emphasis(demo_term):
    report = demo_term.self_review_report
    report.lessons = "Giữ vững **đoàn kết** và *sáng tạo*."
    report.save()
    document = Document(io.BytesIO(self_review_docx(report_data(demo_term))))
    paragraph = next(p for p in document.paragraphs if p.text == "Giữ vững đoàn kết và sáng tạo.")
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs] == [
        ("Giữ vững ", False, False),
        ("đoàn kết", True, False),
        (" và ", False, False),
        ("sáng tạo", False, True),
        (".", False, False),
    ]


def test_each_non_empty_line_is_a_paragraph_in_nfc():
    assert paragraphs("Mô\u0323t  hai\n\n  ba \n") == ["Một hai", "ba"]


def test_bold_and_italic_are_the_only_emphasis():
    assert runs("a **b** *c* d") == [Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True), Run(" d")]
    assert plain("**Đậm** và *nghiêng*") == "Đậm và nghiêng"


def test_three_stars_are_bold_and_italic_as_the_editors_b_and_i_buttons_write_them():
    """B then I on the same words gives "***…***": both, not a bold word between two stray stars."""
    assert runs("***Đoàn kết*** là sức mạnh") == [Run("Đoàn kết", bold=True, italic=True), Run(" là sức mạnh")]
    assert to_html("***Đoàn kết***") == "<em><strong>Đoàn kết</strong></em>"
    assert plain("***Đoàn kết*** và **b** *c*") == "Đoàn kết và b c"


@pytest.mark.django_db
def test_the_docx_writes_three_stars_as_a_bold_italic_run(demo_term):
    report = demo_term.self_review_report
    report.lessons = "Giữ vững ***đoàn kết***."
    report.save()
    document = Document(io.BytesIO(self_review_docx(report_data(demo_term))))
    paragraph = next(p for p in document.paragraphs if p.text == "Giữ vững đoàn kết.")
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs] == [
        ("Giữ vững ", False, False),
        ("đoàn kết", True, True),
        (".", False, False),
    ]


def test_typed_html_is_escaped():
    assert to_html('<a href="x">**b**</a>') == "&lt;a href=&quot;x&quot;&gt;<strong>b</strong>&lt;/a&gt;"


def test_an_unclosed_star_stays_as_typed():
    assert to_html("5 * 3 = 15") == "5 * 3 = 15"
