"""A province for bench/scale.py: organisations, members with Vietnamese names, terms, targets and logins.

Everything is bulk-created (no save(), no history rows), so 100,000 members take
about a minute; the keys that save() would compute (name order, search) are
computed here the same way.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from chidoan.lib import text

# Family names with rough shares of the population (Nguyễn alone is about 38 %).
FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4.5),
    ("Vũ", 2), ("Võ", 2.5), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1),
    ("Lý", 0.5), ("Trương", 1), ("Đinh", 0.8), ("Lâm", 0.6), ("Mai", 0.5), ("Tạ", 0.3), ("Tô", 0.3), ("Châu", 0.3),
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Gia", "Hoàng", "Ngọc", "Xuân"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Kim", "Phương", "Hồng", "Bích", "Diễm"]
SECOND_MIDDLE = ["Anh", "Minh", "Bảo", "Thanh", "Hoài", "Khánh", "Gia", "Tuyết", "Quỳnh", "Nhật"]
GIVEN_MALE = [
    "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng", "Huy", "Hùng", "Khang", "Khoa",
    "Long", "Lực", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thịnh", "Toàn",
    "Trung", "Tuấn", "Việt", "Vinh", "Vũ",
]  # fmt: skip
GIVEN_FEMALE = [
    "An", "Anh", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan",
    "Mai", "My", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thư", "Trang", "Trâm",
    "Uyên", "Vân", "Vy", "Xuân", "Yến",
]  # fmt: skip
PLACES = [
    "Biên Hòa", "Long Khánh", "Trảng Bom", "Thống Nhất", "Vĩnh Cửu", "Định Quán", "Tân Phú", "Xuân Lộc",
    "Cẩm Mỹ", "Long Thành", "Nhơn Trạch",
]  # fmt: skip
UNITS = [
    "Trường THPT {place} số {n}", "Xã {place} {n}", "Phường {n} {place}", "Công ty Cổ phần {place} {n}",
    "Bệnh viện Đa khoa {place} {n}", "Trường THCS {place} {n}", "Ấp {n} xã {place}", "Ban Quản lý dự án {place} {n}",
]  # fmt: skip

SMALL_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
SMALL_USER = "bithu"
BIG_USER = "bithu_lon"
PROVINCE_OFFICER = "captinh"
BLOC_OFFICER = "captren"


@dataclass
class Province:
    big_slug: str = ""
    big_term_slug: str = ""
    small_term_slug: str = ""
    big_members: int = 0
    small_members: int = 0
    branches: int = 0
    members: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _person(rng: random.Random, today: datetime.date) -> dict:
    from members.models import Gender

    female = rng.random() < 0.5
    family = rng.choices([f for f, _w in FAMILY], weights=[w for _f, w in FAMILY])[0]
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    if rng.random() < 0.25:
        middle += " " + rng.choice(SECOND_MIDDLE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    # Ages 16 to 31: a few are past 30, more will be within a year.
    born = today - datetime.timedelta(days=rng.randint(16 * 365, 31 * 365 + 200))
    admitted = born.replace(year=born.year + rng.randint(15, 17), day=min(born.day, 28))
    return {
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "date_of_birth": born,
        "gender": Gender.FEMALE if female else Gender.MALE,
        "admitted_on": min(admitted, today),
        "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
        "has_salary": rng.random() < 0.7,
        "leadership_exemption": rng.random() < 0.02,
    }


def _bulk_organisations(rows: list, parent_of: Callable) -> list:
    """Organisations without save(): insert, then write each materialised path from its new pk."""
    from members.models import Organisation

    for row in rows:
        if hasattr(row, "normalise"):  # the stored search key (members 0007); older code has none
            row.normalise()
    created = Organisation.objects.bulk_create(rows, batch_size=1000)
    for org in created:
        org.path = parent_of(org).path + f"{org.pk:06d}/"
    Organisation.objects.bulk_update(created, ["path"], batch_size=1000)
    return created


def build_province(*, members: int, branches: int, big: int, seed: int) -> Province:
    from members.models import (
        Member,
        MemberStatusChange,
        Organisation,
        OrganisationKind,
        OrganisationOfficer,
        RatingLevel,
        StatusChangeKind,
    )
    from terms.models import (
        CommitteeRole,
        CommitteeSeat,
        ProgressEntry,
        Resolution,
        SeatStartKind,
        Target,
        TargetKind,
        Term,
    )

    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    result = Province()
    User = get_user_model()

    province = Organisation.objects.get(slug="tinh-doan-mau")
    bloc_count = max(1, branches // 50)
    blocs = _bulk_organisations(
        [
            Organisation(
                kind=OrganisationKind.BLOC,
                name=f"Đoàn Khối {PLACES[i % len(PLACES)]} {i + 1}",
                short_name=f"Khối {PLACES[i % len(PLACES)]} {i + 1}",
                slug=f"bench-khoi-{i + 1}",
                parent=province,
            )
            for i in range(bloc_count)
        ],
        lambda org: province,
    )
    bloc_by_pk = {b.pk: b for b in blocs}
    branch_rows = []
    for i in range(branches):
        unit = UNITS[i % len(UNITS)].format(place=PLACES[(i // len(UNITS)) % len(PLACES)], n=i + 1)
        bloc = blocs[i % bloc_count]
        branch_rows.append(
            Organisation(
                kind=OrganisationKind.BRANCH,
                name=text.nfc(f"Chi đoàn {unit}"),
                short_name=text.nfc(unit),
                slug=f"bench-{i + 1:05d}-{text.slugify_vi(unit)}"[:100],
                parent=bloc,
                issuing_body_line=f"BCH CHI ĐOÀN {unit.upper()}",
                place_name="Đồng Nai",
            )
        )
    new_branches = _bulk_organisations(branch_rows, lambda org: bloc_by_pk[org.parent_id])
    big_branch = new_branches[0]
    result.big_slug = big_branch.slug
    result.branches = len(new_branches)

    # Members: `big` in the first branch, the rest spread unevenly (at least 5 each) over the others.
    rest = max(0, members - big)
    others = new_branches[1:]
    weights = [rng.uniform(0.3, 2.0) for _ in others]
    total_weight = sum(weights) or 1
    sizes = [big] + [max(5, round(rest * w / total_weight)) for w in weights]
    people: list[Member] = []
    for branch, size in zip(new_branches, sizes, strict=True):
        for _ in range(size):
            p = _person(rng, today)
            p["family_name"], p["middle_name"], p["given_name"] = (
                text.nfc(p["family_name"]),
                text.nfc(p["middle_name"]),
                text.nfc(p["given_name"]),
            )
            m = Member(branch=branch, workplace=branch.short_name, **p)
            # bulk_create skips save(): the keys it would compute are computed here.
            m.name_sort_key = text.name_sort_key(m.family_name, m.middle_name, m.given_name)
            m.search_key = text.search_key(m.full_name)
            people.append(m)
    people = Member.objects.bulk_create(people, batch_size=5000)
    result.members = len(people)
    result.big_members = big

    changes = []
    for m in people:
        changes.append(MemberStatusChange(member=m, kind=StatusChangeKind.ADMITTED, on=m.admitted_on))
        if rng.random() < 0.04:  # a few have left since
            left_on = m.admitted_on + datetime.timedelta(days=rng.randint(30, 2000))
            if left_on < today:
                changes.append(MemberStatusChange(member=m, kind=StatusChangeKind.LEFT, on=left_on, reason="nghỉ việc"))
    MemberStatusChange.objects.bulk_create(changes, batch_size=5000)

    by_branch: dict[int, list[Member]] = {}
    for m in people:
        by_branch.setdefault(m.branch_id, []).append(m)

    # A current term with five seats for most branches (always the big one); a resolution for some.
    term_start = today.replace(year=today.year - 1, month=3, day=1)
    term_end = term_start.replace(year=term_start.year + 2, month=8, day=31)
    with_term = [b for i, b in enumerate(new_branches) if i == 0 or rng.random() < 0.7]
    terms = Term.objects.bulk_create(
        [Term(branch=b, number=rng.randint(1, 12), starts_on=term_start, ends_on=term_end) for b in with_term]
    )
    roles = [CommitteeRole.SECRETARY, CommitteeRole.DEPUTY, CommitteeRole.MEMBER, CommitteeRole.MEMBER, "member"]
    seats = []
    for term in terms:
        for position, (member, role) in enumerate(zip(by_branch[term.branch_id][:5], roles, strict=False), start=1):
            seats.append(
                CommitteeSeat(
                    term=term,
                    member=member,
                    role=role,
                    position=position,
                    started_on=term_start,
                    start_kind=SeatStartKind.ELECTED,
                )
            )
    CommitteeSeat.objects.bulk_create(seats, batch_size=5000)

    with_resolution = [t for i, t in enumerate(terms) if i == 0 or rng.random() < 0.4]
    resolutions = Resolution.objects.bulk_create(
        [Resolution(term=t, title="Nghị quyết Đại hội", adopted_on=term_start) for t in with_resolution]
    )

    def plan(name: str, kind: str, value: int | None, unit: str = "", rating: str = "") -> dict:
        return {"name": name, "kind": kind, "planned_value": value, "unit": unit, "planned_rating": rating}

    plans = [
        plan("kết nạp đoàn viên mới", TargetKind.NUMBER, 5, "đoàn viên"),
        plan("đoàn viên được học tập nghị quyết", TargetKind.PERCENT, 100, "%"),
        plan("xây dựng công trình thanh niên", TargetKind.BOOLEAN, 1),
        plan("xếp loại chi đoàn", TargetKind.RATING, None, rating=RatingLevel.EXCELLENT),
        plan("tổ chức sinh hoạt chuyên đề", TargetKind.NUMBER, 8, "buổi"),
        plan("đoàn viên xếp loại hoàn thành tốt nhiệm vụ trở lên", TargetKind.PERCENT, 90, "%"),
    ]
    term_by_pk = {t.pk: t for t in terms}
    targets = []
    for resolution in resolutions:
        responsible = by_branch[term_by_pk[resolution.term_id].branch_id][2]
        for position, fields in enumerate(plans, start=1):
            targets.append(Target(resolution=resolution, position=position, responsible=responsible, **fields))
    targets = Target.objects.bulk_create(targets, batch_size=5000)
    entries = []
    for target in targets:
        for step in range(rng.randint(0, 3)):
            on = term_start + datetime.timedelta(days=120 * (step + 1))
            if target.kind == TargetKind.RATING:
                entries.append(ProgressEntry(target=target, recorded_on=on, rating=RatingLevel.GOOD))
            else:
                got = (target.planned_value or 1) * (step + 1) / 3
                entries.append(ProgressEntry(target=target, recorded_on=on, value=round(got, 2)))
    ProgressEntry.objects.bulk_create(entries, batch_size=5000)

    # Logins: the big branch's Secretary, and an officer of the whole province.
    secretary = by_branch[big_branch.pk][0]
    secretary.user = User.objects.create_user(BIG_USER)
    secretary.save(update_fields=["user"])
    OrganisationOfficer.objects.create(
        user=User.objects.create_user(PROVINCE_OFFICER), organisation=province, title="Cán bộ Tỉnh Đoàn"
    )

    big_term = terms[0]  # with_term starts with the big branch
    result.big_term_slug = f"{big_term.starts_on.year}-{big_term.ends_on.year}" if big_term else ""
    small = Organisation.objects.get(slug=SMALL_SLUG)
    result.small_members = Member.objects.filter(branch=small).count()
    small_term = Term.objects.current_for(small, today)
    result.small_term_slug = f"{small_term.starts_on.year}-{small_term.ends_on.year}" if small_term else ""

    # A congress closing the big branch's term, as the demo has one for its branch.
    try:
        from congress import services as congress_services

        congress_services.congress_prepare(
            term=big_term,
            held_on=term_end,
            new_term_starts_on=term_end,
            new_term_ends_on=term_end.replace(year=term_end.year + 2, month=12, day=31),
            place="Hội trường",
        )
    except Exception as error:  # the page is then skipped with this reason
        result.notes.append(f"no congress for the big branch: {error}")
    result.seconds = time.perf_counter() - started
    return result
