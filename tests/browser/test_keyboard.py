"""With the keyboard alone: Tab reaches every action of the member list, the target form and the check-in
desk, each one visibly focused (an outline or a focus ring), and Enter or Space does the action."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_csp_pages import SLUG, sign_in
from tests.browser.test_member_journeys import PHONE

DESKTOP = {"width": 1280, "height": 900}

ACTIONS = "a[href], button, input:not([type=hidden]), select, textarea, summary"

# What the focused element shows: an outline (the browser's focus ring, Bootstrap's on links) or a
# box-shadow ring (Bootstrap's on buttons, fields and checkboxes), and whether it is on screen.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e), box = e.getBoundingClientRect();
    e.dataset.kbReached = "1";
    return {
        label: (e.textContent || e.getAttribute("aria-label") || e.name || e.id || e.tagName).trim().slice(0, 50),
        ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== "none"),
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight
                  && box.right > 0 && box.left < window.innerWidth,
        inMain: !!e.closest("main"),
    };
}"""

UNREACHED = """(selector) => [...document.querySelectorAll("main " + selector.split(", ").join(", main "))]
    .filter(e => e.getClientRects().length && !e.disabled && e.tabIndex >= 0 && !e.closest("[hidden], .dropdown-menu")
                 && getComputedStyle(e).visibility !== "hidden" && !e.dataset.kbReached)
    .map(e => (e.textContent || e.getAttribute("aria-label") || e.name || e.tagName).trim().slice(0, 50))"""


def tab_through(page: Page, *, limit: int = 250) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the main content; what each press focused."""
    page.emulate_media(reduced_motion="reduce")  # Bootstrap scrolls smoothly otherwise: measure where focus lands
    page.locator("body").focus()
    seen: list[dict] = []
    left_main = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (not focused["inMain"] and any(s["inMain"] for s in seen)):
            left_main = any(s["inMain"] for s in seen)  # past the last action, to the footer or the browser
            break
        seen.append(focused)
    assert left_main, "Tab never left the main content: a keyboard trap, or the limit is too low"
    return seen


def assert_every_action_reached_and_visibly_focused(page: Page) -> list[dict]:
    seen = tab_through(page)
    assert [s["label"] for s in seen if not s["ring"]] == [], "focused without a visible focus indicator"
    assert [s["label"] for s in seen if not s["onScreen"]] == [], "focused off screen"
    assert page.evaluate(UNREACHED, ACTIONS) == [], "never reached with Tab"
    return seen


def focus_by_tab(page: Page, locator) -> None:
    """Tab from the top until `locator` has the focus (as a keyboard user gets there)."""
    page.locator("body").focus()
    for _ in range(250):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("Tab never reached it")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_member_list_with_the_keyboard(demo_live, page, size):
    page.set_viewport_size(size)
    sign_in(page, demo_live.url, "bithu")
    page.goto(demo_live.url + reverse("members:list", kwargs={"slug": SLUG}))
    seen = assert_every_action_reached_and_visibly_focused(page)
    assert any(s["label"] == "Lê Huỳnh Khắc Huy" for s in seen)
    # The filter, from the keyboard: tick "Chỉ Ban Chấp hành" with Space, send with Enter.
    focus_by_tab(page, page.get_by_label("Chỉ Ban Chấp hành"))
    page.keyboard.press("Space")
    focus_by_tab(page, page.get_by_role("button", name="Lọc"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"committee=on"))
    # A member's name opens their record with Enter.
    focus_by_tab(page, page.get_by_role("link", name="Đặng Tuyết Hằng"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đặng Tuyết Hằng")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_target_form_with_the_keyboard(demo_live, page):
    from terms.models import Target

    page.set_viewport_size(DESKTOP)
    sign_in(page, demo_live.url, "bithu")
    page.goto(demo_live.url + reverse("terms:target_add", kwargs={"slug": SLUG}))
    assert_every_action_reached_and_visibly_focused(page)
    before = Target.objects.count()
    focus_by_tab(page, page.get_by_label("Nội dung chỉ tiêu"))
    page.keyboard.type("Tổ chức 2 buổi sinh hoạt chuyên đề")
    page.keyboard.press("Tab")
    focus_by_tab(page, page.get_by_role("button", name="Thêm chỉ tiêu"))
    page.keyboard.press("Enter")
    # Sent from the keyboard: the form answers (the planned value is missing), next to the field.
    expect(page.locator(".invalid-feedback, .text-danger, .alert-danger").first).to_be_visible()
    assert Target.objects.count() == before
    focus_by_tab(page, page.get_by_label("Chỉ tiêu đề ra"))
    page.keyboard.type("2")
    focus_by_tab(page, page.get_by_role("button", name="Thêm chỉ tiêu"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/chi-tieu/"))
    assert Target.objects.count() == before + 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_committee_member_sees_and_reaches_ghi_tien_do_on_a_wide_screen(demo_live, page):
    page.set_viewport_size(DESKTOP)
    sign_in(page, demo_live.url, "uyvien")
    page.goto(demo_live.url + reverse("terms:targets", kwargs={"slug": SLUG}))
    record = page.locator("#bang-chi-tieu").get_by_role("link", name="Ghi tiến độ")
    assert record.count() >= 1
    expect(record.first).to_be_visible()  # on the row, not inside the "Thao tác" menu
    assert_every_action_reached_and_visibly_focused(page)
    focus_by_tab(page, record.first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ghi tiến độ")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_check_in_desk_with_the_keyboard(demo_live, page, size):
    from congress import services
    from congress.models import AttendanceStatus, Congress

    congress = Congress.objects.get(closes_term__branch__slug=SLUG)
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    page.set_viewport_size(size)
    sign_in(page, demo_live.url, "bithu")
    page.goto(demo_live.url + reverse("congress:attendance", kwargs={"slug": SLUG, "pk": congress.pk}))
    assert_every_action_reached_and_visibly_focused(page)
    row = page.locator('[data-member="Đặng Tuyết Hằng"]')
    focus_by_tab(page, row.get_by_role("button", name="Có mặt"))
    page.keyboard.press("Enter")
    expect(page.locator('[data-member="Đặng Tuyết Hằng"]').get_by_role("button", name="Có mặt")).to_have_count(0)
    attendance = congress.attendances.get(member__given_name="Hằng", member__family_name="Đặng")
    assert attendance.status == AttendanceStatus.PRESENT
