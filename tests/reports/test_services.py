"""Starting, editing and issuing the self-review report; the outgoing-documents register."""

from __future__ import annotations

import datetime
import hashlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from chidoan.lib.locking import StaleEditError
from members.models import Member
from reports import services
from reports.models import IssuedDocument, OutgoingDocumentRegister, SelfReviewReport
from reports.render.self_review import self_review_pdf
from reports.self_review.build import report_data
from terms.models import Term
from tests.reports.helpers import normalise, pdf_text

D = datetime.date


@pytest.mark.django_db
def test_a_new_report_starts_from_a_draft_made_from_the_data(demo_term):
    SelfReviewReport.objects.filter(term=demo_term).delete()
    report = services.report_ensure(term=demo_term)
    assert report.shortcomings.startswith("Trong nhiệm kỳ, có 01 chỉ tiêu kết nạp đoàn viên")
    assert "02 năm liên tiếp 2022, 2023 hoàn thành xuất sắc nhiệm vụ" in report.strengths
    assert services.report_ensure(term=demo_term).pk == report.pk


@pytest.mark.django_db
def test_an_edit_is_saved_one_paragraph_per_line_in_nfc(demo_term):
    report = demo_term.self_review_report
    decomposed = "Ba\u0300i ho\u0323c  đầu tiên.\n\n   Bài học thứ hai.  "
    services.report_update(report=report, expected_version=report.version, lessons=decomposed)
    report.refresh_from_db()
    assert report.lessons == "Bài học đầu tiên.\nBài học thứ hai."
    assert report.version == 2


@pytest.mark.django_db
def test_one_edit_is_one_save_and_one_history_row(demo_term):
    """The edit was saved twice (save_if_unchanged, then save() again): two history rows for one change."""
    report = demo_term.self_review_report
    before = report.history.count()
    services.report_update(report=report, expected_version=report.version, lessons="Bài học mới.")
    assert report.history.count() == before + 1
    latest = report.history.latest()
    assert (latest.lessons, latest.version) == ("Bài học mới.", 2)


@pytest.mark.django_db
def test_an_edit_on_a_stale_copy_is_refused_and_nothing_is_saved(demo_term):
    report = demo_term.self_review_report
    services.report_update(report=report, expected_version=report.version, lessons="Bản của người thứ nhất.")
    stale = SelfReviewReport.objects.get(pk=report.pk)
    with pytest.raises(StaleEditError):
        services.report_update(report=stale, expected_version=1, lessons="Bản của người thứ hai.")
    report.refresh_from_db()
    assert report.lessons == "Bản của người thứ nhất."


@pytest.mark.django_db
def test_issuing_an_incomplete_report_is_refused_listing_what_is_missing(demo_term, roles):
    report = demo_term.self_review_report
    report.members_role = ""
    report.save()
    with pytest.raises(ValidationError) as refused:
        services.report_issue(report=report, by=roles.secretary, on=D(2024, 8, 20))
    assert "Chưa viết phần “3. Vai trò các Ủy viên Ban Chấp hành Chi đoàn”." in refused.value.messages
    assert not IssuedDocument.objects.exists()
    assert not OutgoingDocumentRegister.objects.filter(organisation=demo_term.branch).exists()


@pytest.mark.django_db
def test_an_issued_report_has_the_next_number_and_is_stored_with_checksums(demo_term, roles):
    issued = services.report_issue(report=demo_term.self_review_report, by=roles.secretary, on=D(2024, 8, 20))
    assert issued.number_text == "01-BC/CĐ"
    assert issued.filename_stem == "bao-cao-kiem-diem-2022-2024"
    assert hashlib.sha256(bytes(issued.pdf)).hexdigest() == issued.pdf_sha256
    assert hashlib.sha256(bytes(issued.docx)).hexdigest() == issued.docx_sha256
    text = pdf_text(bytes(issued.pdf))
    assert normalise("Số: 01-BC/CĐ") in text
    assert normalise("Đồng Nai, ngày 20 tháng 8 năm 2024") in text
    assert issued.snapshot["number_line"] == "Số: 01-BC/CĐ"


@pytest.mark.django_db
def test_an_issued_report_does_not_change_when_the_data_changes(demo_term, roles):
    issued = services.report_issue(report=demo_term.self_review_report, by=roles.secretary, on=D(2024, 8, 20))
    pdf_before, html_before = bytes(issued.pdf), issued.html
    huy = Member.objects.get(pk=demo_term.seats.get(role="secretary").member_id)
    huy.given_name = "Hùng"
    huy.save()
    report = demo_term.self_review_report
    services.report_update(report=report, expected_version=report.version, lessons="Bài học mới.")
    stored = IssuedDocument.objects.get(pk=issued.pk)
    assert bytes(stored.pdf) == pdf_before
    assert stored.html == html_before
    assert "Lê Huỳnh Khắc Huy" in pdf_text(bytes(stored.pdf))
    # The report rendered from today's data shows the change; the issued one does not.
    assert "Lê Huỳnh Khắc Hùng" in pdf_text(self_review_pdf(report_data(demo_term)))


@pytest.mark.django_db
def test_a_correction_is_a_new_version_with_a_new_number(demo_term, roles):
    report = demo_term.self_review_report
    first = services.report_issue(report=report, by=roles.secretary, on=D(2024, 8, 20))
    second = services.report_issue(report=report, by=roles.secretary, on=D(2024, 8, 21))
    assert (first.revision, second.revision) == (1, 2)
    assert (first.number, second.number) == (1, 2)
    assert second.filename_stem == "bao-cao-kiem-diem-2022-2024-lan-2"
    assert IssuedDocument.objects.filter(report=report).count() == 2


@pytest.mark.django_db
def test_numbers_start_again_each_year_and_are_kept_per_organisation(demo_branch):
    other = demo_branch.parent.children.exclude(pk=demo_branch.pk).get()
    assert [services.register_next_number(organisation=demo_branch, year=2024) for _ in range(3)] == [1, 2, 3]
    assert services.register_next_number(organisation=demo_branch, year=2025) == 1
    assert services.register_next_number(organisation=other, year=2024) == 1
    assert services.register_next_number(organisation=demo_branch, year=2024) == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issue_requests_get_different_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database, so it cannot show two requests racing; run on PostgreSQL.")
    from tests.conftest import load_demo_with_outsider

    if not Term.objects.filter(branch__slug="so-lao-dong-thuong-binh-va-xa-hoi").exists():
        load_demo_with_outsider()
    report = SelfReviewReport.objects.get(term__branch__slug="so-lao-dong-thuong-binh-va-xa-hoi")
    start = threading.Barrier(2)
    results, errors = [], []

    def issue() -> None:
        try:
            start.wait()
            results.append(services.report_issue(report=report, by=None, on=D(2024, 8, 20)))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(doc.number for doc in results) == [1, 2]
    assert sorted(doc.revision for doc in results) == [1, 2]
    register = OutgoingDocumentRegister.objects.get(organisation=report.term.branch, year=2024)
    assert register.last_number == 2
