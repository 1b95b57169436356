"""The documents' layout: the end kept with the last paragraph, header lines that never orphan a word, table columns."""

from __future__ import annotations

import io
import re
import unicodedata
from types import SimpleNamespace

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from chidoan.lib.text import NBSP, bind_last_words
from reports.congress_documents import build
from reports.congress_documents.data import congress_record
from reports.render.docx import self_review_docx
from reports.render.page import print_css, render_document_html, render_document_pdf
from reports.render.self_review import self_review_html
from reports.self_review.build import report_data
from tests.congress.helpers import demo_congress, run_whole_day

pytestmark = pytest.mark.django_db

LAST_WORDS = "thực hiện thắng lợi Nghị quyết này."


def _page_texts(pdf: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in pages]


def _targets(n: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            name=f"chỉ tiêu thử số {k} về công tác Đoàn và phong trào thanh niên", area="", planned_text="100%"
        )
        for k in range(1, n + 1)
    ]


@pytest.fixture
def resolution(demo_branch) -> build.Document:
    return build.resolution(congress_record(run_whole_day(demo_congress(demo_branch))))


def test_the_recipients_and_signature_stay_on_the_page_of_the_last_paragraph(resolution):
    """Targets added one by one push the end across a page break: the closing never stands alone on a page.

    With 17 targets and the old layout, "Nơi nhận" and the signature stood alone on page 3.
    """
    page_counts = set()
    for n in range(18, 22):
        pages = _page_texts(render_document_pdf(resolution.template, {**resolution.context, "targets": _targets(n)}))
        page_counts.add(len(pages))
        ending = next(k for k, text in enumerate(pages) if "Nơi nhận" in text)
        closing = [k for k, text in enumerate(pages) if LAST_WORDS in text]
        assert closing == [ending], f"{n} targets: the last paragraph ends on page {closing}, 'Nơi nhận' on {ending}"
        assert f"thử số {n} về" in pages[ending], f"{n} targets: the table's last row is not kept with the closing"
    assert len(page_counts) > 1, "no count of targets put the end across a page break"


def test_bind_last_words_joins_only_the_last_two_words():
    assert bind_last_words("BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI") == (
        f"BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ{NBSP}HỘI"
    )
    assert bind_last_words("ĐOÀN KHỐI CÁC CƠ QUAN TỈNH") == f"ĐOÀN KHỐI CÁC CƠ QUAN{NBSP}TỈNH"
    assert bind_last_words("TỈNH") == "TỈNH"
    assert bind_last_words("") == ""


def _header_divs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="(doc-upper-level|doc-issuing-body)">([^<]*)</div>', html))


def test_the_header_lines_never_leave_one_word_alone_in_the_html(resolution, demo_term):
    for html in (
        render_document_html(resolution.template, resolution.context),
        render_document_html(resolution.template, resolution.context, for_screen=True),
        self_review_html(report_data(demo_term)),
    ):
        lines = _header_divs(html)
        assert set(lines) == {"doc-upper-level", "doc-issuing-body"}
        for line in lines.values():
            head, last = line.rsplit(NBSP, 1)
            assert last and " " not in last and NBSP not in head, line


def test_the_docx_header_binds_the_last_two_words(demo_term):
    data = report_data(demo_term)
    header = DocxDocument(io.BytesIO(self_review_docx(data))).tables[0]
    upper, issuing = (p.text for p in header.rows[0].cells[0].paragraphs[:2])
    assert upper == "ĐOÀN KHỐI CÁC CƠ QUAN" + NBSP + "TỈNH"
    assert issuing.endswith("XÃ" + NBSP + "HỘI") and issuing.count(NBSP) == 1


def test_the_tt_column_is_narrow_in_every_congress_table(resolution):
    html = render_document_html(resolution.template, resolution.context)
    assert (
        '<colgroup><col class="doc-col-position"><col class="doc-col-target"><col class="doc-col-level"></colgroup>'
        in html
    )
    css = print_css("document")
    widths = {name: int(w) for name, w in re.findall(r"\.doc-col-([\w-]+) \{ width: (\d+)%; \}", css)}
    assert widths["position"] <= 8 < widths["target"]
    assert widths["position"] + widths["target"] + widths["level"] == 100
    assert widths["position"] + widths["target-voted"] + widths["level-voted"] + widths["vote"] == 100
    assert widths["position"] + widths["candidate"] + widths["votes"] + widths["share"] + widths["elected"] == 100
