"""Issue 10, "Done means": two branches walked through the term's joints in a real browser, as a new
user would, from the congress's elections to the new Secretary's first edit the next morning.

1. A branch under nine members: the congress elects the Secretary directly (two candidates), the Deputy
   vote ties 3 – 3, a second round elects, a third round is refused with its reason; the handover gives
   the new Secretary and Deputy logins (one-time passwords, shown once); the next day the new Secretary
   signs in, sets a password and edits a member; the minutes show both rounds of the Deputy vote.
2. A branch of nine or more: the congress elects a committee, whose first meeting elects its Secretary
   and Deputy; the same walk to the new Secretary's first edit.

Both congresses also elect the branch's delegates to the upper level's congress (1 đại biểu chính thức,
1 dự khuyết, set on the congress's edit page): the congress page's card and the delegation list name them.
The branches are created here through services, not the demo; so is each congress's day up to its
elections (the preparation, the summons, the check-in and the bodies, clicked through in test_congress_day.py).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from chidoan.lib.text import split_full_name
from tests.browser.congress_setup import congress_in_session
from tests.browser.test_congress_day import add_election, adopt_resolution, count, sign_in

D = datetime.date
CONGRESS_DAY = D(2024, 8, 20)
NEXT_MORNING = D(2024, 8, 21)

SMALL = "chi-doan-giao-vien-thu-nghiem"
SMALL_PEOPLE = [
    "Nguyễn Minh Anh",
    "Trần Quốc Bảo",
    "Lê Thị Cúc",
    "Phạm Văn Dũng",
    "Võ Thị Hạnh",
    "Đỗ Văn Khánh",
    "Huỳnh Thị Lan",
    "Phan Văn Minh",
]
LARGE = "chi-doan-lon-thu-nghiem"
LARGE_PEOPLE = [
    *SMALL_PEOPLE,
    "Bùi Thị Nga",
    "Trương Văn Phúc",
    "Đặng Thị Quyên",
    "Lý Văn Sơn",
]


def branch_with_secretary(slug: str, name: str, people: list[str], *, school: bool) -> None:
    """A branch of `people` (the first one Secretary, with the login "bithucu"), its term before 2024-08-20."""
    from members import services
    from members.models import BranchType, Gender, Organisation, OrganisationKind
    from terms import services as term_services
    from terms.models import CommitteeRole, SeatStartKind

    branch = Organisation.objects.create(
        kind=OrganisationKind.BRANCH,
        name=f"Chi đoàn {name}",
        short_name=name,
        slug=slug,
        parent=Organisation.objects.get(slug="doan-khoi-cac-co-quan-tinh-mau"),
        upper_level_line="ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
        issuing_body_line=f"BCH CHI ĐOÀN {name.upper()}",
        place_name="Đồng Nai",
        branch_type=BranchType.SCHOOL if school else BranchType.AGENCY,
    )
    members = []
    for i, full_name in enumerate(people):
        family, middle, given = split_full_name(full_name)
        members.append(
            services.member_transfer_in(
                branch=branch,
                joined_on=D(2020, 1, 2),
                family_name=family,
                middle_name=middle,
                given_name=given,
                date_of_birth=D(1995, 1, 1 + i),
                gender=Gender.FEMALE if "Thị" in middle else Gender.MALE,
            )
        )
    starts = D(2023, 8, 20) if school else D(2022, 2, 20)
    term = term_services.term_create(branch=branch, starts_on=starts, ends_on=D(2024, 8, 19))
    term_services.seat_add(
        term=term, member=members[0], role=CommitteeRole.SECRETARY, started_on=starts, start_kind=SeatStartKind.ELECTED
    )
    members[0].user = get_user_model().objects.create_user("bithucu", password="demo12345")
    members[0].save(update_fields=["user"])


def open_congress(page: Page, base: str, slug: str, *, ends_on: datetime.date, present: list[str]) -> str:
    """The congress of 20/08/2024 in session, `present` checked in, its bodies approved, shown to the
    signed-in Secretary. The walk is about what follows: the day up to here is set through the services
    (tests/browser/congress_setup.py; test_congress_day.py clicks it through)."""
    path = congress_in_session(
        slug,
        held_on=CONGRESS_DAY,
        new_term_ends_on=ends_on,
        present=present,
        # who counts may not stand
        bodies={"presidium": [present[0]], "secretariat": [present[-2]], "counting": [present[-1]]},
    )
    congress_url = base + path
    page.goto(congress_url)
    expect(page.get_by_test_id("congress-status")).to_have_text("Đang diễn ra")
    expect(page.get_by_test_id("quorum")).to_contain_text("Đủ số đại biểu")
    return congress_url


def hand_over_with_logins(page: Page, congress_url: str, new_secretary: str, new_deputy: str) -> dict[str, str]:
    """Confirm the results: the new Secretary and Deputy, who had no login, get one, shown once.
    Returns the new Secretary's username and one-time password."""
    page.goto(congress_url)
    page.get_by_role("link", name="Xác nhận kết quả, lập nhiệm kỳ mới").click()
    page.get_by_role("button", name="Xác nhận kết quả").click()
    expect(page.get_by_test_id("handover-done")).to_be_visible()
    logins = page.get_by_test_id("handover-logins")
    expect(logins).to_contain_text(new_secretary)
    expect(logins).to_contain_text(new_deputy)
    expect(logins.get_by_test_id("one-time-password")).to_have_count(2)
    line = logins.locator("p", has_text=new_secretary)
    given = {
        "username": line.locator("strong").inner_text(),
        "password": line.get_by_test_id("one-time-password").inner_text(),
    }
    assert given["username"] and len(given["password"]) >= 8
    page.reload()  # shown once: gone on the next visit
    expect(page.get_by_test_id("handover-done")).to_be_visible()
    expect(page.get_by_test_id("handover-logins")).to_have_count(0)
    return given


