"""A committee member added after the congress ("Bổ sung", issue 10) is shown as added on that date,
in the minutes and on the congress page, never as elected at the congress."""

from __future__ import annotations

from datetime import date as D

from django.urls import reverse

from congress import services as congress_services
from members.models import Member
from terms import services as term_services
from terms.models import CommitteeRole, SeatStartKind
from tests.congress.helpers import demo_congress, run_whole_day
from tests.reports.test_congress_documents import pdf_text, url


def test_a_member_added_after_the_congress_is_added_on_that_date_not_elected(client, roles, demo_branch):
    congress = run_whole_day(demo_congress(demo_branch))
    congress_services.congress_handover(congress=congress, by=roles.secretary)
    congress.refresh_from_db()
    term_services.seat_add(
        term=congress.opens_term,
        member=Member.objects.get(branch=demo_branch, family_name="Huỳnh", given_name="Tài"),
        role=CommitteeRole.MEMBER,
        started_on=D(2024, 9, 10),
        start_kind=SeatStartKind.ADDED,
        position=6,
    )
    client.force_login(roles.secretary)

    minutes = pdf_text(client.get(url("congress_minutes_pdf", congress)).content)
    elected = minutes[minutes.index("nhiệm kỳ 2024 – 2027 gồm") :]
    assert elected.startswith("nhiệm kỳ 2024 – 2027 gồm 05 đồng chí")  # the five the congress elected
    assert "bổ sung vào Ban Chấp hành (không do Đại hội bầu): - Đồng chí Huỳnh Văn Tài, Ủy viên" in minutes
    assert "bổ sung ngày 10/09/2024" in minutes
    assert minutes.count("Huỳnh Văn Tài, Ủy viên") == 1

    page = client.get(reverse("congress:detail", kwargs={"slug": demo_branch.slug, "pk": congress.pk}))
    assert "Huỳnh Văn Tài – Ủy viên (bổ sung ngày 10/09/2024, không do Đại hội bầu)" in page.content.decode()
