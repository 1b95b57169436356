"""How the main pages behave at province scale: one installation, a whole province.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/scale.py
    .venv/bin/python bench/scale.py --members 20000          # SQLite, in a temporary file

Never touches the database named by DATABASE_URL: like pytest-django, it creates a
throwaway test database next to it (PostgreSQL: ``bench_scale_<pid>``; SQLite: a
file in a temporary directory), migrates it, loads the demo, then bulk-creates a
province: blocs, ``--branches`` branches, ``--members`` members with Vietnamese
names (one branch of ``--big`` members), an admission for each, a term with five
committee seats for most branches and a resolution with six targets and progress
for some. The database is destroyed at the end, even after an error.

For each main page it prints the number of SQL queries and the median time of
``--repeat`` requests for the demo branch (15 members, user ``bithu``) and for the
big branch (its Secretary), and the ratio big/small. Figures only: nothing is
asserted, and times are only compared with each other within one run.
On PostgreSQL it also prints the plans of the member search, with and without a
pg_trgm GIN index on ``members_member.search_key``.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from chidoan.lib import text  # noqa: E402

# --- Names ------------------------------------------------------------------------------------------

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


# --- Building the province ----------------------------------------------------------------------


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
    plans = [
        ("kết nạp đoàn viên mới", TargetKind.NUMBER, 5, "", "đoàn viên"),
        ("đoàn viên được học tập nghị quyết", TargetKind.PERCENT, 100, "", "%"),
        ("xây dựng công trình thanh niên", TargetKind.BOOLEAN, 1, "", ""),
        ("xếp loại chi đoàn", TargetKind.RATING, None, RatingLevel.EXCELLENT, ""),
        ("tổ chức sinh hoạt chuyên đề", TargetKind.NUMBER, 8, "", "buổi"),
        ("đoàn viên xếp loại hoàn thành tốt nhiệm vụ trở lên", TargetKind.PERCENT, 90, "", "%"),
    ]
    term_by_pk = {t.pk: t for t in terms}
    targets = []
    for resolution in resolutions:
        responsible = by_branch[term_by_pk[resolution.term_id].branch_id][2]
        for position, (name, kind, value, rating, unit) in enumerate(plans, start=1):
            targets.append(
                Target(
                    resolution=resolution,
                    position=position,
                    name=name,
                    kind=kind,
                    planned_value=value,
                    planned_rating=rating,
                    unit=unit,
                    responsible=responsible,
                )
            )
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
        from congress.services import day as day_services

        day_services.congress_prepare(
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


# --- Measuring ----------------------------------------------------------------------------------


@dataclass
class Measure:
    queries: int | None = None
    ms: float | None = None
    status: int | None = None
    note: str = ""


class QueryCounter:
    """Counts the SQL statements run on the connection (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> QueryCounter:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)


def _error(error: Exception) -> Measure:
    """A page that fails (other people change the code while this runs) is reported, not fatal."""
    return Measure(note=f"error: {type(error).__name__}: {str(error)[:90]}")


def measure_get(client: Client, url: str, repeat: int) -> Measure:
    try:
        return _measure_get(client, url, repeat)
    except Exception as error:
        return _error(error)


