"""What the pages say, as a secretary reads them (issue 14): counts are numbers, nothing reads as cut off,
selects say what to choose, the congress tabs are a navigation, and outline buttons can be read.

Counts written with two digits ("05 đồng chí") belong to the Union's documents only; the pages write
numbers as people say them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from congress.models import CandidateSource
from members.models import Member
from tests.congress.helpers import demo_congress, run_whole_day
from tests.terms.pages import SLUG, login, seat_of, url

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "app.css"


def _text(response) -> str:
    """The page's words on one line, tags and scripts removed."""
    return _text_of(response.content.decode())


def _text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _member(branch_slug: str, name: str) -> Member:
    return next(m for m in Member.objects.filter(branch__slug=branch_slug) if m.full_name == name)


# Counts ------------------------------------------------------------------------------------------------------


def test_the_committee_page_writes_its_counts_without_a_leading_zero(client, roles):
    text = _text(login(client, roles, "secretary").get(url("committee")))
    assert "4 đồng chí, ngày" in text  # the committee today
    assert "đã bầu ra Ban Chấp hành gồm 5 đồng chí" in text  # as elected
    assert not re.search(r"\b0\d đồng chí", text)


def test_a_body_vote_on_the_congress_page_says_0_not_00(client, roles, demo_branch):
    congress = run_whole_day(demo_congress(demo_branch))
    page = login(client, roles, "secretary").get(reverse("congress:body", args=[SLUG, congress.pk, "presidium"]))
    text = _text(page)
    assert "0 không tán thành" in text
    assert not re.search(r"(?<![:/\d])0\d(?![:/\d])", text)  # no padded count (dates and 08:00 aside)


def test_the_minutes_pad_counts_but_write_none_as_0_and_name_the_committee_with_capitals(client, roles, demo_branch):
    """The document keeps the Union's "05 đồng chí"; a zero is "0", and a body's name keeps its capitals."""
    congress = run_whole_day(demo_congress(demo_branch))
    assert congress.elections.first().candidates.filter(source=CandidateSource.OUTGOING).exists()
    minutes = login(client, roles, "secretary").get(reverse("reports:congress_minutes", args=[SLUG, congress.pk]))
    text = _text(minutes)
    assert "(Ban Chấp hành khóa cũ giới thiệu)" in text
    assert "ban chấp hành khóa cũ" not in text
    assert "0 không tán thành" in text and "00 không tán thành" not in text
    assert re.search(r"gồm 0[1-9] đồng chí", text)  # counts are still the Union's two digits here


# Nothing that reads as cut-off text -----------------------------------------------------------------------------


def test_the_member_page_has_no_ellipsis_in_its_button_or_its_open_seat(client, roles):
    huy = _member(SLUG, "Lê Huỳnh Khắc Huy")
    text = _text(login(client, roles, "secretary").get(reverse("members:detail", args=[SLUG, huy.pk])))
    assert "…" not in text
    assert "Thay đổi tình trạng" in text
    assert "01/03/2022 – nay" in text  # the Secretary's seat, still held


def test_the_ratings_search_placeholder_fits_its_box(client, roles):
    html = login(client, roles, "secretary").get(reverse("members:ratings", args=[SLUG])).content.decode()
    placeholder = re.search(r'id="tim-ten"[^>]*placeholder="([^"]*)"', html).group(1)
    assert placeholder == "Ví dụ: thu trang"
    assert len(placeholder) <= 18  # what a phone shows of the box without cutting it


def test_the_seat_end_page_keeps_the_capital_of_dai_hoi(client, roles, demo_term):
    seat = seat_of(demo_term, "Đặng Tuyết Hằng")
    text = _text(login(client, roles, "secretary").get(url("seat_end", seat.pk)))
    assert "(bầu tại Đại hội)" in text


# Selects say what to choose ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (lambda: url("target_add"), ["— Chọn xếp loại đề ra —", "— Chọn ủy viên phụ trách —"]),
        (lambda: url("assignments"), ["— Chọn ủy viên phụ trách —"]),
        (lambda: reverse("members:add", args=[SLUG]), ["— Chọn giới tính —"]),
    ],
)
def test_a_select_names_what_to_choose_instead_of_dashes(client, roles, address, expected):
    # Not "page": that is pytest-playwright's fixture, and would make this a browser test.
    html = login(client, roles, "secretary").get(address()).content.decode()
    assert "---------" not in html
    for label in expected:
        assert f'<option value="" selected>{label}</option>' in html or f'<option value="">{label}</option>' in html


def test_the_congress_pages_selects_name_what_to_choose(client, roles, demo_branch):
    congress = demo_congress(demo_branch)
    login(client, roles, "secretary")
    attendance = client.get(reverse("congress:attendance", args=[SLUG, congress.pk])).content.decode()
    body = client.get(reverse("congress:body", args=[SLUG, congress.pk, "presidium"])).content.decode()
    assert "---------" not in attendance + body
    # Members are chosen with the member picker (chidoan.lib.picker), which says how to find them.
    assert PICKER_HINT in attendance and "Thêm đại biểu" in attendance
    assert body.count(PICKER_HINT) == 2  # the members and the head
    assert "Không chọn ai" in body  # the head may be left out


