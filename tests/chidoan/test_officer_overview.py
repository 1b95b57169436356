"""The officer's start page: the tree below them level by level, with each organisation's figures."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from chidoan.lib.dates import today
from members import figures as member_figures
from members.models import Organisation, OrganisationKind, OrganisationOfficer
from terms.models import Term
from tests.members.factories import MemberFactory, OrganisationFactory, ParentOrganisationFactory

pytestmark = pytest.mark.django_db


def level(client, slug: str = "", **params):
    if slug:
        params["to-chuc"] = slug
    return client.get(reverse("home"), params)


def test_the_officer_sees_each_branch_with_its_figures(client, roles, demo_branch):
    client.force_login(roles.officer)
    rows = {r.slug: r for r in level(client).context["page"]}
    row = rows[demo_branch.slug]
    figures = member_figures.branch_figures(branch=demo_branch, on=today())
    assert row.active == figures.statuses["active"]
    assert row.has_secretary  # the demo Secretary has a login
    assert row.term_label and row.term_ends_on is not None
    assert row.seats_filled > 0


def test_the_province_officer_opens_the_tree_level_by_level(client, demo_branch):
    client.force_login(User.objects.get(username="bantochuc"))
    top = level(client)
    assert [r.organisation.kind for r in top.context["page"]] == [OrganisationKind.BLOC]
    bloc = top.context["page"][0]
    assert bloc.branches == 2 and not bloc.is_branch
    below = level(client, bloc.slug)
    assert demo_branch.slug in [r.slug for r in below.context["page"]]
    assert bloc.active == sum(r.active for r in below.context["page"])


def test_a_level_outside_the_officer_subtree_is_not_found(client, roles):
    other = ParentOrganisationFactory()
    client.force_login(roles.officer)
    assert level(client, other.slug).status_code == 404
    province = Organisation.objects.get(slug="tinh-doan-mau")  # above the officer's bloc
    assert level(client, province.slug).status_code == 404


def test_overdue_congress_first_and_the_filter_keeps_only_them(client, roles, demo_branch):
    bloc = OrganisationOfficer.objects.get(user=roles.officer).organisation
    late = OrganisationFactory(parent=bloc, name="Chi đoàn Quá hạn")
    Term.objects.create(branch=late, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2022, 6, 30))
    fine = OrganisationFactory(parent=bloc, name="Chi đoàn Đúng hạn")
    Term.objects.create(branch=fine, starts_on=today().replace(month=1, day=1), ends_on=datetime.date(2099, 6, 30))
    client.force_login(roles.officer)
    ordered = list(level(client, sort="dai_hoi").context["page"])
    assert ordered[0].congress_label == "Quá hạn Đại hội" and ordered[-1].slug == fine.slug
    kept = level(client, loc="qua-han").context["page"]
    assert late.slug in [r.slug for r in kept] and fine.slug not in [r.slug for r in kept]
    assert all(r.congress_label == "Quá hạn Đại hội" for r in kept)
    no_secretary = [r.slug for r in level(client, loc="chua-co-bi-thu").context["page"]]
    assert late.slug in no_secretary and demo_branch.slug not in no_secretary


def test_the_filter_for_reports_not_sent_lists_branches_without_one(client, roles):
    client.force_login(roles.officer)
    rows = level(client, loc="chua-gui-bao-cao").context["page"]
    assert all(r.report_sending not in ("sent", "acknowledged") for r in rows)


def test_the_report_column_reads_the_real_sendings_up(client, roles, demo_branch, demo_term):
    """Issued but not sent: "not sent" (kept by the filter); sent: waiting; acknowledged: received; returned: not sent."""
    from reports import services as report_services
    from tests.reports.factories import IssuedDocumentFactory

    editor = User.objects.get(username="bantochuc")
    client.force_login(roles.officer)

    def row():
        rows = {r.slug: r for r in level(client).context["page"]}
        kept = [r.slug for r in level(client, loc="chua-gui-bao-cao").context["page"]]
        return rows[demo_branch.slug], demo_branch.slug in kept

    IssuedDocumentFactory(term=demo_term, issued_on=datetime.date(2024, 8, 1))
    last = IssuedDocumentFactory(term=demo_term, issued_on=datetime.date(2024, 8, 20))
    shown, kept = row()
    assert (shown.report_issued_on, shown.report_sending, kept) == (datetime.date(2024, 8, 20), None, True)
    assert "Chưa gửi lên" in level(client).content.decode()
    sent = report_services.submission_send(document=last, by=roles.secretary)
    shown, kept = row()
    assert (shown.report_sending, kept) == ("sent", False)
    report_services.submission_return(submission=sent, by=editor, comment="Sửa")
    shown, kept = row()
    assert (shown.report_sending, kept) == ("returned", True)
    report_services.submission_acknowledge(
        submission=report_services.submission_send(document=last, by=None), by=editor
    )
    shown, kept = row()
    assert (shown.report_sending, kept) == ("acknowledged", False)
    assert "Cấp trên đã nhận" in level(client).content.decode()
    # The bloc's row (one level up, for the province editor) counts its branches not sent.
    client.force_login(editor)
    bloc_row = level(client).context["page"][0]
    assert bloc_row.report_unsent == bloc_row.branches - 1


def test_the_page_shows_the_two_charts(client, roles):
    client.force_login(roles.officer)
    html = level(client).content.decode()
    assert 'id="bieu-do-dai-hoi-title"' in html and 'id="bieu-do-doan-vien-title"' in html


@pytest.mark.parametrize("cache", ["off", "on"])
def test_a_level_costs_the_same_queries_at_n_and_3n_branches(client, assert_constant_queries, settings, cache):
    """With the figures cache on (local memory, one process) the members' figures of a warm page come from it."""
    settings.DASHBOARD_CACHE = cache
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    from reports import services as report_services
    from tests.reports.factories import IssuedDocumentFactory

    province = Organisation.objects.get(slug="tinh-doan-mau")
    bloc = Organisation.objects.get(slug="doan-khoi-cac-co-quan-tinh-mau")
    made = 0

    def build(n: int) -> str:
        nonlocal made
        for _ in range(n - made):
            branch = OrganisationFactory(parent=bloc)
            MemberFactory(branch=branch)
            term = Term.objects.create(
                branch=branch, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2026, 6, 30)
            )
            # Each branch's report issued and sent up: its sending is read in the same query.
            report_services.submission_send(document=IssuedDocumentFactory(term=term), by=None)
        made = n
        return reverse("home") + f"?to-chuc={bloc.slug}&sort=dai_hoi"

    client.force_login(User.objects.get(username="bantochuc"))
    assert_constant_queries(build, client=client, sizes=(4, 12))
    assert province.pk  # the province level too:
    assert_constant_queries(lambda n: (build(n), reverse("home"))[1], client=client, sizes=(14, 42))


