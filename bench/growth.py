"""What still grows with the branch: the same pages for branches of 50, 500 and 5,000 members, interleaved.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h4 .venv/bin/python bench/growth.py
    DATABASE_URL=... .venv/bin/python bench/growth.py --code /work/main    # the same, on another checkout

Like bench/scale.py it never touches the database named by DATABASE_URL: it creates a
throwaway one beside it, named after it and this process (``bench_growth_<database>_<pid>``,
or ``--throwaway NAME``: engineers sharing a server with their own databases never collide), migrates it, bulk-creates three branches
of the same shape (``--sizes``, default 50, 500, 5,000: Vietnamese names, an admission each,
some who left, a term with five seats, last year's ratings for about 40 %, a congress with
everyone summoned and about 70 % checked in), twelve branches under one officer and 1,002
under another (the officer's branch search), and destroys it at the end.

Each page is requested once per round for every size in turn, the order of the sizes rotating
from round to round (A, B, C, then B, C, A ...), so that a change in the machine's load lands on
every size alike; it prints the median ms of each size, the queries, the HTML size at the
largest, the rows the page shows at each size, and the ratio largest / smallest. Every page is
one that holds the same rows at every size (the rows column says so): at 50 members the
not-yet-rated ratings (about 26 of the 47 active members) fit one short page, so no page of that
list is full there, and a "page 2" was that short page against a full page of 50 at the larger
sizes; the build rates a few more of the larger branches' members (at most 49) so that the
list's last page holds as many rows at every size, and that last page is measured. ``--code DIR`` runs the product of another
checkout (its settings, apps and migrations): the before of a change, with this same script.
``--figures-cache on`` turns on the branch's figures cache (chidoan.lib.figures_cache, in this
process's memory), as production does with a shared cache (Redis): the dashboard's figures and
the members list's count, the yearly ratings' ids and counts by level are then read from it
once computed.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _code_root() -> Path:
    """The checkout whose product is measured (--code DIR), this one by default; read before Django starts."""
    if "--code" in sys.argv:
        return Path(sys.argv[sys.argv.index("--code") + 1]).resolve()
    return HERE.parent


CODE = _code_root()
sys.path.insert(0, str(CODE))
sys.path.insert(1, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.province import _bulk_organisations, _person  # noqa: E402

SEARCH_OFFICERS = {12: "captren_12", 1002: "captren_1002"}


def _member_rows(branch, size: int, rng: random.Random, today: datetime.date) -> list:
    from chidoan.lib import text
    from members.models import Member

    rows = []
    for _ in range(size):
        person = _person(rng, today)
        for key in ("family_name", "middle_name", "given_name"):
            person[key] = text.nfc(person[key])
        member = Member(branch=branch, workplace=branch.short_name, **person)
        # Older than the whole rated year, so that every size has the same shape.
        member.admitted_on = min(member.admitted_on, today.replace(year=today.year - 2, month=1, day=1))
        member.name_sort_key = text.name_sort_key(member.family_name, member.middle_name, member.given_name)
        member.search_key = text.search_key(member.full_name)
        rows.append(member)
    return Member.objects.bulk_create(rows, batch_size=5000)


def build(sizes: list[int], seed: int) -> dict[int, dict]:
    """The branches of `sizes` members (slug, Secretary's login, congress pk by size) and the search officers."""
    from congress import services as congress_services
    from congress.models import Attendance, AttendanceStatus
    from members import rating_selectors
    from members.forms import RATINGS_PER_PAGE
    from members.models import (
        MemberRating,
        MemberStatusChange,
        Organisation,
        OrganisationKind,
        OrganisationOfficer,
        RatingLevel,
        StatusChangeKind,
    )
    from terms.models import CommitteeRole, CommitteeSeat, SeatStartKind, Term

    User = get_user_model()
    rng = random.Random(seed)
    today = timezone.localdate()
    province = Organisation.objects.get(slug="tinh-doan-mau")
    blocs = _bulk_organisations(
        [
            Organisation(
                kind=OrganisationKind.BLOC,
                name=f"Đoàn Khối thử {n}",
                short_name=f"Khối thử {n}",
                slug=f"khoi-thu-{n}",
                parent=province,
            )
            for n in SEARCH_OFFICERS
        ],
        lambda org: province,
    )
    branches: list = []
    for bloc, count in zip(blocs, SEARCH_OFFICERS, strict=True):
        rows = [
            Organisation(
                kind=OrganisationKind.BRANCH,
                name=f"Chi đoàn Trường THPT số {i} khối {count}",
                short_name=f"Trường THPT số {i}",
                slug=f"thpt-{count}-{i}",
                parent=bloc,
            )
            for i in range(count - (len(sizes) if count == 12 else 0))
        ]
        if count == 12:
            rows += [
                Organisation(
                    kind=OrganisationKind.BRANCH,
                    name=f"Chi đoàn Công ty thử {size} người",
                    short_name=f"Công ty thử {size} người",
                    slug=f"cong-ty-{size}",
                    parent=bloc,
                )
                for size in sizes
            ]
        branches += _bulk_organisations(rows, lambda org, bloc=bloc: bloc)
        OrganisationOfficer.objects.create(user=User.objects.create_user(SEARCH_OFFICERS[count]), organisation=bloc)

    by_slug = {b.slug: b for b in branches}
    last_year = today.year - 1
    term_start = today.replace(year=today.year - 1, month=3, day=1)
    term_end = term_start.replace(year=term_start.year + 2, month=8, day=31)
    roles = [CommitteeRole.SECRETARY, CommitteeRole.DEPUTY, CommitteeRole.MEMBER, CommitteeRole.MEMBER, "member"]
    made: dict[int, dict] = {}
    last_page_rows: int | None = None
    for size in sorted(sizes):
        branch = by_slug[f"cong-ty-{size}"]
        people = _member_rows(branch, size, rng, today)
        changes, ratings = [], []
        for i, member in enumerate(people):
            changes.append(MemberStatusChange(member=member, kind=StatusChangeKind.ADMITTED, on=member.admitted_on))
            if i >= 5 and rng.random() < 0.06:  # a few left, some of them last year
                left_on = today - datetime.timedelta(days=rng.randint(30, 700))
                changes.append(MemberStatusChange(member=member, kind=StatusChangeKind.LEFT, on=left_on, reason="x"))
            if rng.random() < 0.4:
                level = rng.choice([RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED])
                pct = 95 if level == RatingLevel.EXCELLENT else 80
                ratings.append(MemberRating(member=member, year=last_year, level=level, participation_percent=pct))
        MemberStatusChange.objects.bulk_create(changes, batch_size=5000)
        MemberRating.objects.bulk_create(ratings, batch_size=5000)
        # The not-yet-rated list's last page holds as many rows at every size as at the smallest
        # (its only page there): a few more of a larger branch's members are rated (at most 49).
        unrated = list(
            rating_selectors.unrated_in(
                rating_selectors.members_rated_in(branch=branch, year=last_year), year=last_year
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if last_page_rows is None:
            last_page_rows = len(unrated) % RATINGS_PER_PAGE
        extra = (len(unrated) - last_page_rows) % RATINGS_PER_PAGE
        MemberRating.objects.bulk_create(
            [
                MemberRating(member_id=pk, year=last_year, level=RatingLevel.COMPLETED, participation_percent=80)
                for pk in unrated[:extra]
            ]
        )
        term = Term.objects.create(branch=branch, number=3, starts_on=term_start, ends_on=term_end)
        CommitteeSeat.objects.bulk_create(
            [
                CommitteeSeat(
                    term=term, member=m, role=role, position=n, started_on=term_start, start_kind=SeatStartKind.ELECTED
                )
                for n, (m, role) in enumerate(zip(people[:5], roles, strict=False), start=1)
            ]
        )
        secretary = people[0]
        secretary.user = User.objects.create_user(f"bithu_{size}")
        secretary.save(update_fields=["user"])
        congress = congress_services.congress_prepare(
            term=term,
            held_on=term_end,
            new_term_starts_on=term_end,
            new_term_ends_on=term_end.replace(year=term_end.year + 2, month=12, day=31),
            place="Hội trường",
        )
        congress_services.congress_summon(congress=congress)
        summoned = list(Attendance.objects.filter(congress=congress).values_list("pk", flat=True))
        present = [pk for pk in summoned if rng.random() < 0.7]
        Attendance.objects.filter(pk__in=present).update(status=AttendanceStatus.PRESENT)
        made[size] = {"slug": branch.slug, "user": f"bithu_{size}", "congress": congress.pk, "members": len(people)}
    return made


def pages(made: dict[int, dict], size: int) -> list[tuple[str, str, str]]:
    """(label, login, address) of every page measured, for the branch of `size` members."""
    slug, user, congress = made[size]["slug"], made[size]["user"], made[size]["congress"]
    members = reverse("members:list", kwargs={"slug": slug})
    ratings = reverse("members:ratings", kwargs={"slug": slug})
    year = timezone.localdate().year - 1
    return [
        ("dashboard", user, reverse("dashboard", kwargs={"slug": slug})),
        ("members list, page 1", user, members),
        ("members list, last page", user, members + "?page=9999"),
        ("members list, every status, last page", user, members + "?status=&page=9999"),
        ("members list, search 'nguyen van'", user, members + "?q=nguyen+van"),
        ("ratings (50 a page), page 1", user, f"{ratings}?year={year}"),
        ("ratings, last page", user, f"{ratings}?year={year}&page=9999"),
        ("ratings, not yet rated, last page", user, f"{ratings}?year={year}&chua=1&page=9999"),
        ("congress quorum card", user, reverse("congress:quorum", kwargs={"slug": slug, "pk": congress})),
    ]


def search_pages() -> list[tuple[str, str, str]]:
    home = reverse("home")
    return [
        (f"officer's branch search, {n} branches", login, home + "?q=thpt+so+1") for n, login in SEARCH_OFFICERS.items()
    ]


def run(made: dict[int, dict], sizes: list[int], repeat: int, only: list[str]) -> None:
    clients: dict[str, Client] = {}

    def client_for(login: str) -> Client:
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(get_user_model().objects.get(username=login))
        return clients[login]

    def fetch(login: str, address: str) -> tuple[float, int, int, int, int]:
        client = client_for(login)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(address)
            elapsed = time.perf_counter() - start
        page = response.context["page"] if response.context and "page" in response.context else None
        rows = len(page.object_list) if page is not None else -1
        return elapsed * 1000, response.status_code, len(queries), len(response.content), rows

    # Rows: label -> [(size label, login, address)] in the order of the columns.
    table: dict[str, list[tuple[str, str, str]]] = {}
    for size in sizes:
        for label, login, address in pages(made, size):
            table.setdefault(label, []).append((f"{size}", login, address))
    for label, login, address in search_pages():
        table.setdefault("officer's branch search", []).append((label.split(", ")[1], login, address))
    if only:
        table = {label: cells for label, cells in table.items() if any(word in label for word in only)}

    columns = {label: len(cells) for label, cells in table.items()}
    times: dict[tuple[str, int], list[float]] = {}
    facts: dict[tuple[str, int], tuple[int, int, int, int]] = {}
    for label, cells in table.items():
        for i, (_name, login, address) in enumerate(cells):  # warm-up, queries, size and rows shown
            _ms, status, queries, length, rows = fetch(login, address)
            facts[(label, i)] = (status, queries, length, rows)
    for round_ in range(repeat):
        for label, cells in table.items():
            order = list(range(len(cells)))
            shift = round_ % len(order)
            for i in order[shift:] + order[:shift]:
                _name, login, address = cells[i]
                times.setdefault((label, i), []).append(fetch(login, address)[0])

    names = " / ".join(f"{s:,}" for s in sizes)
    print(
        f"Median of {repeat} interleaved requests after one warm-up; sizes {names} members (branch search: branches)."
    )
    header = f"{'page':<40} {'ms by size':>24} {'queries':>12} {'KiB (largest)':>14} {'rows':>12} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for label, count in columns.items():
        ms = [statistics.median(times[(label, i)]) for i in range(count)]
        queries = [facts[(label, i)][1] for i in range(count)]
        statuses = {facts[(label, i)][0] for i in range(count)}
        note = "" if statuses == {200} else f"HTTP {sorted(statuses)}"
        kib = facts[(label, count - 1)][2] / 1024
        ms_text = " / ".join(f"{m:.0f}" for m in ms)
        q_text = " / ".join(str(q) for q in queries)
        shown = [facts[(label, i)][3] for i in range(count)]
        rows_text = " / ".join(str(r) if r >= 0 else "-" for r in shown)
        print(f"{label:<40} {ms_text:>24} {q_text:>12} {kib:>14.0f} {rows_text:>12} {ms[-1] / ms[0]:>7.2f}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,500,5000", help="members of each branch (default 50,500,5000)")
    parser.add_argument("--repeat", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--code", default=str(HERE.parent), help="the checkout to measure (default this one)")
    parser.add_argument(
        "--figures-cache",
        choices=["off", "on"],
        default="off",
        help="the branch's figures cache (DASHBOARD_CACHE, in this process's memory): off as with the default settings",
    )
    parser.add_argument("--only", default="", help="only the pages whose label holds one of these words (a,b)")
    parser.add_argument(
        "--throwaway", default="", help="the throwaway database (default bench_growth_<database>_<pid>)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    settings.DEBUG = False
    settings.DASHBOARD_CACHE = args.figures_cache  # local memory: one process, as the tests
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    if connection.vendor != "postgresql":
        print("Note: the figures that count are PostgreSQL's (set DATABASE_URL); this is", connection.vendor)
    own = Path(str(settings.DATABASES["default"]["NAME"])).stem.replace("-", "_") or "db"
    throwaway = args.throwaway or f"bench_growth_{own}_{os.getpid()}"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = throwaway
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = f"/tmp/{throwaway}.sqlite3"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(
            f"Code: {CODE}; database: {connection.vendor} {connection.settings_dict['NAME']} (throwaway); "
            f"figures cache {args.figures_cache}"
        )
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        started = time.perf_counter()
        with transaction.atomic():
            made = build(sizes, args.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"Built in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{m['members']}" for m in made.values()))
        run(made, sizes, args.repeat, [word for word in args.only.split(",") if word])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
