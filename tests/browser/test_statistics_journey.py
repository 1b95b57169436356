"""The periodic statistics go up, on a phone: the bloc's officer looks at a year's figures, issues them, sends
them to the province, and the province returns them with a comment, then acknowledges the corrected issue."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_committee_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BLOC = "doan-khoi-cac-co-quan-tinh-mau"
PROVINCE = "tinh-doan-mau"


def _issue_year(page: Page, base: str, year: str) -> None:
    page.goto(base + reverse("reports:statistics", kwargs={"slug": BLOC}))
    page.select_option("select[name=kind]", "year")
    page.fill("input[name=year]", year)
    page.get_by_role("button", name="Xem số liệu").click()
    expect(page.get_by_role("heading", name=f"Số liệu năm {year}")).to_be_visible()
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ban hành: số")


def test_statistics_are_issued_sent_returned_and_received_on_a_phone(page: Page, demo_live, settings):
    settings.TASKS = IMMEDIATE
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, demo_live.url, "bantochuc")

    page.goto(demo_live.url + reverse("reports:statistics", kwargs={"slug": BLOC}) + "?kind=year&year=2024")
    table = page.locator("#statistics-table")
    # Each row is a branch of the bloc; the total is their sum (18 + 3 active on 31/12/2024).
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(page.locator("#statistics-total td").nth(1)).to_have_text("21")
    # On a phone the table scrolls in its frame, the page does not, and the unit column stays readable.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    unit = table.locator("tbody th[scope=row]").first
    assert unit.evaluate("el => el.getBoundingClientRect().width") >= 150

    _issue_year(page, demo_live.url, "2024")
    first = page.get_by_role("status").inner_text()
    first_url = page.url
    expect(page.get_by_test_id("sending")).to_contain_text("Chưa gửi lên cấp trên")
    page.get_by_role("button", name="Gửi lên cấp trên").click()
    expect(page.get_by_test_id("sending")).to_contain_text("Đã gửi lúc")

    # The province's page: what the bloc sent, returned with a comment (a comment is required).
    page.goto(demo_live.url + reverse("received:list", kwargs={"slug": PROVINCE}))
    received = page.locator("[data-testid^=received-]")
    expect(received).to_have_count(1)
    received.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".invalid-feedback")).to_be_visible()
    page.locator("textarea[name=comment]").fill("Thiếu số liệu quý IV, đề nghị ban hành lại.")
    page.locator("[data-testid^=received-]").get_by_role("button", name="Trả lại").click()
    expect(page.locator("[data-testid^=received-] [data-status=returned]")).to_contain_text("Thiếu số liệu quý IV")

    # The bloc sees why; the correction is a new issue with the next number, sent and acknowledged.
    page.goto(first_url)
    expect(page.get_by_test_id("sending")).to_contain_text("Cấp trên trả lại: Thiếu số liệu quý IV")
    _issue_year(page, demo_live.url, "2024")
    second = page.get_by_role("status").inner_text()
    assert second != first
    page.get_by_role("button", name="Gửi lên cấp trên").click()
    page.goto(demo_live.url + reverse("received:list", kwargs={"slug": PROVINCE}))
    expect(page.locator("[data-testid^=received-]")).to_have_count(2)
    page.get_by_role("button", name="Đã nhận").click()
    expect(page.locator("[data-status=acknowledged]")).to_have_count(1)
    expect(page.locator("[data-status=returned]")).to_have_count(1)
