"""Empty states say what to do next: a congress before its summons, a dashboard after the term ran out.

Before anyone is summoned there is nothing to count, so no quorum line ("Có mặt 0/0 · cần ít nhất 0")
and the summons, not the opening, is the primary button; a term past its end says what the branch
does next (prepare the congress, or carry on with the one being prepared) with the button for it.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from congress import services
from congress.models import Congress
from tests.congress.helpers import demo_congress

pytestmark = pytest.mark.django_db

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PRIMARY = re.compile(r'class="btn btn-primary[^"]*"[^>]*>([^<]+)<')


def congress_url(name: str, congress: Congress) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": SLUG, "pk": congress.pk})


def primary_buttons(html: str) -> list[str]:
    return [" ".join(text.split()) for text in PRIMARY.findall(html)]


@pytest.fixture
def congress(demo_branch) -> Congress:
    congress = demo_congress(demo_branch)
    assert not congress.attendances.exists()  # the demo congress is prepared, nobody summoned yet
    return congress


@pytest.mark.parametrize("tab", ["detail", "attendance"])
def test_before_any_summons_there_is_no_quorum_line_and_the_summons_is_the_primary_step(client, roles, congress, tab):
    client.force_login(roles.secretary)
    html = client.get(congress_url(tab, congress)).content.decode()
    assert "Chưa triệu tập đại biểu" in html
    assert "Có mặt 0/0" not in html
    assert "cần ít nhất 0" not in html
    assert "Chưa đủ số đại biểu" not in html
    assert "Khai mạc Đại hội" not in html
    day = congress.held_on.strftime("%d/%m/%Y")
    assert primary_buttons(html) == [f"Triệu tập đoàn viên đang sinh hoạt ngày {day}"]


def test_a_member_sees_that_nobody_is_summoned_yet_without_a_button(client, roles, congress):
    client.force_login(roles.member)
    html = client.get(congress_url("attendance", congress)).content.decode()
    assert "Chưa triệu tập đại biểu" in html
    assert "Có mặt 0/0" not in html
    assert "Triệu tập đoàn viên" not in html


def test_once_summoned_the_quorum_is_counted_and_opening_becomes_the_primary_step(client, roles, congress):
    summoned = services.congress_summon(congress=congress)
    client.force_login(roles.secretary)
    html = client.get(congress_url("attendance", congress)).content.decode()
    assert f"Có mặt 0/{summoned}" in html
    assert "Chưa triệu tập đại biểu" not in html
    assert primary_buttons(html) == ["Khai mạc Đại hội"]
    assert "Triệu tập thêm đoàn viên đang sinh hoạt" in html
    # The quorum card fetched alone while the congress sits counts too.
    assert f"Có mặt 0/{summoned}" in client.get(congress_url("quorum", congress)).content.decode()


# The dashboard after the term ---------------------------------------------------------------


@pytest.fixture
def after_the_congress_date(monkeypatch, demo_term, congress):
    """A day past the term's end and past the day the congress was planned for (the demo's 20/08/2024)."""
    day = max(demo_term.ends_on, congress.held_on) + datetime.timedelta(days=30)
    monkeypatch.setattr("chidoan.web.dashboard.local_today", lambda: day)
    return day


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard", kwargs={"slug": SLUG})).content.decode()


def next_step(html: str) -> str:
    return html[html.index('data-testid="next-step"') :].split("</div>", 1)[0]


def test_a_past_congress_date_says_to_record_it_or_move_it_with_the_buttons(
    client, roles, congress, after_the_congress_date
):
    html = dashboard(client, roles.secretary)
    day = congress.held_on.strftime("%d/%m/%Y")
    assert f"Đại hội dự kiến ngày {day} nhưng chưa được ghi nhận" in html
    step = next_step(html)
    assert f'href="{congress_url("detail", congress)}"' in step
    assert primary_buttons(step) == ["Tiếp tục chuẩn bị Đại hội"]
    assert f'href="{congress_url("edit", congress)}"' in step
    assert "Đổi ngày Đại hội" in step


def test_a_congress_in_session_is_continued_from_the_dashboard(client, roles, congress, after_the_congress_date):
    services.congress_summon(congress=congress)
    services.congress_open(congress=congress)
    html = dashboard(client, roles.secretary)
    assert "Đại hội đang diễn ra" in html
    assert primary_buttons(next_step(html)) == ["Tiếp tục Đại hội"]


def test_an_expired_term_without_a_congress_offers_to_prepare_it(client, roles, congress, after_the_congress_date):
    congress.delete()
    html = dashboard(client, roles.secretary)
    assert "Bước tiếp theo: chuẩn bị Đại hội" in html
    step = next_step(html)
    assert f'href="{reverse("congress:create", kwargs={"slug": SLUG})}"' in step
    assert primary_buttons(step) == ["Chuẩn bị Đại hội"]


def test_a_member_is_shown_the_congress_page_not_a_button_they_cannot_use(
    client, roles, congress, after_the_congress_date
):
    step = next_step(dashboard(client, roles.member))
    assert primary_buttons(step) == []
    assert f'href="{congress_url("detail", congress)}"' in step
    assert "Xem Đại hội" in step
    assert "Đổi ngày Đại hội" not in step
