"""The congress documents, each one view taking the format: HTML (inline) or PDF (download).

The HTML of the minutes, the resolution and the counting records is a page of the site: its
menu, a way back to the congress, the PDF download, and the document's sheet inside (paper on a
wide screen, reflowed on a phone). The ballot papers stay a page of their own, made to be printed.

Every branch role may read the minutes, the resolution and the counting records;
only those who run the congress (`can_edit`) print ballot papers. Objects are
looked up through the branch's congresses.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from congress import selectors as congress_selectors
from congress.models import Congress
from reports import selectors
from reports.congress_documents import build
from reports.congress_documents.build import Document
from reports.congress_documents.data import congress_record
from reports.congress_documents.docx import delegation_docx
from reports.render.page import render_document, render_document_sheet
from reports.views.common import document_response


def _congress(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> Congress:
    access = get_branch_for_user(request, slug, write=write, closed_terms=True)
    congress = get_object_or_404(congress_selectors.congresses_for(access.branch), pk=pk)
    if not access.sees_term(congress.closes_term_id):
        raise Http404  # a former committee member reads the congress that closed their term only
    return congress


def _respond(document: Document, fmt: str) -> HttpResponse:
    return document_response(render_document(document.template, document.context, fmt=fmt), stem=document.stem, fmt=fmt)


def _page(
    request: HttpRequest, document: Document, congress: Congress, *, pdf: str, fmt: str, **kwargs: int
) -> HttpResponse:
    """HTML: the document inside the site's page; PDF: the file."""
    if fmt != "html":
        return _respond(document, fmt)
    slug = congress.closes_term.branch.slug
    response = render(
        request,
        "reports/document_page.html",
        {
            "branch": congress.closes_term.branch,
            "congress": congress,
            "title": document.context["title"],
            "sheet": render_document_sheet(document.template, document.context),
            "back_url": reverse("congress:detail", args=[slug, congress.pk]),
            "downloads": [("PDF", reverse(f"reports:{pdf}", kwargs={"slug": slug, "pk": congress.pk, **kwargs}))],
        },
    )
    response["Content-Disposition"] = f'inline; filename="{document.stem}.html"'
    return response


@login_required
@require_GET
def minutes(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    congress = _congress(request, slug, pk)
    return _page(request, build.minutes(congress_record(congress)), congress, pdf="congress_minutes_pdf", fmt=fmt)


@login_required
@require_GET
def resolution(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    congress = _congress(request, slug, pk)
    return _page(request, build.resolution(congress_record(congress)), congress, pdf="congress_resolution_pdf", fmt=fmt)


@login_required
@require_GET
def delegation(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The delegates to the upper level's congress: HTML, PDF or DOCX."""
    congress = _congress(request, slug, pk)
    document = build.delegation(congress_record(congress))
    if fmt == "docx":
        return document_response(delegation_docx(document.context), stem=document.stem, fmt=fmt)
    return _page(request, document, congress, pdf="congress_delegation_pdf", fmt=fmt)


@login_required
@require_GET
def counting_record(request: HttpRequest, slug: str, pk: int, election_pk: int, fmt: str) -> HttpResponse:
    congress = _congress(request, slug, pk)
    record = congress_record(congress)
    election = next((e for e in record.elections if e.election.pk == election_pk), None)
    if election is None:
        raise Http404
    document = build.counting_record(record, election)
    return _page(request, document, congress, pdf="counting_record_pdf", fmt=fmt, election_pk=election_pk)


@login_required
@require_GET
def ballots(request: HttpRequest, slug: str, pk: int, election_pk: int, fmt: str) -> HttpResponse:
    """The papers of the round named by ?lan=1 or 2, else of the latest round."""
    congress = _congress(request, slug, pk, write=True)
    election = get_object_or_404(congress.elections, pk=election_pk)
    rnd = selectors.ballot_round(election=election, number=request.GET.get("lan"))
    if rnd is None:
        raise Http404
    return _respond(build.ballots(congress_record(congress), election, rnd, per_sheet=settings.BALLOTS_PER_SHEET), fmt)