PICKER_HINT = "Gõ họ tên để tìm (không cần dấu)"


def test_the_member_picker_says_how_to_find_a_member_and_has_a_search_button(client, roles):
    html = login(client, roles, "secretary").get(url("seat_add")).content.decode()
    assert "---------" not in html
    assert f'placeholder="{PICKER_HINT}"' in html
    assert ">Tìm</button>" in html  # without JavaScript: search, then choose


# The congress tabs ------------------------------------------------------------------------------------------------


def test_the_congress_tabs_are_a_navigation_of_links_with_the_current_page_marked(client, roles, demo_branch):
    congress = demo_congress(demo_branch)
    html = login(client, roles, "secretary").get(reverse("congress:attendance", args=[SLUG, congress.pk]))
    html = html.content.decode()
    assert 'role="tablist"' not in html and 'role="tab"' not in html
    tabs = re.search(
        r'<nav aria-label="Các phần của Đại hội">\s*<ul class="nav nav-tabs[^"]*">(.*?)</ul>\s*</nav>', html, re.S
    )
    assert tabs, "the tabs are a <nav> around a plain list"
    current = re.findall(r'<a class="nav-link[^"]*"\s+aria-current="page"[^>]*>([^<]*)</a>', tabs.group(1))
    assert current == ["Triệu tập, điểm danh"]
    assert tabs.group(1).count("<li") == 5


def test_the_bodies_sub_navigation_marks_the_body_shown(client, roles, demo_branch):
    congress = demo_congress(demo_branch)
    html = login(client, roles, "secretary").get(reverse("congress:body", args=[SLUG, congress.pk, "counting"]))
    pills = re.search(r'<nav aria-label="Các ban của Đại hội">(.*?)</nav>', html.content.decode(), re.S).group(1)
    assert re.findall(r'aria-current="page"[^>]*>([^<]*)</a>', pills) == ["Ban Kiểm phiếu"]


# Outline buttons can be read (WCAG 1.4.3) -------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("variant", ["primary", "secondary", "danger"])
def test_outline_buttons_have_4_5_to_1_on_the_page_background_and_on_white(variant):
    css = CSS.read_text()
    background = re.search(r"--cd-bg:\s*(#[0-9a-fA-F]{6})", css).group(1)
    rule = re.search(r"\.btn-outline-" + variant + r"\s*\{([^}]*)\}", css)
    assert rule, f"app.css sets the colours of .btn-outline-{variant}"
    colour = re.search(r"--bs-btn-color:\s*([^;]+);", rule.group(1)).group(1).strip()
    colour = {"var(--cd-blue)": re.search(r"--cd-blue:\s*(#[0-9a-fA-F]{6})", css).group(1)}.get(colour, colour)
    assert _contrast(colour, background) >= 4.5
    assert _contrast(colour, "#ffffff") >= 4.5


# Empty congress pages and documents say so instead of counting zeros --------------------------------------------


def test_the_congress_steps_before_the_summons_say_what_is_missing_not_0_of_0(client, roles, demo_branch):
    congress = demo_congress(demo_branch)
    assert not congress.attendances.exists() and not congress.bodies.exists()
    text = _text(login(client, roles, "secretary").get(reverse("congress:detail", args=[SLUG, congress.pk])))
    assert "Triệu tập và điểm danh — chưa triệu tập" in text
    assert "Đoàn Chủ tịch, Thư ký, Ban Kiểm phiếu — chưa lập" in text
    assert not re.search(r"— \d+/\d+", text)


def test_the_congress_steps_count_the_present_and_the_bodies_once_there_are_some(client, roles, demo_branch):
    congress = run_whole_day(demo_congress(demo_branch))
    text = _text(login(client, roles, "secretary").get(reverse("congress:detail", args=[SLUG, congress.pk])))
    present, summoned = congress.attendances.filter(status="present").count(), congress.attendances.count()
    assert f"Triệu tập và điểm danh — có mặt {present}/{summoned}" in text
    assert "Đoàn Chủ tịch, Thư ký, Ban Kiểm phiếu — đã lập 3 trong 3 ban" in text


