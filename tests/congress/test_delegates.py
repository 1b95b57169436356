"""Delegates to the upper level's congress (issue 10): the numbers set on the congress, elected by secret
ballot with the committee's counting rules, the alternates ranked by votes; through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress import selectors, services
from congress.models import CandidateSource, ElectedBy, ElectionKind, ElectionStatus
from tests.congress.helpers import by_name, count_by_name


def set_numbers(congress, *, delegates: int, alternates: int):
    branch = congress.branch
    branch.candidate_surplus_percent = 50  # a list of 3 for 2 seats (the default 30 % allows none for so few)
    branch.save()
    return services.congress_update(
        congress=congress, expected_version=congress.version, delegates_count=delegates, alternates_count=alternates
    )


def delegate_election(congress, kind, seats, *names):
    people = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=kind, seats=seats)
    for name in names:
        services.candidate_add(election=election, member=people[name], source=CandidateSource.FLOOR)
    return election


def names(rows):
    return [d.member.given_name for d in rows]


def test_a_congress_elects_no_delegates_until_its_number_is_set(sitting):
    assert sitting.delegates_count == 0 and sitting.alternates_count == 0
    assert not selectors.delegation(sitting).elects
    with pytest.raises(ValidationError, match="không bầu đại biểu chính thức"):
        services.election_create(congress=sitting, kind=ElectionKind.DELEGATE, seats=2)
    congress = set_numbers(sitting, delegates=2, alternates=1)
    with pytest.raises(ValidationError, match="Đại hội bầu 2 đại biểu chính thức"):
        services.election_create(congress=congress, kind=ElectionKind.DELEGATE, seats=3)
    election = services.election_create(congress=congress, kind=ElectionKind.DELEGATE, seats=2)
    assert election.elected_by == ElectedBy.CONGRESS
    assert election.title == "Bầu đại biểu chính thức dự Đại hội cấp trên"
    with pytest.raises(ValidationError, match="không đổi số lượng"):
        set_numbers(congress, delegates=3, alternates=1)


def test_the_delegates_are_those_over_half_with_the_most_votes(sitting):
    congress = set_numbers(sitting, delegates=2, alternates=0)
    election = delegate_election(
        congress, ElectionKind.DELEGATE, 2, "Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng"
    )
    present = selectors.quorum_of(congress).present
    count_by_name(
        services.election_open(election=election), issued=present, valid=present, Huy=present - 2, Nhi=present, Hằng=2
    )
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    delegates = selectors.delegation(congress).delegates
    assert names(delegates.members) == ["Nhi", "Huy"]  # by votes, most first
    assert [d.votes for d in delegates.members] == [present, present - 2]
    assert delegates.members[0].percent == "100,00" and delegates.vacant == 0


def test_the_alternates_are_ranked_by_votes_and_exclude_the_delegates(sitting):
    congress = set_numbers(sitting, delegates=1, alternates=3)
    delegates = delegate_election(congress, ElectionKind.DELEGATE, 1, "Lê Huỳnh Khắc Huy")
    present = selectors.quorum_of(congress).present
    count_by_name(services.election_open(election=delegates), issued=present, valid=present, Huy=present)
    alternates = services.election_create(congress=congress, kind=ElectionKind.ALTERNATE, seats=3)
    people = by_name(congress.branch)
    assert people["Lê Huỳnh Khắc Huy"] not in selectors.candidate_pool(congress, alternates)
    with pytest.raises(ValidationError, match="đã trúng cử đại biểu chính thức"):
        services.candidate_add(election=alternates, member=people["Lê Huỳnh Khắc Huy"], source=CandidateSource.FLOOR)
    for name in ["Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng", "Đinh Thị Mai"]:
        services.candidate_add(election=alternates, member=people[name], source=CandidateSource.FLOOR)
    count_by_name(
        services.election_open(election=alternates),
        issued=present,
        valid=present,
        Nhi=present - 3,
        Hằng=present,
        Mai=present - 1,
    )
    ranked = selectors.delegation(congress).alternates.members
    assert names(ranked) == ["Hằng", "Mai", "Nhi"]
    assert [d.rank for d in ranked] == [1, 2, 3]


def test_a_tie_at_the_cut_goes_to_a_second_round_and_its_winner_ranks_after(sitting):
    congress = set_numbers(sitting, delegates=1, alternates=2)
    present = selectors.quorum_of(congress).present
    alternates = delegate_election(
        congress, ElectionKind.ALTERNATE, 2, "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng", "Đinh Thị Mai"
    )
    # Hằng is elected; Nhi and Mai pass half with the same count for the one seat left: a second round.
    passing = present // 2 + 1
    count_by_name(
        services.election_open(election=alternates),
        issued=present,
        valid=present,
        Nhi=passing,
        Hằng=2 * present - 2 * passing,
        Mai=passing,
    )
    alternates.refresh_from_db()
    assert alternates.status == ElectionStatus.TIED
    assert names(selectors.delegation(congress).alternates.members) == ["Hằng"]
    second = services.next_round_open(election=alternates)
    assert second.seats == 1
    assert {c.candidate.member.given_name for c in second.counts.select_related("candidate__member")} == {"Nhi", "Mai"}
    count_by_name(second, issued=present, valid=present, Nhi=2, Mai=present - 2)
    alternates.refresh_from_db()
    assert alternates.status == ElectionStatus.DECIDED
    ranked = selectors.delegation(congress).alternates.members
    assert names(ranked) == ["Hằng", "Mai"]  # the second round's winner comes after the first round's
    assert [d.round_number for d in ranked] == [1, 2]


def test_an_undecided_delegate_election_holds_back_the_handover(sitting):
    congress = set_numbers(sitting, delegates=1, alternates=0)
    delegate_election(congress, ElectionKind.DELEGATE, 1, "Lê Huỳnh Khắc Huy")
    assert any("Đại biểu chính thức" in p for p in services.handover_problems(congress))


def test_the_numbers_are_set_on_the_edit_page_and_the_list_shows_on_the_congress_page(secretary_client, sitting):
    slug = sitting.branch.slug
    edit = reverse("congress:edit", kwargs={"slug": slug, "pk": sitting.pk})
    page = reverse("congress:detail", kwargs={"slug": slug, "pk": sitting.pk})
    assert "Không bầu" in secretary_client.get(page).content.decode()
    form = {
        "held_on": sitting.held_on.isoformat(),
        "starts_at": sitting.starts_at.strftime("%H:%M") if sitting.starts_at else "",
        "place": sitting.place,
        "new_term_number": sitting.new_term_number or "",
        "new_term_starts_on": sitting.new_term_starts_on.isoformat(),
        "new_term_ends_on": sitting.new_term_ends_on.isoformat(),
        "resolution_title": sitting.resolution_title,
        "version": sitting.version,
    }
    refused = secretary_client.post(edit, {**form, "delegates_count": "-1", "alternates_count": "1"})
    assert refused.status_code == 200 and "delegates_count" in refused.context["form"].errors
    sitting.refresh_from_db()
    assert sitting.delegates_count == 0
    secretary_client.post(edit, {**form, "delegates_count": "1", "alternates_count": "1"})
    sitting.refresh_from_db()
    assert (sitting.delegates_count, sitting.alternates_count) == (1, 1)
    election = delegate_election(sitting, ElectionKind.DELEGATE, 1, "Lê Huỳnh Khắc Huy")
    present = selectors.quorum_of(sitting).present
    count_by_name(services.election_open(election=election), issued=present, valid=present, Huy=present - 1)
    html = secretary_client.get(page).content.decode()
    assert "1 chính thức, 1 dự khuyết" in html
    assert f"Lê Huỳnh Khắc Huy – {present - 1} phiếu" in html
    assert "Chưa lập cuộc bầu." in html  # the alternates' election is not there yet


def test_the_delegation_list_document_names_each_delegate_with_votes(secretary_client, sitting):
    congress = set_numbers(sitting, delegates=1, alternates=2)
    present = selectors.quorum_of(congress).present
    delegates = delegate_election(congress, ElectionKind.DELEGATE, 1, "Lê Huỳnh Khắc Huy")
    count_by_name(services.election_open(election=delegates), issued=present, valid=present, Huy=present - 1)
    kwargs = {"slug": congress.branch.slug, "pk": congress.pk}
    draft = secretary_client.get(reverse("reports:congress_delegation", kwargs=kwargs)).content.decode()
    assert "DỰ THẢO" in draft  # the alternates are not elected yet
    alternates = delegate_election(congress, ElectionKind.ALTERNATE, 2, "Đặng Tuyết Hằng", "Đinh Thị Mai")
    count_by_name(services.election_open(election=alternates), issued=present, valid=present, Hằng=10, Mai=present)
    html = secretary_client.get(reverse("reports:congress_delegation", kwargs=kwargs)).content.decode()
    assert "DỰ THẢO" not in html
    assert "Đại biểu chính thức (số lượng được bầu: 01)" in html
    assert "Đại biểu dự khuyết (số lượng được bầu: 02)" in html
    assert html.index("Đinh Thị Mai") < html.index("Đặng Tuyết Hằng")  # alternates ranked by votes
    assert f"{present - 1:02d}" in html
    pdf = secretary_client.get(reverse("reports:congress_delegation_pdf", kwargs=kwargs))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = secretary_client.get(reverse("reports:congress_delegation_docx", kwargs=kwargs))
    text = docx_text(docx.content)
    assert "DANH SÁCH" in text and "DỰ THẢO" not in text
    assert text.index("Đinh Thị Mai") < text.index("Đặng Tuyết Hằng")
    assert "Lê Huỳnh Khắc Huy" in text and "TM. ĐOÀN CHỦ TỊCH" in text


def docx_text(content: bytes) -> str:
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)