@pytest.mark.parametrize("query", ["tran van", "TRẦN văn", "tran"])
def test_the_search_finds_members_of_the_subtree_only(client, roles, query):
    bloc = OrganisationOfficer.objects.get(user=roles.officer).organisation
    ours = MemberFactory(branch=OrganisationFactory(parent=bloc), family_name="Trần", middle_name="Văn")
    elsewhere = MemberFactory(branch=OrganisationFactory(), family_name="Trần", middle_name="Văn")  # another province
    client.force_login(roles.officer)
    response = client.get(reverse("home"), {"q": query})
    found = {m.pk for m in response.context["members"]}
    assert ours.pk in found and elsewhere.pk not in found
    assert elsewhere.branch.name not in response.content.decode()


def test_the_search_finds_branches_and_members_without_accents(client, roles, demo_branch):
    client.force_login(roles.officer)
    response = client.get(reverse("home"), {"q": "pham thi thu trang"})
    assert [m.full_name for m in response.context["members"]] == ["Phạm Thị Thu Trang"]
    response = client.get(reverse("home"), {"q": "so y te"})
    assert [b.slug for b in response.context["page"]] == ["so-y-te-mau"]


def test_a_branch_user_still_goes_straight_to_the_branch(client, roles, demo_branch):
    for user in (roles.member, roles.secretary):
        client.force_login(user)
        assert client.get(reverse("home")).url == reverse("dashboard", kwargs={"slug": demo_branch.slug})
        assert client.get(reverse("home"), {"q": "so y te", "to-chuc": "tinh-doan-mau"}).status_code == 302


def test_the_branch_row_agrees_with_the_branch_dashboard(client, roles, demo_branch):
    """Targets reached, age flags and the last rating: the same numbers the branch's own dashboard shows."""
    from members.models import BranchRating, RatingLevel

    BranchRating.objects.create(branch=demo_branch, year=2025, level=RatingLevel.EXCELLENT)
    client.force_login(roles.officer)
    row = next(r for r in level(client).context["page"] if r.slug == demo_branch.slug)
    dashboard = client.get(reverse("dashboard", kwargs={"slug": demo_branch.slug})).context
    assert (row.targets_reached, row.targets_total) == (dashboard["reached_count"], len(dashboard["target_lines"]))
    assert (row.over_age, row.near_age) == (dashboard["over_age_count"], dashboard["near_age_count"])
    assert (row.rating, row.rating_year) == (RatingLevel.EXCELLENT, 2025)
    assert row.report_issued_on is None  # the demo has issued no self-review report


def test_a_secretary_asking_for_the_officer_page_or_search_sees_nothing_of_other_branches(client, roles):
    other = MemberFactory(branch=Organisation.objects.get(slug="so-y-te-mau"), family_name="Khúc", given_name="Hạo")
    client.force_login(roles.secretary)
    for params in ({"q": "khuc hao"}, {"to-chuc": "doan-khoi-cac-co-quan-tinh-mau"}, {"loc": "qua-han"}):
        response = client.get(reverse("home"), params)
        assert response.status_code == 302 and other.full_name not in response.content.decode()
