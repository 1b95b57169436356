"""A branch new to the product: its current term opened by hand, its committee recorded as elected or appointed."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from chidoan.lib.dates import today
from members.models import Member, Organisation
from terms import rules
from terms.models import CommitteeRole, CommitteeSeat, SeatStartKind, Term

pytestmark = pytest.mark.django_db
SLUG = "so-y-te-mau"  # the demo's second branch: no term yet


@pytest.fixture
def bantochuc(roles):
    return get_user_model().objects.get(username="bantochuc")


def test_the_committee_page_of_a_branch_without_a_term_offers_the_way_forward(client, bantochuc, roles):
    client.force_login(bantochuc)
    page = client.get(reverse("terms:committee", kwargs={"slug": SLUG})).content.decode()
    assert "Chi đoàn chưa có nhiệm kỳ nào." in page
    assert reverse("terms:term_open", kwargs={"slug": SLUG}) in page
    client.force_login(roles.officer)  # read only: told who does it, no button
    page = client.get(reverse("terms:committee", kwargs={"slug": SLUG})).content.decode()
    assert reverse("terms:term_open", kwargs={"slug": SLUG}) not in page
    assert "Cấp trên mở nhiệm kỳ đương nhiệm cho chi đoàn." in page


def test_preparing_a_congress_without_a_term_leads_to_opening_one_instead_of_a_404(client, bantochuc):
    client.force_login(bantochuc)
    response = client.get(reverse("congress:create", kwargs={"slug": SLUG}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("terms:term_open", kwargs={"slug": SLUG})
    assert "hãy mở nhiệm kỳ đương nhiệm trước khi chuẩn bị Đại hội" in response.content.decode()


def test_the_officer_opens_the_term_with_dates_defaulting_from_the_branch_type(client, bantochuc):
    branch = Organisation.objects.get(slug=SLUG)
    url = reverse("terms:term_open", kwargs={"slug": SLUG})
    client.force_login(bantochuc)
    initial = client.get(url).context["form"].initial
    start = today().replace(day=1)
    assert initial["starts_on"] == start
    assert initial["ends_on"] == rules.add_months(start, 30) - datetime.timedelta(days=1)  # an agency: 2.5 years
    response = client.post(url, {"starts_on": "2025-03-01", "ends_on": "2027-08-31", "number": "4"}, follow=True)
    term = Term.objects.get(branch=branch)
    assert (term.starts_on, term.ends_on, term.number) == (datetime.date(2025, 3, 1), datetime.date(2027, 8, 31), 4)
    assert response.redirect_chain[-1][0] == reverse("terms:committee", kwargs={"slug": SLUG}) + "?nhiem-ky=2025-2027"
    assert "Tiếp theo: ghi Ban Chấp hành đang đương nhiệm." in response.content.decode()


def test_a_term_longer_than_the_rules_allow_is_refused_beside_the_end_date(client, bantochuc):
    client.force_login(bantochuc)
    response = client.post(
        reverse("terms:term_open", kwargs={"slug": SLUG}), {"starts_on": "2025-03-01", "ends_on": "2029-03-01"}
    )
    assert "nhiệm kỳ của chi đoàn loại này là 30 tháng" in " ".join(response.context["form"].errors["ends_on"]).lower()
    assert not Term.objects.filter(branch__slug=SLUG).exists()


def test_a_seat_appointed_by_the_upper_level_needs_the_decision(client, bantochuc):
    branch = Organisation.objects.get(slug=SLUG)
    client.force_login(bantochuc)
    client.post(reverse("terms:term_open", kwargs={"slug": SLUG}), {"starts_on": "2025-03-01", "ends_on": "2027-08-31"})
    member = Member.objects.get(branch=branch, family_name="Hồ")
    url = reverse("terms:seat_add", kwargs={"slug": SLUG}) + "?nhiem-ky=2025-2027"
    data = {"member": member.pk, "role": CommitteeRole.SECRETARY, "started_on": "2025-03-10", "start_kind": "appointed"}
    refused = client.post(url, data)
    assert "Cần ghi số quyết định chỉ định của cấp trên." in refused.context["form"].errors["decision_number"]
    assert "Cần ghi ngày của quyết định chỉ định." in refused.context["form"].errors["decision_on"]
    assert not CommitteeSeat.objects.filter(member=member).exists()
    client.post(url, {**data, "decision_number": "15-QĐ/ĐK", "decision_on": "2025-03-05"})
    seat = CommitteeSeat.objects.get(member=member)
    assert (seat.start_kind, seat.decision_number, seat.decision_on) == (
        SeatStartKind.APPOINTED,
        "15-QĐ/ĐK",
        datetime.date(2025, 3, 5),
    )
    page = client.get(reverse("terms:committee", kwargs={"slug": SLUG})).content.decode()
    assert "Cấp trên chỉ định (quyết định số 15-QĐ/ĐK ngày 05/03/2025)" in page
