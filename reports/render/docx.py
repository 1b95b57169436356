"""The self-review report as a Word document (python-docx), for branches that must edit it in Word.

Same content as the PDF, from the same `ReportData`, in the Union's format:
A4, margins 20/20/30/20 mm, 14 pt serif body justified with a first-line
indent, header parts in a borderless two-column table, page numbers from
page 2. The font is Times New Roman, the Union's font, which Word has;
LibreOffice shows it with the metric-compatible Liberation Serif, so lines
break in the same places as in the PDF.

What Word reads beyond the text (`docx_styles`): the language is Vietnamese
everywhere (or Word marks every word as a spelling error), the body and the
headings are named styles a secretary can change once for the whole document,
and the core properties say what the document is and who issues it.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from chidoan.lib.text import bind_last_words
from reports.render.docx_styles import BODY, BODY_PT, HEADING_1, HEADING_2, set_up_document
from reports.render.markup import Run, runs
from reports.self_review.data import ReportData, Section
from reports.self_review.wording import TARGETS_COLUMNS


def _borders(table: Table, *, lines: bool) -> None:
    """All the table's borders: thin black lines (the targets table) or none (the header and footer)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if lines else "nil")
        if lines:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _line(container: Any, text: str, *, size: int = BODY_PT, bold: bool = False, italic: bool = False) -> Any:
    """A centred line of its own: the header and footer parts."""
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return paragraph


def _body(document: Any, text: str, *, style: str = BODY, markup: bool = False) -> Any:
    """A paragraph in one of the named styles (the body, a heading), the narrative's emphasis when `markup`."""
    paragraph = document.add_paragraph(style=style)
    for piece in runs(text) if markup else [Run(text)]:
        run = paragraph.add_run(piece.text)
        if piece.bold:
            run.bold = True
        if piece.italic:
            run.italic = True
    return paragraph


def _sections(document: Any, sections: list[Section]) -> None:
    """The narrative: each section's heading (level 2, bold italics), then the Secretary's paragraphs."""
    for section in sections:
        _body(document, section.heading, style=HEADING_2)
        for paragraph in section.paragraphs:
            _body(document, paragraph, markup=True)


def _page_number_header(section: Any) -> None:
    """Page numbers from page 2: the first page has its own (empty) header."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def self_review_docx(data: ReportData) -> bytes:
    document = Document()
    set_up_document(document, data)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.header_distance = Mm(10)
    _page_number_header(section)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    _borders(header, lines=False)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(80), Mm(80)
    left.paragraphs[0].text = ""
    first = left.paragraphs[0]
    if data.upper_level_line:
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first.add_run(bind_last_words(data.upper_level_line)).font.size = Pt(14)
        _line(left, bind_last_words(data.issuing_body_line), bold=True)
    else:
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = first.add_run(bind_last_words(data.issuing_body_line))
        run.bold = True
    _line(left, "***")
    _line(left, data.number_line)
    union = right.paragraphs[0]
    union.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = union.add_run("ĐOÀN TNCS HỒ CHÍ MINH")
    run.bold, run.underline, run.font.size = True, WD_UNDERLINE.SINGLE, Pt(15)
    place = _line(right, data.place_date_line, italic=True)
    place.paragraph_format.space_before = Pt(12)

    title = _line(document, data.doc_type, size=16, bold=True)
    title.paragraph_format.space_before = Pt(20)
    for line in data.summary_lines:
        _line(document, line, bold=True)
    term_line = _line(document, data.term_line, bold=True)
    term_line.paragraph_format.space_before = Pt(14)
    term_line.paragraph_format.space_after = Pt(14)

    _body(document, data.opening)
    _body(document, data.committee_heading, style=HEADING_1)
    _body(document, data.committee_intro)
    for line in data.committee_lines:
        _body(document, line)
    _body(document, data.committee_changes)
    _body(document, data.resolution_heading, style=HEADING_1)
    _sections(document, data.resolution_sections)
    if data.include_targets_table:
        _body(document, data.targets_heading, style=HEADING_2)
        table = document.add_table(rows=1, cols=len(TARGETS_COLUMNS))
        _borders(table, lines=True)
        for cell, text in zip(table.rows[0].cells, TARGETS_COLUMNS, strict=True):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(13)
        for row in data.target_rows:
            cells = table.add_row().cells
            for i, text in enumerate([str(row.position), row.name, row.planned, row.result, row.outcome]):
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER
                cells[i].paragraphs[0].add_run(text).font.size = Pt(13)
    _body(document, data.leadership_heading, style=HEADING_1)
    _sections(document, data.leadership_sections)
    _body(document, data.closing)

    footer = document.add_table(rows=1, cols=2)
    footer.autofit = False
    _borders(footer, lines=False)
    recipients, signature = footer.rows[0].cells
    recipients.width, signature.width = Mm(80), Mm(80)
    if data.recipients:
        head = recipients.paragraphs[0]
        run = head.add_run("Nơi nhận:")
        run.bold, run.italic, run.font.size = True, True, Pt(12)
        for line in data.recipients:
            _line(recipients, f"- {line}", size=11).alignment = WD_ALIGN_PARAGRAPH.LEFT
    on_behalf = signature.paragraphs[0]
    on_behalf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = on_behalf.add_run(data.signer_on_behalf)
    run.bold = True
    _line(signature, data.signer_title, bold=True)
    for _blank in range(4):
        _line(signature, "")
    _line(signature, data.signer_name, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
