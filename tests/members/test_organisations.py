"""Organisations opened and run from the product's pages by an editor officer (`bantochuc`), not the admin."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import services
from members.models import (
    ClosingKind,
    GrantEventKind,
    OfficerGrantEvent,
    Organisation,
    OrganisationKind,
    OrganisationOfficer,
    OrganisationSlug,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def org_url(name: str, organisation: Organisation, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"slug": organisation.slug, **kwargs})


@pytest.fixture
def bantochuc(roles):
    return get_user_model().objects.get(username="bantochuc")


@pytest.fixture
def bloc(db):
    return Organisation.objects.get(slug="doan-khoi-cac-co-quan-tinh-mau")


@pytest.fixture
def province(db):
    return Organisation.objects.get(slug="tinh-doan-mau")


@pytest.fixture
def other_province(db):
    """A second province with a branch, under nobody's grant but its own."""
    top = Organisation.objects.create(
        kind=OrganisationKind.PROVINCE, name="Tỉnh Đoàn Bình Phước", short_name="x", slug="tinh-khac"
    )
    services.organisation_create(parent=top, kind=OrganisationKind.BRANCH, name="Chi đoàn Sở Tài chính Bình Phước")
    return top


# Slugs ----------------------------------------------------------------------------


def test_a_vietnamese_name_gives_a_vietnamese_slug_unique_in_the_installation(bloc):
    first = services.organisation_create(
        parent=bloc, kind=OrganisationKind.BRANCH, name="Chi đoàn Giáo viên Trường THPT Phan Bội Châu"
    )
    second = services.organisation_create(
        parent=bloc, kind=OrganisationKind.BRANCH, name="Chi đoàn Giáo viên Trường THPT Phan Bội Châu"
    )
    inter = services.organisation_create(
        parent=bloc, kind=OrganisationKind.INTER_BRANCH, name="Liên chi đoàn Đại học Đà Lạt"
    )
    assert first.slug == "giao-vien-truong-thpt-phan-boi-chau"
    assert second.slug == "giao-vien-truong-thpt-phan-boi-chau-2"
    assert inter.slug == "lien-chi-doan-dai-hoc-da-lat"
    assert first.short_name == "Giáo viên Trường THPT Phan Bội Châu"


def test_a_rename_keeps_the_address_and_a_new_slug_leaves_the_old_address_redirecting(client, bantochuc, bloc):
    branch = services.organisation_create(parent=bloc, kind=OrganisationKind.BRANCH, name="Chi đoàn Sở Xây dựng")
    client.force_login(bantochuc)
    response = client.post(
        org_url("edit", branch),
        {
            "kind": "branch",
            "name": "Chi đoàn Sở Xây dựng tỉnh",
            "short_name": "",
            "slug": branch.slug,
            "version": branch.version,
        },
    )
    assert response.status_code == 302
    branch.refresh_from_db()
    assert (branch.name, branch.slug) == ("Chi đoàn Sở Xây dựng tỉnh", "so-xay-dung")
    client.post(
        org_url("edit", branch),
        {
            "kind": "branch",
            "name": branch.name,
            "short_name": "Sở Xây dựng",
            "slug": "so-xay-dung-tinh",
            "version": branch.version,
        },
    )
    branch.refresh_from_db()
    assert branch.slug == "so-xay-dung-tinh"
    old = client.get("/chi-doan/so-xay-dung/doan-vien/?q=an")
    assert old.status_code == 301 and old.url.endswith("/chi-doan/so-xay-dung-tinh/doan-vien/?q=an")
    assert client.get("/to-chuc/so-xay-dung/cai-dat/").url.endswith("/to-chuc/so-xay-dung-tinh/cai-dat/")
    # The old slug is not given to a new organisation of the same name: its addresses stay with the first.
    again = services.organisation_create(parent=bloc, kind=OrganisationKind.BRANCH, name="Chi đoàn Sở Xây dựng")
    assert again.slug == "so-xay-dung-2"
    assert OrganisationSlug.objects.get(slug="so-xay-dung").organisation == branch


