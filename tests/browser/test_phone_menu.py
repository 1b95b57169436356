"""On a phone every item of the branch menu is on screen, the current one included, without sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.test_member_journeys import PHONE, SLUG, no_sideways_scrolling, sign_in

PAGES = ["dashboard", "members:list", "terms:committee", "terms:targets", "reports:list", "congress:list"]


def menu_items_off_screen(page: Page) -> list[str]:
    """The branch menu's links that are not wholly inside the viewport."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.branch-nav .nav-link')].filter(link => {
            const box = link.getBoundingClientRect();
            return box.width === 0 || box.left < 0 || box.right > window.innerWidth;
        }).map(link => link.textContent.trim())"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_branch_menu_item_is_on_screen_at_390_px(demo_live, page):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "bithu")
    for name in PAGES:
        page.goto(demo_live.url + reverse(name, kwargs={"slug": SLUG}))
        labels = page.locator(".branch-nav .nav-link").all_inner_texts()
        assert len(labels) >= 6, (name, labels)
        assert menu_items_off_screen(page) == [], name
        current = page.locator(".branch-nav .nav-link[aria-current=page]")
        assert current.count() == 1 and current.is_visible(), name
        assert no_sideways_scrolling(page), name
