"""Browser journeys of the term workspace: the committee changing, the targets read on a phone."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.browser.session import sign_in

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PHONE = {"width": 390, "height": 844}


def dashboard_url() -> str | None:
    try:
        return reverse("dashboard", kwargs={"slug": SLUG})
    except NoReverseMatch:
        return None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretary_records_a_member_leaving_with_the_reason_and_sees_the_committee_change(demo_live, page):
    from terms.models import CommitteeSeat, SeatEndKind

    base = demo_live.url
    sign_in(page, base, "bithu")
    dashboard = dashboard_url()
    if dashboard:
        page.goto(base + dashboard)
        expect(page.locator("section[aria-labelledby=bch]")).to_contain_text("Đinh Thị Mai")

    page.goto(base + reverse("terms:committee", kwargs={"slug": SLUG}))
    current = page.locator("#thanh-phan")
    expect(current).to_contain_text("Đinh Thị Mai")
    current.locator("li", has_text="Đinh Thị Mai").get_by_role("link", name="Thôi giữ chức danh").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Đinh Thị Mai")
    page.fill("input[name=on]", "2024-05-02")
    page.select_option("select[name=end_kind]", SeatEndKind.LEFT.value)
    # Forgetting the reason: the charter rule is explained on the form, nothing is saved.
    page.get_by_role("button", name="Ghi nhận thôi giữ chức danh").click()
    expect(page.locator("main form")).to_contain_text("Cần ghi lý do thôi tham gia Ban Chấp hành")
    page.fill("input[name=reason]", "chuyển công tác")
    page.get_by_role("button", name="Ghi nhận thôi giữ chức danh").click()

    expect(page).to_have_url(re.compile(r"/ban-chap-hanh/\?nhiem-ky=2022-2024$"))
    expect(page.get_by_role("alert")).to_contain_text("Đinh Thị Mai")
    expect(page.locator("#thanh-phan")).not_to_contain_text("Đinh Thị Mai")
    changes = page.locator("#danh-sach-thay-doi")
    expect(changes).to_contain_text("Đinh Thị Mai")
    expect(changes).to_contain_text("chuyển công tác")
    expect(changes).to_contain_text("02/05/2024")

    seat = CommitteeSeat.objects.get(member__given_name="Mai", term__branch__slug=SLUG)
    assert (seat.ended_on, seat.end_reason) == (datetime.date(2024, 5, 2), "chuyển công tác")

    if dashboard:
        page.goto(base + dashboard)
        expect(page.locator("section[aria-labelledby=bch]")).not_to_contain_text("Đinh Thị Mai")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_reads_the_term_targets_on_a_phone_as_cards_without_sideways_scrolling(demo_live, page):
    page.set_viewport_size(PHONE)
    base = demo_live.url
    sign_in(page, base, "doanvien")
    page.goto(base + reverse("terms:targets", kwargs={"slug": SLUG}))

    cards = page.locator("#the-chi-tieu article")
    expect(cards).to_have_count(6)
    expect(page.locator("#bang-chi-tieu")).to_be_hidden()
    first = cards.first
    expect(first).to_contain_text("Kết nạp đoàn viên")
    expect(first).to_contain_text("Chưa đạt")
    expect(first).to_contain_text("Đặng Tuyết Hằng")
    expect(first).to_contain_text("Lý do chưa đạt")
    expect(first.get_by_role("link", name="Ghi tiến độ")).to_have_count(0)  # a member reads, does not record
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
