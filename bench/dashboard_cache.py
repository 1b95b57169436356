"""The branch dashboard with and without the cache of its figures, interleaved (A, B, B, A, …).

    .venv/bin/python bench/dashboard_cache.py [--repeat 40] [--members 300] [--redis redis://127.0.0.1:6379/10]

DEBUG off, a fresh SQLite database in a temporary directory with the demo loaded and
`--members` more active members admitted into the demo branch; the Secretary's dashboard
through Django's test client (no server), the figures computed every time (DASHBOARD_CACHE=off)
against served from the cache (on: local memory, or Redis with --redis). Prints the median
of each side, the ratio of each pair (median, quartiles, min – max) and the queries of each.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def quartiles(values: list[float]) -> tuple[float, float, float]:
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40, help="timed pairs (default 40)")
    parser.add_argument("--members", type=int, default=300, help="members added to the demo branch (default 300)")
    parser.add_argument("--redis", metavar="URL", help="cache in this Redis instead of local memory")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="chidoan-bench-")
    try:
        run(args, f"{workdir}/bench.sqlite3")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    os.environ.update(DEBUG="false", LOG_LEVEL="WARNING", ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="false")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["CACHE_URL"] = args.redis or "locmem://"
    os.environ["CACHE_KEY_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic in a bench
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from members import services
    from members.demo import BRANCH_SLUG
    from members.models import Organisation

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo", stdout=quiet)
    setup_test_environment()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    branch = Organisation.objects.get(slug=BRANCH_SLUG)
    for i in range(args.members):
        services.member_admit(
            branch=branch,
            admitted_on=datetime.date(2020, 3, 26),
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=f"Đo{i:04d}",
            date_of_birth=datetime.date(1990 + i % 15, 1 + i % 12, 1),
            gender="male" if i % 2 else "female",
        )
    client = Client()
    client.force_login(get_user_model().objects.get(username="bithu"))
    url = reverse("dashboard", kwargs={"slug": branch.slug})

    def page(mode: str) -> float:
        settings.DASHBOARD_CACHE = mode
        start = time.perf_counter()
        response = client.get(url, secure=True)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, response.status_code
        return elapsed

    def queries(mode: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(mode)
        return len(captured)

    for mode in ("off", "on", "off", "on"):  # warm-up: templates, imports, the cache's first entry
        page(mode)
    off, on = [], []
    for i in range(args.repeat):
        if i % 2 == 0:
            off.append(page("off"))
            on.append(page("on"))
        else:
            on.append(page("on"))
            off.append(page("off"))
    ratios = [a / b for a, b in zip(on, off, strict=True)]
    low, mid, high = quartiles(ratios)
    backend = "Redis" if args.redis else "bộ nhớ cục bộ"
    print(
        f"Tổng quan chi đoàn mẫu (+{args.members} đoàn viên), DEBUG tắt, {args.repeat} cặp đo xen kẽ, cache: {backend}"
    )
    print(f"  không cache (trung vị):     {statistics.median(off) * 1000:7.1f} ms  {queries('off'):3d} truy vấn")
    print(f"  có cache (trung vị):        {statistics.median(on) * 1000:7.1f} ms  {queries('on'):3d} truy vấn")
    print(
        f"  tỷ lệ từng cặp có / không:  {mid:7.2f}   tứ phân vị {low:.2f} – {high:.2f}, {min(ratios):.2f} – {max(ratios):.2f}"
    )
    print(f"  nhanh hơn:                  {1 / mid:7.1f} ×")


if __name__ == "__main__":
    main()
