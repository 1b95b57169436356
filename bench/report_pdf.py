"""How fast the self-review report's PDF is made, and whether memory stays steady.

    .venv/bin/python bench/report_pdf.py [--renders 200] [--repeat 15]

Runs against a fresh SQLite database in a temporary directory with the demo
loaded (never the project's database) and prints, in one run:

* the median time to produce the demo report's PDF through the product
  (data from the database, HTML from the template, PDF through WeasyPrint);
* the median time of WeasyPrint alone on the same final HTML, and the ratio
  (aim: at most 1.3);
* the median time to download an issued report (served as stored; aim: at
  least 20 times faster than a render);
* the number of pages, the peak memory, and the resident memory after 1 and
  after `--renders` renders (aim: steady).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
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
    parser.add_argument("--repeat", type=int, default=15, help="timed runs for each median (default 15)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="chidoan-bench-")
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

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

    product = median_seconds(through_product, args.repeat)
    alone = median_seconds(weasyprint_alone, args.repeat)

    secretary = get_user_model().objects.get(username="bithu")
    issued = services.report_issue(report=term.self_review_report, by=secretary, on=datetime.date(2024, 8, 20))
    client = Client()
    client.force_login(secretary)
    download_url = reverse("reports:issued_download", kwargs={"slug": branch.slug, "pk": issued.pk, "fmt": "pdf"})

    def download() -> None:
        response = client.get(download_url)
        assert response.status_code == 200 and response.content == bytes(issued.pdf)

    download()
    downloaded = median_seconds(download, max(args.repeat, 30))

    for _ in range(args.renders - 1):
        through_product()
    rss_after_n = rss_mib()

    pages = len(PdfReader(io.BytesIO(first_pdf)).pages)
    print("Báo cáo kiểm điểm 2022 – 2024 (chi đoàn mẫu)")
    print(f"  PDF qua sản phẩm (trung vị {args.repeat} lần):   {product * 1000:8.1f} ms")
    print(f"  Chỉ WeasyPrint, cùng HTML (trung vị):    {alone * 1000:8.1f} ms")
    print(f"  Tỷ lệ sản phẩm / WeasyPrint:             {product / alone:8.2f}   (mục tiêu ≤ 1,3)")
    print(f"  Tải bản đã ban hành (trung vị):          {downloaded * 1000:8.1f} ms")
    print(f"  Tải bản đã ban hành nhanh hơn dựng:      {product / downloaded:8.0f} ×  (mục tiêu ≥ 20 ×)")
    print(f"  Số trang:                                {pages:8d}")
    print(f"  Bộ nhớ đỉnh (peak RSS):                  {peak_mib():8.1f} MiB")
    print(f"  RSS sau 1 lần dựng:                      {rss_after_1:8.1f} MiB")
    print(f"  RSS sau {args.renders} lần dựng:{' ' * (23 - len(str(args.renders)))}{rss_after_n:8.1f} MiB")


if __name__ == "__main__":
    main()
