"""The congress documents, each one view taking the format: HTML (inline) or PDF (download).

Every branch role may read the minutes, the resolution and the counting records;
only those who run the congress (`can_edit`) print ballot papers. Objects are
looked up through the branch's congresses.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from congress import selectors as congress_selectors
from congress.models import Congress
from reports import selectors
from reports.congress_documents import build
from reports.congress_documents.build import Document
from reports.congress_documents.data import congress_record
from reports.render.page import render_document
from reports.views.common import document_response


def _congress(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> Congress:
    access = get_branch_for_user(request, slug, write=write)
    return get_object_or_404(congress_selectors.congresses_for(access.branch), pk=pk)


def _respond(document: Document, fmt: str) -> HttpResponse:
    return document_response(render_document(document.template, document.context, fmt=fmt), stem=document.stem, fmt=fmt)


@login_required
@require_GET
def minutes(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    return _respond(build.minutes(congress_record(_congress(request, slug, pk))), fmt)


@login_required
@require_GET
def resolution(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    return _respond(build.resolution(congress_record(_congress(request, slug, pk))), fmt)


@login_required
@require_GET
def counting_record(request: HttpRequest, slug: str, pk: int, election_pk: int, fmt: str) -> HttpResponse:
    record = congress_record(_congress(request, slug, pk))
    election = next((e for e in record.elections if e.election.pk == election_pk), None)
    if election is None:
        raise Http404
    return _respond(build.counting_record(record, election), fmt)


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