def set_delegation(page: Page, congress_url: str, *, delegates: int, alternates: int) -> None:
    """On the congress's edit page: how many delegates and alternates the congress elects."""
    page.goto(congress_url)
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.fill("input[name=delegates_count]", str(delegates))
    page.fill("input[name=alternates_count]", str(alternates))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("delegation-numbers")).to_have_text(f"{delegates} chính thức, {alternates} dự khuyết")


def elect_delegation(
    page: Page, congress_url: str, *, ballots: int, delegate: dict[str, int], alternate: dict[str, int]
) -> None:
    """The congress elects its delegate and its alternate (one seat each, secret ballot, counted as any
    election); `delegate` and `alternate` give each candidate's votes, the first one elected."""
    for label, votes in [
        ("Đại biểu chính thức dự Đại hội cấp trên", delegate),
        ("Đại biểu dự khuyết dự Đại hội cấp trên", alternate),
    ]:
        add_election(page, congress_url, label, 1, [(name, "Đại hội giới thiệu") for name in votes])
        page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
        expect(page.get_by_test_id("voters")).to_have_text(f"Đại hội: {ballots} đại biểu có mặt")
        count(page, ballots=ballots, votes=votes)
        expect(page.get_by_test_id("election-status")).to_have_text("Đã có kết quả")
        expect(page.get_by_test_id("elected")).to_contain_text(next(iter(votes)))


def delegation_shown(page: Page, base: str, slug: str, congress_url: str, *, delegate: str, alternate: str) -> None:
    """The congress page's card and the delegation list (HTML) name the delegate and the alternate."""
    page.goto(congress_url)
    card = page.get_by_test_id("delegation")
    expect(card).to_contain_text("Đoàn đại biểu dự Đại hội cấp trên")
    expect(card.get_by_test_id("delegation-1")).to_contain_text(delegate)
    expect(card.get_by_test_id("delegation-2")).to_contain_text(alternate)
    pk = int(congress_url.rstrip("/").split("/")[-1])
    page.goto(base + reverse("reports:congress_delegation", kwargs={"slug": slug, "pk": pk}))
    text = " ".join(page.locator("body").inner_text().split())
    assert "DỰ THẢO" not in text, text
    chosen = text[
        text.index("Đại biểu chính thức (số lượng được bầu: 01)") : text.index("Đại biểu dự khuyết (số lượng")
    ]
    assert delegate in chosen and alternate not in chosen, text
    assert alternate in text[text.index("Đại biểu dự khuyết (số lượng được bầu: 01)") :], text


