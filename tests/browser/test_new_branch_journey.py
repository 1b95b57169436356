"""A brand-new branch, from nothing to its Secretary's first sign-in and first edit, through the product's pages only.

The editor officer of the province (`bantochuc`) opens the branch below the bloc, adds its first
member, opens the term in office, records that member as the Secretary appointed by the upper level,
and gives them a login; the Secretary signs in, sets a password, and changes the branch's document
lines. No Django admin, no shell.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_congress_day import pick
from tests.browser.test_member_journeys import PHONE, no_sideways_scrolling, sign_in

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
NEW_SLUG = "giao-vien-truong-thpt-phan-boi-chau"


def fill_member(page: Page) -> None:
    page.get_by_role("radio", name="Chuyển đến").check()
    page.fill("input[name=joined_on]", "2020-09-01")
    page.fill("input[name=came_from]", "Đoàn trường Đại học Sư phạm")
    page.fill("input[name=family_name]", "Nguyễn")
    page.fill("input[name=middle_name]", "Thị")
    page.fill("input[name=given_name]", "Hạnh")
    page.fill("input[name=date_of_birth]", "1998-05-04")
    page.select_option("select[name=gender]", "female")
    page.fill("input[name=admitted_on]", "2015-03-26")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_opens_a_branch_and_its_secretary_signs_in_and_edits(demo_live, page):
    from members.models import Member, Organisation
    from terms.models import CommitteeRole, CommitteeSeat, SeatStartKind

    base = demo_live.url
    sign_in(page, base, "bantochuc")
    # From the start page (the province's level) down to the bloc's level, a branch, its organisation page,
    # then the bloc above it.
    page.get_by_role("link", name="Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu) ›").click()
    page.get_by_role("link", name="Chi đoàn Sở Lao động – Thương binh và Xã hội").click()
    page.get_by_role("link", name="Tổ chức và cài đặt").click()
    page.get_by_role("link", name="Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu)").first.click()
    page.get_by_role("link", name="Mở tổ chức trực thuộc").click()
    page.fill("input[name=name]", "Chi đoàn Giáo viên Trường THPT Phan Bội Châu")
    page.get_by_role("button", name="Mở tổ chức").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chi đoàn Giáo viên Trường THPT Phan Bội Châu")
    expect(page.get_by_test_id("org-slug")).to_have_text(NEW_SLUG)

    # Its first member.
    page.locator("main").get_by_role("link", name="Đoàn viên", exact=True).click()
    page.get_by_role("link", name="+ Thêm đoàn viên").click()
    fill_member(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Hạnh")

    # The term in office, then its Secretary, appointed by the upper level.
    page.get_by_role("link", name="Ban Chấp hành").first.click()
    expect(page.get_by_test_id("no-term")).to_contain_text("Chi đoàn chưa có nhiệm kỳ nào.")
    page.get_by_test_id("no-term").get_by_role("link", name="Mở nhiệm kỳ").click()
    page.get_by_role("button", name="Mở nhiệm kỳ").click()
    expect(page.locator(".alert-success")).to_contain_text("Tiếp theo: ghi Ban Chấp hành đang đương nhiệm.")
    page.get_by_role("link", name="Bổ sung Ban Chấp hành").click()
    pick(page, "member", "Nguyễn Thị Hạnh")  # the member picker: typed without accents, chosen among the matches
    page.select_option("select[name=role]", CommitteeRole.SECRETARY)
    page.select_option("select[name=start_kind]", SeatStartKind.APPOINTED)
    page.fill("input[name=decision_number]", "15-QĐ/ĐK")
    page.fill("input[name=decision_on]", "2026-11-20")
    page.fill("input[name=started_on]", "2026-12-01")
    page.get_by_role("button", name="Bổ sung vào Ban Chấp hành").click()
    expect(page.locator("#thanh-phan")).to_contain_text("Nguyễn Thị Hạnh")
    expect(page.locator("#thanh-phan")).to_contain_text("quyết định số 15-QĐ/ĐK ngày 20/11/2026")

    # A login for the Secretary: the one-time password is shown once.
    page.locator(".branch-nav").get_by_role("link", name="Đoàn viên").click()
    page.get_by_role("link", name="Nguyễn Thị Hạnh").click()
    page.get_by_role("link", name="Cấp tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("hanhnguyen")
    page.get_by_role("button", name="Cấp tài khoản").click()
    password = page.get_by_test_id("one-time-password").inner_text().strip()
    page.get_by_role("button", name="Đăng xuất").click()

    # The Secretary's first sign-in, on a phone: a password of her own, then her branch's document lines.
    page.set_viewport_size(PHONE)
    sign_in(page, base, "hanhnguyen", password)
    expect(page).to_have_url(re.compile(re.escape(reverse("password_change")) + "$"))
    page.get_by_label("Mật khẩu cũ").fill(password)
    page.fill("input[name=new_password1]", "Phuong-vi-2026!")
    page.get_by_label("Xác nhận mật khẩu mới").fill("Phuong-vi-2026!")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    page.get_by_role("link", name="Về trang chi đoàn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    page.get_by_role("link", name="Tổ chức và cài đặt").click()
    page.get_by_role("link", name="Cài đặt").click()
    expect(page.locator("select[name=committee_max_size], input[name=committee_max_size]")).to_have_count(0)
    page.fill("input[name=place_name]", "Biên Hòa")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu cài đặt")
    assert no_sideways_scrolling(page)

    branch = Organisation.objects.get(slug=NEW_SLUG)
    assert branch.place_name == "Biên Hòa"
    secretary = Member.objects.get(branch=branch)
    assert secretary.user.username == "hanhnguyen" and secretary.user.check_password("Phuong-vi-2026!")
    seat = CommitteeSeat.objects.get(member=secretary)
    assert (seat.role, seat.start_kind, seat.decision_number) == (CommitteeRole.SECRETARY, "appointed", "15-QĐ/ĐK")
    assert branch.history.last().history_user.username == "bantochuc"
    assert branch.history.first().history_user.username == "hanhnguyen"
