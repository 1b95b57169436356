"""Browser journey of a transfer between the two demo branches: one member accepted, another refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.session import sign_in

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
RECEIVING = "so-y-te-mau"


def send(page: Page, base: str, name: str, receiving_name: str) -> None:
    page.goto(base + reverse("members:list", kwargs={"slug": SLUG}))
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("link", name="Chuyển sinh hoạt Đoàn").click()
    page.select_option("select[name=to_branch]", label=receiving_name)
    page.fill("input[name=requested_on]", "2024-09-02")
    page.fill("input[name=dues_paid_until]", "2024-09-30")
    page.fill("textarea[name=assessment]", "Hoàn thành tốt nhiệm vụ.")
    page.get_by_role("button", name="Ghi nhận chuyển sinh hoạt").click()
    expect(page.get_by_role("alert")).to_contain_text("chờ chi đoàn đó tiếp nhận")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_is_accepted_with_their_history_and_another_refused_back_in_the_sending_list(demo_live, page):
    from django.contrib.auth import get_user_model

    from members.models import Organisation, OrganisationOfficer

    receiving = Organisation.objects.get(slug=RECEIVING)
    receiver = get_user_model().objects.create_user("bithu-yte", password="demo12345")
    OrganisationOfficer.objects.create(user=receiver, organisation=receiving, can_edit=True)
    base = demo_live.url

    sign_in(page, base, "bithu")
    send(page, base, "Bùi Ngọc Ánh", receiving.name)
    send(page, base, "Châu Gia Bảo", receiving.name)
    page.goto(base + reverse("members:list", kwargs={"slug": SLUG}))
    expect(page.locator("tr", has_text="Bùi Ngọc Ánh")).to_contain_text("Chờ tiếp nhận")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, base, "bithu-yte")
    page.goto(base + reverse("members:transfers", kwargs={"slug": RECEIVING}))
    waiting = page.locator("#to-accept")
    expect(waiting.locator("li")).to_have_count(2)
    expect(waiting).not_to_contain_text("Phạm Thị Thu Trang")  # the sending branch's other members stay hidden
    waiting.locator("li", has_text="Bùi Ngọc Ánh").get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã tiếp nhận Bùi Ngọc Ánh")
    page.locator("#to-accept li", has_text="Châu Gia Bảo").get_by_role("link", name="Từ chối").click()
    page.fill("input[name=reason]", "Không đúng đơn vị công tác")
    page.get_by_role("button", name="Từ chối").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã từ chối tiếp nhận Châu Gia Bảo")

    page.goto(base + reverse("members:list", kwargs={"slug": RECEIVING}))
    page.get_by_role("link", name="Bùi Ngọc Ánh", exact=True).click()
    expect(page.locator("main")).to_contain_text("Chuyển đến")
    expect(page.locator("main")).to_contain_text("Chuyển sinh hoạt đi")  # the whole history came along
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, base, "bithu")
    page.goto(base + reverse("members:transfers", kwargs={"slug": SLUG}))
    refused = page.locator("#sent tr", has_text="Châu Gia Bảo")
    expect(refused).to_contain_text("Bị từ chối")
    expect(refused).to_contain_text("Không đúng đơn vị công tác")
    page.goto(base + reverse("members:list", kwargs={"slug": SLUG}))
    expect(page.locator("main")).to_contain_text("Châu Gia Bảo")
    expect(page.locator("main")).not_to_contain_text("Bùi Ngọc Ánh")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_class_is_transferred_in_one_step_from_the_list_on_a_phone_all_or_nothing(demo_live, page):
    import datetime

    from members import services
    from members.models import Member, Organisation

    receiving = Organisation.objects.get(slug=RECEIVING)
    waiting = Member.objects.get(branch__slug=SLUG, given_name="Ánh", family_name="Bùi")
    services.transfer_record(
        member=waiting,
        to_branch=receiving,
        requested_on=datetime.date(2024, 9, 2),
        assessment="Hoàn thành tốt nhiệm vụ.",
        dues_paid_until=datetime.date(2024, 9, 30),
    )
    base = demo_live.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, "bithu")

    def choose(*names: str) -> None:
        page.goto(base + reverse("members:list", kwargs={"slug": SLUG}))
        for name in names:
            page.get_by_role("checkbox", name=f"Chọn {name}").check()
        page.get_by_role("button", name="Chuyển sinh hoạt những người đã chọn").click()
        expect(page.get_by_test_id("chosen").locator("li")).to_have_count(len(names))
        page.fill("input[name=to_text]", "Đoàn Trường Đại học Y Dược")
        page.fill("input[name=requested_on]", "2024-09-02")
        page.fill("input[name=dues_paid_until]", "2024-09-30")
        page.fill("textarea[name=assessment]", "Hoàn thành tốt nhiệm vụ, tốt nghiệp khóa 2024.")
        page.get_by_role("button", name=f"Ghi nhận chuyển sinh hoạt cho {len(names)} đoàn viên").click()

    choose("Bùi Ngọc Ánh", "Châu Gia Bảo")
    refused = page.locator("#batch-refused")
    expect(refused).to_contain_text("Chưa chuyển sinh hoạt cho ai: 1 đoàn viên không chuyển được.")
    expect(refused).to_contain_text("Bùi Ngọc Ánh: Đoàn viên này đang chờ chi đoàn khác tiếp nhận.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    choose("Châu Gia Bảo", "Phạm Thị Thu Trang")
    expect(page.get_by_role("alert")).to_contain_text(
        "Đã ghi nhận chuyển sinh hoạt cho 2 đoàn viên đến Đoàn Trường Đại học Y Dược."
    )
    sent = page.locator("#sent tr", has_text="Châu Gia Bảo")
    expect(sent.get_by_role("link", name="Tệp Excel cho nơi tiếp nhận")).to_be_visible()
