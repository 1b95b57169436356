"""The statistics pages: preview, issuing as a task (run at once here), the stored PDF and XLSX, who may do what."""

from __future__ import annotations

import datetime
import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from members.models import Gender, OrganisationKind, OrganisationOfficer
from reports.models import DocumentKind, IssuedDocument, StatisticsReport, StatisticsState, Submission
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory, UserFactory
from tests.queries import count_queries

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
Q1 = {"kind": "quarter", "year": "2025", "quarter": "1"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE


def _province(name: str, slug: str):
    province = ParentOrganisationFactory(
        kind=OrganisationKind.PROVINCE, name=name, slug=slug, upper_level_line="TRUNG ƯƠNG ĐOÀN",
        issuing_body_line=f"BCH {name.upper()}", document_symbol="TĐ", place_name="Đồng Nai",
    )  # fmt: skip
    district = ParentOrganisationFactory(parent=province, name=f"Huyện đoàn {slug}")
    branch = OrganisationFactory(parent=district, name=f"Chi đoàn Thôn {slug}")
    MemberFactory.create_batch(3, branch=branch, gender=Gender.FEMALE, admitted_on=datetime.date(2025, 2, 3))
    MemberFactory.create_batch(2, branch=OrganisationFactory(parent=province, name=f"Chi đoàn Sở {slug}"))
    return province


def _officer(organisation, *, can_edit: bool):
    user = UserFactory()
    OrganisationOfficer.objects.create(user=user, organisation=organisation, can_edit=can_edit)
    return user


def _url(name: str, province, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": province.slug, **kwargs})


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_a_reader_sees_the_children_as_rows_and_their_total(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=False))
    response = client.get(_url("statistics", province), Q1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Huyện đoàn thu" in page and "Chi đoàn Sở thu" in page
    assert response.context["total"][0] == 5  # active members on 31/03/2025
    assert "Ban hành" not in page  # a read-only officer does not issue


def test_the_editor_issues_and_gets_a_numbered_pdf_and_a_workbook(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=True))
    response = client.post(_url("statistics_issue", province), Q1, follow=True)
    report = StatisticsReport.objects.get(organisation=province)
    assert response.redirect_chain[-1][0] == _url("statistics_report", province, pk=report.pk)
    assert report.state == StatisticsState.DONE
    issued = IssuedDocument.objects.get(pk=report.issued_id)
    assert (issued.kind, issued.term, issued.number_text) == (DocumentKind.STATISTICS, None, "01-BC/TĐ")
    assert "01-BC/TĐ" in response.content.decode()

    pdf = client.get(_url("statistics_download", province, pk=report.pk, fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = _words("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages))
    assert "BÁO CÁO" in text
    assert "Số liệu tổ chức Đoàn và đoàn viên quý I năm 2025" in text
    assert "Số: 01-BC/TĐ" in text
    assert "Huyện đoàn thu" in text and "Tổng cộng" in text
    assert "Đồng Nai, ngày" in text

    xlsx = client.get(_url("statistics_download", province, pk=report.pk, fmt="xlsx"))
    workbook = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert workbook.sheetnames == ["Trực thuộc", "Cấp 2"]
    rows = list(workbook["Trực thuộc"].iter_rows(values_only=True))
    assert rows[0][:4] == ("TT", "Đơn vị", "Cấp", "Đoàn viên cuối kỳ: Đang sinh hoạt")
    assert [row[1] for row in rows[1:]] == ["Huyện đoàn thu", "Chi đoàn Sở thu", "Tổng cộng"]
    assert [row[3] for row in rows[1:]] == [3, 2, 5]
    assert [row[1] for row in workbook["Cấp 2"].iter_rows(min_row=2, values_only=True)] == ["Chi đoàn Thôn thu"]


def test_a_second_issue_takes_the_next_number_and_the_first_is_unchanged(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=True))
    client.post(_url("statistics_issue", province), Q1)
    first = IssuedDocument.objects.get(kind=DocumentKind.STATISTICS, organisation=province)
    pdf_before = bytes(first.pdf)
    MemberFactory(branch=province.children.get(kind=OrganisationKind.BRANCH), admitted_on=datetime.date(2025, 3, 1))
    client.post(_url("statistics_issue", province), Q1)
    numbers = list(
        IssuedDocument.objects.filter(kind=DocumentKind.STATISTICS, organisation=province)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2]
    first.refresh_from_db()
    assert bytes(first.pdf) == pdf_before
    assert first.snapshot["total"]["figures"]["active"] == 5


def test_a_read_only_officer_may_not_issue_and_a_get_does_not_issue(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=False))
    assert client.post(_url("statistics_issue", province), Q1).status_code == 403
    client.force_login(_officer(province, can_edit=True))
    assert client.get(_url("statistics_issue", province), Q1).status_code == 405
    assert not StatisticsReport.objects.exists()


def test_a_bad_period_is_explained_next_to_the_field_and_issues_nothing(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=True))
    response = client.post(
        _url("statistics_issue", province), {"kind": "dates", "starts_on": "31/03/2025", "ends_on": "01/01/2025"}
    )
    assert response.status_code == 200
    assert "Ngày cuối kỳ phải sau ngày đầu kỳ." in response.content.decode()
    assert not StatisticsReport.objects.exists()


def test_an_officer_of_one_province_never_sees_another_provinces_figures(client):
    ours = _province("Tỉnh đoàn Thử", "thu")
    theirs = _province("Tỉnh đoàn Khác", "khac")
    officer = _officer(theirs, can_edit=True)
    client.force_login(officer)
    client.post(_url("statistics_issue", theirs), Q1)
    their_report = StatisticsReport.objects.get(organisation=theirs)
    client.force_login(_officer(ours, can_edit=True))
    assert client.get(_url("statistics", theirs), Q1).status_code == 404
    assert client.post(_url("statistics_issue", theirs), Q1).status_code == 404
    assert client.get(_url("statistics_report", theirs, pk=their_report.pk)).status_code == 404
    assert client.get(_url("statistics_download", theirs, pk=their_report.pk, fmt="pdf")).status_code == 404
    # Their report under our slug is not found either.
    assert client.get(_url("statistics_report", ours, pk=their_report.pk)).status_code == 404
    page = client.get(_url("statistics", ours), Q1).content.decode()
    assert "Tỉnh đoàn Khác" not in page and "khac" not in page


def test_the_organisation_page_and_the_start_page_link_to_the_statistics(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=False))
    page = client.get(reverse("organisations:detail", kwargs={"slug": province.slug})).content.decode()
    assert _url("statistics", province) in page
    start = client.get(reverse("home"), {"to-chuc": province.slug}).content.decode()
    assert _url("statistics", province) in start


