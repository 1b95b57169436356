"""Sending an issued document up: the branch sends, the parent's editor officer acknowledges or returns it.

The demo branch sits under the demo bloc; `captren` reads the bloc, `bantochuc` edits the
whole demo province. A second province with its own editor officer checks that nobody sees
or decides anything outside their subtree.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import services as member_services
from members.models import ClosingKind, Organisation, OrganisationKind, OrganisationOfficer
from reports import services
from reports.models import DocumentKind, Submission, SubmissionStatus
from tests.members.factories import OrganisationFactory, ParentOrganisationFactory, UserFactory
from tests.reports.factories import IssuedDocumentFactory

pytestmark = pytest.mark.django_db

BLOC = "doan-khoi-cac-co-quan-tinh-mau"


@pytest.fixture
def bloc(db) -> Organisation:
    return Organisation.objects.get(slug=BLOC)


@pytest.fixture
def editor(db) -> User:
    return User.objects.get(username="bantochuc")


@pytest.fixture
def document(demo_term):
    return IssuedDocumentFactory(term=demo_term, number=41)


def received_url(organisation: Organisation) -> str:
    return reverse("received:list", kwargs={"slug": organisation.slug})


def decide_url(name: str, submission: Submission) -> str:
    return reverse(f"received:{name}", kwargs={"slug": submission.sent_to.slug, "pk": submission.pk})


def send_url(document) -> str:
    return reverse("reports:issued_send", kwargs={"slug": document.organisation.slug, "pk": document.pk})


# The services -------------------------------------------------------------------


def test_a_document_goes_to_the_parent_and_waits(document, roles, bloc):
    sent = services.submission_send(document=document, by=roles.secretary)
    assert (sent.sent_to, sent.status, sent.sent_by) == (bloc, SubmissionStatus.SENT, roles.secretary)
    assert sent.decided_at is None


def test_it_refuses_to_send_twice_while_waiting(document, roles):
    services.submission_send(document=document, by=roles.secretary)
    with pytest.raises(ValidationError, match="đang chờ cấp trên nhận"):
        services.submission_send(document=document, by=roles.deputy)
    assert Submission.objects.filter(document=document).count() == 1


def test_an_acknowledged_document_is_final_and_a_correction_is_sent_instead(document, demo_term, roles, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    services.submission_acknowledge(submission=sent, by=editor)
    with pytest.raises(ValidationError, match="ban hành bản đính chính"):
        services.submission_send(document=document, by=roles.secretary)
    correction = IssuedDocumentFactory(term=demo_term, number=42)
    assert services.submission_send(document=correction, by=roles.secretary).status == SubmissionStatus.SENT


def test_a_return_needs_a_comment_and_then_the_document_may_be_sent_again(document, roles, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    with pytest.raises(ValidationError, match="ghi rõ lý do"):
        services.submission_return(submission=sent, by=editor, comment="   ")
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.SENT
    services.submission_return(submission=sent, by=editor, comment="Thiếu  chữ ký")
    sent.refresh_from_db()
    assert (sent.status, sent.comment, sent.decided_by) == (SubmissionStatus.RETURNED, "Thiếu chữ ký", editor)
    again = services.submission_send(document=document, by=roles.secretary)
    assert again.pk != sent.pk and again.status == SubmissionStatus.SENT
    assert Submission.objects.get(pk=sent.pk).status == SubmissionStatus.RETURNED  # the returned sending is kept


def test_a_decided_sending_is_not_decided_again(document, roles, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    services.submission_acknowledge(submission=sent, by=editor)
    with pytest.raises(ValidationError, match="đã được xử lý"):
        services.submission_return(submission=sent, by=editor, comment="Muộn")


def test_every_step_is_kept_in_the_history(document, roles, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    services.submission_return(submission=sent, by=editor, comment="Sửa số liệu")
    steps = list(sent.history.order_by("history_date").values_list("status", flat=True))
    assert steps == [SubmissionStatus.SENT, SubmissionStatus.RETURNED]


def test_sending_never_changes_the_issued_document(document, roles, editor):
    before = (document.pdf_sha256, document.number, document.title)
    sent = services.submission_send(document=document, by=roles.secretary)
    services.submission_acknowledge(submission=sent, by=editor)
    document.refresh_from_db()
    assert (document.pdf_sha256, document.number, document.title) == before


def test_an_organisation_without_a_parent_sends_nowhere(demo_term, roles):
    top = Organisation.objects.get(slug="tinh-doan-mau")
    statistics = IssuedDocumentFactory(term=demo_term, organisation=top, kind=DocumentKind.RESOLUTION)
    with pytest.raises(ValidationError, match="không có cấp trên"):
        services.submission_send(document=statistics, by=roles.admin)


def test_a_document_of_any_kind_and_level_goes_up(demo_term, roles, bloc):
    """Not only a branch's self-review report: a bloc's document goes to the province."""
    document = IssuedDocumentFactory(term=demo_term, organisation=bloc, kind=DocumentKind.RESOLUTION)
    sent = services.submission_send(document=document, by=roles.admin)
    assert sent.sent_to.slug == "tinh-doan-mau"


# The branch side ----------------------------------------------------------------


def test_the_secretary_sends_from_the_documents_page_and_sees_the_status(client, roles, document, editor):
    client.force_login(roles.secretary)
    listing = reverse("reports:list", kwargs={"slug": document.organisation.slug})
    page = client.get(listing).content.decode()
    assert send_url(document) in page and "Gửi lên cấp trên" in page
    response = client.post(send_url(document), follow=True)
    assert response.redirect_chain[-1][0] == listing
    html = response.content.decode()
    assert "Đã gửi văn bản" in html and "Đã gửi lúc" in html
    assert send_url(document) not in html  # nothing to send while it waits
    sent = Submission.objects.get(document=document)
    services.submission_return(submission=sent, by=editor, comment="Thiếu phụ lục chỉ tiêu")
    html = client.get(listing).content.decode()
    assert "Cấp trên trả lại: Thiếu phụ lục chỉ tiêu" in html and "Gửi lại lên cấp trên" in html


def test_the_send_button_comes_back_to_the_report_page(client, roles, document, demo_term):
    client.force_login(roles.deputy)
    response = client.post(send_url(document), {"term": demo_term.slug})
    assert response.url == reverse(
        "reports:self_review", kwargs={"slug": demo_term.branch.slug, "term": demo_term.slug}
    )
    page = client.get(response.url).content.decode()
    assert "Đã gửi lúc" in page


def test_a_second_send_is_refused_with_a_message(client, roles, document):
    client.force_login(roles.secretary)
    client.post(send_url(document))
    response = client.post(send_url(document), follow=True)
    assert "đang chờ cấp trên nhận" in response.content.decode()
    assert Submission.objects.filter(document=document).count() == 1


def test_readers_of_the_branch_see_the_status_but_not_the_button(client, roles, document):
    services.submission_send(document=document, by=roles.secretary)
    listing = reverse("reports:list", kwargs={"slug": document.organisation.slug})
    for user in (roles.committee, roles.member, roles.officer):
        client.force_login(user)
        page = client.get(listing).content.decode()
        assert "Đã gửi lúc" in page and "Gửi lên cấp trên" not in page
        assert client.post(send_url(document)).status_code == 403


def test_sending_is_a_post(client, roles, document):
    client.force_login(roles.secretary)
    assert client.get(send_url(document)).status_code == 405


def test_a_closed_branch_sends_nothing(client, roles, document):
    branch = document.organisation
    member_services.organisation_close(
        organisation=branch, expected_version=branch.version, on=datetime.date(2025, 3, 1), kind=ClosingKind.DISSOLVED
    )
    client.force_login(roles.secretary)
    assert client.post(send_url(document)).status_code == 403
    assert not Submission.objects.exists()


# The receiving side -------------------------------------------------------------


def test_the_editor_officer_sees_what_each_branch_sent_and_acknowledges_it(client, roles, document, editor, bloc):
    sent = services.submission_send(document=document, by=roles.secretary)
    client.force_login(editor)
    page = client.get(received_url(bloc))
    rows = {row.organisation.slug: row for row in page.context["rows"]}
    assert rows[document.organisation.slug].submissions == [sent]
    assert rows["so-y-te-mau"].submissions == []  # every organisation below is listed, sent or not
    html = page.content.decode()
    assert document.number_text in html and "Chưa gửi văn bản nào." in html
    response = client.post(decide_url("acknowledge", sent), {"comment": ""}, follow=True)
    assert "Đã ghi nhận văn bản" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.status, sent.decided_by) == (SubmissionStatus.ACKNOWLEDGED, editor)
    client.force_login(roles.secretary)
    listing = reverse("reports:list", kwargs={"slug": document.organisation.slug})
    assert "Cấp trên đã nhận" in client.get(listing).content.decode()


def test_returning_without_a_comment_is_explained_next_to_the_field(client, roles, document, editor, bloc):
    sent = services.submission_send(document=document, by=roles.secretary)
    client.force_login(editor)
    response = client.post(decide_url("return", sent), {"comment": " "})
    assert response.status_code == 400
    assert "ghi rõ lý do" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.SENT
    response = client.post(decide_url("return", sent), {"comment": "Thiếu chữ ký Bí thư"}, follow=True)
    assert "Đã trả lại văn bản" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.status, sent.comment) == (SubmissionStatus.RETURNED, "Thiếu chữ ký Bí thư")


def test_the_officer_downloads_the_document_as_issued(client, roles, document, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    client.force_login(roles.officer)
    url = reverse("received:download", kwargs={"slug": BLOC, "pk": sent.pk, "fmt": "pdf"})
    response = client.get(url)
    assert response.status_code == 200 and response.content == bytes(document.pdf)


def test_the_read_only_officer_sees_but_cannot_decide(client, roles, document, bloc):
    sent = services.submission_send(document=document, by=roles.secretary)
    client.force_login(roles.officer)
    page = client.get(received_url(bloc))
    assert page.status_code == 200 and document.number_text in page.content.decode()
    assert decide_url("acknowledge", sent) not in page.content.decode()
    assert client.post(decide_url("acknowledge", sent)).status_code == 403
    assert client.post(decide_url("return", sent), {"comment": "Không"}).status_code == 403
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.SENT


def test_branch_roles_cannot_open_their_parents_received_page(client, roles, bloc, document):
    sent = services.submission_send(document=document, by=roles.secretary)
    for user in (roles.secretary, roles.member, roles.outsider):
        client.force_login(user)
        assert client.get(received_url(bloc)).status_code == 404
        assert client.post(decide_url("acknowledge", sent)).status_code == 404


def test_deciding_is_a_post(client, roles, document, editor):
    sent = services.submission_send(document=document, by=roles.secretary)
    client.force_login(editor)
    assert client.get(decide_url("acknowledge", sent)).status_code == 405
    assert client.get(decide_url("return", sent)).status_code == 405


def test_an_officer_of_a_second_province_sees_and_decides_nothing_here(client, roles, document, bloc, editor):
    other_province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE, name="Tỉnh Đoàn khác")
    other_branch = OrganisationFactory(parent=other_province)
    other_editor = UserFactory()
    OrganisationOfficer.objects.create(user=other_editor, organisation=other_province, can_edit=True)
    ours = services.submission_send(document=document, by=roles.secretary)
    theirs = services.submission_send(
        document=IssuedDocumentFactory(term=document.term, organisation=other_branch), by=other_editor
    )
    client.force_login(other_editor)
    assert client.get(received_url(bloc)).status_code == 404
    assert client.post(decide_url("acknowledge", ours)).status_code == 404
    assert client.get(received_url(other_province)).status_code == 200
    # ... and ours sees nothing of theirs, even under our own slug.
    client.force_login(editor)
    assert client.get(received_url(other_province)).status_code == 404
    assert client.post(decide_url("acknowledge", theirs)).status_code == 404
    foreign = reverse("received:acknowledge", kwargs={"slug": BLOC, "pk": theirs.pk})
    assert client.post(foreign).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SubmissionStatus.SENT


def test_the_organisation_page_and_the_start_page_link_to_the_received_page(client, editor, bloc):
    client.force_login(editor)
    detail = client.get(reverse("organisations:detail", kwargs={"slug": bloc.slug})).content.decode()
    assert received_url(bloc) in detail
    start = client.get(reverse("home"), {"to-chuc": bloc.slug}).content.decode()
    assert received_url(bloc) in start


def test_the_received_page_costs_the_same_queries_at_n_and_3n(client, roles, editor, bloc, demo_term, assert_constant_queries):  # fmt: skip
    """Prevents an N+1 per sending (its document, sender, who sent and decided) or per organisation below."""
    made = 0

    def build(n: int) -> str:
        nonlocal made
        for _ in range(n - made):
            branch = OrganisationFactory(parent=bloc)
            first = services.submission_send(
                document=IssuedDocumentFactory(term=demo_term, organisation=branch), by=roles.admin
            )
            services.submission_return(submission=first, by=editor, comment="Sửa")
            services.submission_send(document=IssuedDocumentFactory(term=demo_term, organisation=branch), by=editor)
        made = n
        return received_url(bloc)

    client.force_login(editor)
    assert_constant_queries(build, client=client, sizes=(3, 9))


def test_the_documents_page_costs_the_same_queries_with_more_sendings(client, roles, demo_term, editor, assert_constant_queries):  # fmt: skip
    """Prevents a query per issued document for its latest sending (prefetched once)."""
    made = 0

    def build(n: int) -> str:
        nonlocal made
        for _ in range(n - made):
            sent = services.submission_send(document=IssuedDocumentFactory(term=demo_term), by=roles.secretary)
            services.submission_return(submission=sent, by=editor, comment="Sửa")
        made = n
        return reverse("reports:list", kwargs={"slug": demo_term.branch.slug})

    client.force_login(roles.secretary)
    assert_constant_queries(build, client=client, sizes=(3, 9))