def freeze_today(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    """The product reads today through django.utils.timezone.localdate (chidoan.lib.dates.today too):
    from now on, for the live server's thread as well, today is `day`."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value: datetime.datetime | None = None, timezone: datetime.tzinfo | None = None) -> datetime.date:
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def next_morning_first_edit(browser: Browser, base: str, slug: str, given: dict[str, str], member_name: str) -> None:
    """The new Secretary, on their own device: signs in with the one-time password, sets their own, and
    edits a member's phone number."""
    from members.models import Member

    context = browser.new_context()
    page = context.new_page()
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", given["username"])
    page.fill("input[name=password]", given["password"])
    page.press("input[name=password]", "Enter")
    expect(page.get_by_role("heading", name="Đổi mật khẩu")).to_be_visible()
    page.fill("input[name=old_password]", given["password"])
    page.fill("input[name=new_password1]", "LanAnh-2024-moi")
    page.fill("input[name=new_password2]", "LanAnh-2024-moi")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.locator("input[name=new_password1]")).to_have_count(0)

    family, _middle, given_name = split_full_name(member_name)
    member = Member.objects.get(branch__slug=slug, family_name=family, given_name=given_name)
    page.goto(base + reverse("members:detail", kwargs={"slug": slug, "pk": member.pk}))
    page.get_by_role("link", name="Sửa thông tin", exact=True).click()
    page.fill("input[name=phone]", "0912345678")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("0912345678")
    member.refresh_from_db()
    assert member.phone == "0912345678"
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_small_branch_contests_its_secretary_settles_a_tied_deputy_and_its_new_secretary_edits_next_morning(
    demo_live, page, browser, monkeypatch
):
    branch_with_secretary(SMALL, "Giáo Viên Thử Nghiệm", SMALL_PEOPLE, school=True)
    base = demo_live.url
    sign_in(page, base, "bithucu")
    present = SMALL_PEOPLE[:6]
    congress_url = open_congress(page, base, SMALL, ends_on=D(2025, 8, 19), present=present)
    set_delegation(page, congress_url, delegates=1, alternates=1)

    # The Secretary, contested by two candidates, elected in one round.
    secretary, deputy = SMALL_PEOPLE[1], SMALL_PEOPLE[2]
    add_election(page, congress_url, "Bí thư", 1, [(secretary, "Đại hội giới thiệu"), (SMALL_PEOPLE[3], "Tự ứng cử")])
    expect(page.get_by_test_id("candidate-limit")).to_have_text("Bầu 1 người: danh sách nhiều nhất 3 người.")
    page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
    expect(page.get_by_test_id("voters")).to_have_text("Đại hội: 6 đại biểu có mặt")
    count(page, ballots=6, votes={secretary: 4, SMALL_PEOPLE[3]: 2})
    expect(page.get_by_test_id("election-status")).to_have_text("Đã có kết quả")
    expect(page.get_by_test_id("elected")).to_contain_text(secretary)

    # The Deputy: 3 – 3, a second round elects.
    add_election(page, congress_url, "Phó Bí thư", 1, [(deputy, "Đại hội giới thiệu"), (SMALL_PEOPLE[4], "Tự ứng cử")])
    page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
    count(page, ballots=6, votes={deputy: 3, SMALL_PEOPLE[4]: 3})
    expect(page.get_by_test_id("election-status")).to_have_text("Chưa đủ số lượng")
    expect(page.get_by_test_id("next-round")).to_contain_text("Còn 1 vị trí chưa có người trúng cử.")
    # A second screen at the presidium's desk still shows the button of the next round.
    desk = page.context.new_page()
    desk.goto(page.url)
    expect(desk.get_by_role("button", name="Mở bỏ phiếu lần 2")).to_be_visible()
    page.get_by_role("button", name="Mở bỏ phiếu lần 2").click()
    count(page, ballots=6, votes={deputy: 4, SMALL_PEOPLE[4]: 2})
    expect(page.get_by_test_id("election-status")).to_have_text("Đã có kết quả")
    expect(page.get_by_test_id("elected")).to_contain_text(deputy)
    # A third round, asked from the stale screen, is refused with the reason; nothing changes.
    desk.get_by_role("button", name="Mở bỏ phiếu lần 2").click()
    expect(desk.locator("body")).to_contain_text("Đã bầu đủ số lượng.")
    expect(desk.get_by_test_id("election-status")).to_have_text("Đã có kết quả")
    expect(desk.get_by_role("button", name="Mở bỏ phiếu lần 3")).to_have_count(0)
    desk.close()

    # The delegates to the upper level's congress: the delegate contested, the alternate not.
    delegate, alternate = SMALL_PEOPLE[0], SMALL_PEOPLE[3]
    elect_delegation(
        page, congress_url, ballots=6, delegate={delegate: 5, SMALL_PEOPLE[4]: 1}, alternate={alternate: 6}
    )
    delegation_shown(page, base, SMALL, congress_url, delegate=delegate, alternate=alternate)

    adopt_resolution(page, congress_url, [("kết nạp đoàn viên mới", "2", "đoàn viên")], present=6)
    given = hand_over_with_logins(page, congress_url, secretary, deputy)
    expect(page.get_by_test_id("new-committee")).to_contain_text(f"{secretary} – Bí thư")
    expect(page.get_by_test_id("new-committee")).to_contain_text(f"{deputy} – Phó Bí thư")

    # The minutes (HTML) show both rounds of the Deputy vote, each with its own counts.
    minutes = minutes_text(page, base, SMALL, congress_url)
    deputy_part = minutes[minutes.index("Bầu Phó Bí thư") :]
    ballots = "số phiếu phát ra 06, thu về 06, hợp lệ 06, không hợp lệ 0."
    other = SMALL_PEOPLE[4]
    first = f"Bỏ phiếu lần 1: {ballots} Số phiếu bầu: đồng chí {deputy} 03 phiếu (50,00%), đồng chí {other} 03 phiếu (50,00%)."
    assert f"{first} Còn 01 vị trí chưa có người trúng cử." in deputy_part, deputy_part
    second = f"Bỏ phiếu lần 2: {ballots} Số phiếu bầu: đồng chí {deputy} 04 phiếu (66,67%), đồng chí {other} 02 phiếu (33,33%)."
    assert f"{second} Trúng cử: đồng chí {deputy}." in deputy_part, deputy_part
    assert f"Đồng chí {secretary}, Bí thư." in minutes and f"Đồng chí {deputy}, Phó Bí thư." in minutes

    outgoing_secretary_reads_only(page, base, SMALL)
    freeze_today(monkeypatch, NEXT_MORNING)
    next_morning_first_edit(browser, base, SMALL, given, SMALL_PEOPLE[7])