def test_the_draft_minutes_and_resolution_before_the_summons_count_no_zeros(client, roles, demo_branch):
    """Before anyone is summoned the documents say so, not "triệu tập: 0 đồng chí … đạt 0%" or "0/0 … có mặt"."""
    congress = demo_congress(demo_branch)
    login(client, roles, "secretary")
    minutes = _text(client.get(reverse("reports:congress_minutes", args=[SLUG, congress.pk])))
    resolution = _text(client.get(reverse("reports:congress_resolution", args=[SLUG, congress.pk])))
    assert "Chưa có danh sách đoàn viên được triệu tập." in minutes
    # No part of the minutes is a bare heading: each says what is not there yet.
    assert (
        "II. Đoàn Chủ tịch, Thư ký, Ban Kiểm phiếu Đại hội chưa bầu Đoàn Chủ tịch, Thư ký, Ban Kiểm phiếu." in minutes
    )
    assert "III. Nội dung Đại hội Chưa có chương trình Đại hội. IV. Kết quả bầu cử Đại hội chưa bầu cử. V." in minutes
    assert "0 đồng chí" not in minutes and "đạt 0%" not in minutes
    assert "0/0" not in resolution and "được triệu tập có mặt" not in resolution


def test_a_resolution_without_targets_says_so_instead_of_0_targets_and_an_empty_table(client, roles, demo_branch):
    congress = demo_congress(demo_branch)
    assert not congress.draft_targets.exists()  # the demo's draft has no targets yet
    page = login(client, roles, "secretary").get(reverse("reports:congress_resolution", args=[SLUG, congress.pk]))
    text = _text(page)
    assert "Chỉ tiêu nhiệm kỳ 2024 – 2027: dự thảo chưa có chỉ tiêu nào." in text
    assert "phấn đấu thực hiện 0 chỉ tiêu" not in text
    assert "doc-table" not in page.content.decode()


# Labels that read as the user says them --------------------------------------------------------------------------


def test_the_branch_rating_form_names_its_note_without_an_ellipsis(client, roles):
    html = login(client, roles, "secretary").get(reverse("members:branch_ratings", args=[SLUG])).content.decode()
    label = re.search(r'<label\s+for="id_rank_note"[^>]*>\s*([^<]*?)\s*</label>', html).group(1)
    assert label == "Ghi chú về thứ hạng"
    assert "..." not in _text_of(html) and "…" not in _text_of(html)
    assert "ví dụ: đứng thứ hạng cao" in html


def test_the_targets_table_writes_percentages_as_the_dashboard_does(client, roles):
    text = _text(login(client, roles, "secretary").get(url("targets")))
    assert "100%" in text
    assert not re.search(r"\d %", text)


def test_changing_who_looks_after_an_area_labels_the_choice_once(client, roles):
    html = login(client, roles, "secretary").get(url("assignments")).content.decode()
    assert "Người phụ trách Phụ trách chung" not in _text_of(html)
    assert re.search(
        r'<label[^>]*for="phu-trach-\d+">Ủy viên phụ trách<span class="visually-hidden">: Phụ trách chung', html
    )
    assert "«" not in html


@pytest.mark.parametrize(
    "address",
    [
        lambda branch: url("seat_add"),
        lambda branch: url("target_add"),
        lambda branch: reverse("reports:self_review_edit", args=[SLUG, "2022-2024"]),
        lambda branch: reverse("congress:attendance", args=[SLUG, demo_congress(branch).pk]),
    ],
)
def test_breadcrumbs_are_named_in_vietnamese_for_screen_readers(client, roles, demo_branch, address):
    page = login(client, roles, "secretary").get(address(demo_branch))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-label="breadcrumb"' not in html
    assert '<nav aria-label="Đường dẫn">' in html


def test_the_import_templates_instructions_list_the_status_changes_without_an_ellipsis(client, roles):
    import io

    from openpyxl import load_workbook

    response = login(client, roles, "secretary").get(reverse("members:import_template", args=[SLUG]))
    instructions = load_workbook(io.BytesIO(response.content))["Hướng dẫn"]
    lines = [str(cell.value) for row in instructions.iter_rows() for cell in row if cell.value]
    assert not [line for line in lines if "…" in line or "..." in line]
    assert any(
        line.startswith("Thay đổi tình trạng (chuyển sinh hoạt, rời chi đoàn, trưởng thành Đoàn)") for line in lines
    )


def test_a_members_rating_select_says_not_rated_rather_than_a_dash(client, roles):
    """An empty level leaves the member unrated: the choice says so, as the filter "Chỉ người chưa xếp loại" does."""
    html = login(client, roles, "secretary").get(reverse("members:ratings", args=[SLUG])).content.decode()
    empties = re.findall(r'<select name="xl-\d+-level"[^>]*><option value=""[^>]*>([^<]*)</option>', html)
    assert empties and set(empties) == {"Chưa xếp loại"}


def test_the_report_editor_hint_points_to_the_b_and_i_buttons_not_to_the_markup(client, roles):
    page = login(client, roles, "secretary").get(reverse("reports:self_review_edit", args=[SLUG, "2022-2024"]))
    text = _text(page)
    assert "Chữ đậm, chữ nghiêng: chọn chữ rồi bấm B, I (hoặc Ctrl+B, Ctrl+I)." in text
    assert "**chữ đậm**" not in text
