"""The congress day's pages: each change posted as a user would, followed, and checked in the data."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from congress import selectors, services
from congress.models import (
    AttendanceStatus,
    BodyKind,
    Congress,
    CongressStatus,
    ElectionKind,
    ElectionStatus,
)
from terms.models import TargetKind
from tests.congress.helpers import (
    approve_bodies,
    by_name,
    committee_election,
    count_by_name,
    run_whole_day,
    summon_and_open,
)

SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"


def url(name: str, congress: Congress | None = None, **kwargs) -> str:
    if congress is not None:
        kwargs["pk"] = congress.pk
    return reverse(f"congress:{name}", kwargs={"slug": SLUG, **kwargs})


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_every_branch_role_reads_the_congress_pages(client, roles, congress):
    summon_and_open(congress)
    election = committee_election(congress)
    pages = [
        url("list"),
        url("detail", congress),
        url("attendance", congress),
        url("body", congress, kind="presidium"),
        url("election", congress, election_pk=election.pk),
        url("resolution", congress),
    ]
    for user in (roles.secretary, roles.deputy, roles.committee, roles.member, roles.officer, roles.admin):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 200, (user, page)
    client.force_login(roles.outsider)
    for page in pages:
        assert client.get(page).status_code == 404, page


def test_an_ordinary_member_cannot_run_the_congress(client, roles, congress):
    services.congress_summon(congress=congress)
    attendance = congress.attendances.first()
    client.force_login(roles.member)
    response = client.post(url("checkin", congress, att_pk=attendance.pk), {"status": "present"})
    assert response.status_code == 403
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PENDING


def test_changing_urls_refuse_get(secretary_client, congress):
    for name, extra in [
        ("summon", {}),
        ("open", {}),
        ("checkin", {"att_pk": 1}),
        ("body_vote", {"kind": "presidium"}),
        ("election_open", {"election_pk": 1}),
        ("next_round", {"election_pk": 1}),
        ("leave_vacant", {"election_pk": 1}),
        ("count", {"election_pk": 1, "round_pk": 1}),
        ("candidate_add", {"election_pk": 1}),
        ("resolution_vote", {}),
        ("target_add", {}),
        ("guest_add", {}),
        ("summons_add", {}),
    ]:
        assert secretary_client.get(url(name, congress, **extra)).status_code == 405, name


def test_the_secretary_prepares_a_congress_for_a_term_without_one(secretary_client, congress):
    congress.delete()
    response = secretary_client.post(
        url("create"),
        {
            "held_on": "2024-08-20",
            "starts_at": "08:00",
            "place": "Hội trường Sở",
            "new_term_starts_on": "2024-08-20",
            "new_term_ends_on": "2027-02-19",
        },
        follow=True,
    )
    created = Congress.objects.get(closes_term__branch__slug=SLUG)
    assert response.redirect_chain[-1][0] == url("detail", created)
    assert created.place == "Hội trường Sở"
    assert created.programme_items.count() == 7
    assert "Bầu Ban Chấp hành nhiệm kỳ mới" in response.content.decode()


def test_summons_and_check_in_update_the_quorum(secretary_client, congress):
    response = secretary_client.post(url("summon", congress), follow=True)
    summoned = congress.attendances.count()
    assert summoned > 0
    assert f"Có mặt 0/{summoned}" in response.content.decode()
    secretary_client.post(url("open", congress))
    congress.refresh_from_db()
    assert congress.status == CongressStatus.IN_SESSION
    attendance = congress.attendances.first()
    response = secretary_client.post(url("checkin", congress, att_pk=attendance.pk), {"status": "present"}, follow=True)
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT
    assert f"Có mặt 1/{summoned}" in response.content.decode()


def test_the_quorum_card_alone_follows_the_check_in_desk(client, roles, congress):
    """Another screen (here the ordinary member's) fetches the card and sees each check-in."""
    congress = summon_and_open(congress, present=0)
    summoned = congress.attendances.count()
    client.force_login(roles.member)
    assert f"Có mặt 0/{summoned}" in client.get(url("quorum", congress)).content.decode()
    services.attendance_set(attendance=congress.attendances.first(), status=AttendanceStatus.PRESENT)
    card = client.get(url("quorum", congress)).content.decode()
    assert f"Có mặt 1/{summoned}" in card
    assert "<html" not in card


def test_an_absence_without_reason_is_refused_with_the_reason(secretary_client, congress):
    services.congress_summon(congress=congress)
    attendance = congress.attendances.first()
    response = secretary_client.post(
        url("checkin", congress, att_pk=attendance.pk), {"status": "absent", "reason": ""}, follow=True
    )
    assert "Cần ghi lý do vắng mặt." in messages_of(response)
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PENDING


def test_removing_a_summoned_member_asks_first(secretary_client, congress):
    services.congress_summon(congress=congress)
    attendance = congress.attendances.first()
    page = secretary_client.get(url("summons_remove", congress, att_pk=attendance.pk))
    assert page.status_code == 200 and "Bỏ đồng chí" in page.content.decode()
    assert congress.attendances.filter(pk=attendance.pk).exists()
    secretary_client.post(url("summons_remove", congress, att_pk=attendance.pk), follow=True)
    assert not congress.attendances.filter(pk=attendance.pk).exists()


def test_a_body_is_chosen_then_approved_by_show_of_hands(secretary_client, congress):
    congress = summon_and_open(congress)
    names = by_name(congress.branch)
    huy, nhi = names["Lê Huỳnh Khắc Huy"], names["Hoàng Phạm Phương Nhi"]
    secretary_client.post(
        url("body", congress, kind="presidium"), {"members": [huy.pk, nhi.pk], "head": huy.pk}, follow=True
    )
    body = congress.bodies.get(kind=BodyKind.PRESIDIUM)
    assert [m.member for m in body.members.all()] == [huy, nhi]
    present = selectors.quorum_of(congress).present
    response = secretary_client.post(
        url("body_vote", congress, kind="presidium"),
        {"votes_for": present - 1, "votes_against": 0, "votes_abstain": 1},
        follow=True,
    )
    body.refresh_from_db()
    assert body.passed
    assert "Đại hội đã thông qua." in response.content.decode()


def test_a_vote_before_quorum_is_refused_with_the_reason(secretary_client, congress):
    congress = summon_and_open(congress, present=2)
    huy = by_name(congress.branch)["Lê Huỳnh Khắc Huy"]
    services.body_set_members(congress=congress, kind=BodyKind.PRESIDIUM, members=[huy])
    response = secretary_client.post(
        url("body_vote", congress, kind="presidium"),
        {"votes_for": 2, "votes_against": 0, "votes_abstain": 0},
        follow=True,
    )
    assert any("Chưa đủ số đại biểu" in m for m in messages_of(response))
    assert not congress.bodies.get(kind=BodyKind.PRESIDIUM).is_voted


def test_an_election_runs_from_candidates_to_a_count(secretary_client, sitting):
    congress = sitting
    secretary_client.post(url("election_add", congress), {"kind": ElectionKind.COMMITTEE, "seats": 2})
    election = congress.elections.get()
    names = by_name(congress.branch)
    for name in ["Lê Huỳnh Khắc Huy", "Đặng Tuyết Hằng"]:
        secretary_client.post(
            url("candidate_add", congress, election_pk=election.pk),
            {"member": names[name].pk, "source": "outgoing"},
        )
    assert election.candidates.count() == 2
    secretary_client.post(url("election_open", congress, election_pk=election.pk))
    election.refresh_from_db()
    assert election.status == ElectionStatus.VOTING
    rnd = election.rounds.get()
    counts = {c.candidate.member.given_name: c.candidate_id for c in rnd.counts.select_related("candidate__member")}
    present = selectors.quorum_of(congress).present
    bad = {"issued": present, "returned": present, "valid": present, "invalid": 1}
    bad |= {f"votes_{pk}": 1 for pk in counts.values()}
    response = secretary_client.post(url("count", congress, election_pk=election.pk, round_pk=rnd.pk), bad)
    assert response.status_code == 200  # the form again, not a redirect
    form = response.context["count_form"]
    assert "phải bằng số phiếu thu về" in " ".join(form.errors["valid"])  # beside the field it is about
    page = response.content.decode()
    assert f"Đại hội: {present} đại biểu có mặt" in page
    assert 'name="invalid" value="1"' in page  # what was typed is kept
    rnd.refresh_from_db()
    assert rnd.counted_at is None
    good = {"issued": present, "returned": present, "valid": present, "invalid": 0}
    good |= {f"votes_{counts['Huy']}": present, f"votes_{counts['Hằng']}": present - 1}
    response = secretary_client.post(
        url("count", congress, election_pk=election.pk, round_pk=rnd.pk), good, follow=True
    )
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECIDED
    assert "Trúng cử" in response.content.decode()


def test_too_many_candidates_are_refused_on_the_add_form(secretary_client, sitting):
    congress = sitting
    names = by_name(congress.branch)
    election = services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=3)
    for name in ["Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi", "Đặng Tuyết Hằng"]:
        services.candidate_add(election=election, member=names[name], source="outgoing")
    page = secretary_client.get(url("election", congress, election_pk=election.pk)).content.decode()
    assert "Danh sách nhiều nhất 3 người (số dư không quá 30%)" in page  # the limit beside the list
    response = secretary_client.post(
        url("candidate_add", congress, election_pk=election.pk), {"member": names["Đinh Thị Mai"].pk, "source": "floor"}
    )
    assert response.status_code == 200
    assert "nhiều nhất 3 người" in " ".join(response.context["candidate_form"].errors["member"])
    assert election.candidates.count() == 3


