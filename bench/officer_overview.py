"""The officer's start page at province scale: the province level, a drill-down, the search, interleaved.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h9 .venv/bin/python bench/officer_overview.py
    .venv/bin/python bench/officer_overview.py --members 20000 --branches 200     # SQLite, a temporary file

Like bench/scale.py it never touches the database named by DATABASE_URL: it creates a throwaway
one next to it, loads the demo, bulk-creates a province with bench/province.py (``--branches``
branches in blocs of 50, ``--members`` members), then, as the province officer, requests in turn
(A, B, C, A, B, C ...) the start page (the province's blocs, figures over every branch), one bloc's
level (its branches) and a search over branches and members. It prints, per page, the queries
and the time of the first request (with DASHBOARD_CACHE=on the cold one, which fills the figures
cache: each run has a cache key prefix of its own) and the median of ``--repeat`` requests.
Figures only: nothing is asserted.

To compare two checkouts of the code on the same data (PostgreSQL): build once with ``--keep``
(the throwaway database, ``bench_overview_<pid>``, is left), then run this script from each
checkout in turn with ``--reuse bench_overview_<pid>``, and drop the database at the end:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h1 .venv/bin/python bench/officer_overview.py --keep
    cd /tmp/old-checkout && DATABASE_URL=... /path/.venv/bin/python bench/officer_overview.py --reuse bench_overview_123
"""

from __future__ import annotations

import argparse
import os
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
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.measuring import QueryCounter  # noqa: E402
from bench.province import PROVINCE_OFFICER, build_province  # noqa: E402
from bench.throwaway import analyze, throwaway_database  # noqa: E402
from chidoan.lib import figures_cache  # noqa: E402


def run(repeat: int, slowest: int = 0) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username=PROVINCE_OFFICER))
    home = reverse("home")
    pages = {
        "start page (province level)": home,
        "drill-down (one bloc)": f"{home}?to-chuc=bench-khoi-1&sort=dai_hoi",
        "drill-down, filtered (overdue)": f"{home}?to-chuc=bench-khoi-2&loc=qua-han",
        "search 'nguyen van an'": f"{home}?q=nguyen+van+an",
    }
    queries: dict[str, int] = {}
    first: dict[str, float] = {}
    times: dict[str, list[float]] = {label: [] for label in pages}
    for label, url in pages.items():
        start = time.perf_counter()
        with QueryCounter() as counter:
            response = client.get(url)
        first[label] = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code}")
        queries[label] = counter.count
    for _ in range(repeat):  # interleaved: every page once per round
        for label, url in pages.items():
            start = time.perf_counter()
            client.get(url)
            times[label].append((time.perf_counter() - start) * 1000)
    if slowest:
        timed: list[tuple[float, str]] = []

        def timing(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append(((time.perf_counter() - start) * 1000, sql))

        with connection.execute_wrapper(timing):
            client.get(home)
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, home)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        print(f"Slowest queries of the start page ({len(timed)} queries, {sum(t for t, _ in timed):.0f} ms in all):")
        for ms, sql in sorted(timed, key=lambda q: -q[0])[:slowest]:
            print(f"  {ms:7.0f} ms  {sql[:160]}")
        print()
    print(f"{'page':34} {'queries':>8} {'first ms':>9} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for label in pages:
        t = times[label]
        print(
            f"{label:34} {queries[label]:>8} {first[label]:>9.0f} {statistics.median(t):>10.0f}"
            f" {min(t):>8.0f} {max(t):>8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--branches", type=int, default=1000)
    parser.add_argument("--big", type=int, default=5000, help="members of the one big branch (default 5000)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest queries of the start page")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database (PostgreSQL; for --reuse)")
    parser.add_argument("--reuse", default="", help="measure on a bench_* database kept by an earlier --keep run")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    settings.DEBUG = False
    # A cache of this run's own (before anything reads it): the first request finds it empty, and
    # no entry of an earlier run (another throwaway database, the same pks) is ever read.
    prefix = f"bench-overview-{os.getpid()}"
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    print(f"Figures cache: {'on' if figures_cache.enabled() else 'off'} ({settings.CACHES['default']['BACKEND']}).")
    warnings.filterwarnings("ignore", message="No directory at")
    with throwaway_database("overview", keep=args.keep, reuse=args.reuse) as fresh:
        if fresh:
            with transaction.atomic():
                province = build_province(members=args.members, branches=args.branches, big=args.big, seed=args.seed)
            analyze()
            if connection.vendor == "postgresql":
                # The visibility map as autovacuum (on by default, after 1,000 inserts) leaves it,
                # which index-only scans read; without it they fetch every row from the table.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM")
            print(
                f"Province built in {province.seconds:.1f} s: {province.branches} branches, {province.members} members."
            )
        print(f"Queries of the first request; times over {args.repeat} interleaved rounds.\n")
        run(args.repeat, args.slowest)
    if "Redis" in str(settings.CACHES["default"]["BACKEND"]):
        redis_client = cache._cache.get_client()  # type: ignore[attr-defined]
        for key in redis_client.scan_iter(f"{prefix}:*"):
            redis_client.delete(key)


if __name__ == "__main__":
    main()
