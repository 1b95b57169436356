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
import logging
import math
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.measuring import Measure, explain, measure_get, measure_post_once, median_ms, print_table  # noqa: E402
from bench.province import (  # noqa: E402
    BIG_USER,
    BLOC_OFFICER,
    PROVINCE_OFFICER,
    SMALL_SLUG,
    SMALL_USER,
    Province,
    build_province,
)
from bench.throwaway import analyze, throwaway_database  # noqa: E402

# --- The main pages -------------------------------------------------------------------------------


def ratings_post_data(slug: str) -> tuple[dict, int]:
    """One page of the yearly rating table as the Secretary submits it: every row rated "good" (the view's default year)."""
    from members.forms import RATINGS_PER_PAGE
    from members.models import Organisation
    from members.rating_selectors import members_rated_in, with_ratings

    year = timezone.localdate().year - 1
    # The page shows and posts one page of members at a time.
    members = members_rated_in(branch=Organisation.objects.get(slug=slug), year=year)[:RATINGS_PER_PAGE]
    table = with_ratings(members, year=year)
    data = {"xl-TOTAL_FORMS": len(table), "xl-INITIAL_FORMS": len(table), "xl-MIN_NUM_FORMS": 0}
    data["xl-MAX_NUM_FORMS"] = 1000
    for i, (member, rating) in enumerate(table):
        data |= {f"xl-{i}-member": member.pk, f"xl-{i}-level": "good", f"xl-{i}-participation_percent": "85"}
        data[f"xl-{i}-version"] = rating.version if rating is not None else 0
        data[f"xl-{i}-note"] = ""
    return data, len(table)


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
        urls = [reverse(name, kwargs=small_kwargs), reverse(name, kwargs=big_kwargs)]
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
    small_list, big_list = (reverse("members:list", kwargs={"slug": s}) for s in (small, big))
    rows.append(
        (
            f"members list, last page ({small_last} / {big_last})",
            measure_get(small_client, f"{small_list}?page={small_last}", repeat),
            measure_get(big_client, f"{big_list}?page={big_last}", repeat),
        )
    )
    pair("ratings table", "members:ratings", {"slug": small}, {"slug": big})
    small_ratings, big_ratings = (reverse("members:ratings", kwargs={"slug": s}) for s in (small, big))
    (small_data, small_rows), (big_data, big_rows) = ratings_post_data(small), ratings_post_data(big)
    rows.append(
        (
            f"ratings save, {small_rows} / {big_rows} rows (POST, once)",
            measure_post_once(small_client, small_ratings, small_data),
            measure_post_once(big_client, big_ratings, big_data),
        )
    )
    pair("targets", "terms:targets", {"slug": small}, {"slug": big})
    pair("committee", "terms:committee", {"slug": small}, {"slug": big})
    pair("assignments", "terms:assignments", {"slug": small}, {"slug": big})
    pair(
        "self-review page",
        "reports:self_review",
        {"slug": small, "term": p.small_term_slug},
        {"slug": big, "term": p.big_term_slug},
    )
    pair(
        "self-review preview (its frame)",
        "reports:self_review_preview",
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
    summon = [reverse("congress:summon", kwargs={"slug": s, "pk": pk}) for s, pk in ((small, small_pk), (big, big_pk))]
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


# --- The search plan (PostgreSQL) ----------------------------------------------------------------


def explain_home() -> None:
    """The officer's list of branches (chidoan.web.start.home through permissions.branches_visible_to).

    A subquery over the officer's own member rows, no join over every member and no DISTINCT
    (the join cost ~2 s for a province officer at 100,000 members).
    """
    from chidoan.web.permissions import branches_visible_to

    user = get_user_model().objects.get(username=PROVINCE_OFFICER)
    branches = branches_visible_to(user).select_related("parent").order_by("name", "pk")
    print(f"\n=== Home of the province officer ({branches.count()} branches): the page and the paginator's count ===")
    print(explain(branches[:25]))
    count_ms = median_ms(branches.count, 5)
    page_ms = median_ms(lambda: list(branches[:25]), 5)
    print(f"  count(): {count_ms:8.1f} ms   first page: {page_ms:8.1f} ms")


def explain_search(p: Province, repeat: int) -> None:
    from chidoan.web.permissions import branch_access
    from members import selectors
    from members.models import Member, Organisation

    today = timezone.localdate()
    big = Organisation.objects.get(slug=p.big_slug)
    # The committee seats with their role names, as the list page gets them from the access check.
    access = branch_access(get_user_model().objects.get(username=BIG_USER), big)
    assert access is not None, f"{BIG_USER} cannot open {p.big_slug}"

    def page_qs(query: str):
        filters = selectors.MemberFilters(query=query)
        return selectors.member_list(branch=big, on=today, seats=access.seats, filters=filters)

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
    with throwaway_database("scale"):
        with transaction.atomic():
            province = build_province(members=args.members, branches=args.branches, big=args.big, seed=args.seed)
        analyze()
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


if __name__ == "__main__":
    main()