def test_the_preview_costs_the_same_for_three_times_the_branches(client):
    """The preview's figures come from one aggregate per kind of figure, never a query per child or branch."""
    province = ParentOrganisationFactory(kind=OrganisationKind.PROVINCE)
    client.force_login(_officer(province, can_edit=True))
    url = _url("statistics", province) + "?kind=quarter&year=2025&quarter=1"

    def grow(n: int) -> int:
        for _ in range(n):
            branch = OrganisationFactory(parent=ParentOrganisationFactory(parent=province))
            MemberFactory.create_batch(2, branch=branch)
        return count_queries(url, client=client)

    assert grow(4) == grow(8)  # 4 then 12 child organisations


def test_a_failed_computation_is_shown_and_issues_nothing(client, monkeypatch):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=True))

    def broken(html: str) -> bytes:
        raise RuntimeError("weasyprint down")

    monkeypatch.setattr("reports.services.statistics.html_to_pdf", broken)
    response = client.post(_url("statistics_issue", province), Q1, follow=True)
    report = StatisticsReport.objects.get(organisation=province)
    assert report.state == StatisticsState.FAILED
    assert "Chưa có văn bản nào được ban hành" in response.content.decode()
    assert not IssuedDocument.objects.filter(organisation=province).exists()
    assert not province.document_registers.filter(last_number__gt=0).exists()  # no number taken


def test_the_branch_documents_download_has_no_docx_of_the_statistics(client, roles):
    """Issued in PDF and XLSX only: asking the branch's issued-document URL for its DOCX is not found."""
    branch = roles.secretary.member.branch
    client.force_login(roles.secretary)
    client.post(reverse("reports:statistics_issue", kwargs={"slug": branch.slug}), Q1)
    issued = IssuedDocument.objects.get(organisation=branch, kind=DocumentKind.STATISTICS)
    url = reverse("reports:issued_download", kwargs={"slug": branch.slug, "pk": issued.pk, "fmt": "docx"})
    assert client.get(url).status_code == 404
    pdf = reverse("reports:issued_download", kwargs={"slug": branch.slug, "pk": issued.pk, "fmt": "pdf"})
    assert client.get(pdf).status_code == 200


def test_bantochuc_issues_the_demo_provinces_statistics_and_captren_only_reads_them(client, roles):
    from django.contrib.auth import get_user_model

    province = OrganisationOfficer.objects.get(user__username="bantochuc").organisation
    client.force_login(roles.officer)  # captren, read-only on the bloc below the province
    bloc = OrganisationOfficer.objects.filter(user=roles.officer).first().organisation
    assert client.get(_url("statistics", bloc), Q1).status_code == 200
    assert client.post(_url("statistics_issue", bloc), Q1).status_code == 403
    client.force_login(get_user_model().objects.get(username="bantochuc"))
    response = client.post(_url("statistics_issue", province), Q1, follow=True)
    assert StatisticsReport.objects.get(organisation=province).state == StatisticsState.DONE
    assert "Đã ban hành" in response.content.decode()


# Sending the issued statistics up ------------------------------------------------


