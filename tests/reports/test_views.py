"""The report pages as each role sees them: read, edit, download, issue."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports import services
from reports.models import IssuedDocument, SelfReviewReport
from reports.self_review.build import report_data
from terms.models import Term
from tests.reports.factories import IssuedDocumentFactory, add_committee_seats, add_targets, grow_term
from tests.reports.helpers import html_lines, pdf_lines, versus_seed

pytestmark = pytest.mark.django_db

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
TERM = "2022-2024"
D = datetime.date


def url(name: str, **kwargs) -> str:
    if name != "list" and "pk" not in kwargs:
        kwargs.setdefault("term", TERM)
    return reverse(f"reports:{name}", kwargs={"slug": SLUG, **kwargs})


def form_data(report: SelfReviewReport, **changes) -> dict:
    data = {
        "version": report.version,
        "strengths": report.strengths,
        "shortcomings": report.shortcomings,
        "secretary_role": report.secretary_role,
        "deputy_role": report.deputy_role,
        "members_role": report.members_role,
        "lessons": report.lessons,
        "recipients": report.recipients,
    }
    if report.include_targets_table:
        data["include_targets_table"] = "on"
    data.update(changes)
    return data


# Who reads the report (and the documents list) and who opens the editor: 404 for what one may not see.
READ_AND_EDIT = {
    "secretary": (200, 200),
    "deputy": (200, 200),
    "committee": (200, 403),
    "member": (200, 403),
    "officer": (200, 403),
    "admin": (200, 200),
    "outsider": (404, 404),
}


@pytest.mark.parametrize("who", READ_AND_EDIT)
def test_every_branch_role_reads_the_report_and_outsiders_do_not_see_it(client, roles, who):
    client.force_login(getattr(roles, who))
    status = READ_AND_EDIT[who][0]
    assert client.get(url("self_review")).status_code == status
    assert client.get(url("list")).status_code == status


@pytest.mark.parametrize("who", READ_AND_EDIT)
def test_only_editors_open_the_editor(client, roles, who):
    client.force_login(getattr(roles, who))
    assert client.get(url("self_review_edit")).status_code == READ_AND_EDIT[who][1]


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(url("self_review"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_unknown_term_is_not_found(client, roles):
    client.force_login(roles.secretary)
    assert client.get(url("self_review", term="2019-2021")).status_code == 404
    assert client.get(url("self_review_pdf", term="khong-co")).status_code == 404


@pytest.mark.parametrize("term", ["0-0", "2022-10000", "0000-2024", "9999999999-1"])
@pytest.mark.parametrize("name", ["self_review", "self_review_pdf", "self_review_docx", "self_review_edit"])
def test_a_term_with_an_impossible_year_is_not_found_rather_than_a_server_error(client, roles, name, term):
    """These answered 500 (ValueError: year 0 is out of range) to any member of the branch."""
    client.force_login(roles.secretary)
    assert client.get(url(name, term=term)).status_code == 404
    assert client.post(url("self_review_issue", term=term)).status_code == 404


def frame_src_of(page: str) -> str:
    """The address the page's preview frame loads, as the browser reads the attribute."""
    from html.parser import HTMLParser

    found = []

    class Frames(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                found.append(dict(attrs).get("src", ""))

    Frames().feed(page)
    assert len(found) == 1
    return found[0]


def preview_of(client) -> str:
    return client.get(url("self_review_preview")).content.decode()


def test_the_preview_in_the_page_shows_the_seed_document(client, roles, demo_term):
    client.force_login(roles.member)
    src = frame_src_of(client.get(url("self_review")).content.decode())
    assert src == url("self_review_preview")
    document = client.get(src).content.decode()
    assert document.startswith("<!doctype html>")
    assert versus_seed(html_lines(document), report_data(demo_term)) == []


def test_the_secretary_saves_a_paragraph_and_sees_it(client, roles, demo_term):
    client.force_login(roles.secretary)
    report = demo_term.self_review_report
    response = client.post(
        url("self_review_edit"),
        form_data(report, lessons=report.lessons + "\nĐoàn kết là sức mạnh.", include_targets_table="on"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("self_review_edit")
    assert frame_src_of(response.content.decode()) == url("self_review_preview")
    report.refresh_from_db()
    assert report.lessons.endswith("\nĐoàn kết là sức mạnh.")
    assert report.include_targets_table is True
    assert "Đoàn kết là sức mạnh." in preview_of(client)


def test_the_editor_previews_the_typed_text_without_saving_it(client, roles, demo_term):
    """ "Xem trước cả văn bản" posts the form to the preview frame: the whole document as typed, nothing saved."""
    client.force_login(roles.secretary)
    report = demo_term.self_review_report
    before = (report.version, report.lessons, report.include_targets_table)
    typed = form_data(report, lessons="Chỉ xem trước, chưa lưu.", include_targets_table="on", version="")
    response = client.post(url("self_review_preview"), typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chỉ xem trước, chưa lưu." in page
    assert 'class="doc-table"' in page  # the targets table, ticked in the form only
    report.refresh_from_db()
    assert (report.version, report.lessons, report.include_targets_table) == before
    saved = preview_of(client)
    assert "Chỉ xem trước, chưa lưu." not in saved
    assert 'class="doc-table"' not in saved


def test_a_reader_sees_the_saved_preview_but_cannot_preview_typed_text(client, roles):
    client.force_login(roles.member)
    assert client.get(url("self_review_preview")).status_code == 200
    assert client.post(url("self_review_preview"), {"lessons": "Không được."}).status_code == 403


def test_typed_html_is_shown_as_text_and_simple_emphasis_is_kept(client, roles, demo_term):
    client.force_login(roles.secretary)
    report = demo_term.self_review_report
    client.post(url("self_review_edit"), form_data(report, lessons="<b>Không</b> in đậm, **in đậm** và *nghiêng*."))
    report.refresh_from_db()
    assert report.lessons == "<b>Không</b> in đậm, **in đậm** và *nghiêng*."
    preview = preview_of(client)
    assert "&lt;b&gt;Không&lt;/b&gt; in đậm, <strong>in đậm</strong> và <em>nghiêng</em>." in preview


def test_a_save_over_someone_elses_save_is_refused_and_shows_what_changed(client, roles, demo_term):
    client.force_login(roles.secretary)
    report = demo_term.self_review_report
    stale = form_data(report, lessons="Bản cũ.")
    services.report_update(report=report, expected_version=report.version, lessons="Bản của Phó Bí thư.")
    response = client.post(url("self_review_edit"), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác thay đổi" in page
    assert "Trong lúc bạn sửa, bản ghi đã được lưu bởi người khác." in page
    assert [(c.label, c.saved, c.typed) for c in response.context["changed"]] == [
        ("Bài học kinh nghiệm", "Bản của Phó Bí thư.", "Bản cũ.")
    ]
    assert "Bản của Phó Bí thư." in preview_of(client)
    report.refresh_from_db()
    assert report.lessons == "Bản của Phó Bí thư."
    # The form now carries the new version: saving again is a deliberate overwrite.
    again = client.post(url("self_review_edit"), {**stale, "version": response.context["form"].data["version"]})
    assert again.status_code == 302
    report.refresh_from_db()
    assert report.lessons == "Bản cũ."


@pytest.mark.parametrize("version", [None, "", "0", "abc"])
def test_a_save_without_the_version_it_was_opened_on_is_refused(client, roles, demo_term, version):
    """A missing version used to mean "whatever is saved now" (0): a blind overwrite."""
    client.force_login(roles.secretary)
    report = demo_term.self_review_report
    data = form_data(report, lessons="Ghi đè không kiểm tra.")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = client.post(url("self_review_edit"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    report.refresh_from_db()
    assert "Ghi đè không kiểm tra." not in report.lessons


def test_version_0_no_longer_means_whatever_is_saved_now(client, roles, demo_term):
    """A form opened before the report existed posted version 0, which skipped the check."""
    SelfReviewReport.objects.filter(term=demo_term).delete()
    client.force_login(roles.secretary)
    data = form_data(SelfReviewReport(term=demo_term, lessons="Ghi đè không kiểm tra."), version=0)
    response = client.post(url("self_review_edit"), data)
    assert response.status_code == 200
    assert response.context["changed"] is not None
    assert SelfReviewReport.objects.get(term=demo_term).lessons == ""


def test_the_editor_of_a_term_without_a_report_stores_the_draft_and_opens_on_its_version(client, roles, demo_term):
    SelfReviewReport.objects.filter(term=demo_term).delete()
    client.force_login(roles.secretary)
    response = client.get(url("self_review_edit"))
    report = SelfReviewReport.objects.get(term=demo_term)
    assert report.shortcomings.startswith("Trong nhiệm kỳ, có 01 chỉ tiêu")
    assert "Báo cáo vừa được bắt đầu" in response.content.decode()
    form = response.context["form"]
    assert form.initial["version"] == report.version
    assert form.initial["shortcomings"] == report.shortcomings
    assert "Báo cáo vừa được bắt đầu" not in client.get(url("self_review_edit")).content.decode()
    data = {**form.initial, "lessons": "Bài học đầu tiên."}
    client.post(url("self_review_edit"), {k: v for k, v in data.items() if v is not None}, follow=True)
    report.refresh_from_db()
    assert report.lessons == "Bài học đầu tiên."
    assert report.shortcomings.startswith("Trong nhiệm kỳ, có 01 chỉ tiêu")
    assert report.version == 2


def test_the_draft_pdf_and_docx_download_with_readable_names(client, roles, demo_term):
    client.force_login(roles.member)
    pdf = client.get(url("self_review_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="bao-cao-kiem-diem-2022-2024.pdf"'
    assert versus_seed(pdf_lines(pdf.content), report_data(demo_term)) == []
    docx = client.get(url("self_review_docx"))
    assert docx["Content-Disposition"] == 'attachment; filename="bao-cao-kiem-diem-2022-2024.docx"'
    assert docx.content[:2] == b"PK"


def test_issuing_is_a_post(client, roles):
    client.force_login(roles.secretary)
    assert client.get(url("self_review_issue")).status_code == 405


def test_the_secretary_issues_the_report_and_every_member_downloads_it_as_stored(client, roles, demo_term):
    client.force_login(roles.secretary)
    response = client.post(url("self_review_issue"), {"issued_on": "2024-08-20"}, follow=True)
    assert response.redirect_chain[-1][0] == url("self_review")
    assert "Đã ban hành báo cáo, số 01-BC/CĐ ngày 20/08/2024." in response.content.decode()
    issued = IssuedDocument.objects.get(report__term=demo_term)
    client.force_login(roles.member)
    download = client.get(url("issued_download", pk=issued.pk, fmt="pdf"))
    assert download.content == bytes(issued.pdf)
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-kiem-diem-2022-2024.pdf"'
    assert download["ETag"] == f'"{issued.pdf_sha256}"'
    assert client.get(url("issued_download", pk=issued.pk, fmt="docx")).content == bytes(issued.docx)
    assert client.get(url("issued_download", pk=issued.pk, fmt="exe")).status_code == 404
    assert "01-BC/CĐ" in client.get(url("list")).content.decode()


@pytest.mark.parametrize("who", ["committee", "member", "officer"])
def test_only_editors_issue(client, roles, who):
    client.force_login(getattr(roles, who))
    assert client.post(url("self_review_issue"), {"issued_on": "2024-08-20"}).status_code == 403
    assert not IssuedDocument.objects.exists()


def test_an_incomplete_report_is_not_issued_and_the_page_says_what_is_missing(client, roles, demo_term):
    SelfReviewReport.objects.filter(term=demo_term).update(lessons="")
    client.force_login(roles.secretary)
    response = client.post(url("self_review_issue"), {"issued_on": "2024-08-20"}, follow=True)
    assert "Chưa viết phần “4. Một số bài học kinh nghiệm”." in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_an_issued_document_of_another_branch_is_not_found(client, roles, demo_term):
    issued = services.report_issue(report=demo_term.self_review_report, by=roles.secretary, on=D(2024, 8, 20))
    client.force_login(roles.outsider)
    assert client.get(url("issued_download", pk=issued.pk, fmt="pdf")).status_code == 404
    other = reverse("reports:issued_download", kwargs={"slug": "so-y-te-mau", "pk": issued.pk, "fmt": "pdf"})
    assert client.get(other).status_code == 404


def test_a_tampered_issued_document_is_never_served(client, roles, demo_term):
    issued = services.report_issue(report=demo_term.self_review_report, by=roles.secretary, on=D(2024, 8, 20))
    IssuedDocument.objects.filter(pk=issued.pk).update(pdf=b"%PDF-1.7 altered")
    client.raise_request_exception = False
    client.force_login(roles.member)
    assert client.get(url("issued_download", pk=issued.pk, fmt="pdf")).status_code == 500


def test_the_report_page_costs_the_same_for_more_seats_targets_and_issued_versions(
    client, roles, demo_term, assert_constant_queries
):
    """Guards the N+1 over the committee's seats (their members), the targets (their progress entries)
    and the issued versions (who issued each: the table names them)."""
    SelfReviewReport.objects.filter(term=demo_term).update(include_targets_table=True)
    client.force_login(roles.secretary)

    def build(n: int) -> str:
        grow_term(demo_term, n)
        return url("self_review")

    assert_constant_queries(build, client=client, sizes=(2, 6))


def test_the_pdf_download_costs_the_same_for_more_seats_and_targets(client, roles, demo_term, assert_constant_queries):
    """Guards the N+1 over the committee's members and the targets' progress entries while rendering."""
    SelfReviewReport.objects.filter(term=demo_term).update(include_targets_table=True)
    client.force_login(roles.secretary)

    def build(n: int) -> str:
        add_committee_seats(demo_term, n)
        add_targets(demo_term, n)
        return url("self_review_pdf")

    assert_constant_queries(build, client=client, sizes=(2, 6))


def test_the_documents_list_costs_the_same_for_more_terms_and_issued_documents(
    client, roles, demo_term, assert_constant_queries
):
    """Guards the N+1 over the terms (each one's report) and the issued documents (grouped by term)."""
    client.force_login(roles.secretary)
    starts = iter(range(2030, 2100, 3))

    def build(n: int) -> str:
        IssuedDocumentFactory.create_batch(n, report=demo_term.self_review_report)
        for _ in range(n):
            year = next(starts)
            term = Term.objects.create(branch=demo_term.branch, starts_on=D(year, 3, 1), ends_on=D(year + 2, 2, 28))
            SelfReviewReport.objects.create(term=term)
        return url("list")

    assert_constant_queries(build, client=client, sizes=(2, 6))
    assert client.get(url("list")).content.decode().count("bao-cao-kiem-diem/") >= 9