def test_the_count_says_the_people_entitled_to_vote(secretary_client, sitting):
    congress = sitting
    election = committee_election(congress)
    rnd = services.election_open(election=election)
    present = selectors.quorum_of(congress).present
    data = {"issued": present + 1, "returned": present, "valid": present, "invalid": 0}
    data |= {f"votes_{c.candidate_id}": 1 for c in rnd.counts.all()}
    response = secretary_client.post(url("count", congress, election_pk=election.pk, round_pk=rnd.pk), data)
    errors = " ".join(response.context["count_form"].errors["issued"])
    assert f"Số phiếu phát ra ({present + 1}) nhiều hơn số người có quyền bầu cử ({present})." in errors


def test_the_resolution_is_drafted_and_adopted(secretary_client, congress):
    congress = summon_and_open(congress)
    secretary_client.post(
        url("target_add", congress),
        {"name": "kết nạp đoàn viên mới", "kind": TargetKind.NUMBER, "planned_value": "5", "unit": "đoàn viên"},
    )
    assert congress.draft_targets.get().planned_value == Decimal(5)
    present = selectors.quorum_of(congress).present
    response = secretary_client.post(
        url("resolution_vote", congress),
        {"votes_for": present, "votes_against": 0, "votes_abstain": 0},
        follow=True,
    )
    congress.refresh_from_db()
    assert congress.resolution_adopted_on == congress.held_on
    assert "Đã thông qua" in response.content.decode()


