"""The member picker in the browser: the matches follow what is typed (static/js/member-picker.js)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_committee_journey import SLUG, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretary_finds_a_member_by_typing_without_accents_and_adds_a_seat(demo_live, page: Page):
    from terms.models import CommitteeSeat

    base = demo_live.url
    sign_in(page, base, "bithu")
    page.goto(base + reverse("terms:seat_add", kwargs={"slug": SLUG}))
    picker = page.locator("[data-member-picker][data-name=member]")
    matches = picker.locator("[data-picker-matches]")
    expect(matches).to_contain_text("Đinh Thị Mai")  # before typing: the first members in name order
    expect(picker.get_by_role("button", name="Tìm")).to_have_count(0)  # the search is live: no button
    with page.expect_response(lambda response: "/doan-vien/chon/" in response.url):
        picker.get_by_label("Đoàn viên").press_sequentially("minh kh")
    expect(matches.locator("li")).to_have_count(1)
    expect(matches).to_contain_text("Trần Minh Khoa")
    matches.get_by_label("Trần Minh Khoa").check()
    with page.expect_response(lambda response: "/doan-vien/chon/" in response.url):
        picker.get_by_label("Đoàn viên").fill("khong co ai")
    expect(picker.locator("[data-picker-status]")).to_have_text("Không tìm thấy đoàn viên nào.")
    expect(picker.get_by_label("Trần Minh Khoa")).to_be_checked()  # what was chosen stays chosen
    page.get_by_role("button", name="Bổ sung vào Ban Chấp hành").click()
    expect(page).to_have_url(re.compile(r"/ban-chap-hanh/"))
    expect(page.get_by_role("alert")).to_contain_text("Trần Minh Khoa")
    assert CommitteeSeat.objects.filter(member__given_name="Khoa", term__branch__slug=SLUG).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_what_was_typed_before_the_script_started_is_searched(demo_live, page: Page):
    """On a slow phone one types before the script has come: the search runs when it starts."""
    base = demo_live.url
    sign_in(page, base, "bithu")
    page.route("**/js/member-picker*.js", lambda route: route.abort())  # the script has not come yet
    page.goto(base + reverse("terms:seat_add", kwargs={"slug": SLUG}))
    picker = page.locator("[data-member-picker][data-name=member]")
    expect(picker.get_by_role("button", name="Tìm")).to_be_visible()  # no script: the plain search
    picker.get_by_label("Đoàn viên").fill("minh kh")
    page.unroute("**/js/member-picker*.js")
    script = page.evaluate("document.querySelector('script[src*=\"member-picker\"]').src")
    with page.expect_response(lambda response: "/doan-vien/chon/" in response.url):
        page.add_script_tag(url=script)  # it comes now
    matches = picker.locator("[data-picker-matches]")
    expect(matches.locator("li")).to_have_count(1)
    expect(matches).to_contain_text("Trần Minh Khoa")
