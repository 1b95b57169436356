"""The start page and the branch dashboard (Tổng quan), with its navigation and charts."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import NoReverseMatch, reverse

from chidoan.lib.search import text_matches
from chidoan.web import context_processors
from members.models import Organisation, OrganisationKind, OrganisationOfficer
from terms import services as term_services
from terms.models import CommitteeRole, TargetKind
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def dashboard_url(branch) -> str:
    return reverse("dashboard", kwargs={"slug": branch.slug})


# The start page ---------------------------------------------------------------------


def test_a_member_of_one_branch_goes_straight_to_its_dashboard(client, roles, demo_branch):
    client.force_login(roles.member)
    assert client.get(reverse("home")).url == dashboard_url(demo_branch)


def test_an_officer_chooses_among_the_branches_below_them(client, roles):
    client.force_login(roles.officer)
    response = client.get(reverse("home"))
    assert [b.slug for b in response.context["page"]] == ["so-lao-dong-thuong-binh-va-xa-hoi", "so-y-te-mau"]


def test_the_branch_search_ignores_accents(client, roles):
    client.force_login(roles.officer)
    response = client.get(reverse("home"), {"q": "so y te"})
    assert [b.name for b in response.context["page"]] == ["Chi đoàn Sở Y tế (dữ liệu mẫu)"]


def test_the_branch_search_finds_a_renamed_branch_by_its_new_name_only(client, roles):
    """The stored key follows the name on every save: the old name finds nothing, the new one finds it."""
    branch = Organisation.objects.get(slug="so-y-te-mau")
    branch.name = "Chi đoàn Bệnh viện Đa khoa Tỉnh"
    branch.save()
    client.force_login(roles.officer)
    found = [b.slug for b in client.get(reverse("home"), {"q": "BENH VIEN da KHOA"}).context["page"]]
    assert found == ["so-y-te-mau"]
    assert list(client.get(reverse("home"), {"q": "y te"}).context["page"]) == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("đoàn sở", ["so-lao-dong-thuong-binh-va-xa-hoi", "so-y-te-mau"]),
        ("LAO dong", ["so-lao-dong-thuong-binh-va-xa-hoi"]),
        ("thương binh xã", ["so-lao-dong-thuong-binh-va-xa-hoi"]),
        ("y te mau", ["so-y-te-mau"]),
        ("te", ["so-y-te-mau"]),
        ("khong co", []),
    ],
)
def test_the_branch_search_gives_the_same_branches_on_every_database(client, roles, query, found):
    """Every accent-free word of the query in the stored key, as chidoan.lib.search.text_matches says."""
    client.force_login(roles.officer)
    response = client.get(reverse("home"), {"q": query})
    assert [b.slug for b in response.context["page"]] == found
    visible = Organisation.objects.filter(slug__in=["so-lao-dong-thuong-binh-va-xa-hoi", "so-y-te-mau"])
    assert sorted(b.slug for b in visible if text_matches(query, b.name)) == found


def test_the_migration_fills_the_search_key_of_existing_branches():
    migration = importlib.import_module("members.migrations.0007_organisation_search_key")
    Organisation.objects.update(search_key="")
    migration.fill_search_keys(django_apps, None)
    branch = Organisation.objects.get(slug="so-y-te-mau")
    assert branch.search_key == "chi doan so y te (du lieu mau)"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's only")
def test_on_postgresql_the_branch_search_key_has_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'organisation_search_key_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "gin_trgm_ops" in definition


def test_a_login_without_a_branch_is_told_whom_to_ask(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("khach", password="x"))
    response = client.get(reverse("home"))
    assert "chưa gắn với chi đoàn nào" in response.content.decode()


def test_a_login_kept_after_leaving_the_branch_opens_nothing(client, roles):
    from members import services
    from members.models import StatusChangeKind

    services.member_change_status(
        member=roles.member.member, kind=StatusChangeKind.LEFT, on=datetime.date(2025, 1, 1), reason="nghỉ việc"
    )
    client.force_login(roles.member)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "chưa gắn với chi đoàn nào" in response.content.decode()


def many_branches(parent: Organisation, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        Organisation.objects.create(
            kind=OrganisationKind.BRANCH,
            name=f"Chi đoàn thử {i:04d}",
            short_name=f"thử {i}",
            slug=f"thu-{i}",
            parent=parent,
        )


def branches_up_to(bloc: Organisation, address: str):
    """A `build(n)` for assert_constant_queries: n test branches under `bloc` in all, then `address`."""
    made = 0

    def build(n: int) -> str:
        nonlocal made
        many_branches(bloc, n - made, start=made)
        made = n
        return address

    return build


def test_the_branch_list_costs_the_same_for_more_branches(client, roles, assert_constant_queries):
    """Guards the N+1 of reading each branch's parent (sizes below one page, so that every row is read)."""
    bloc = OrganisationOfficer.objects.get(user=roles.officer).organisation
    client.force_login(roles.officer)
    assert_constant_queries(branches_up_to(bloc, reverse("home")), client=client, sizes=(5, 15))