def test_the_handover_page_confirms_once(secretary_client, congress):
    congress = run_whole_day(congress)
    page = secretary_client.get(url("handover", congress))
    assert "Xác nhận kết quả" in page.content.decode()
    response = secretary_client.post(url("handover", congress), follow=True)
    congress.refresh_from_db()
    assert congress.opens_term is not None
    assert "Đã xác nhận kết quả" in response.content.decode()
    response = secretary_client.post(url("handover", congress), follow=True)
    assert any("đã được xác nhận" in m for m in messages_of(response))


def test_another_branchs_congress_is_not_found(client, roles, congress):
    client.force_login(roles.outsider)
    assert client.get(url("detail", congress)).status_code == 404
    other = reverse("congress:detail", kwargs={"slug": "so-y-te-mau", "pk": congress.pk})
    client.force_login(roles.admin)
    assert client.get(other).status_code == 404


def test_the_admin_lists_the_congress_day(client, roles, congress):
    run_whole_day(congress)
    client.force_login(roles.admin)
    for model in ["election", "ballotround", "congressbody", "resolutionvote"]:
        assert client.get(reverse(f"admin:congress_{model}_changelist")).status_code == 200, model
    page = client.get(reverse("admin:congress_congress_change", args=[congress.pk]))
    assert page.status_code == 200
    assert "Bầu Ban Chấp hành nhiệm kỳ mới" in page.content.decode()


