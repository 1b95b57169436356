"""On a phone every control that stands alone is at least 24 × 24 px (WCAG 2.2, 2.5.8 Target Size).

Measured on the main pages at 390 px: buttons, menu and tab links, breadcrumbs, "← …" back links, the
member list's names, links of lists, table cells and card headers, disclosures, checkboxes and radio
buttons, selects. A link inside a sentence is the criterion's inline exception and is not measured.
"""

from __future__ import annotations

import pytest

from tests.browser.test_csp_pages import main_pages, sign_in
from tests.browser.test_member_journeys import PHONE

TARGETS = ", ".join(
    [
        "button",
        "a.btn",
        ".nav-link",
        ".breadcrumb-item a",
        "main nav > a",
        ".member-name",
        ".list-group-item a",
        ".card-header a",
        "td > a",
        "dd > a",
        "li > a",
        "summary",
        ".page-link",
        "select",
        "input[type=checkbox]",
        "input[type=radio]",
    ]
)

# Measured once the page's fonts are in: a control measured in the fallback font has another size.
SMALL = """async (selector) => (await document.fonts.ready) && [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length && !e.closest('.visually-hidden-focusable, .visually-hidden')
                 && getComputedStyle(e).visibility !== 'hidden')
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, box]) => box.width < 24 || box.height < 24)
    .map(([e, box]) => `${e.tagName.toLowerCase()} "${(e.textContent || e.name || '').trim().slice(0, 40)}" `
                       + `${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ["bithu", "doanvien"])
def test_every_control_of_the_main_pages_is_at_least_24_px_square_on_a_phone(demo_live, page, username):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, username)
    small, measured = {}, 0
    for url in main_pages():
        response = page.goto(demo_live.url + url)
        if response is None or response.status != 200:
            continue
        measured += page.locator(TARGETS).count()
        if found := page.evaluate(SMALL, TARGETS):
            small[url] = found
    assert measured > 100
    assert small == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_measure_sees_a_small_target(demo_live, page):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "bithu")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<button class=\"p-0 border-0\">x</button>')"
    )
    assert any(line.startswith('button "x"') for line in page.evaluate(SMALL, TARGETS))
