"""The Union's format, read back from the PDF itself: page, margins, fonts, header parts, page numbers."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from reports.render.self_review import self_review_pdf
from reports.self_review.build import report_data
from tests.reports.helpers import normalise

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pdf(demo_term) -> bytes:
    return self_review_pdf(report_data(demo_term))


def test_every_page_is_a4_portrait(demo_pdf):
    pages = PdfReader(io.BytesIO(demo_pdf)).pages
    assert len(pages) >= 2
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4[0], abs=0.5)
        assert height == pytest.approx(A4[1], abs=0.5)


def test_the_text_starts_at_30_mm_from_the_left(demo_pdf):
    lefts = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            lefts.append(tm[4] * cm[0] + cm[4])

    for page in PdfReader(io.BytesIO(demo_pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert min(lefts) == pytest.approx(30 * MM, abs=1)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) measures word boxes")
def test_justified_lines_end_at_190_mm_from_the_left(demo_pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(demo_pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    rights = [float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes)]
    lefts = [float(x) for x in re.findall(r'xMin="([0-9.]+)"', boxes)]
    assert max(rights) == pytest.approx(190 * MM, abs=1)
    assert min(lefts) == pytest.approx(30 * MM, abs=1)


def test_only_the_shipped_liberation_serif_is_embedded(demo_pdf):
    fonts = {}
    for page in PdfReader(io.BytesIO(demo_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"]).split("+", 1)[1]] = "/FontFile2" in descriptor
    # The family name no system font has: the @font-face rules loading static/fonts/LiberationSerif-*.ttf.
    assert set(fonts) <= {"Chidoan-Serif", "Chidoan-Serif-Bold", "Chidoan-Serif-Italic", "Chidoan-Serif-Bold-Italic"}
    assert {"Chidoan-Serif", "Chidoan-Serif-Bold"} <= set(fonts)
    assert all(fonts.values()), "every font is embedded"


def test_the_header_parts_are_on_page_1(demo_pdf):
    first = normalise(PdfReader(io.BytesIO(demo_pdf)).pages[0].extract_text())
    for part in [
        "ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
        "BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        "***",
        "Số:",
        "-BC/CĐ",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "Đồng Nai, ngày 20 tháng 8 năm 2024",
        "BÁO CÁO KIỂM ĐIỂM",
    ]:
        assert normalise(part) in first, part


def test_page_numbers_start_on_page_2(demo_pdf):
    pages = PdfReader(io.BytesIO(demo_pdf)).pages
    first_lines = [line.strip() for line in pages[0].extract_text().splitlines()]
    assert "1" not in first_lines
    for number, page in enumerate(pages[1:], start=2):
        assert str(number) in [line.strip() for line in page.extract_text().splitlines()]


def test_the_signature_block_names_the_secretary_on_the_last_page(demo_pdf):
    last = normalise(PdfReader(io.BytesIO(demo_pdf)).pages[-1].extract_text())
    assert normalise("TM. BAN CHẤP HÀNH BÍ THƯ Lê Huỳnh Khắc Huy") in last
    assert "Nơi nhận:" in last
