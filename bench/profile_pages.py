"""Where a signed-in page's time goes: its queries, and a pyinstrument profile of repeated requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB .venv/bin/python bench/profile_pages.py [--requests 30] [--page dashboard]

DB must hold the demo (``manage.py migrate && manage.py load_demo``); nothing is written to it
but the session of the demo Secretary. DEBUG is off, as in production; ``CACHE_URL`` and
``DASHBOARD_CACHE`` are read from the environment as usual. pyinstrument is not a dependency
of the product: install it anywhere on ``PYTHONPATH`` (``pip install --target DIR 'pyinstrument>=5,<6'``);
without it only the queries are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.in_process import production_like  # noqa: E402

production_like("profile")

BRANCH_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PAGES = {
    "dashboard": f"/chi-doan/{BRANCH_SLUG}/tong-quan/",
    "members": f"/chi-doan/{BRANCH_SLUG}/doan-vien/",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="requests profiled per page (default 30)")
    parser.add_argument("--repeat", dest="requests", type=int, default=argparse.SUPPRESS, help="the same as --requests")
    parser.add_argument("--user", default="bithu")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    client = Client()
    client.force_login(User.objects.get(username=args.user))
    for name in args.page or list(PAGES):
        path = PAGES[name]
        client.get(path)  # warm: templates, the figures cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        print(f"\n=== {name} {path}: {len(queries)} queries, {len(response.content) // 1024} KiB")
        for query in queries.captured_queries:
            print(f"  {query['time']}s  {query['sql'][:160]}")
        start = time.perf_counter()
        if Profiler is None:
            for _ in range(args.requests):
                client.get(path)
        else:
            with Profiler(interval=0.0005) as profiler:
                for _ in range(args.requests):
                    client.get(path)
        print(f"  {(time.perf_counter() - start) / args.requests * 1000:.1f} ms a request (in process)")
        if Profiler is not None:
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