def _issued_district(client):
    """The district of the test province, with its Q1 statistics issued by its own editor officer."""
    province = _province("Tỉnh đoàn Thử", "thu")
    district = province.children.exclude(kind=OrganisationKind.BRANCH).get()
    editor = _officer(district, can_edit=True)
    client.force_login(editor)
    client.post(_url("statistics_issue", district), Q1)
    return province, district, StatisticsReport.objects.get(organisation=district)


def test_the_district_sends_its_statistics_up_and_the_province_acknowledges_them(client):
    province, district, report = _issued_district(client)
    page = client.get(_url("statistics_report", district, pk=report.pk)).content.decode()
    assert "Chưa gửi lên cấp trên" in page and "Gửi lên cấp trên</button>" in page

    response = client.post(_url("statistics_send", district, pk=report.pk), follow=True)
    assert response.redirect_chain[-1][0] == _url("statistics_report", district, pk=report.pk)
    sending = Submission.objects.get()
    assert (sending.document_id, sending.sent_to, sending.status) == (report.issued_id, province, "sent")
    number = report.issued.number_text
    page = _words(response.content.decode())
    assert f"Đã gửi văn bản {number} lên Tỉnh đoàn Thử." in page
    assert "Đã gửi lúc" in page and "Gửi lên cấp trên</button>" not in page

    client.force_login(_officer(province, can_edit=True))
    received = client.get(reverse("received:list", kwargs={"slug": province.slug})).content.decode()
    assert number in received and "Báo cáo số liệu" in received
    pdf, docx = (
        reverse("received:download", kwargs={"slug": province.slug, "pk": sending.pk, "fmt": f})
        for f in ("pdf", "docx")
    )
    assert pdf in received and docx not in received  # the statistics are issued as PDF and XLSX, never DOCX
    ack = reverse("received:acknowledge", kwargs={"slug": province.slug, "pk": sending.pk})
    assert client.post(ack, follow=True).status_code == 200
    sending.refresh_from_db()
    assert sending.status == "acknowledged"
    page = client.get(_url("statistics_report", district, pk=report.pk)).content.decode()
    assert "Cấp trên đã nhận" in page and "lên cấp trên</button>" not in page


def test_returned_statistics_are_sent_again(client):
    province, district, report = _issued_district(client)
    client.post(_url("statistics_send", district, pk=report.pk))
    client.force_login(_officer(province, can_edit=True))
    back = reverse("received:return", kwargs={"slug": province.slug, "pk": Submission.objects.get().pk})
    client.post(back, {"comment": "Thiếu số liệu chi đoàn Sở"})
    client.force_login(_officer(district, can_edit=True))
    page = client.get(_url("statistics_report", district, pk=report.pk)).content.decode()
    assert "Cấp trên trả lại: Thiếu số liệu chi đoàn Sở" in page and "Gửi lại lên cấp trên</button>" in page
    client.post(_url("statistics_send", district, pk=report.pk))
    assert list(Submission.objects.order_by("pk").values_list("status", flat=True)) == ["returned", "sent"]
    # Sent twice while waiting: refused with a message, nothing more recorded.
    response = client.post(_url("statistics_send", district, pk=report.pk), follow=True)
    assert "đang chờ cấp trên nhận" in response.content.decode()
    assert Submission.objects.count() == 2


def test_only_the_issuers_send_statistics_and_only_by_post(client):
    province, district, report = _issued_district(client)
    url = _url("statistics_send", district, pk=report.pk)
    assert client.get(url).status_code == 405
    client.force_login(_officer(province, can_edit=False))
    assert "lên cấp trên</button>" not in client.get(_url("statistics_report", district, pk=report.pk)).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(_officer(_province("Tỉnh đoàn Khác", "khac"), can_edit=True))
    assert client.post(url).status_code == 404
    assert not Submission.objects.exists()


def test_an_organisation_without_a_parent_has_no_send_button(client):
    province = _province("Tỉnh đoàn Thử", "thu")
    client.force_login(_officer(province, can_edit=True))
    client.post(_url("statistics_issue", province), Q1)
    report = StatisticsReport.objects.get(organisation=province)
    page = client.get(_url("statistics_report", province, pk=report.pk)).content.decode()
    assert "Đã ban hành" in page and "Gửi lên cấp trên" not in page and "Chưa gửi lên cấp trên" not in page
    response = client.post(_url("statistics_send", province, pk=report.pk), follow=True)
    assert "không có cấp trên để gửi văn bản" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_branch_secretary_sends_the_branch_statistics_to_its_parent(client, roles):
    branch = roles.secretary.member.branch
    client.force_login(roles.secretary)
    client.post(reverse("reports:statistics_issue", kwargs={"slug": branch.slug}), Q1)
    report = StatisticsReport.objects.get(organisation=branch)
    response = client.post(_url("statistics_send", branch, pk=report.pk), follow=True)
    assert Submission.objects.get(document=report.issued).sent_to == branch.parent
    assert f"lên {branch.parent.name}." in _words(response.content.decode())
