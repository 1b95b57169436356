"""Demo data, members part: the branch of the seed report and the organisations above it.

The seed (shared/seed/000_e54a22b6aa269bc2.txt) names the branch and its five
committee members. Everything else here (the parent organisations, the other
members, birth dates, ratings of members) is plausible invented data, marked
`is_demo` on the organisations and "(dữ liệu mẫu)" in their names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from chidoan.lib.text import split_full_name
from members import services
from members.models import (
    BranchType,
    Gender,
    Member,
    Organisation,
    OrganisationKind,
    OrganisationOfficer,
    RatingLevel,
    StatusChangeKind,
)

DEMO_PASSWORD = "demo12345"
BRANCH_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
D = datetime.date


@dataclass(frozen=True)
class DemoPerson:
    name: str
    born: datetime.date
    gender: str
    joined: datetime.date
    workplace: str = "Văn phòng Sở"
    party: bool = False
    leadership: bool = False


# The committee elected for 2022–2024, in the seed's order.
COMMITTEE = [
    DemoPerson("Lê Huỳnh Khắc Huy", D(1991, 4, 12), Gender.MALE, D(2016, 3, 1), party=True, leadership=True),
    DemoPerson("Hoàng Phạm Phương Nhi", D(1995, 9, 3), Gender.FEMALE, D(2018, 7, 16), "Phòng Lao động – Việc làm"),
    DemoPerson("Đặng Tuyết Hằng", D(1996, 1, 22), Gender.FEMALE, D(2019, 5, 2), "Phòng Kế hoạch – Tài chính"),
    DemoPerson("Nguyễn Thị Tú Uyên", D(1997, 11, 8), Gender.FEMALE, D(2020, 2, 10), "Phòng Người có công"),
    DemoPerson("Đinh Thị Mai", D(1994, 6, 30), Gender.FEMALE, D(2017, 9, 18), "Phòng Bảo trợ xã hội"),
]

# Invented members (dữ liệu mẫu) so that the branch has the size a committee of five needs.
OTHERS = [
    DemoPerson("Trần Minh Khoa", D(1993, 2, 14), Gender.MALE, D(2017, 1, 9), "Thanh tra Sở"),
    DemoPerson("Phạm Thị Thu Trang", D(1998, 8, 21), Gender.FEMALE, D(2021, 3, 15), "Văn phòng Sở"),
    DemoPerson("Võ Hoàng Nam", D(1995, 12, 5), Gender.MALE, D(2019, 8, 1), "Phòng Lao động – Việc làm"),
    DemoPerson("Bùi Ngọc Ánh", D(1999, 3, 17), Gender.FEMALE, D(2022, 1, 4), "Trung tâm Dịch vụ việc làm"),
    DemoPerson("Huỳnh Văn Tài", D(1992, 10, 30), Gender.MALE, D(2016, 6, 20), "Cơ sở Cai nghiện ma túy"),
    DemoPerson("Ngô Thị Bích Ngọc", D(1997, 5, 9), Gender.FEMALE, D(2020, 9, 7), "Phòng Trẻ em – Bình đẳng giới"),
    DemoPerson("Đỗ Quang Vinh", D(1994, 7, 25), Gender.MALE, D(2018, 2, 12), "Trung tâm Công tác xã hội"),
    DemoPerson("Lý Thị Kim Oanh", D(2000, 1, 13), Gender.FEMALE, D(2022, 4, 11), "Trung tâm Dịch vụ việc làm"),
    DemoPerson("Trương Công Danh", D(1990, 11, 2), Gender.MALE, D(2015, 3, 26), "Văn phòng Sở", party=True),
    DemoPerson("Mai Thị Hồng Nhung", D(1996, 4, 28), Gender.FEMALE, D(2019, 10, 14), "Phòng Kế hoạch – Tài chính"),
    DemoPerson("Châu Gia Bảo", D(2001, 6, 6), Gender.MALE, D(2023, 3, 26), "Trung tâm Công tác xã hội"),
    DemoPerson("Dương Thị Lan Anh", D(1998, 12, 19), Gender.FEMALE, D(2021, 11, 1), "Phòng Người có công"),
]

# Logins the demo prints, one per role.
LOGINS = [
    ("admin", "Quản trị hệ thống (superuser)"),
    ("bithu", "Bí thư Chi đoàn: Lê Huỳnh Khắc Huy"),
    ("phobithu", "Phó Bí thư Chi đoàn: Hoàng Phạm Phương Nhi"),
    ("uyvien", "Ủy viên Ban Chấp hành: Đặng Tuyết Hằng"),
    ("doanvien", "Đoàn viên: Phạm Thị Thu Trang"),
    ("captren", "Cán bộ Đoàn Khối các cơ quan tỉnh (cấp trên, chỉ xem)"),
    ("bantochuc", "Ban Tổ chức Tỉnh Đoàn (cấp trên, được sửa: mở chi đoàn, cài đặt, cấp quyền)"),
]


@dataclass
class DemoMembers:
    branch: Organisation
    bloc: Organisation
    other_branch: Organisation
    committee: list[Member]
    by_name: dict[str, Member]


def _user(username: str, *, superuser: bool = False) -> User:
    user = get_user_model()(username=username, is_staff=superuser, is_superuser=superuser)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _member(branch: Organisation, person: DemoPerson) -> Member:
    family, middle, given = split_full_name(person.name)
    return services.member_transfer_in(
        branch=branch,
        joined_on=person.joined,
        came_from="Đoàn trường (dữ liệu mẫu)",
        family_name=family,
        middle_name=middle,
        given_name=given,
        date_of_birth=person.born,
        gender=person.gender,
        admitted_on=person.joined.replace(year=person.born.year + 17),
        workplace=person.workplace,
        is_party_member=person.party,
        leadership_exemption=person.leadership,
    )


def branch_exists() -> bool:
    return Organisation.objects.filter(slug=BRANCH_SLUG).exists()


def _organisation(**fields: Any) -> Organisation:
    """An organisation of the demo, in Đồng Nai like the seed's branch."""
    return Organisation.objects.create(place_name="Đồng Nai", is_demo=True, **fields)