def test_the_pages_link_to_the_congress_documents(secretary_client, congress):
    congress = run_whole_day(congress)
    election = congress.elections.get(kind=ElectionKind.COMMITTEE)
    documents = {
        name: reverse(f"reports:{name}", kwargs={"slug": SLUG, "pk": congress.pk})
        for name in ["congress_minutes", "congress_minutes_pdf", "congress_resolution", "congress_resolution_pdf"]
    }
    overview = secretary_client.get(url("detail", congress)).content.decode()
    for name, href in documents.items():
        assert f'href="{href}"' in overview, name
    self_review = reverse("reports:self_review", kwargs={"slug": SLUG, "term": congress.closes_term.slug})
    assert f'href="{self_review}"' in overview
    resolution = secretary_client.get(url("resolution", congress)).content.decode()
    assert f'href="{documents["congress_resolution"]}"' in resolution
    assert f'href="{documents["congress_resolution_pdf"]}"' in resolution
    ballot_page = secretary_client.get(url("election", congress, election_pk=election.pk)).content.decode()
    for name in ["ballots_pdf", "counting_record", "counting_record_pdf"]:
        href = reverse(f"reports:{name}", kwargs={"slug": SLUG, "pk": congress.pk, "election_pk": election.pk})
        assert f'href="{href}"' in ballot_page, name


def test_the_secretary_list_offers_only_the_new_committee_once_it_is_decided(secretary_client, congress):
    """The list offered those ahead in a committee election still tied for its last seat, whom adding
    then refused ("được bầu trong số Ủy viên Ban Chấp hành mới đã trúng cử")."""
    congress = summon_and_open(congress)
    approve_bodies(congress)
    present = selectors.quorum_of(congress).present
    committee = committee_election(congress)
    rnd = services.election_open(election=committee)
    count_by_name(rnd, issued=present, valid=present, Huy=17, Nhi=16, Hằng=15, Mai=14, Ánh=12, Tài=12)
    secretary = services.election_create(congress=congress, kind=ElectionKind.SECRETARY, seats=1)

    def offered() -> set[str]:
        page = secretary_client.get(url("election", congress, election_pk=secretary.pk))
        return {m.given_name for m in page.context["candidate_form"].fields["member"].queryset}

    assert offered() == set()
    count_by_name(services.next_round_open(election=committee), issued=present, valid=present, Ánh=11, Tài=6)
    assert offered() == {"Huy", "Nhi", "Hằng", "Mai", "Ánh"}


def test_a_round_short_of_seats_offers_the_next_round_or_the_vacancy(secretary_client, sitting):
    congress = sitting
    election = committee_election(congress, seats=5)
    present = selectors.quorum_of(congress).present
    few = present // 2
    rnd = services.election_open(election=election)
    count_by_name(
        rnd, issued=present, valid=present, Huy=present, Nhi=present, Hằng=present, Mai=present, Ánh=few, Tài=few
    )
    page_url = url("election", congress, election_pk=election.pk)
    page = secretary_client.get(page_url).content.decode()
    assert "Còn 1 vị trí chưa có người trúng cử." in page
    assert "Mở bỏ phiếu lần 2" in page and "Không bầu tiếp, để trống vị trí" in page
    response = secretary_client.post(url("leave_vacant", congress, election_pk=election.pk), follow=True)
    page = response.content.decode()
    assert "Còn 1 vị trí để trống, để cấp trên chỉ định hoặc bầu bổ sung." in page
    assert "Mở bỏ phiếu lần 2" not in page
    response = secretary_client.post(url("next_round", congress, election_pk=election.pk), follow=True)
    assert any("để trống vị trí" in m for m in messages_of(response))
    assert election.rounds.count() == 1
