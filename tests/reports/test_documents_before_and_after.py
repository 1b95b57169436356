"""Documents before and after (issue 10): the minutes, a counting record and the resolution are marked
"DỰ THẢO" until the step they record has happened, and never print "00 đồng chí" or an empty table."""

from __future__ import annotations

import re

from django.urls import reverse

from congress import services
from congress.models import ElectionKind
from tests.congress.helpers import demo_congress, run_whole_day
from tests.reports.test_congress_documents import pdf_text, url

EMPTY_TABLE = re.compile(r"<tbody>\s*</tbody>")


def _html(client, name, congress, **kwargs) -> str:
    response = client.get(url(name, congress, **kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_before_the_day_every_document_is_a_draft_without_empty_counts_or_tables(client, roles, demo_branch):
    client.force_login(roles.secretary)
    congress = demo_congress(demo_branch)  # prepared: nobody summoned, no bodies, no candidates, no targets
    election = services.election_create(congress=congress, kind=ElectionKind.SECRETARY, seats=1)
    documents = {
        "minutes": _html(client, "congress_minutes", congress),
        "resolution": _html(client, "congress_resolution", congress),
        "counting record": _html(client, "counting_record", congress, election_pk=election.pk),
    }
    for name, html in documents.items():
        assert "DỰ THẢO" in html, name
        assert "00 đồng chí" not in html and "00/00" not in html, name
        assert not EMPTY_TABLE.search(html), name
    for fmt in ("congress_minutes_pdf", "congress_resolution_pdf"):
        text = pdf_text(client.get(url(fmt, congress)).content)
        assert text.count("DỰ THẢO") == 1 and "00 đồng chí" not in text
    page = client.get(reverse("congress:detail", kwargs={"slug": demo_branch.slug, "pk": congress.pk})).content.decode()
    assert "Biên bản Đại hội (dự thảo, đến khi xác nhận kết quả)" in page
    assert "Nghị quyết Đại hội (dự thảo, đến khi được thông qua)" in page


def test_after_the_handover_the_minutes_and_the_records_are_final(client, roles, demo_branch):
    client.force_login(roles.secretary)
    congress = run_whole_day(demo_congress(demo_branch))
    services.congress_handover(congress=congress, by=roles.secretary)
    assert "DỰ THẢO" not in _html(client, "congress_minutes", congress)
    assert "DỰ THẢO" not in _html(client, "congress_resolution", congress)
    for election in congress.elections.all():
        assert "DỰ THẢO" not in _html(client, "counting_record", congress, election_pk=election.pk)