def load_members() -> DemoMembers:
    """Create the organisation tree, the members and the logins. Call once (see load_demo)."""
    province = _organisation(
        kind=OrganisationKind.PROVINCE,
        name="Tỉnh Đoàn (dữ liệu mẫu)",
        short_name="Tỉnh Đoàn",
        slug="tinh-doan-mau",
        upper_level_line="TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH",
        issuing_body_line="BCH TỈNH ĐOÀN",
        document_symbol="TĐTN",
    )
    bloc = _organisation(
        kind=OrganisationKind.BLOC,
        name="Đoàn Khối các cơ quan tỉnh (dữ liệu mẫu)",
        short_name="Khối các cơ quan tỉnh",
        slug="doan-khoi-cac-co-quan-tinh-mau",
        parent=province,
        upper_level_line="TỈNH ĐOÀN ĐỒNG NAI",
        issuing_body_line="BCH ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
        document_symbol="ĐK",
    )
    in_bloc = {
        "kind": OrganisationKind.BRANCH,
        "parent": bloc,
        "upper_level_line": "ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
        "document_symbol": "CĐ",
    }
    branch = _organisation(
        **in_bloc,
        name="Chi đoàn Sở Lao động – Thương binh và Xã hội",
        short_name="Sở Lao động – Thương binh và Xã hội",
        slug=BRANCH_SLUG,
        issuing_body_line="BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        branch_type=BranchType.AGENCY,
    )
    other_branch = _organisation(
        **in_bloc,
        name="Chi đoàn Sở Y tế (dữ liệu mẫu)",
        short_name="Sở Y tế",
        slug="so-y-te-mau",
        issuing_body_line="BCH CHI ĐOÀN SỞ Y TẾ",
    )

    committee = [_member(branch, p) for p in COMMITTEE]
    others = [_member(branch, p) for p in OTHERS]
    by_name = {m.full_name: m for m in committee + others}

    # A few members of the other branch, so that the parent officer sees two branches.
    for person in [
        DemoPerson("Phan Thị Diễm", D(1996, 2, 2), Gender.FEMALE, D(2019, 1, 7), "Bệnh viện Đa khoa tỉnh"),
        DemoPerson("Hồ Văn Lực", D(1993, 8, 8), Gender.MALE, D(2017, 5, 5), "Trung tâm Kiểm soát bệnh tật"),
        DemoPerson("Tạ Minh Thư", D(1999, 9, 9), Gender.FEMALE, D(2021, 6, 1), "Văn phòng Sở"),
    ]:
        _member(other_branch, person)

    # Admitted during the term (kết nạp), from the units' young staff: two of the five planned.
    for name, born, admitted in [
        ("Lâm Thị Thảo", D(2002, 3, 3), D(2023, 3, 26)),
        ("Tô Văn Hiếu", D(2001, 10, 10), D(2024, 3, 26)),
    ]:
        family, middle, given = split_full_name(name)
        member = services.member_admit(
            branch=branch,
            admitted_on=admitted,
            family_name=family,
            middle_name=middle,
            given_name=given,
            date_of_birth=born,
            gender=Gender.FEMALE if middle == "Thị" else Gender.MALE,
            workplace="Trung tâm Dịch vụ việc làm",
            has_salary=True,
        )
        by_name[member.full_name] = member

    # Nguyễn Thị Tú Uyên left the agency ("nghỉ việc") during the term.
    services.member_change_status(
        member=by_name["Nguyễn Thị Tú Uyên"], kind=StatusChangeKind.LEFT, on=D(2023, 10, 1), reason="nghỉ việc"
    )
    # One member past the age limit without a coming-of-age record: the product flags it.
    by_name["Trương Công Danh"].notes = "Dữ liệu mẫu: đã quá 30 tuổi, cần làm thủ tục trưởng thành Đoàn."
    by_name["Trương Công Danh"].save()

    services.branch_rating_set(branch=branch, year=2022, level=RatingLevel.EXCELLENT, rank_note="đứng thứ hạng cao")
    services.branch_rating_set(branch=branch, year=2023, level=RatingLevel.EXCELLENT, rank_note="đứng thứ hạng cao")
    for year in (2022, 2023):
        for i, member in enumerate(committee + others):
            if not Member.objects.filter(pk=member.pk).active_on(D(year, 12, 31)).exists():
                continue
            level = [RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.COMPLETED][i % 4]
            services.member_rating_set(
                member=member,
                year=year,
                level=level,
                participation_percent=Decimal(95) if level == RatingLevel.EXCELLENT else Decimal(85),
            )

    # Logins, one per role.
    _user("admin", superuser=True)
    for username, name in [
        ("bithu", "Lê Huỳnh Khắc Huy"),
        ("phobithu", "Hoàng Phạm Phương Nhi"),
        ("uyvien", "Đặng Tuyết Hằng"),
        ("doanvien", "Phạm Thị Thu Trang"),
    ]:
        member = by_name[name]
        member.user = _user(username)
        member.save(update_fields=["user"])
    OrganisationOfficer.objects.create(
        user=_user("captren"), organisation=bloc, title="Phó Bí thư Đoàn Khối (dữ liệu mẫu)"
    )
    OrganisationOfficer.objects.create(
        user=_user("bantochuc"),
        organisation=province,
        can_edit=True,
        title="Cán bộ Ban Tổ chức Tỉnh Đoàn (dữ liệu mẫu)",
    )
    return DemoMembers(branch=branch, bloc=bloc, other_branch=other_branch, committee=committee, by_name=by_name)
