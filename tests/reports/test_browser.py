"""The Secretary's journey: open the report of 2022–2024, read the preview, edit with a live preview, download."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.self_review.build import report_data
from reports.self_review.data import ReportData
from terms.models import Term
from tests.browser.session import sign_in
from tests.reports.helpers import docx_lines, pdf_lines, versus_seed

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"


def current_report_data() -> ReportData:
    """The data the downloads were made from, read from the live server's database."""
    return report_data(Term.objects.get(branch__slug=SLUG, starts_on__year=2022))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretary_reads_edits_and_downloads_the_report(demo_live, page, tmp_path):
    base = demo_live.url
    sign_in(page, base, "bithu")
    page.goto(base + reverse("reports:list", kwargs={"slug": SLUG}))
    page.get_by_role("link", name="Báo cáo kiểm điểm hoạt động của Ban Chấp hành").click()

    preview = page.frame_locator("iframe.doc-preview")
    expect(preview.locator("body")).to_contain_text("BÁO CÁO KIỂM ĐIỂM")
    expect(preview.locator("body")).to_contain_text("Đồng chí Nguyễn Thị Tú Uyên, Ủy viên.")
    expect(preview.locator("body")).to_contain_text("nhiệm kỳ 2024 – 2027.")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Tải bản thảo PDF").click()
    assert pdf_download.value.suggested_filename == "bao-cao-kiem-diem-2022-2024.pdf"
    pdf_path = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf_path)
    data = current_report_data()
    assert versus_seed(pdf_lines(pdf_path.read_bytes()), data) == []

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Tải bản thảo DOCX").click()
    assert docx_download.value.suggested_filename == "bao-cao-kiem-diem-2022-2024.docx"
    docx_path = tmp_path / "report.docx"
    docx_download.value.save_as(docx_path)
    assert versus_seed(docx_lines(docx_path.read_bytes()), data) == []

    page.get_by_role("link", name="Soạn thảo").click()
    lessons = page.locator("textarea[name=lessons]")
    lessons.press("Control+End")
    lessons.type("\nGiữ vững **đoàn kết** trong Ban Chấp hành.")
    live = page.frame_locator("#doc-preview").locator("#section-lessons")
    expect(live.locator("strong")).to_have_text("đoàn kết")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu báo cáo kiểm điểm.")

    from reports.models import SelfReviewReport

    report = SelfReviewReport.objects.get(term__branch__slug=SLUG)
    assert report.lessons.endswith("\nGiữ vững **đoàn kết** trong Ban Chấp hành.")
