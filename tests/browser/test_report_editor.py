"""The report editor as a Secretary meets it: nothing typed is lost, and bold needs no markup knowledge.

Leaving with unsaved text asks first (the browser's beforeunload dialog); each section's typing is
kept in the browser and offered back after a reload or a closed tab, and a save clears it; the
B and I buttons (and Ctrl+B / Ctrl+I) write the markup the documents read, `**…**` and `*…*`,
and the preview shows the result.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_committee_journey import SLUG, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_editor(page: Page, base: str) -> None:
    from terms.models import Term

    term = Term.objects.get(branch__slug=SLUG, starts_on__year=2022)
    sign_in(page, base, "bithu")
    page.goto(base + reverse("reports:self_review_edit", kwargs={"slug": SLUG, "term": term.slug}))
    expect(page.frame_locator("#doc-preview").locator("body")).to_contain_text("BÁO CÁO KIỂM ĐIỂM")


def select(box, text: str) -> None:
    box.evaluate(
        "(box, text) => { const at = box.value.indexOf(text); box.setSelectionRange(at, at + text.length); }", text
    )


def test_leaving_the_editor_with_unsaved_text_asks_first_and_staying_keeps_the_text(demo_live, page):
    open_editor(page, demo_live.url)
    dialogs: list[str] = []

    def stay(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    lessons = page.locator("textarea[name=lessons]")
    lessons.press("Control+End")
    lessons.type("\nMột bài học chưa lưu.")
    page.get_by_role("link", name="Văn bản").first.click()

    expect(page).to_have_url(re.compile(r"/soan-thao/$"))
    assert dialogs == ["beforeunload"]
    expect(lessons).to_have_value(re.compile(r"Một bài học chưa lưu\.$"))


def test_a_saved_page_leaves_without_asking(demo_live, page):
    open_editor(page, demo_live.url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    lessons = page.locator("textarea[name=lessons]")
    lessons.press("Control+End")
    lessons.type("\nMột bài học được lưu.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Đã lưu báo cáo kiểm điểm")
    # The draft did its job: after the save nothing is offered back.
    expect(page.get_by_role("button", name="Khôi phục bản nháp chưa lưu")).to_have_count(0)

    page.get_by_role("link", name="Văn bản").first.click()
    expect(page).not_to_have_url(re.compile(r"/soan-thao/$"))
    assert dialogs == []


def test_a_reload_offers_the_draft_back_and_restores_it(demo_live, page):
    from reports.models import SelfReviewReport

    open_editor(page, demo_live.url)
    page.on("dialog", lambda dialog: dialog.accept())  # leave without saving, as a closed tab would
    shortcomings = page.locator("textarea[name=shortcomings]")
    saved = shortcomings.input_value()
    shortcomings.press("Control+End")
    shortcomings.type("\nMột hạn chế gõ dở.")
    page.reload()

    expect(shortcomings).to_have_value(saved)
    restore = page.get_by_role("button", name="Khôi phục bản nháp chưa lưu")
    expect(restore).to_have_count(1)
    expect(page.get_by_role("button", name="Bỏ", exact=True)).to_have_count(1)
    restore.click()
    expect(shortcomings).to_have_value(saved + "\nMột hạn chế gõ dở.")
    expect(restore).to_have_count(0)
    preview = page.frame_locator("#doc-preview")
    expect(preview.locator("#section-shortcomings")).to_contain_text("Một hạn chế gõ dở.")
    # Restored is not saved: the server still has the old text until "Lưu".
    assert "gõ dở" not in SelfReviewReport.objects.get(term__branch__slug=SLUG, term__starts_on__year=2022).shortcomings


def test_a_discarded_draft_is_not_offered_again(demo_live, page):
    open_editor(page, demo_live.url)
    page.on("dialog", lambda dialog: dialog.accept())
    lessons = page.locator("textarea[name=lessons]")
    saved = lessons.input_value()
    lessons.press("Control+End")
    lessons.type("\nBỏ đi.")
    page.reload()
    page.get_by_role("button", name="Bỏ", exact=True).click()
    expect(lessons).to_have_value(saved)
    page.reload()
    expect(page.get_by_role("button", name="Khôi phục bản nháp chưa lưu")).to_have_count(0)


def test_the_bold_button_and_ctrl_i_wrap_the_selection_and_the_preview_shows_it(demo_live, page):
    open_editor(page, demo_live.url)
    page.on("dialog", lambda dialog: dialog.accept())
    lessons = page.locator("textarea[name=lessons]")
    lessons.fill("Đoàn kết là sức mạnh.")
    select(lessons, "Đoàn kết")
    page.locator("#div_id_lessons").get_by_role("button", name="Chữ đậm (Ctrl+B)").click()
    expect(lessons).to_have_value("**Đoàn kết** là sức mạnh.")
    preview = page.frame_locator("#doc-preview")
    expect(preview.locator("#section-lessons strong")).to_have_text("Đoàn kết")

    select(lessons, "sức mạnh")
    lessons.press("Control+i")
    expect(lessons).to_have_value("**Đoàn kết** là *sức mạnh*.")
    expect(preview.locator("#section-lessons em")).to_have_text("sức mạnh")


def test_pressing_bold_again_takes_it_off_and_the_italic_button_adds_italics_to_bold(demo_live, page):
    """As in Word: B on bold text makes it plain again, not "****Đoàn kết****" that the documents would show."""
    open_editor(page, demo_live.url)
    page.on("dialog", lambda dialog: dialog.accept())
    lessons = page.locator("textarea[name=lessons]")
    lessons.fill("Đoàn kết là sức mạnh.")
    select(lessons, "Đoàn kết")
    lessons.press("Control+b")
    expect(lessons).to_have_value("**Đoàn kết** là sức mạnh.")
    page.locator("#div_id_lessons").get_by_role("button", name="Chữ nghiêng (Ctrl+I)").click()
    expect(lessons).to_have_value("***Đoàn kết*** là sức mạnh.")
    preview = page.frame_locator("#doc-preview")
    expect(preview.locator("#section-lessons strong em, #section-lessons em strong")).to_have_text("Đoàn kết")

    lessons.press("Control+b")  # the word is still selected: bold comes off, italics stay
    expect(lessons).to_have_value("*Đoàn kết* là sức mạnh.")
    select(lessons, "*Đoàn kết*")  # the markers themselves selected, as a double-click and drag would
    page.locator("#div_id_lessons").get_by_role("button", name="Chữ nghiêng (Ctrl+I)").click()
    expect(lessons).to_have_value("Đoàn kết là sức mạnh.")
    expect(preview.locator("#section-lessons em")).to_have_count(0)