def test_a_slug_in_use_is_refused_beside_the_field(client, bantochuc, demo_branch):
    other = Organisation.objects.get(slug="so-y-te-mau")
    client.force_login(bantochuc)
    response = client.post(
        org_url("edit", other),
        {
            "kind": "branch",
            "name": other.name,
            "short_name": other.short_name,
            "slug": demo_branch.slug,
            "version": other.version,
        },
    )
    assert "Mã đường dẫn này đã được dùng cho tổ chức khác." in response.context["form"].errors["slug"]
    other.refresh_from_db()
    assert other.slug == "so-y-te-mau"


# Opening, moving, closing ---------------------------------------------------------------------


def test_the_editor_officer_opens_a_branch_below_any_level_with_its_parents_settings(client, bantochuc, bloc):
    bloc.committee_max_size = 9
    bloc.save()
    client.force_login(bantochuc)
    response = client.post(
        org_url("add", bloc),
        {"kind": "branch", "name": "Chi đoàn Giáo viên Trường THPT Phan Bội Châu", "short_name": ""},
        follow=True,
    )
    branch = Organisation.objects.get(slug="giao-vien-truong-thpt-phan-boi-chau")
    assert response.redirect_chain[-1][0] == org_url("detail", branch)
    assert branch.parent == bloc and branch.committee_max_size == 9 and branch.place_name == "Đồng Nai"
    assert branch.issuing_body_line == "BCH CHI ĐOÀN GIÁO VIÊN TRƯỜNG THPT PHAN BỘI CHÂU"
    assert "Đã mở Chi đoàn Giáo viên Trường THPT Phan Bội Châu." in response.content.decode()


def test_the_read_only_officer_may_look_but_not_open_rename_move_or_close(client, roles, bloc, demo_branch):
    client.force_login(roles.officer)
    assert client.get(org_url("detail", bloc)).status_code == 200
    assert client.post(org_url("add", bloc), {"kind": "branch", "name": "Chi đoàn X"}).status_code == 403
    for name in ("edit", "move", "close", "grants"):
        assert client.get(org_url(name, demo_branch)).status_code == 403
    assert not Organisation.objects.filter(name="Chi đoàn X").exists()


def test_an_officer_never_sees_or_changes_another_province(client, bantochuc, roles, other_province, bloc):
    their_branch = other_province.children.get()
    for user in (bantochuc, roles.officer, roles.secretary):
        client.force_login(user)
        for name in ("detail", "settings", "edit", "move", "close", "add", "grants"):
            assert client.get(org_url(name, their_branch)).status_code == 404, (user, name)
        assert client.get(org_url("detail", other_province)).status_code == 404
    # Nor moves one of theirs there: the province is not offered, and a forged choice is refused.
    client.force_login(bantochuc)
    demo_other = Organisation.objects.get(slug="so-y-te-mau")
    form = client.get(org_url("move", demo_other)).context["form"]
    assert other_province not in form.fields["parent"].queryset
    response = client.post(org_url("move", demo_other), {"parent": other_province.pk, "version": demo_other.version})
    assert "parent" in response.context["form"].errors
    demo_other.refresh_from_db()
    assert demo_other.parent == bloc


def test_moving_a_level_moves_its_subtree_and_the_tree_rules_still_hold(client, bantochuc, province, bloc, demo_branch):
    inter = services.organisation_create(parent=bloc, kind=OrganisationKind.INTER_BRANCH, name="Liên chi đoàn Khối Sở")
    client.force_login(bantochuc)
    response = client.post(org_url("move", demo_branch), {"parent": inter.pk, "version": demo_branch.version})
    assert response.status_code == 302
    demo_branch.refresh_from_db()
    assert demo_branch.parent == inter and demo_branch.path.startswith(inter.path)
    client.post(
        org_url("move", inter), {"parent": province.pk, "version": Organisation.objects.get(pk=inter.pk).version}
    )
    inter.refresh_from_db()
    demo_branch.refresh_from_db()
    assert inter.parent == province and demo_branch.path == inter.path + f"{demo_branch.pk:06d}/"
    # Under itself or its own subtree, or under a branch: refused by the model's rules.
    with pytest.raises(ValidationError):
        services.organisation_move(organisation=bloc, parent=demo_branch, expected_version=bloc.version)
    inner = services.organisation_create(parent=inter, kind=OrganisationKind.INTER_BRANCH, name="Liên chi đoàn con")
    with pytest.raises(ValidationError):
        services.organisation_move(organisation=inter, parent=inner, expected_version=inter.version)


