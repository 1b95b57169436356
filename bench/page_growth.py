"""Pages whose forms choose members of a branch: time and HTML size for branches of 50, 500 and 5,000 members.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/page_growth.py [--repeat 5]

Never touches the database named by DATABASE_URL: it creates a throwaway database next to it
(PostgreSQL: ``bench_growth_<pid>``; SQLite: a file in a temporary directory), loads the demo, then
bulk-creates one branch per size, each with a current term (its Secretary signs in), a congress
closing it and, after the summons, a committee election taking candidates. The database is dropped
at the end, even after an error.

Each page is fetched once per size (its HTML size), then ``--repeat`` times per size, interleaved
(50, 500, 5,000, then 5,000, 500, 50, ...) so that a change of load lands on every size; it prints
the median ms and the KiB per size and the 5,000/50 ratios. Figures only: nothing is asserted.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.province import _person  # noqa: E402
from bench.throwaway import analyze, throwaway_database  # noqa: E402
from chidoan.lib import text  # noqa: E402

SIZES = (50, 500, 5000)


def build_branch(size: int, rng: random.Random) -> dict:
    """A branch of `size` members with a term, its five seats, a Secretary's login and a congress."""
    from congress import services as congress_services
    from members.models import Member, MemberStatusChange, Organisation, OrganisationKind, StatusChangeKind
    from terms.models import CommitteeRole, CommitteeSeat, SeatStartKind, Term

    today = timezone.localdate()
    province = Organisation.objects.get(slug="tinh-doan-mau")
    branch = Organisation(
        kind=OrganisationKind.BRANCH,
        name=f"Chi đoàn Thử tải {size}",
        short_name=f"Thử tải {size}",
        slug=f"thu-tai-{size}",
        parent=province,
        issuing_body_line=f"BCH CHI ĐOÀN THỬ TẢI {size}",
        place_name="Đồng Nai",
    )
    branch.save()
    people = []
    for _ in range(size):
        p = _person(rng, today)
        for key in ("family_name", "middle_name", "given_name"):
            p[key] = text.nfc(p[key])
        m = Member(branch=branch, workplace=branch.short_name, **p)
        m.name_sort_key = text.name_sort_key(m.family_name, m.middle_name, m.given_name)
        m.search_key = text.search_key(m.full_name)
        people.append(m)
    people = Member.objects.bulk_create(people, batch_size=5000)
    MemberStatusChange.objects.bulk_create(
        [MemberStatusChange(member=m, kind=StatusChangeKind.ADMITTED, on=m.admitted_on) for m in people],
        batch_size=5000,
    )
    starts = today.replace(year=today.year - 1, month=3, day=1)
    ends = starts.replace(year=starts.year + 2, month=8, day=31)
    term = Term.objects.create(branch=branch, number=3, starts_on=starts, ends_on=ends)
    roles = [CommitteeRole.SECRETARY, CommitteeRole.DEPUTY, CommitteeRole.MEMBER, CommitteeRole.MEMBER]
    CommitteeSeat.objects.bulk_create(
        [
            CommitteeSeat(
                term=term, member=m, role=role, position=i, started_on=starts, start_kind=SeatStartKind.ELECTED
            )
            for i, (m, role) in enumerate(zip(people, roles, strict=False), start=1)
        ]
    )
    secretary = people[0]
    secretary.user = get_user_model().objects.create_user(f"bithu_{size}")
    secretary.save(update_fields=["user"])
    congress = congress_services.congress_prepare(
        term=term,
        held_on=today + datetime.timedelta(days=1),
        new_term_starts_on=today + datetime.timedelta(days=1),
        new_term_ends_on=ends.replace(year=ends.year + 3),
        place="Hội trường",
    )
    client = Client()
    client.force_login(secretary.user)
    return {"slug": branch.slug, "congress": congress, "client": client}


