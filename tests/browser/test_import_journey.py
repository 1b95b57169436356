"""The Secretary imports members from Excel: template, two bad rows, the fix, progress, the list, history; export and back.

Uploads are queued for the database worker (django-tasks-db); the test runs that worker
(its Worker class, in batch mode) in the test's own thread whenever the page waits for
it, which shares the live server's database on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.test_member_journeys import SLUG, sign_in
from tests.members.import_files import HEADERS, D, person

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    ).run()


def fill(template, path, rows) -> None:
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append([row.get(header) for header in HEADERS])
    workbook.save(path)


def next_poll(page: Page) -> None:
    """The job page asks for the progress every second (static/js/import_progress.js): the browser's clock,
    installed at the start and running at its pace, jumps to its next question (the work is done)."""
    page.clock.fast_forward(1000)


def upload_and_wait(page: Page, base: str, path) -> None:
    page.goto(base + reverse("members:import", kwargs={"slug": SLUG}))
    page.get_by_label("Tệp danh sách đoàn viên (XLSX hoặc CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator("#import-state")).to_have_text("Đang kiểm tra")
    expect(page.locator("progress#import-progress")).to_be_visible()
    run_worker()
    next_poll(page)
    expect(page.locator("#import-state")).not_to_have_text("Đang kiểm tra", timeout=15_000)  # the page reloads


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretary_imports_a_file_fixes_two_rows_and_exports_it_back(demo_live, page, settings, tmp_path):
    settings.TASKS = DB_BACKEND
    page.clock.install()
    sign_in(page, demo_live.url, "bithu")
    page.goto(demo_live.url + reverse("members:list", kwargs={"slug": SLUG}))
    page.get_by_role("link", name="Nhập từ Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu (XLSX)").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    good = person(1, **{"Tên": "Khánh", "Tên đệm": "Ngọc"})
    too_young = person(2, **{"Tên": "Bảo", "Ngày vào Đoàn": D(2012, 1, 1)})
    bad_gender = person(3, **{"Tên": "Chi", "Giới tính": "Nư?"})
    bad = tmp_path / "doan-vien.xlsx"
    fill(template, bad, [good, too_young, bad_gender])
    upload_and_wait(page, demo_live.url, bad)
    expect(page.locator("#count-new")).to_have_text("1")
    expect(page.locator("#count-refused")).to_have_text("2")
    refusals = page.locator("#refusals tbody tr")
    expect(refusals).to_have_count(2)
    expect(refusals.nth(0)).to_contain_text("3")
    expect(refusals.nth(0)).to_contain_text("Chưa đủ tuổi kết nạp")
    expect(refusals.nth(1)).to_contain_text("Giới tính")
    expect(refusals.nth(1)).to_contain_text("không phải một lựa chọn")
    expect(page.get_by_role("button", name="Xác nhận và lưu")).to_have_count(0)

    fixed = tmp_path / "doan-vien-da-sua.xlsx"
    too_young["Ngày vào Đoàn"], bad_gender["Giới tính"] = D(2015, 3, 26), "Nữ"
    fill(template, fixed, [good, too_young, bad_gender])
    upload_and_wait(page, demo_live.url, fixed)
    expect(page.locator("#count-new")).to_have_text("3")
    expect(page.locator("#count-refused")).to_have_text("0")
    page.get_by_role("button", name="Xác nhận và lưu").click()
    expect(page.locator("#import-state")).to_have_text("Đang lưu")
    expect(page.locator("progress#import-progress")).to_be_visible()
    run_worker()
    next_poll(page)
    expect(page.get_by_role("status")).to_have_text("Đã lưu tất cả các dòng của tệp.", timeout=15_000)

    page.get_by_role("link", name="Xem danh sách đoàn viên").click()
    page.get_by_label("Tìm theo tên").fill("ngoc khanh")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Nguyễn Ngọc Khánh").click()
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    expect(page.get_by_text("Tệp doan-vien-da-sua.xlsx · SHA-256 ").first).to_be_visible()

    page.goto(demo_live.url + reverse("members:list", kwargs={"slug": SLUG}))
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    exported = tmp_path / "xuat.xlsx"
    download.value.save_as(exported)
    upload_and_wait(page, demo_live.url, exported)
    expect(page.locator("#count-unchanged")).not_to_have_text("0")
    expect(page.locator("#count-new")).to_have_text("0")
    expect(page.locator("#count-updated")).to_have_text("0")
    expect(page.get_by_text("Tệp không có gì khác với danh sách hiện tại.")).to_be_visible()
