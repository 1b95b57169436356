"""A document on a phone: the congress documents in the site's frame, the report reflowed with its A4 one tap away."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.session import sign_in
from tests.browser.test_member_journeys import PHONE, SLUG, no_sideways_scrolling

DESKTOP = {"width": 1280, "height": 900}


def smallest_text_px(page: Page, selector: str) -> float:
    """The smallest computed font size of the paragraphs under `selector`, in CSS pixels."""
    return page.evaluate(
        """(selector) => Math.min(...[...document.querySelectorAll(selector + ' p')]
            .filter(p => p.offsetParent !== null).map(p => parseFloat(getComputedStyle(p).fontSize)))""",
        selector,
    )


def congress_pk() -> int:
    from congress.models import Congress

    return Congress.objects.filter(closes_term__branch__slug=SLUG).order_by("pk").first().pk


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_reads_the_minutes_on_a_phone_inside_the_site_and_finds_the_way_back_and_the_pdf(demo_live, page):
    pk = congress_pk()
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "doanvien")
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if "/fonts/" in request.url else None)
    for name in ("reports:congress_minutes", "reports:congress_resolution"):
        page.goto(demo_live.url + reverse(name, kwargs={"slug": SLUG, "pk": pk}))
        assert page.locator("meta[name=viewport]").count() == 1
        expect(page.locator(".branch-nav")).to_be_visible()
        expect(page.locator(".doc-sheet .doc-type")).to_be_visible()
        assert no_sideways_scrolling(page), name
        assert smallest_text_px(page, ".doc-sheet") >= 16, name
        pdf = page.get_by_role("link", name="Tải PDF")
        expect(pdf).to_be_visible()
        assert pdf.get_attribute("href").endswith("/pdf/")
        back = page.get_by_role("link", name="← Đại hội nhiệm kỳ 2024 – 2027")
        expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(demo_live.url + reverse("congress:detail", kwargs={"slug": SLUG, "pk": pk}))
    # The screen's fonts are the WOFF2 subsets; the TTFs are for the PDF only.
    assert fonts and all(url.endswith(".woff2") for url in fonts), fonts


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_report_reads_reflowed_on_a_phone_with_the_a4_preview_one_tap_away(demo_live, page):
    url = demo_live.url + reverse("reports:self_review", kwargs={"slug": SLUG, "term": "2022-2024"})
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "bithu")
    page.goto(url)
    reflowed = page.locator(".doc-view-reflow")
    a4 = page.locator("iframe.doc-view-a4")
    expect(reflowed).to_contain_text("BÁO CÁO KIỂM ĐIỂM")
    expect(a4).to_be_hidden()
    assert smallest_text_px(page, ".doc-view-reflow") >= 16
    assert no_sideways_scrolling(page)
    page.get_by_role("button", name="Khổ A4").click()
    expect(a4).to_be_visible()
    expect(reflowed).to_be_hidden()
    expect(page.frame_locator("iframe.doc-view-a4").locator("body")).to_contain_text("BÁO CÁO KIỂM ĐIỂM")
    expect(page.get_by_role("button", name="Khổ A4")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Dạng đọc").click()
    expect(reflowed).to_be_visible()

    # A wide screen keeps the A4 preview, without the buttons.
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    expect(a4).to_be_visible()
    expect(reflowed).to_be_hidden()
    expect(page.get_by_role("button", name="Khổ A4")).to_be_hidden()