def test_the_branch_search_costs_the_same_for_more_branches(client, roles, assert_constant_queries):
    """Guards the same N+1 on the found branches (every test branch matches "thu")."""
    bloc = OrganisationOfficer.objects.get(user=roles.officer).organisation
    client.force_login(roles.officer)
    assert_constant_queries(branches_up_to(bloc, reverse("home") + "?q=thu"), client=client, sizes=(5, 15))


def test_a_long_branch_list_comes_25_a_page(client, roles):
    many_branches(OrganisationOfficer.objects.get(user=roles.officer).organisation, 60)
    client.force_login(roles.officer)
    page = client.get(reverse("home"), {"page": 2}).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (62, 25)
    found = client.get(reverse("home"), {"q": "thu 005"}).context["page"]
    assert [b.name for b in found] == [f"Chi đoàn thử {i:04d}" for i in (5, *range(50, 60))]


# The dashboard -------------------------------------------------------------------------


def test_the_secretary_sees_term_committee_targets_members_and_two_charts(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(dashboard_url(demo_branch))
    page = response.content.decode()
    assert "Chỉ tiêu nghị quyết nhiệm kỳ 2022 – 2024" in page
    assert [s.member.full_name for s in response.context["seats"]][:2] == ["Lê Huỳnh Khắc Huy", "Hoàng Phạm Phương Nhi"]
    assert "Nguyễn Thị Tú Uyên" not in [s.member.full_name for s in response.context["seats"]]
    admission = next(line for line in response.context["target_lines"] if "kết nạp" in line.target.name)
    assert (admission.outcome, admission.percent, admission.reached) == ("not_achieved", 40, "2/5 đoàn viên")
    assert "Phụ trách: Đặng Tuyết Hằng" in page
    assert 'aria-labelledby="bieu-do-tuoi-title' in page and 'aria-labelledby="bieu-do-chi-tieu-title' in page
    assert "Đoàn viên đang sinh hoạt theo độ tuổi" in page
    assert "Số chỉ tiêu đã đạt đến cuối mỗi năm" in page
    statuses = dict((label, n) for _key, label, n in response.context["status_counts"])
    assert statuses["Đã rời chi đoàn"] == 1


def test_the_targets_chart_counts_targets_reached_by_the_end_of_each_year(client, roles, demo_branch):
    client.force_login(roles.secretary)
    chart = str(client.get(dashboard_url(demo_branch)).context["targets_chart"])
    # Reached in 2023: party (2 of 2), rating, projects; by 2024 also study and the tradition book.
    assert "2022: 0/6; 2023: 3/6; 2024: 5/6" in chart


def test_the_age_chart_marks_members_near_or_past_coming_of_age(client, roles, demo_branch):
    client.force_login(roles.secretary)
    response = client.get(dashboard_url(demo_branch))
    assert response.context["over_age_count"] >= 1  # Trương Công Danh, born 1990
    assert "Quá tuổi, chưa làm thủ tục" in str(response.context["age_chart"])


def test_an_ordinary_member_sees_targets_and_committee_but_no_member_statistics(client, roles, demo_branch):
    client.force_login(roles.member)
    response = client.get(dashboard_url(demo_branch))
    page = response.content.decode()
    assert "Chỉ tiêu nghị quyết" in page and "Lê Huỳnh Khắc Huy" in page
    assert "status_counts" not in response.context and "age_chart" not in response.context
    assert f'href="{reverse("members:list", kwargs={"slug": demo_branch.slug})}"' not in page
    assert "+ Thêm đoàn viên" not in page


def test_the_navigation_shows_every_tab_but_the_member_list_to_an_ordinary_member(client, roles, demo_branch):
    client.force_login(roles.member)
    nav = client.get(dashboard_url(demo_branch)).context["branch_nav"]
    assert [(item["label"], item["active"]) for item in nav] == [
        ("Tổng quan", True),
        ("Ban Chấp hành", False),
        ("Chỉ tiêu", False),
        ("Văn bản", False),
        ("Đại hội", False),
    ]
    client.force_login(roles.committee)
    nav = client.get(reverse("members:list", kwargs={"slug": demo_branch.slug})).context["branch_nav"]
    assert [item["label"] for item in nav if item["active"]] == ["Đoàn viên"]
    assert [item["label"] for item in nav][:2] == ["Tổng quan", "Đoàn viên"]


def test_a_navigation_tab_with_an_unknown_url_name_fails_loudly(client, roles, demo_branch, monkeypatch):
    """Every app is installed under the top layer: a mistyped name is a bug, not a tab to leave out."""
    items = [*context_processors.BRANCH_NAV, context_processors.NavItem("Chưa có", "reports:no_such_page", ())]
    monkeypatch.setattr(context_processors, "BRANCH_NAV", items)
    client.force_login(roles.member)
    with pytest.raises(NoReverseMatch):
        client.get(dashboard_url(demo_branch))


def test_the_dashboard_tells_when_the_term_is_over(client, roles, demo_branch):
    client.force_login(roles.secretary)
    page = client.get(dashboard_url(demo_branch)).content.decode()
    assert "Nhiệm kỳ đã hết hạn từ ngày 31/08/2024" in page
    assert "Đại hội dự kiến ngày 20/08/2024" in page


def add_targets(term, n: int) -> None:
    resolution = term.resolution
    for i in range(n):
        target = term_services.target_create(
            resolution=resolution,
            name=f"chỉ tiêu thử {i}",
            kind=TargetKind.NUMBER,
            planned_value=Decimal(1),
        )
        term_services.progress_record(target=target, recorded_on=D(2024, 8, 30), value=Decimal(1))


def test_a_decimal_target_is_written_the_vietnamese_way(client, roles, demo_branch, demo_term):
    target = term_services.target_create(
        resolution=demo_term.resolution,
        name="buổi sinh hoạt chuyên đề",
        kind=TargetKind.NUMBER,
        planned_value=Decimal("2.5"),
        unit="buổi",
    )
    term_services.progress_record(target=target, recorded_on=D(2023, 6, 1), value=Decimal("1.5"))
    client.force_login(roles.secretary)
    response = client.get(dashboard_url(demo_branch))
    line = next(line for line in response.context["target_lines"] if line.target.pk == target.pk)
    assert line.reached == "1,5/2,5 buổi"
    assert "1,5/2,5 buổi" in response.content.decode()


def add_members(branch, n: int) -> list:
    return MemberFactory.create_batch(n, branch=branch, admitted_on=D(2023, 3, 26), date_of_birth=D(2000, 1, 1))


def add_seats(term, members: list) -> None:
    for member in members:
        term_services.seat_add(term=term, member=member, role=CommitteeRole.MEMBER, started_on=D(2023, 6, 1))


def test_dashboard_queries_do_not_grow_with_members_or_targets(
    client, roles, demo_branch, demo_term, assert_constant_queries
):
    """Guards the N+1 of each target's progress and responsible member, each seat's member, each member's status."""
    client.force_login(roles.secretary)
    demo_branch.committee_max_size = 15  # room for the seats added below
    demo_branch.save(update_fields=["committee_max_size"])

    def build(n: int) -> str:
        members = add_members(demo_branch, n)
        add_seats(demo_term, members[: n // 3])
        add_targets(demo_term, n)
        return dashboard_url(demo_branch)

    assert_constant_queries(build, client=client, sizes=(3, 9))
