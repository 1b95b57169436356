"""How fast the self-review report's PDF is made, from a cold start and warm, and whether memory stays steady.

    .venv/bin/python bench/report_pdf.py [--renders 200] [--repeat 15] [--cold 3]

Runs with DEBUG off (DEBUG's query log would look like a leak) against a fresh
SQLite database in a temporary directory with the demo loaded (never the
project's database) and prints, in one run:

* the product (data from the database, HTML from the template, PDF through
  WeasyPrint) and WeasyPrint alone on the same final HTML, measured in pairs,
  interleaved (product, WeasyPrint, WeasyPrint, product, …) so that a change of
  machine load lands on both sides; the ratio of each pair, its median and its
  spread (quartiles, min – max; aim: median at most 1.3);
* the cold start: the first render in a fresh process against a warm one, and
  the first render after `reports.render.page.warm_up` (what gunicorn.conf.py
  runs when a worker starts), each from `--cold` fresh processes;
* the median time to download an issued report (served as stored; aim: at
  least 20 times faster than a render);
* the number of pages, the peak memory, and the resident memory after 1 and
  after `--renders` renders (aim: steady).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return values[0], values[0], values[0]
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def paired(product, alone, repeat: int) -> tuple[list[float], list[float]]:
    """Time both sides `repeat` times, interleaved, alternating which side goes first."""
    product_times, alone_times = [], []
    for i in range(repeat):
        if i % 2 == 0:
            product_times.append(seconds(product))
            alone_times.append(seconds(alone))
        else:
            alone_times.append(seconds(alone))
            product_times.append(seconds(product))
    return product_times, alone_times


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=200, help="renders for the memory check (default 200)")
    parser.add_argument("--repeat", type=int, default=15, help="timed pairs for the ratio (default 15)")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes for the cold start (default 3)")
    parser.add_argument("--cold-child", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(args.cold_child, warm_up_first=args.warm_up)
        return

    workdir = tempfile.mkdtemp(prefix="chidoan-bench-")
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def production_like_environment(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def cold_child(database: str, *, warm_up_first: bool) -> None:
    """In a fresh process: the first render (optionally after the worker's warm-up), then a warm one; JSON out."""
    production_like_environment(database)
    import django

    django.setup()
    from members.demo import BRANCH_SLUG
    from members.models import Organisation
    from reports.render import self_review as documents
    from reports.render.page import warm_up
    from reports.self_review.build import report_data

    term = Organisation.objects.get(slug=BRANCH_SLUG).terms.get(starts_on__year=2022)
    warm_up_seconds = seconds(warm_up) if warm_up_first else 0.0
    first = seconds(lambda: documents.self_review_pdf(report_data(term)))
    warm = statistics.median(seconds(lambda: documents.self_review_pdf(report_data(term))) for _ in range(3))
    print(json.dumps({"warm_up": warm_up_seconds, "first": first, "warm": warm}))


def cold_starts(database: str, count: int) -> dict[bool, list[dict[str, float]]]:
    """`count` fresh processes without the warm-up and `count` with it, interleaved."""
    results: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for _ in range(count):
        for warm_up_first in (False, True):
            command = [sys.executable, __file__, "--cold-child", database] + (["--warm-up"] if warm_up_first else [])
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
            results[warm_up_first].append(json.loads(output.strip().splitlines()[-1]))
    return results


def run(args: argparse.Namespace, workdir: str) -> None:
    database = f"{workdir}/bench.sqlite3"
    production_like_environment(database)
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic in a bench
    django.setup()
    import datetime
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from pypdf import PdfReader
    from weasyprint import HTML

    from members.demo import BRANCH_SLUG
    from members.models import Organisation
    from reports import services
    from reports.render import self_review as documents
    from reports.render.page import font_configuration
    from reports.self_review.build import report_data

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo", stdout=quiet)
    setup_test_environment()

    branch = Organisation.objects.get(slug=BRANCH_SLUG)
    term = branch.terms.get(starts_on__year=2022)

    def through_product() -> bytes:
        return documents.self_review_pdf(report_data(term))

    html = documents.self_review_html(report_data(term))

    # WeasyPrint called directly, with the same (reused) font configuration as the product.
    font_config = font_configuration()

    def weasyprint_alone() -> bytes:
        return HTML(string=html, base_url=str(ROOT / "static" / "fonts")).write_pdf(font_config=font_config)

    first_pdf = through_product()  # warm-up: fonts, templates, imports
    rss_after_1 = rss_mib()
    weasyprint_alone()

    product_times, alone_times = paired(through_product, weasyprint_alone, args.repeat)
    product, alone = statistics.median(product_times), statistics.median(alone_times)
    ratios = [p / a for p, a in zip(product_times, alone_times, strict=True)]
    ratio_low, ratio_median, ratio_high = quartiles(ratios)

    secretary = get_user_model().objects.get(username="bithu")
    issued = services.report_issue(report=term.self_review_report, by=secretary, on=datetime.date(2024, 8, 20))
    client = Client()
    client.force_login(secretary)
    download_url = reverse("reports:issued_download", kwargs={"slug": branch.slug, "pk": issued.pk, "fmt": "pdf"})

    def download() -> None:
        response = client.get(download_url, secure=True)
        assert response.status_code == 200 and response.content == bytes(issued.pdf)

    download()
    downloaded = median_seconds(download, max(args.repeat, 30))

    for _ in range(args.renders - 1):
        through_product()
    rss_after_n = rss_mib()

    cold = cold_starts(database, args.cold)
    cold_first = statistics.median(r["first"] for r in cold[False])
    cold_warm = statistics.median(r["warm"] for r in cold[False])
    warmed_up = statistics.median(r["warm_up"] for r in cold[True])
    warmed_first = statistics.median(r["first"] for r in cold[True])
    warmed_warm = statistics.median(r["warm"] for r in cold[True])

    pages = len(PdfReader(io.BytesIO(first_pdf)).pages)
    print(f"Báo cáo kiểm điểm 2022 – 2024 (chi đoàn mẫu), DEBUG tắt, {args.repeat} cặp đo xen kẽ")
    print(f"  PDF qua sản phẩm (trung vị):             {product * 1000:8.1f} ms")
    print(f"  Chỉ WeasyPrint, cùng HTML (trung vị):    {alone * 1000:8.1f} ms")
    print(f"  Tỷ lệ từng cặp sản phẩm / WeasyPrint:    {ratio_median:8.2f}   (mục tiêu ≤ 1,3)")
    print(
        f"      tứ phân vị {ratio_low:.2f} – {ratio_high:.2f}, thấp nhất – cao nhất {min(ratios):.2f} – {max(ratios):.2f}"
    )
    print(f"  Khởi động lạnh ({args.cold} tiến trình mới, trung vị):")
    print(
        f"      lần dựng đầu tiên:                   {cold_first * 1000:8.1f} ms  ({cold_first / cold_warm:.1f} × lần dựng ấm)"
    )
    print(f"      lần dựng ấm trong tiến trình đó:     {cold_warm * 1000:8.1f} ms")
    print(f"      warm_up khi worker khởi động:        {warmed_up * 1000:8.1f} ms")
    print(
        f"      lần dựng đầu tiên sau warm_up:       {warmed_first * 1000:8.1f} ms  ({warmed_first / warmed_warm:.1f} × lần dựng ấm)"
    )
    print(f"  Tải bản đã ban hành (trung vị):          {downloaded * 1000:8.1f} ms")
    print(f"  Tải bản đã ban hành nhanh hơn dựng:      {product / downloaded:8.0f} ×  (mục tiêu ≥ 20 ×)")
    print(f"  Số trang:                                {pages:8d}")
    print(f"  Bộ nhớ đỉnh (peak RSS):                  {peak_mib():8.1f} MiB")
    print(f"  RSS sau 1 lần dựng:                      {rss_after_1:8.1f} MiB")
    print(f"  RSS sau {args.renders} lần dựng:{' ' * (23 - len(str(args.renders)))}{rss_after_n:8.1f} MiB")


if __name__ == "__main__":
    main()
