"""Every main page under the site's strict Content-Security-Policy, in Chromium, as the Secretary.

The browser reports what the policy blocks in two ways: a `securitypolicyviolation` event in
the page (listened to in every frame, the report preview included) and an error on the console.
Each page is opened, its frames loaded, and neither may appear, nor any JavaScript error or
console error (a static file that fails to load is one). Then the bits that used inline code
still work: the term switcher, the target form's fields, the progress bars' widths, the
report editor's live preview and its whole-document preview.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.session import sign_in

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"

LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspSeen = (window.cspSeen || 0) + 1;
  window.cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """What the browser complained about since the last `take()`."""

    def __init__(self, page: Page) -> None:
        self.seen: list[str] = []
        self.received = 0  # violations the Python side got since the last `settle()`
        page.expose_function("cspViolation", self._violation)
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.seen.append(f"JS error: {error}"))

    def _violation(self, text: str) -> None:
        self.received += 1
        self.seen.append(f"CSP: {text}")

    def _console(self, message) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.seen.append(f"console {message.type}: {message.text}")

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen

    def settle(self, page: Page) -> None:
        """Once the page has loaded: its frames' fonts loaded, and the tasks queued while it loaded done (the
        browser queues each `securitypolicyviolation` event as a task). What the frames' listeners counted
        since the last `settle()` and the Python side did not get yet (its call may still be on its way) is a
        complaint too.

        No waiting for the network to stay idle for half a second: the pages fetch nothing once loaded
        but their fonts (only the congress's quorum, every 10 s)."""
        counted = 0
        for frame in page.frames:
            counted += frame.evaluate(
                "document.documentElement.getBoundingClientRect() && document.fonts.ready"
                ".then(() => new Promise(r => setTimeout(r, 0)))"
                ".then(() => { const n = window.cspSeen || 0; window.cspSeen = 0; return n; })"
            )
        if counted > self.received:
            self.seen.append(f"CSP: {counted - self.received} violation(s) counted in the page")
        self.received = 0


def sign_in_with_form(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo12345")
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    expect(page.locator("input[name=password]")).to_have_count(0)


def main_pages() -> list[str]:
    """The main pages of the demo branch, with the objects the Secretary works on."""
    from members.models import Member, Organisation

    branch = Organisation.objects.get(slug=SLUG)
    term = branch.terms.get(starts_on__year=2022)
    target = term.resolution.targets.order_by("position").first()
    member = Member.objects.get(branch=branch, user__username="doanvien")
    congress = term.closing_congress
    election = congress.elections.order_by("pk").first()
    s = {"slug": SLUG}
    t = {**s, "term": term.slug}
    c = {**s, "pk": congress.pk}
    names = [
        ("dashboard", s),
        ("members:list", s),
        ("members:detail", {**s, "pk": member.pk}),
        ("members:edit", {**s, "pk": member.pk}),
        ("members:status_change", {**s, "pk": member.pk}),
        ("members:history", {**s, "pk": member.pk}),
        ("members:ratings", s),
        ("members:branch_ratings", s),
        ("terms:committee", s),
        ("terms:assignments", s),
        ("terms:targets", s),
        ("terms:target_history", {**s, "pk": target.pk}),
        ("terms:target_edit", {**s, "pk": target.pk}),
        ("terms:target_add", s),
        ("terms:progress_add", {**s, "pk": target.pk}),
        ("reports:list", s),
        ("reports:self_review", t),
        ("reports:self_review_edit", t),
        ("reports:self_review_preview", t),
        ("congress:list", s),
        ("congress:detail", c),
        ("congress:attendance", c),
        ("congress:body", {**c, "kind": "presidium"}),
        ("congress:resolution", c),
        ("reports:congress_minutes", c),
        ("reports:congress_resolution", c),
        ("password_change", {}),
    ]
    if election is not None:
        names += [
            ("congress:election", {**c, "election_pk": election.pk}),
            ("reports:counting_record", {**c, "election_pk": election.pk}),
            ("reports:ballots", {**c, "election_pk": election.pk}),
        ]
    return [reverse(name, kwargs=kwargs) for name, kwargs in names]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_watch_sees_a_blocked_inline_style(demo_live, page):
    """The listener can fail: a style attribute added to a page is blocked and reported."""
    watch = Watch(page)
    sign_in(page, demo_live.url, "bithu")
    assert watch.take() == []
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">đỏ</p>')")
    expect(page.locator("p", has_text="đỏ")).to_have_css("color", "rgb(33, 37, 41)")
    page.wait_for_function("() => window.cspSeen > 0")
    assert any("style-src" in line for line in watch.take())
    # What the main pages' test waits for sees a violation made just before it, without waiting for it.
    watch.settle(page)
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: blue\">xanh</p>')")
    watch.settle(page)
    assert any(line.startswith("CSP: ") for line in watch.take())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_main_page_shows_no_csp_violation_and_no_script_error(demo_live, page):
    watch = Watch(page)
    base = demo_live.url
    sign_in_with_form(page, base, "bithu")  # the sign-in page is walked too
    complaints = {}
    for url in main_pages():
        response = page.goto(base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        watch.settle(page)
        seen = watch.take()
        if seen:
            complaints[url] = seen
    assert complaints == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_what_inline_code_did_still_works(demo_live, page):
    from members.models import Organisation
    from terms import services as term_services

    branch = Organisation.objects.get(slug=SLUG)
    demo_term = branch.terms.get(starts_on__year=2022)
    ends = demo_term.starts_on - datetime.timedelta(days=1)
    earlier = term_services.term_create(
        branch=branch,
        starts_on=ends.replace(year=ends.year - (demo_term.ends_on.year - demo_term.starts_on.year)),
        ends_on=ends,
    )
    target = demo_term.resolution.targets.order_by("position").first()
    watch = Watch(page)
    base = demo_live.url
    sign_in(page, base, "bithu")

    # The term switcher sends its form when the term changes (it was onchange="this.form.submit()").
    page.goto(base + reverse("terms:committee", kwargs={"slug": SLUG}))
    page.select_option("#chon-nhiem-ky", earlier.slug)
    expect(page).to_have_url(re.compile(rf"/ban-chap-hanh/\?nhiem-ky={earlier.slug}$"))
    expect(page.locator("#chon-nhiem-ky")).to_have_value(earlier.slug)

    # The progress bars take their width from data-width (they were style="width: N%").
    page.goto(base + reverse("terms:targets", kwargs={"slug": SLUG}) + f"?nhiem-ky={demo_term.slug}")
    bar = page.locator("#bang-chi-tieu .progress-bar[data-width]").first
    percent = float(bar.get_attribute("data-width").replace(",", "."))
    width = bar.evaluate("b => b.getBoundingClientRect().width / b.parentElement.getBoundingClientRect().width")
    assert abs(width * 100 - min(percent, 100)) < 2

    # The target form shows the planned field that fits the kind (an inline script before).
    page.goto(base + reverse("terms:target_edit", kwargs={"slug": SLUG, "pk": target.pk}))
    page.select_option("#id_kind", "rating")
    expect(page.locator("#div_id_planned_value")).to_be_hidden()
    expect(page.locator("#div_id_planned_rating")).to_be_visible()

    # The report editor: its preview is a page of its own, updated as one types, and the whole
    # document as typed (the targets table ticked) is shown without saving anything.
    from reports.models import SelfReviewReport

    saved = SelfReviewReport.objects.get(term=demo_term)
    page.goto(base + reverse("reports:self_review_edit", kwargs={"slug": SLUG, "term": demo_term.slug}))
    preview = page.frame_locator("#doc-preview")
    expect(preview.locator("body")).to_contain_text("BÁO CÁO KIỂM ĐIỂM")
    lessons = page.locator("textarea[name=lessons]")
    lessons.press("Control+End")
    lessons.type("\nMột bài học **mới**.")
    expect(preview.locator("#section-lessons strong")).to_have_text("mới")
    expect(preview.locator("table.doc-table")).to_have_count(0)
    page.check("input[name=include_targets_table]")
    page.get_by_role("button", name="Xem trước cả văn bản").click()
    expect(preview.locator("table.doc-table")).to_have_count(1)
    expect(preview.locator("#section-lessons strong")).to_have_text("mới")
    expect(page).to_have_url(re.compile(r"/soan-thao/$"))
    saved_again = SelfReviewReport.objects.get(pk=saved.pk)
    assert (saved_again.version, saved_again.lessons) == (saved.version, saved.lessons)

    assert watch.take() == []