def test_closing_keeps_the_history_and_needs_the_organisations_below_closed_first(client, bantochuc, bloc, demo_branch):
    client.force_login(bantochuc)
    response = client.post(org_url("close", bloc), {"on": "2025-01-01", "kind": "dissolved", "version": bloc.version})
    assert "Còn tổ chức trực thuộc đang hoạt động" in response.content.decode()
    bloc.refresh_from_db()
    assert bloc.closed_on is None
    other = Organisation.objects.get(slug="so-y-te-mau")
    refused = client.post(org_url("close", other), {"on": "2025-01-01", "kind": "merged", "version": other.version})
    assert "Cần chọn tổ chức được sáp nhập vào." in refused.context["form"].errors["merged_into"]
    response = client.post(
        org_url("close", other),
        {
            "on": "2025-01-01",
            "kind": "merged",
            "merged_into": demo_branch.pk,
            "decision": "QĐ 12-QĐ/ĐK",
            "version": other.version,
        },
        follow=True,
    )
    other.refresh_from_db()
    assert (other.closed_on, other.closed_kind, other.merged_into) == (D(2025, 1, 1), ClosingKind.MERGED, demo_branch)
    assert "Ngừng hoạt động (Sáp nhập) từ ngày 01/01/2025." in response.content.decode()
    assert other.members.count() == 3  # nothing deleted
    # Nothing opens below a closed organisation.
    with pytest.raises(ValidationError):
        services.organisation_create(parent=other, kind=OrganisationKind.BRANCH, name="Chi đoàn mới")


# Settings -----------------------------------------------------------------------------------


SETTINGS = {
    "upper_level_line": "ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
    "issuing_body_line": "BCH CHI ĐOÀN SỞ LĐTBXH",
    "document_symbol": "CĐ",
    "place_name": "Biên Hòa",
    "branch_type": "school",
    "committee_max_size": "5",
    "small_branch_threshold": "9",
    "candidate_surplus_percent": "20",
    "election_base": "returned",
    "tie_break": "older",
    "single_seat_max_candidates": "2",
    "max_rounds": "3",
    "runoff": "all",
    "dues_without_salary": "3000",
    "dues_with_salary": "6000",
}


def test_the_officer_above_changes_every_setting_of_a_branch(client, bantochuc, demo_branch):
    client.force_login(bantochuc)
    response = client.post(org_url("settings", demo_branch), {**SETTINGS, "version": demo_branch.version})
    assert response.status_code == 302
    demo_branch.refresh_from_db()
    assert (demo_branch.committee_max_size, demo_branch.election_base, demo_branch.dues_with_salary) == (
        5,
        "returned",
        6000,
    )
    assert (demo_branch.place_name, demo_branch.branch_type, demo_branch.max_rounds) == ("Biên Hòa", "school", 3)


