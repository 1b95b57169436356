"""The member picker on its pages: the search endpoint (members:picker), search-then-choose without JavaScript,
and the forms still refusing anyone outside the set they allow (chidoan.lib.picker)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congress import services as congress_services
from congress.models import Congress, ElectionKind
from members.models import Member
from terms.models import CommitteeSeat
from tests.congress.helpers import by_name
from tests.members.helpers import add_members

OTHER_BRANCH = "so-y-te-mau"


@pytest.fixture
def secretary(client, roles):
    client.force_login(roles.secretary)
    return client


@pytest.fixture
def congress(demo_branch) -> Congress:
    return Congress.objects.get(closes_term__branch=demo_branch)


@pytest.fixture
def stranger(db) -> Member:
    """A member of the other demo branch."""
    return Member.objects.get(branch__slug=OTHER_BRANCH, family_name="Phan", given_name="Diễm")


def picker(branch, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("members:picker", kwargs={"slug": branch.slug}) + (f"?{query}" if query else "")


def congress_url(name: str, congress: Congress, **kwargs) -> str:
    return reverse(f"congress:{name}", kwargs={"slug": congress.branch.slug, "pk": congress.pk, **kwargs})


def labels(response) -> list[str]:
    return [row["label"] for row in response.json()["results"]]


# --------------------------------------------------------------------------- the endpoint


def test_the_search_finds_members_without_accents_in_name_order(secretary, demo_branch):
    response = secretary.get(picker(demo_branch, q="tuyet hang"))
    assert response.status_code == 200
    assert labels(response) == ["Đặng Tuyết Hằng"]
    everyone = labels(secretary.get(picker(demo_branch, q="thi")))
    keys = [m.full_name for m in Member.objects.filter(branch=demo_branch).search("thi").in_name_order()]
    assert everyone == keys and len(everyone) > 1


def test_the_search_answers_at_most_twenty_and_says_there_are_more(secretary, demo_branch):
    add_members(demo_branch, 25)
    answer = secretary.get(picker(demo_branch, q="nguyen van thu")).json()
    assert len(answer["results"]) == 20 and answer["more"] is True
    answer = secretary.get(picker(demo_branch, q="thu024")).json()
    assert labels_of(answer) == ["Nguyễn Văn Thử024"] and answer["more"] is False


def labels_of(answer: dict) -> list[str]:
    return [row["label"] for row in answer["results"]]


def test_the_search_never_answers_with_another_branchs_member(secretary, demo_branch, stranger):
    assert labels(secretary.get(picker(demo_branch, q="phan thi diem"))) == []


def test_a_congress_scope_gives_only_its_summoned_and_nothing_for_another_branchs_congress(
    secretary, demo_branch, congress
):
    assert labels(secretary.get(picker(demo_branch, scope="congress-summoned", congress=congress.pk))) == []
    congress_services.congress_summon(congress=congress)
    summoned = labels(secretary.get(picker(demo_branch, scope="congress-summoned", congress=congress.pk)))
    assert "Đặng Tuyết Hằng" in summoned
    not_summoned = labels(secretary.get(picker(demo_branch, scope="congress-not-summoned", congress=congress.pk)))
    summoned_ids = congress.attendances.values("member_id")
    expected = Member.objects.filter(branch=demo_branch).exclude(pk__in=summoned_ids).in_name_order()
    assert not_summoned == [m.full_name for m in expected]  # who left before the congress
    assert not set(not_summoned) & set(summoned)
    other = Congress.objects.filter(closes_term__branch__slug=OTHER_BRANCH).first()
    if other is not None:
        assert labels(secretary.get(picker(demo_branch, scope="congress-summoned", congress=other.pk))) == []
    assert labels(secretary.get(picker(demo_branch, scope="congress-summoned", congress="abc"))) == []


def test_an_unknown_scope_is_a_bad_request(secretary, demo_branch):
    assert secretary.get(picker(demo_branch, scope="everyone")).status_code == 400


def test_an_ordinary_member_may_not_search_the_branch(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(picker(demo_branch, q="a")).status_code == 403


# --------------------------------------------------------------------------- the committee's add-a-seat form


def test_tim_without_javascript_shows_the_matches_and_keeps_what_was_entered(secretary, demo_branch):
    seats = CommitteeSeat.objects.count()
    response = secretary.post(
        reverse("terms:seat_add", kwargs={"slug": demo_branch.slug}),
        {"member-q": "tuyet", "member-tim": "1", "role": "deputy", "started_on": "2023-05-02", "start_kind": "added"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert CommitteeSeat.objects.count() == seats  # searching saves nothing
    hang = Member.objects.get(branch=demo_branch, given_name="Hằng")
    assert f'value="{hang.pk}"' in page and "Đặng Tuyết Hằng" in page
    assert "Đinh Thị Mai" not in page  # only the matches, not the branch
    assert 'value="tuyet"' in page and 'value="2023-05-02"' in page
    assert '<option value="deputy" selected>' in page
    assert "invalid-feedback" not in page  # nothing was meant to be saved: no errors


def test_the_seat_form_refuses_a_member_of_another_branch(secretary, demo_branch, stranger):
    seats = CommitteeSeat.objects.count()
    response = secretary.post(
        reverse("terms:seat_add", kwargs={"slug": demo_branch.slug}),
        {"member": stranger.pk, "role": "member", "started_on": "2023-05-02", "start_kind": "added"},
    )
    assert response.status_code == 200
    assert "member" in response.context["form"].errors
    assert CommitteeSeat.objects.count() == seats


# --------------------------------------------------------------------------- the summons


def test_tim_on_the_summons_comes_back_to_the_desk_with_the_matches(secretary, congress):
    response = secretary.post(congress_url("summons_add", congress), {"member-q": "khoa", "member-tim": "1"})
    assert response.status_code == 302 and "member-q=khoa" in response.url
    assert not congress.attendances.exists()
    page = secretary.get(response.url).content.decode()
    assert "Trần Minh Khoa" in page and 'value="khoa"' in page
    assert "Đinh Thị Mai" not in page


def test_the_summons_refuses_a_stranger_and_someone_already_summoned(secretary, congress, stranger):
    secretary.post(congress_url("summons_add", congress), {"member": stranger.pk})
    assert not congress.attendances.exists()
    khoa = by_name(congress.branch)["Trần Minh Khoa"]
    secretary.post(congress_url("summons_add", congress), {"member": khoa.pk})
    assert list(congress.attendances.values_list("member_id", flat=True)) == [khoa.pk]
    response = secretary.post(congress_url("summons_add", congress), {"member": khoa.pk}, follow=True)
    assert congress.attendances.count() == 1
    assert "Hãy chọn một đoàn viên của chi đoàn." in response.content.decode()


# --------------------------------------------------------------------------- the congress's bodies


def test_tim_on_a_body_keeps_the_members_already_ticked(secretary, congress):
    congress_services.congress_summon(congress=congress)
    names = by_name(congress.branch)
    huy = names["Lê Huỳnh Khắc Huy"]
    response = secretary.post(
        congress_url("body", congress, kind="presidium"), {"members": [huy.pk], "members-q": "nhi", "members-tim": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not congress.bodies.exists()
    assert f'name="members" value="{huy.pk}" id="id_members-{huy.pk}" checked' in page
    assert "Hoàng Phạm Phương Nhi" in page


def test_a_body_refuses_a_member_who_was_not_summoned(secretary, congress, stranger):
    names = by_name(congress.branch)
    congress_services.congress_summon(congress=congress)
    absent = add_members(congress.branch, 1)[0]  # admitted after the summons: not summoned
    for outsider in (absent, stranger):
        response = secretary.post(
            congress_url("body", congress, kind="presidium"),
            {"members": [names["Lê Huỳnh Khắc Huy"].pk, outsider.pk]},
        )
        assert "members" in response.context["form"].errors
        response = secretary.post(
            congress_url("body", congress, kind="presidium"),
            {"members": [names["Lê Huỳnh Khắc Huy"].pk], "head": outsider.pk},
        )
        assert "head" in response.context["form"].errors
    assert not congress.bodies.exists()


# --------------------------------------------------------------------------- candidates


@pytest.fixture
def election(congress):
    congress_services.congress_summon(congress=congress)
    return congress_services.election_create(congress=congress, kind=ElectionKind.COMMITTEE, seats=5)


def test_tim_on_the_candidates_shows_who_may_still_stand(secretary, congress, election):
    names = by_name(congress.branch)
    congress_services.candidate_add(election=election, member=names["Đặng Tuyết Hằng"], source="outgoing")
    response = secretary.post(
        congress_url("candidate_add", congress, election_pk=election.pk),
        {"member-q": "hang", "member-tim": "1", "source": "floor"},
    )
    assert response.status_code == 200 and election.candidates.count() == 1
    form = response.context["candidate_form"]
    shown = [str(m) for m in form.fields["member"].queryset.search("hang")]
    assert "Đặng Tuyết Hằng" not in shown  # already on the list
    assert '<option value="floor" selected>' in response.content.decode()


def test_the_candidate_form_refuses_a_member_of_another_branch(secretary, congress, election, stranger):
    response = secretary.post(
        congress_url("candidate_add", congress, election_pk=election.pk), {"member": stranger.pk, "source": "floor"}
    )
    assert response.status_code == 200
    assert "member" in response.context["candidate_form"].errors
    assert not election.candidates.exists()
