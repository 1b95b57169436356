"""The province officer opens the tree level by level in a browser, on a desktop and at 390 px."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_committee_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("CHIDOAN_SCREENSHOTS", "")  # a folder: save what the officer sees, to look at


@pytest.mark.parametrize("width", [1280, 390])
def test_the_officer_drills_down_from_the_province_to_a_branch(page: Page, demo_live, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, demo_live.url, "bantochuc")
    page.goto(demo_live.url + reverse("home"))
    expect(page.locator("h1")).to_have_text("Tỉnh Đoàn (dữ liệu mẫu)")
    expect(page.locator("svg title#bieu-do-dai-hoi-title")).to_have_count(1)
    page.get_by_role("link", name="Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu) ›").click()
    expect(page.locator("h1")).to_have_text("Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu)")
    # The page itself never scrolls sideways: the wide table scrolls inside its box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    if width >= 992:
        # On a desktop all ten columns are in view: the table fits its box (the last column, the ages, was
        # cut off at 1280 px while every cell kept to one line).
        box = page.locator(".table-responsive").first
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        expect(page.get_by_role("columnheader", name="Sắp/quá tuổi")).to_be_in_viewport()
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"officer-bloc-{width}.png"), full_page=True)
    page.select_option("select[name=loc]", "chua-gui-bao-cao")
    page.get_by_role("button", name="Lọc").click()
    assert "loc=chua-gui-bao-cao" in page.url
    page.get_by_role("link", name="Chi đoàn Sở Y tế (dữ liệu mẫu)").click()
    assert page.url.endswith(reverse("dashboard", kwargs={"slug": "so-y-te-mau"}))