def test_the_branchs_secretary_changes_its_document_lines_only(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(org_url("settings", demo_branch))
    assert set(page.context["form"].fields) == {
        "upper_level_line",
        "issuing_body_line",
        "document_symbol",
        "place_name",
        "version",
    }
    response = client.post(org_url("settings", demo_branch), {**SETTINGS, "version": demo_branch.version})
    assert response.status_code == 302
    demo_branch.refresh_from_db()
    assert (demo_branch.place_name, demo_branch.issuing_body_line) == ("Biên Hòa", "BCH CHI ĐOÀN SỞ LĐTBXH")
    assert demo_branch.committee_max_size == 7 and demo_branch.dues_with_salary == 5000  # not the Secretary's to change


def test_a_bad_setting_is_shown_beside_its_field_and_nothing_is_saved(client, bantochuc, demo_branch):
    client.force_login(bantochuc)
    response = client.post(
        org_url("settings", demo_branch), {**SETTINGS, "committee_max_size": "40", "version": demo_branch.version}
    )
    assert response.status_code == 200 and "committee_max_size" in response.context["form"].errors
    demo_branch.refresh_from_db()
    assert demo_branch.place_name == "Đồng Nai"


# Officer rights --------------------------------------------------------------------------------


def test_every_officer_right_given_changed_and_withdrawn_is_recorded(client, bantochuc, province, bloc):
    newcomer = get_user_model().objects.create_user("canbomoi", password="x")
    client.force_login(bantochuc)
    response = client.post(
        org_url("grants", province), {"username": "canbomoi", "organisation": bloc.pk, "can_edit": "0"}
    )
    assert response.status_code == 302
    grant = OrganisationOfficer.objects.get(user=newcomer)
    assert (grant.organisation, grant.can_edit) == (bloc, False)
    client.post(org_url("grants", province), {"username": "canbomoi", "organisation": bloc.pk, "can_edit": "1"})
    grant.refresh_from_db()
    assert grant.can_edit
    client.post(org_url("grant_withdraw", province, pk=grant.pk))
    assert not OrganisationOfficer.objects.filter(user=newcomer).exists()
    events = list(OfficerGrantEvent.objects.filter(username="canbomoi").order_by("at", "id"))
    assert [(e.kind, e.can_edit, e.by_name, e.organisation) for e in events] == [
        (GrantEventKind.GRANTED, False, "bantochuc", bloc),
        (GrantEventKind.CHANGED, True, "bantochuc", bloc),
        (GrantEventKind.WITHDRAWN, True, "bantochuc", bloc),
    ]
    page = client.get(org_url("grants", province)).content.decode()
    assert "Thu hồi quyền (xem và sửa) cho canbomoi" in page


def test_rights_are_given_only_within_ones_subtree_and_never_to_oneself(client, bantochuc, roles, bloc, other_province):
    client.force_login(bantochuc)
    response = client.post(
        org_url("grants", bloc), {"username": "doanvien", "organisation": other_province.pk, "can_edit": "1"}
    )
    assert "organisation" in response.context["form"].errors
    response = client.post(org_url("grants", bloc), {"username": "bantochuc", "organisation": bloc.pk, "can_edit": "1"})
    assert "Không tự cấp quyền cho chính mình." in response.context["form"].errors["username"]
    response = client.post(org_url("grants", bloc), {"username": "khong-co", "organisation": bloc.pk, "can_edit": "1"})
    assert "Không có tài khoản nào với tên đăng nhập này." in response.context["form"].errors["username"]
    assert not OrganisationOfficer.objects.filter(user=roles.member).exists()


def test_a_granted_editor_opens_branches_below_their_organisation_only(client, bantochuc, roles, bloc, province):
    client.force_login(bantochuc)
    client.post(org_url("grants", province), {"username": "doanvien", "organisation": bloc.pk, "can_edit": "1"})
    client.force_login(roles.member)
    assert client.post(org_url("add", bloc), {"kind": "branch", "name": "Chi đoàn Sở Nội vụ"}).status_code == 302
    assert Organisation.objects.get(name="Chi đoàn Sở Nội vụ").parent == bloc
    assert client.get(org_url("add", province)).status_code == 404
    # Editor on the bloc: not "above" the bloc, so its own name and settings stay the province's to change.
    assert client.get(org_url("edit", bloc)).status_code == 403


# Query counts ------------------------------------------------------------------------------------


def test_the_organisation_page_costs_the_same_for_more_organisations_below(
    client, bantochuc, bloc, assert_constant_queries
):
    """Guards against a query per child organisation (its kind, its closing) on the organisation page."""
    client.force_login(bantochuc)

    def build(n):
        for i in range(n):
            services.organisation_create(parent=bloc, kind=OrganisationKind.BRANCH, name=f"Chi đoàn Trường số {n}-{i}")
        return org_url("detail", bloc)

    assert_constant_queries(build, client=client, sizes=(3, 9))


def test_the_rights_page_costs_the_same_for_more_grants(client, bantochuc, province, bloc, assert_constant_queries):
    """Guards against a query per grant (its login, its organisation) and per recorded event on the rights page."""
    client.force_login(bantochuc)

    def build(n):
        for i in range(n):
            user = get_user_model().objects.create_user(f"canbo-{n}-{i}", password="x")
            services.officer_grant(organisation=bloc, user=user, can_edit=bool(i % 2), by=bantochuc)
        return org_url("grants", province)

    assert_constant_queries(build, client=client, sizes=(3, 9))
