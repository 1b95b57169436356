"""The delegation list (danh sách đoàn đại biểu) as a Word document, with the PDF's content and frame.

It reuses the self-review report's Word parts (reports.render.docx, docx_styles): A4, margins
20/20/30/20 mm, Times New Roman 14 pt, the header in a borderless two-column table, Vietnamese
as the language, the table with thin black lines.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.shared import Mm, Pt

from reports.render.docx import _body, _borders, _line
from reports.render.docx_styles import BODY, BODY_PT, HEADING_1, _paragraph_style, _vietnamese, set_font

COLUMNS = ["TT", "Họ và tên", "Ngày sinh", "Số phiếu", "Tỷ lệ (%)"]
WIDTHS = [Mm(12), Mm(70), Mm(30), Mm(24), Mm(24)]


def _set_up(document: Any, title: str, author: str) -> None:
    normal = document.styles["Normal"]
    set_font(normal)
    normal.font.size = Pt(BODY_PT)
    _paragraph_style(document, BODY)
    _paragraph_style(document, HEADING_1, bold=True)
    document.styles[HEADING_1].paragraph_format.keep_with_next = True
    _vietnamese(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.comments = ""
    properties.created = properties.modified = timezone.now()


def _header(document: Any, context: dict[str, Any]) -> None:
    organisation = context["organisation"]
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    _borders(header, lines=False)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(80), Mm(80)
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if organisation["upper_level_line"]:
        first.add_run(organisation["upper_level_line"]).font.size = Pt(14)
        _line(left, organisation["issuing_body_line"], bold=True)
    else:
        first.add_run(organisation["issuing_body_line"]).bold = True
    _line(left, "***")
    union = right.paragraphs[0]
    union.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = union.add_run("ĐOÀN TNCS HỒ CHÍ MINH")
    run.bold, run.underline, run.font.size = True, WD_UNDERLINE.SINGLE, Pt(15)
    _line(right, context["place_date_line"], italic=True).paragraph_format.space_before = Pt(12)


def _table(document: Any, members: list[Any]) -> None:
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.autofit = False
    _borders(table, lines=True)
    for cell, text, width in zip(table.rows[0].cells, COLUMNS, WIDTHS, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(13)
    for d in members:
        born = f"{d.member.date_of_birth:%d/%m/%Y}" if d.member.date_of_birth else ""
        votes = f"{d.votes:02d}" + ("*" if d.round_number > 1 else "")
        cells = table.add_row().cells
        for i, (text, width) in enumerate(
            zip([str(d.rank), d.member.full_name, born, votes, d.percent], WIDTHS, strict=True)
        ):
            cells[i].width = width
            cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER
            cells[i].paragraphs[0].add_run(text).font.size = Pt(13)


def delegation_docx(context: dict[str, Any]) -> bytes:
    """The list from the context build.delegation made for the PDF."""
    record, delegation, upper = context["record"], context["delegation"], context["upper_congress"]
    branch, congress = context["branch"], context["congress"]
    document = Document()
    _set_up(document, f"Danh sách đại biểu dự {upper}", context["organisation"]["issuing_body_line"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    _header(document, context)

    title = _line(document, ("DỰ THẢO\n" if context["is_draft"] else "") + "DANH SÁCH", size=16, bold=True)
    title.paragraph_format.space_before = Pt(20)
    _line(document, "Đại biểu chính thức và đại biểu dự khuyết", bold=True)
    _line(document, f"dự {upper}", bold=True).paragraph_format.space_after = Pt(14)
    place = f" tại {congress.place}" if congress.place else ""
    _body(
        document,
        f"Căn cứ kết quả bầu cử tại Đại hội Chi đoàn {branch.short_name} nhiệm kỳ {record.term_label}, "
        f"họp {context['held_on_line']}{place}, bằng hình thức bỏ phiếu kín, Đoàn Chủ tịch Đại hội xác nhận "
        f"danh sách đại biểu dự {upper} như sau:",
    )
    shown = [(s, heading) for s, heading in delegation.sets if s.seats]
    for number, (chosen, heading) in zip(("I", "II"), shown, strict=False):
        _body(document, f"{number}. {heading} (số lượng được bầu: {chosen.seats:02d})", style=HEADING_1)
        if chosen.members:
            if chosen is delegation.alternates:
                _body(
                    document,
                    "Đại biểu dự khuyết xếp theo thứ tự số phiếu, thay thế đại biểu chính thức theo thứ tự này.",
                )
            _table(document, chosen.members)
            if chosen.from_later_rounds:
                _body(document, "* Trúng cử ở lần bỏ phiếu sau, xếp sau những người trúng cử ở lần trước.")
        else:
            _body(document, "Chưa có đại biểu trúng cử." if chosen.election else "Đại hội chưa bầu.")
        if chosen.vacant:
            _body(document, f"Còn {chosen.vacant:02d} vị trí chưa có người trúng cử.")
    if not delegation.elects:
        _body(document, "Đại hội không bầu đại biểu dự Đại hội cấp trên.")

    footer = document.add_table(rows=1, cols=2)
    footer.autofit = False
    _borders(footer, lines=False)
    recipients, signature = footer.rows[0].cells
    recipients.width, signature.width = Mm(80), Mm(80)
    head = recipients.paragraphs[0]
    run = head.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in context["recipients"]:
        _line(recipients, f"- {line}", size=11).alignment = WD_ALIGN_PARAGRAPH.LEFT
    on_behalf = signature.paragraphs[0]
    on_behalf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    on_behalf.add_run(context["signer_on_behalf"]).bold = True
    for _blank in range(4):
        _line(signature, "")
    _line(signature, context["signer_name"], bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
