"""The congress documents as HTML (inline) and PDF (download): minutes, counting records,
the resolution, the ballot papers.

Every branch role may read the congress documents; only those who run the congress
(`can_edit`) print ballot papers. Objects are looked up through the branch's congress.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from chidoan.lib.access import get_branch_for_user
from congress import services
from congress.models import BallotRound, Congress
from reports import congress_documents as docs

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _congress(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> Congress:
    access = get_branch_for_user(request, slug, write=write)
    return get_object_or_404(services.congresses_for(access.branch), pk=pk)


def _respond(content: bytes | str, *, stem: str, pdf: bool) -> HttpResponse:
    fmt = "pdf" if pdf else "html"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if pdf else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{fmt}"'
    return response


def _minutes(request: HttpRequest, slug: str, pk: int, *, pdf: bool) -> HttpResponse:
    congress = _congress(request, slug, pk)
    record = docs.congress_record(congress)
    content = docs.render(docs.MINUTES_TEMPLATE, docs.minutes_context(record), pdf=pdf)
    return _respond(content, stem=f"bien-ban-dai-hoi-{congress.new_term_slug}", pdf=pdf)


def _resolution(request: HttpRequest, slug: str, pk: int, *, pdf: bool) -> HttpResponse:
    congress = _congress(request, slug, pk)
    record = docs.congress_record(congress)
    content = docs.render(docs.RESOLUTION_TEMPLATE, docs.resolution_context(record), pdf=pdf)
    return _respond(content, stem=f"nghi-quyet-dai-hoi-{congress.new_term_slug}", pdf=pdf)


def _counting_record(request: HttpRequest, slug: str, pk: int, election_pk: int, *, pdf: bool) -> HttpResponse:
    congress = _congress(request, slug, pk)
    record = docs.congress_record(congress)
    election = next((e for e in record.elections if e.election.pk == election_pk), None)
    if election is None:
        raise Http404
    content = docs.render(docs.RECORD_TEMPLATE, docs.counting_record_context(record, election), pdf=pdf)
    return _respond(content, stem=f"bien-ban-kiem-phieu-{election.election.kind}-{congress.new_term_slug}", pdf=pdf)


def _ballots(request: HttpRequest, slug: str, pk: int, election_pk: int, *, pdf: bool) -> HttpResponse:
    congress = _congress(request, slug, pk, write=True)
    election = get_object_or_404(congress.elections, pk=election_pk)
    rounds = BallotRound.objects.filter(election=election).order_by("-number")
    number = request.GET.get("lan")
    rnd = rounds.filter(number=number).first() if number in ("1", "2") else rounds.first()
    if rnd is None:
        raise Http404
    record = docs.congress_record(congress)
    content = docs.render(docs.BALLOTS_TEMPLATE, docs.ballots_context(record, election, rnd), pdf=pdf)
    return _respond(content, stem=f"phieu-bau-{election.kind}-lan-{rnd.number}", pdf=pdf)


@login_required
@require_GET
def congress_minutes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _minutes(request, slug, pk, pdf=False)


@login_required
@require_GET
def congress_minutes_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _minutes(request, slug, pk, pdf=True)


@login_required
@require_GET
def congress_resolution(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _resolution(request, slug, pk, pdf=False)


@login_required
@require_GET
def congress_resolution_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _resolution(request, slug, pk, pdf=True)


@login_required
@require_GET
def counting_record(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    return _counting_record(request, slug, pk, election_pk, pdf=False)


@login_required
@require_GET
def counting_record_pdf(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    return _counting_record(request, slug, pk, election_pk, pdf=True)


@login_required
@require_GET
def ballots(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    return _ballots(request, slug, pk, election_pk, pdf=False)


@login_required
@require_GET
def ballots_pdf(request: HttpRequest, slug: str, pk: int, election_pk: int) -> HttpResponse:
    return _ballots(request, slug, pk, election_pk, pdf=True)
