"""Browser journeys of the members: reading the dashboard on a phone, being kept out of edit pages, a first login."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PHONE = {"width": 390, "height": 844}


def sign_in(page: Page, base: str, username: str, password: str = "demo12345") -> None:
    page.goto(base + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_signs_in_on_a_phone_and_reads_the_dashboard(demo_live, page):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_live.url, "doanvien")

    expect(page).to_have_url(re.compile(re.escape(reverse("dashboard", kwargs={"slug": SLUG})) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    targets = page.locator("section[aria-labelledby=chi-tieu]")
    expect(targets).to_contain_text("Kết nạp đoàn viên từ nguồn thanh niên")
    expect(targets).to_contain_text("Chưa đạt")
    expect(targets).to_contain_text("Phụ trách: Đặng Tuyết Hằng")
    expect(page.locator("section[aria-labelledby=bch]")).to_contain_text("Lê Huỳnh Khắc Huy")
    expect(page.locator("#bieu-do-chi-tieu-title")).to_have_count(1)  # the targets chart is drawn
    # An ordinary member gets no member list in the navigation.
    expect(page.locator(".branch-nav")).not_to_contain_text("Đoàn viên")
    assert no_sideways_scrolling(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_cannot_reach_an_edit_page(demo_live, page):
    from members.models import Member

    base = demo_live.url
    own = Member.objects.get(user__username="doanvien")
    other = Member.objects.get(branch__slug=SLUG, given_name="Khoa")
    sign_in(page, base, "doanvien")

    page.goto(base + reverse("members:detail", kwargs={"slug": SLUG, "pk": own.pk}))
    expect(page.get_by_role("link", name="Sửa thông tin liên hệ")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa thông tin", exact=True)).to_have_count(0)

    for address in (
        reverse("members:edit", kwargs={"slug": SLUG, "pk": own.pk}),
        reverse("members:edit", kwargs={"slug": SLUG, "pk": other.pk}),
        reverse("members:status_change", kwargs={"slug": SLUG, "pk": other.pk}),
        reverse("members:list", kwargs={"slug": SLUG}),
    ):
        response = page.goto(base + address)
        assert response.status == 403, address
    assert page.goto(base + reverse("members:contact", kwargs={"slug": SLUG, "pk": other.pk})).status == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretary_gives_a_login_and_the_member_sets_a_password_at_first_sign_in(demo_live, page):
    from members.models import Member

    base = demo_live.url
    khoa = Member.objects.get(branch__slug=SLUG, given_name="Khoa")
    sign_in(page, base, "bithu")
    page.goto(base + reverse("members:list", kwargs={"slug": SLUG}))
    page.get_by_label("Tìm theo tên").fill("tran minh khoa")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Trần Minh Khoa").click()
    page.get_by_role("link", name="Cấp tài khoản").click()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("khoatran")
    page.get_by_role("button", name="Cấp tài khoản").click()
    password = page.get_by_test_id("one-time-password").inner_text().strip()
    assert len(password) == 10
    page.get_by_role("button", name="Đăng xuất").click()

    page.set_viewport_size(PHONE)
    sign_in(page, base, "khoatran", password)
    expect(page).to_have_url(re.compile(re.escape(reverse("password_change")) + "$"))
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu tạm thời")
    page.get_by_label("Mật khẩu cũ").fill(password)
    # "Mật khẩu mới" is also the start of "Xác nhận mật khẩu mới": the field's name is unambiguous.
    page.fill("input[name=new_password1]", "Hoa-sen-2025!")
    page.get_by_label("Xác nhận mật khẩu mới").fill("Hoa-sen-2025!")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã đổi mật khẩu")
    page.get_by_role("link", name="Về trang chi đoàn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    khoa.refresh_from_db()
    assert khoa.user.check_password("Hoa-sen-2025!")