def _measure_get(client: Client, url: str, repeat: int) -> Measure:
    with QueryCounter() as counter:
        response = client.get(url)  # warm-up; its queries are the ones counted
    if response.status_code != 200:
        return Measure(counter.count, None, response.status_code, f"HTTP {response.status_code}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return Measure(counter.count, statistics.median(times) * 1000, 200)


def measure_post_once(client: Client, url: str, data: dict | None = None) -> Measure:
    try:
        with QueryCounter() as counter:
            start = time.perf_counter()
            response = client.post(url, data or {})
            elapsed = time.perf_counter() - start
    except Exception as error:
        return _error(error)
    note = "" if response.status_code == 302 else f"HTTP {response.status_code}, not saved"
    return Measure(counter.count, elapsed * 1000, response.status_code, note)


def ratings_post_data(slug: str) -> tuple[dict, int]:
    """One page of the yearly rating table as the Secretary submits it: every row rated "good" (the view's default year)."""
    from members.models import Organisation
    from members.selectors import ratings_table

    year = timezone.localdate().year - 1
    from members.forms import RATINGS_PER_PAGE

    # The page shows and posts one page of members at a time.
    table = ratings_table(branch=Organisation.objects.get(slug=slug), year=year)[:RATINGS_PER_PAGE]
    data = {"xl-TOTAL_FORMS": len(table), "xl-INITIAL_FORMS": len(table), "xl-MIN_NUM_FORMS": 0}
    data["xl-MAX_NUM_FORMS"] = 1000
    for i, (member, _rating) in enumerate(table):
        data |= {f"xl-{i}-member": member.pk, f"xl-{i}-level": "good", f"xl-{i}-participation_percent": "85"}
        data[f"xl-{i}-note"] = ""
    return data, len(table)


def url_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def last_page(slug: str) -> int:
    from members.models import Member, Organisation

    branch = Organisation.objects.get(slug=slug)
    active = Member.objects.filter(branch=branch).active_on(timezone.localdate()).count()
    return max(1, math.ceil(active / 25))


def congress_pk(slug: str) -> int | None:
    from congress.models import Congress

    congress = Congress.objects.filter(closes_term__branch__slug=slug).order_by("-held_on").first()
    return congress.pk if congress else None


def run_pages(p: Province, repeat: int) -> list[tuple[str, Measure, Measure]]:
    User = get_user_model()
    small_client, big_client = Client(), Client()
    small_client.force_login(User.objects.get(username=SMALL_USER))
    big_client.force_login(User.objects.get(username=BIG_USER))
    bloc_client, province_client = Client(), Client()
    bloc_client.force_login(User.objects.get(username=BLOC_OFFICER))
    province_client.force_login(User.objects.get(username=PROVINCE_OFFICER))
    small, big = SMALL_SLUG, p.big_slug

    rows: list[tuple[str, Measure, Measure]] = []

    def pair(label: str, name: str, small_kwargs: dict, big_kwargs: dict, query: str = "", *, clients=None) -> None:
        clients = clients or (small_client, big_client)
        urls = [url_or_none(name, **small_kwargs), url_or_none(name, **big_kwargs)]
        if None in urls:
            rows.append((label, Measure(note=f"skipped: no URL {name}"), Measure(note="")))
            return
        measures = [measure_get(c, u + query, repeat) for c, u in zip(clients, urls, strict=True)]
        rows.append((label, measures[0], measures[1]))

    # Home: the demo bloc's officer (2 branches) against the province's officer (every branch).
    pair("home (officer: 2 vs all branches)", "home", {}, {}, clients=(bloc_client, province_client))
    pair("home, page 20", "home", {}, {}, "?page=20", clients=(bloc_client, province_client))
    pair("home, search 'thpt'", "home", {}, {}, "?q=thpt", clients=(bloc_client, province_client))
    pair("dashboard", "dashboard", {"slug": small}, {"slug": big})
    pair("dashboard (province officer)", "dashboard", {"slug": small}, {"slug": big}, clients=(province_client,) * 2)
    pair("members list, page 1", "members:list", {"slug": small}, {"slug": big})
    pair("members list, q='nguyen van'", "members:list", {"slug": small}, {"slug": big}, "?q=nguyen+van")
    pair("members list, near age", "members:list", {"slug": small}, {"slug": big}, "?near_age=on")
    pair("members list, every status", "members:list", {"slug": small}, {"slug": big}, "?status=")
    small_last, big_last = last_page(small), last_page(big)
    urls = (url_or_none("members:list", slug=small), url_or_none("members:list", slug=big))
    if None not in urls:
        rows.append(
            (
                f"members list, last page ({small_last} / {big_last})",
                measure_get(small_client, f"{urls[0]}?page={small_last}", repeat),
                measure_get(big_client, f"{urls[1]}?page={big_last}", repeat),
            )
        )
    pair("ratings table", "members:ratings", {"slug": small}, {"slug": big})
    ratings_urls = (url_or_none("members:ratings", slug=small), url_or_none("members:ratings", slug=big))
    if None not in ratings_urls:
        (small_data, small_rows), (big_data, big_rows) = ratings_post_data(small), ratings_post_data(big)
        rows.append(
            (
                f"ratings save, {small_rows} / {big_rows} rows (POST, once)",
                measure_post_once(small_client, ratings_urls[0], small_data),
                measure_post_once(big_client, ratings_urls[1], big_data),
            )
        )
    pair("targets", "terms:targets", {"slug": small}, {"slug": big})
    pair("committee", "terms:committee", {"slug": small}, {"slug": big})
    pair("assignments", "terms:assignments", {"slug": small}, {"slug": big})
    pair(
        "self-review preview",
        "reports:self_review",
        {"slug": small, "term": p.small_term_slug},
        {"slug": big, "term": p.big_term_slug},
    )
    pair("documents list", "reports:list", {"slug": small}, {"slug": big})
    pair("congress list", "congress:list", {"slug": small}, {"slug": big})
    small_pk, big_pk = congress_pk(small), congress_pk(big)
    if small_pk is None or big_pk is None:
        rows.append(("congress pages", Measure(note="skipped: no congress in one of the branches"), Measure()))
        return rows
    pair("congress detail", "congress:detail", {"slug": small, "pk": small_pk}, {"slug": big, "pk": big_pk})
    summon = [url_or_none("congress:summon", slug=s, pk=pk) for s, pk in ((small, small_pk), (big, big_pk))]
    if None in summon:
        rows.append(("congress summon (POST, once)", Measure(note="skipped: no URL"), Measure()))
    else:
        rows.append(
            (
                "congress summon (POST, once)",
                measure_post_once(small_client, summon[0]),
                measure_post_once(big_client, summon[1]),
            )
        )
    pair(
        "congress attendance (summoned)",
        "congress:attendance",
        {"slug": small, "pk": small_pk},
        {"slug": big, "pk": big_pk},
    )
    return rows


def fmt_num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(rows: list[tuple[str, Measure, Measure]]) -> None:
    header = f"{'page':<42} {'q small':>8} {'q big':>8} {'ms small':>10} {'ms big':>10} {'big/small':>10}"
    print(header)
    print("-" * len(header))
    for label, s, b in rows:
        ratio = b.ms / s.ms if s.ms and b.ms else None
        flags = []
        if s.queries is not None and b.queries is not None and b.queries > s.queries + 2:
            flags.append("QUERIES GROW")
        if ratio is not None and ratio > 5:
            flags.append("RATIO > 5")
        note = "; ".join(n for n in (s.note, b.note, *flags) if n)
        print(
            f"{label:<42} {fmt_num(s.queries):>8} {fmt_num(b.queries):>8} {fmt_num(s.ms, 1):>10} "
            f"{fmt_num(b.ms, 1):>10} {fmt_num(ratio, 1):>10}  {note}"
        )


# --- The search plan (PostgreSQL) ----------------------------------------------------------------


def median_ms(action: Callable, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def explain(qs, *, full: bool = False) -> str:
    """EXPLAIN ANALYZE of a queryset, run as SQL so that nothing of the plan is lost."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    if full:
        return "\n".join(lines)
    # The scans of the main tables (not the per-row status and role subqueries), and the total.
    main = ("on members_member ", "on members_organisation ", "Execution Time")
    keep = [ln.strip() for ln in lines if any(m in ln for m in main)]
    return "\n".join("     " + ln[:170] for ln in keep[:6])


def explain_home() -> None:
    """The officer's list of branches (chidoan.views.home via permissions.branches_visible_to)."""
    from django.db.models import Q

    from chidoan.web.permissions import branches_visible_to
    from members.models import Member, Organisation, OrganisationOfficer

    user = get_user_model().objects.get(username=PROVINCE_OFFICER)
    current = branches_visible_to(user).select_related("parent").order_by("name", "pk")
    condition = Q(pk__in=Member.objects.filter(user=user).values("branch_id"))
    for path in OrganisationOfficer.objects.filter(user=user).values_list("organisation__path", flat=True):
        condition |= Q(path__startswith=path)
    proposed = Organisation.objects.branches().filter(condition).select_related("parent").order_by("name", "pk")
    print(f"\n=== Home of the province officer ({current.count()} branches): the page and the paginator's count ===")
    print("Current: Q(members__user=user) | Q(path__startswith=...) joins every member, then DISTINCT:")
    print(explain(current[:25]))
    print("Proposed: Q(pk__in=Member.objects.filter(user=user).values('branch_id')) | ..., no join, no DISTINCT:")
    print(explain(proposed[:25]))
    for label, qs in (("current", current), ("proposed", proposed)):
        count_ms = median_ms(lambda qs=qs: qs.count(), 5)
        page_ms = median_ms(lambda qs=qs: list(qs[:25]), 5)
        print(f"  {label:<9} count(): {count_ms:8.1f} ms   first page: {page_ms:8.1f} ms")


def explain_search(p: Province, repeat: int) -> None:
    from members import selectors
    from members.models import Member, Organisation
    from terms.models import Term

    today = timezone.localdate()
    big = Organisation.objects.get(slug=p.big_slug)
    term = Term.objects.current_for(big, today)

    def page_qs(query: str):
        filters = selectors.MemberFilters(query=query)
        return selectors.member_list(branch=big, on=today, term_id=term.pk if term else None, filters=filters)

    queries = {
        "big branch, list page (25 rows)": lambda q: page_qs(q)[:25],
        "big branch, every match": lambda q: page_qs(q),
        "whole province, search_key only": lambda q: Member.objects.search(q).values("pk"),
    }
    words = ["nguyen van", "diep"]

    def run_all(label: str) -> dict:
        print(f"\n=== Member search plans, {label} ===")
        timings = {}
        for name, build in queries.items():
            for word in words:
                print(f"-- {name}, q={word!r}:")
                print(explain(build(word)))
                timings[(name, word)] = median_ms(lambda b=build, w=word: list(b(w)), repeat)
        return timings

    print("\nFull plan, big branch list page, q='nguyen van' (no trigram index):")
    print(explain(page_qs("nguyen van")[:25], full=True))
    before = run_all("btree indexes only (LIKE '%x%' cannot use a btree)")
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as error:
            print(f"\npg_trgm unavailable ({error}); no comparison.")
            return
        cursor.execute("CREATE INDEX bench_member_search_trgm ON members_member USING gin (search_key gin_trgm_ops)")
        cursor.execute("ANALYZE members_member")
    after = run_all("with a pg_trgm GIN index on search_key")
    print(f"\nMedian of {repeat} runs of each query, without and with the trigram index:")
    print(f"{'query':<36} {'q':<12} {'ms btree':>9} {'ms trgm':>9} {'gain':>6}")
    for key, ms in before.items():
        print(f"{key[0]:<36} {key[1]:<12} {ms:>9.2f} {after[key]:>9.2f} {ms / after[key]:>6.1f}")


# --- Main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000, help="members in the province (default 100000)")
    parser.add_argument("--branches", type=int, default=1000, help="branches in the province (default 1000)")
    parser.add_argument("--big", type=int, default=5000, help="members of the one big branch (default 5000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page (default 5)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    sys.stdout.reconfigure(line_buffering=True)
    settings.DEBUG = False
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    for noisy in ("django.security", "django.request"):  # a refused POST shows in the table, not as a traceback
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    db = settings.DATABASES["default"]
    tmpdir = None
    test_settings = db.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="chidoan-scale-")
        test_settings["NAME"] = str(Path(tmpdir) / "scale.sqlite3")
    else:
        # Not pytest's test_<name>: other people's test runs may be using that one.
        test_settings["NAME"] = f"bench_scale_{os.getpid()}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']} (throwaway)")
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        with transaction.atomic():
            province = build_province(members=args.members, branches=args.branches, big=args.big, seed=args.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"Province built in {province.seconds:.1f} s: {province.branches} branches (+2 demo), "
            f"{province.members} members; big branch {province.big_slug} with {province.big_members}, "
            f"demo branch {SMALL_SLUG} with {province.small_members}."
        )
        for note in province.notes:
            print(f"Note: {note}")
        print(f"Median of {args.repeat} requests after one warm-up (whose queries are counted).\n")
        print_table(run_pages(province, args.repeat))
        if connection.vendor == "postgresql":
            explain_home()
            explain_search(province, args.repeat)
        else:
            print("\n(EXPLAIN of the home and search queries: PostgreSQL only.)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