def minutes_text(page: Page, base: str, slug: str, congress_url: str) -> str:
    pk = int(congress_url.rstrip("/").split("/")[-1])
    page.goto(base + reverse("reports:congress_minutes", kwargs={"slug": slug, "pk": pk}))
    return " ".join(page.locator("body").inner_text().split())


def outgoing_secretary_reads_only(page: Page, base: str, slug: str) -> None:
    """After the handover the outgoing Secretary (signed in on `page`) reads the branch, may not add a member."""
    response = page.goto(base + reverse("dashboard", kwargs={"slug": slug}))
    assert response is not None and response.status == 200
    response = page.goto(base + reverse("members:add", kwargs={"slug": slug}))
    assert response is not None and response.status == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_large_branch_elects_a_committee_whose_first_meeting_elects_the_secretary_who_edits_next_morning(
    demo_live, page, browser, monkeypatch
):
    branch_with_secretary(LARGE, "Lớn Thử Nghiệm", LARGE_PEOPLE, school=False)
    base = demo_live.url
    sign_in(page, base, "bithucu")
    present = LARGE_PEOPLE[:10]
    congress_url = open_congress(page, base, LARGE, ends_on=D(2027, 2, 19), present=present)
    set_delegation(page, congress_url, delegates=1, alternates=1)

    # The congress elects a committee of 5 among 6 (the 30 % surplus of a multi-seat list).
    committee = LARGE_PEOPLE[1:6]
    candidates = [(name, "Ban Chấp hành khóa cũ giới thiệu") for name in LARGE_PEOPLE[1:7]]
    add_election(page, congress_url, "Ban Chấp hành", 5, candidates)
    page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
    expect(page.get_by_test_id("voters")).to_have_text("Đại hội: 10 đại biểu có mặt")
    count(page, ballots=10, votes={name: 10 - i for i, name in enumerate(LARGE_PEOPLE[1:7])})
    expect(page.get_by_test_id("election-status")).to_have_text("Đã có kết quả")
    expect(page.get_by_test_id("elected")).to_contain_text(", ".join(committee))

    # The new committee's first meeting elects its Secretary (contested) and Deputy: the committee votes.
    secretary, deputy = committee[0], committee[1]
    add_election(
        page, congress_url, "Bí thư", 1, [(secretary, "Ban Chấp hành khóa cũ giới thiệu"), (committee[2], "Tự ứng cử")]
    )
    page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
    expect(page.get_by_test_id("voters")).to_have_text("Hội nghị Ban Chấp hành: 5 ủy viên")
    count(page, ballots=5, votes={secretary: 4, committee[2]: 1})
    expect(page.get_by_test_id("elected")).to_contain_text(secretary)
    add_election(page, congress_url, "Phó Bí thư", 1, [(deputy, "Ban Chấp hành khóa cũ giới thiệu")])
    page.get_by_role("button", name="Chốt danh sách, mở bỏ phiếu").click()
    count(page, ballots=5, votes={deputy: 5})
    expect(page.get_by_test_id("elected")).to_contain_text(deputy)

    # The congress (not the committee) elects the delegates.
    delegate, alternate = LARGE_PEOPLE[0], LARGE_PEOPLE[7]
    elect_delegation(
        page, congress_url, ballots=10, delegate={delegate: 9}, alternate={alternate: 8, LARGE_PEOPLE[6]: 2}
    )
    delegation_shown(page, base, LARGE, congress_url, delegate=delegate, alternate=alternate)

    adopt_resolution(page, congress_url, [("kết nạp đoàn viên mới", "3", "đoàn viên")], present=10)
    given = hand_over_with_logins(page, congress_url, secretary, deputy)
    expect(page.get_by_test_id("new-committee")).to_contain_text(f"{secretary} – Bí thư")
    expect(page.get_by_test_id("new-committee")).to_contain_text(f"{deputy} – Phó Bí thư")
    expect(page.get_by_test_id("new-committee")).to_contain_text(f"{committee[2]} – Ủy viên")

    minutes = minutes_text(page, base, LARGE, congress_url)
    assert "Do Ban Chấp hành mới bầu tại phiên họp thứ nhất." in minutes, minutes
    assert f"Đồng chí {secretary}, Bí thư." in minutes and f"Đồng chí {deputy}, Phó Bí thư." in minutes

    outgoing_secretary_reads_only(page, base, LARGE)
    freeze_today(monkeypatch, NEXT_MORNING)
    next_morning_first_edit(browser, base, LARGE, given, LARGE_PEOPLE[9])