def measure(label: str, branches: dict[int, dict], url_of, repeat: int) -> tuple:
    """One page at every size: its HTML once, then `repeat` timed GETs per size, the order of sizes alternated."""
    urls = {size: url_of(b) for size, b in branches.items()}
    kib, status = {}, {}
    for size, b in branches.items():
        response = b["client"].get(urls[size])
        kib[size], status[size] = len(response.content) / 1024, response.status_code
    times: dict[int, list[float]] = {size: [] for size in branches}
    for r in range(repeat):
        for size in SIZES if r % 2 == 0 else tuple(reversed(SIZES)):
            start = time.perf_counter()
            branches[size]["client"].get(urls[size])
            times[size].append((time.perf_counter() - start) * 1000)
    ms = {size: statistics.median(t) for size, t in times.items()}
    return label, ms, kib, status


def print_table(rows: list[tuple]) -> None:
    big, small = SIZES[-1], SIZES[0]
    ms_head = " ".join(f"{'ms ' + str(s):>9}" for s in SIZES)
    kib_head = " ".join(f"{'KiB ' + str(s):>9}" for s in SIZES)
    header = f"{'page':<44} {ms_head} {'ms ×':>6} {kib_head} {'KiB ×':>6}"
    print(header)
    print("-" * len(header))
    for label, ms, kib, status in rows:
        bad = {s: c for s, c in status.items() if c != 200}
        note = f"  HTTP {bad}" if bad else ""
        print(
            f"{label:<44} "
            + " ".join(f"{ms[s]:>9.1f}" for s in SIZES)
            + f" {ms[big] / ms[small]:>6.2f} "
            + " ".join(f"{kib[s]:>9.1f}" for s in SIZES)
            + f" {kib[big] / kib[small]:>6.2f}{note}"
        )


def run(repeat: int) -> None:
    from congress import services as congress_services
    from congress.models import ElectionKind

    rng = random.Random(2024)
    with transaction.atomic():
        branches = {size: build_branch(size, rng) for size in SIZES}
    analyze()
    print(f"Branches of {', '.join(map(str, SIZES))} members; median of {repeat} GETs a size, interleaved.\n")

    def congress_url(name: str, **kwargs):
        return lambda b: reverse(f"congress:{name}", kwargs={"slug": b["slug"], "pk": b["congress"].pk, **kwargs})

    rows = [
        measure(
            "committee: add a seat", branches, lambda b: reverse("terms:seat_add", kwargs={"slug": b["slug"]}), repeat
        ),
        measure("congress attendance before summons", branches, congress_url("attendance"), repeat),
    ]
    elections = {}
    for size, b in branches.items():
        congress_services.congress_summon(congress=b["congress"])
        elections[size] = congress_services.election_create(
            congress=b["congress"], kind=ElectionKind.COMMITTEE, seats=5
        ).pk
    analyze()  # the 5,550 new attendances, as autovacuum would soon after a summons
    for kind, label in [("presidium", "presidium"), ("secretariat", "secretaries"), ("counting", "counting committee")]:
        rows.append(measure(f"congress body: {label}", branches, congress_url("body", kind=kind), repeat))
    size_of = {b["slug"]: size for size, b in branches.items()}
    rows.append(
        measure(
            "congress election: add a candidate",
            branches,
            lambda b: reverse(
                "congress:election",
                kwargs={"slug": b["slug"], "pk": b["congress"].pk, "election_pk": elections[size_of[b["slug"]]]},
            ),
            repeat,
        )
    )
    if _has_url("members:picker"):
        rows.append(
            measure(
                "member picker search, q='nguyen van' (JSON)",
                branches,
                lambda b: reverse("members:picker", kwargs={"slug": b["slug"]}) + "?q=nguyen+van",
                repeat,
            )
        )
    print_table(rows)


def _has_url(name: str) -> bool:
    """The picker's search is not there before the member picker: the bench then leaves its row out."""
    from django.urls import NoReverseMatch

    try:
        reverse(name, kwargs={"slug": "x"})
    except NoReverseMatch:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed GETs per page and size (default 5)")
    args = parser.parse_args()

    sys.stdout.reconfigure(line_buffering=True)
    settings.DEBUG = False
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    with throwaway_database("growth"):
        run(args.repeat)


if __name__ == "__main__":
    main()
