"""On a phone every item of the branch menu is on screen, the current one included, without sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.session import sign_in
from tests.browser.test_member_journeys import PHONE, SLUG, no_sideways_scrolling

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


def tabs_off_screen(page: Page) -> list[str]:
    """The congress tabs that are cut: outside the viewport, or their text wider than the tab."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.congress-tabs .nav-link')].filter(link => {
            const box = link.getBoundingClientRect();
            return box.width === 0 || box.left < 0 || box.right > window.innerWidth
                || link.scrollWidth > link.clientWidth + 1;
        }).map(link => link.textContent.trim())"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_congress_tab_is_on_screen_and_uncut_at_390_px(demo_live, page):
    from congress.models import Congress

    congress = Congress.objects.filter(closes_term__branch__slug=SLUG).order_by("pk").first()
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "bithu")
    kwargs = {"slug": SLUG, "pk": congress.pk}
    for name, extra in [
        ("congress:detail", {}),
        ("congress:attendance", {}),
        ("congress:resolution", {}),
        ("congress:body", {"kind": "presidium"}),
    ]:
        page.goto(demo_live.url + reverse(name, kwargs={**kwargs, **extra}))
        labels = page.locator(".congress-tabs .nav-link").all_inner_texts()
        assert len(labels) == 5, (name, labels)
        assert tabs_off_screen(page) == [], name
        assert page.locator(".congress-tabs .nav-link[aria-current=page]").is_visible(), name
        assert no_sideways_scrolling(page), name
