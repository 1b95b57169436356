"""axe-core on every main page of every demo role, at 1280 and 390 px: no critical and no serious violation.

axe-core (vendored in tests/browser/vendor/axe-core, MPL-2.0, never served by the site) is given to the
browser context as an init script, through the browser's debugging protocol, which the site's
Content-Security-Policy does not govern: the browser runs it in every frame of every document before the
page's own scripts (its 500 KB sent once per test, not again with each page and width). It is run
there with its default rules (WCAG 2.x A and AA, best practices); an empty table header, minor, is refused
too. A page a role may not open (403, 404) is not scanned for that role.

Each page is loaded once and scanned at both widths: at the width it is loaded at, then resized to the
other (the HTML is the same, the stylesheet's media queries apply on the resize, and no script of the site
reads the width) and scanned again; the next page is loaded at that width, so the pages are loaded at 1280
and at 390 px in turn. The test that proves the scan can fail also proves that a violation seen only at
390 px is found.

Only the rules whose findings could fail the test are run: axe gives every finding of a rule the rule's own
impact (its metadata), so a rule of minor or moderate impact (other than the refused empty table header) can
never make a critical or serious violation, and skipping it changes nothing that is checked but the time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.test_csp_pages import main_pages, sign_in

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
ROLES = ["bithu", "phobithu", "uyvien", "doanvien", "captren"]
BLOCKING = {"critical", "serious"}
ALSO_REFUSED = {"empty-table-header"}  # minor, but a screen reader reads the column as nameless: found, fixed

RUN = """async (alsoRefused) => {
    // axe stamps each finding with its rule's impact: a minor or moderate rule can never block.
    const rules = Object.fromEntries(axe._audit.rules
        .filter(r => ["minor", "moderate"].includes(r.impact) && !alsoRefused.includes(r.id))
        .map(r => [r.id, {enabled: false}]));
    const result = await axe.run(document, {iframes: false, resultTypes: ["violations"], rules});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1, 2).join(""))
    }));
}"""


@pytest.fixture
def page(page: Page) -> Page:
    """Playwright's page, its context given axe before any document is opened in it."""
    page.context.add_init_script(AXE)
    return page


def violations(page: Page) -> list[dict]:
    """Every frame's axe violations of the rules that could block, once the page and its frames (loaded with it) have their fonts.

    The pages fetch nothing as they load (only the congress's quorum, every 10 s), so the load event is enough:
    no waiting for the network to stay idle for half a second on each page. The layout is made first (at the
    page's width), so that fonts the width needs are asked for before waiting for them."""
    found = []
    for frame in page.frames:
        if frame.url.startswith("about:"):
            continue
        frame.evaluate("document.documentElement.getBoundingClientRect() && document.fonts.ready.then(() => true)")
        found += frame.evaluate(RUN, sorted(ALSO_REFUSED))
    return found


def violations_at_each_width(page: Page) -> dict[int, list[str]]:
    """The blocking violations of the loaded page at each width: first at the width it was loaded at, then
    resized (not loaded again) to the other, where the viewport is left (the next page is loaded at it)."""
    now = page.evaluate("innerWidth")
    found = {}
    for width in sorted(WIDTHS, key=lambda width: width != now):
        if width != now:
            page.set_viewport_size(WIDTHS[width])
            assert page.evaluate("innerWidth") == width
        found[width] = blocking(violations(page))
    return found


def blocking(found: list[dict]) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['nodes']}" for v in found if v["impact"] in BLOCKING or v["id"] in ALSO_REFUSED
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ROLES)
def test_no_page_has_a_critical_or_serious_accessibility_violation(demo_live, page, username):
    sign_in(page, demo_live.url, username)
    scanned, problems = 0, {}
    page.set_viewport_size(WIDTHS[1280])
    for url in main_pages():
        response = page.goto(demo_live.url + url, wait_until="load")
        assert response is not None
        if response.status in (403, 404):
            continue
        assert response.status == 200, url
        for width, found in violations_at_each_width(page).items():
            scanned += 1
            if found:
                problems[f"{url} at {width} px"] = found
    assert scanned >= 8, scanned
    assert problems == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_scan_finds_a_violation_when_there_is_one(demo_live, page):
    """The scan can fail: a button without a name, added to a page, is a critical violation; a table header
    without text, minor, is refused too (its rule is run although minor rules are left out); a link without
    a name shown only below 768 px (hidden above) is found at 390 px, on the page loaded at 1280 px."""
    page.set_viewport_size(WIDTHS[1280])
    sign_in(page, demo_live.url, "bithu")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<button></button><table><tr><th></th><th>Tên</th></tr><tr><td>1</td><td>An</td></tr></table>"
        '<a href="/" class="d-md-none"></a>\')'
    )
    found = violations_at_each_width(page)
    for width in WIDTHS:
        assert any("button-name" in line for line in found[width]), width
        assert any("empty-table-header" in line for line in found[width]), width
    assert not any("link-name" in line for line in found[1280])
    assert any("link-name" in line for line in found[390])
