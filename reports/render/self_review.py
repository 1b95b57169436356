"""The self-review report as an HTML page, a PDF and a Word file, all from its `ReportData`."""

from __future__ import annotations

from typing import Any

from reports.render.docx import self_review_docx
from reports.render.markup import to_html
from reports.render.page import html_to_pdf, render_document_html, render_document_sheet
from reports.self_review.data import ReportData, Section
from reports.self_review.wording import TARGETS_COLUMNS

TEMPLATE = "reports/self_review_document.html"
FORMATS = ("html", "pdf", "docx")


def _sections(items: list[Section]) -> list[dict[str, Any]]:
    return [{"key": s.key, "heading": s.heading, "paragraphs": [to_html(p) for p in s.paragraphs]} for s in items]


def self_review_context(data: ReportData) -> dict[str, Any]:
    return {
        "data": data,
        "organisation": {"upper_level_line": data.upper_level_line, "issuing_body_line": data.issuing_body_line},
        "number_line": data.number_line,
        "place_date_line": data.place_date_line,
        "signer_on_behalf": data.signer_on_behalf,
        "signer_title": data.signer_title,
        "signer_name": data.signer_name,
        "recipients": data.recipients,
        "resolution_sections": _sections(data.resolution_sections),
        "leadership_sections": _sections(data.leadership_sections),
        "targets_columns": TARGETS_COLUMNS,
    }


def self_review_html(data: ReportData, *, for_screen: bool = False) -> str:
    return render_document_html(TEMPLATE, self_review_context(data), for_screen=for_screen)


def self_review_sheet(data: ReportData) -> str:
    """The report's sheet inside the report's page: what a phone shows, reflowed, instead of a shrunk A4."""
    return render_document_sheet(TEMPLATE, self_review_context(data))


def self_review_pdf(data: ReportData) -> bytes:
    return html_to_pdf(self_review_html(data))


def self_review_file(data: ReportData, fmt: str) -> bytes:
    """The report in `fmt` as written to a file: the print variant of the HTML, the PDF or the DOCX."""
    if fmt == "pdf":
        return self_review_pdf(data)
    if fmt == "docx":
        return self_review_docx(data)
    if fmt == "html":
        return self_review_html(data).encode()
    raise ValueError(f"the self-review report is {', '.join(FORMATS)}, not {fmt!r}")
