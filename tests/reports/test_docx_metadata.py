"""What Word reads from the DOCX beyond its text: the language, the named styles, the core properties."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from chidoan.lib.text import NBSP
from reports.render.docx import self_review_docx
from reports.self_review.build import report_data


@pytest.fixture
def demo_docx(demo_term) -> bytes:
    return self_review_docx(report_data(demo_term))


def _languages(xml: str) -> list[str]:
    return re.findall(r'<w:lang\b[^>]*\bw:val="([^"]*)"', xml)


@pytest.mark.django_db
def test_word_reads_the_document_as_vietnamese(demo_docx):
    document = Document(io.BytesIO(demo_docx))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    for name in ("Normal", "Body Text", "Heading 1", "Heading 2", "Header", "Default Paragraph Font", "Strong"):
        lang = document.styles[name].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "vi-VN", name
    with zipfile.ZipFile(io.BytesIO(demo_docx)) as package:
        for part in ("word/styles.xml", "word/document.xml", "word/settings.xml"):
            xml = package.read(part).decode()
            assert "en-US" not in xml, part
        assert set(_languages(package.read("word/styles.xml").decode())) == {"vi-VN"}
        assert 'w:themeFontLang w:val="vi-VN"' in package.read("word/settings.xml").decode()
    assert document.core_properties.language == "vi-VN"


@pytest.mark.django_db
def test_the_core_properties_name_the_report_and_the_issuing_body(demo_docx):
    properties = Document(io.BytesIO(demo_docx)).core_properties
    assert properties.title == (
        "BÁO CÁO KIỂM ĐIỂM HOẠT ĐỘNG CỦA BAN CHẤP HÀNH CHI ĐOÀN "
        "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI NHIỆM KỲ 2022 – 2024"
    )
    assert properties.subject.startswith("Báo cáo kiểm điểm của Ban Chấp hành Chi đoàn Sở Lao động")
    assert properties.author == "BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert "python-docx" not in " ".join(
        [properties.author, properties.last_modified_by, properties.comments, properties.title]
    )
    assert properties.created.year >= 2024


@pytest.mark.django_db
def test_each_heading_level_and_the_body_have_their_own_named_style(demo_term, demo_docx):
    data = report_data(demo_term)
    document = Document(io.BytesIO(demo_docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == [data.committee_heading, data.resolution_heading, data.leadership_heading]
    sections = [s.heading for s in data.resolution_sections]
    sections += [data.targets_heading] if data.include_targets_table else []
    sections += [s.heading for s in data.leadership_sections]
    assert by_style["Heading 2"] == sections
    assert by_style["Body Text"][0] == data.opening
    assert data.closing in by_style["Body Text"]
    # No heading or body paragraph carries its own formatting: the style does it.
    for paragraph in document.paragraphs:
        if paragraph.style.name in ("Heading 1", "Heading 2", "Body Text"):
            assert paragraph.paragraph_format.line_spacing is None
            assert paragraph.paragraph_format.first_line_indent is None


@pytest.mark.django_db
def test_the_body_style_spaces_lines_as_the_pdf_does(demo_docx):
    """1.15 × 14 pt = 16.1 pt, the PDF's line-height; Word's "Multiple 1.15" would give 18.5 pt."""
    styles = Document(io.BytesIO(demo_docx)).styles
    for name in ("Body Text", "Heading 1", "Heading 2"):
        style = styles[name]
        fmt = style.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY, name
        assert round(fmt.line_spacing.pt, 1) == 16.1, name
        assert round(fmt.first_line_indent.mm) == 10, name
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, name
        assert style.font.name == "Times New Roman", name
        assert style.font.size.pt == 14, name
        assert style.font.color.rgb is None, name  # black, not the template's blue
    assert styles["Heading 1"].font.bold and not styles["Heading 1"].font.italic
    assert styles["Heading 2"].font.bold and styles["Heading 2"].font.italic
    assert not styles["Body Text"].font.bold


@pytest.mark.django_db
def test_the_header_block_keeps_its_centred_lines_in_the_normal_style(demo_term, demo_docx):
    data = report_data(demo_term)
    header = Document(io.BytesIO(demo_docx)).tables[0]
    left, right = (cell.paragraphs for cell in header.rows[0].cells)
    # the header lines' last two words are bound by a non-breaking space (tests/reports/test_document_layout.py)
    assert [p.text.replace(NBSP, " ") for p in left] == [
        data.upper_level_line,
        data.issuing_body_line,
        "***",
        data.number_line,
    ]
    assert right[0].text == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert right[0].runs[0].bold and right[0].runs[0].font.size.pt == 15
    assert all(p.style.name == "Normal" and p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in left)
