"""The self-review report as an HTML page and a PDF, from its `ReportData`."""

from __future__ import annotations

from reports.markup import to_html
from reports.rendering import html_to_pdf, render_document_html
from reports.selectors import ReportData

__all__ = ["html_to_pdf", "self_review_context", "self_review_html", "self_review_pdf"]

TEMPLATE = "reports/self_review_document.html"


def self_review_context(data: ReportData) -> dict:
    def sections(items):
        return [{"key": s.key, "heading": s.heading, "paragraphs": [to_html(p) for p in s.paragraphs]} for s in items]

    return {
        "data": data,
        "organisation": {"upper_level_line": data.upper_level_line, "issuing_body_line": data.issuing_body_line},
        "number_line": data.number_line,
        "place_date_line": data.place_date_line,
        "signer_on_behalf": data.signer_on_behalf,
        "signer_title": data.signer_title,
        "signer_name": data.signer_name,
        "recipients": data.recipients,
        "resolution_sections": sections(data.resolution_sections),
        "leadership_sections": sections(data.leadership_sections),
    }


def self_review_html(data: ReportData, *, for_screen: bool = False) -> str:
    return render_document_html(TEMPLATE, self_review_context(data), for_screen=for_screen)


def self_review_pdf(data: ReportData) -> bytes:
    return html_to_pdf(self_review_html(data))
