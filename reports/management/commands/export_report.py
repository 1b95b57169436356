"""Write the self-review report of any term to a file: PDF, DOCX or HTML.

    python manage.py export_report --branch so-lao-dong-thuong-binh-va-xa-hoi --term 2022-2024 \
        --format pdf --out bao-cao-kiem-diem-2022-2024.pdf

The document is rendered from the current data; with --issued, the latest
issued version is written exactly as stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from members.models import Organisation, OrganisationKind
from reports import selectors
from reports.render.self_review import FORMATS, self_review_file
from reports.self_review.build import report_data
from terms import selectors as term_selectors


class Command(BaseCommand):
    help = "Xuất báo cáo kiểm điểm Ban Chấp hành của một nhiệm kỳ ra tệp PDF, DOCX hoặc HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--branch", required=True, help="Mã số hoặc mã đường dẫn (slug) của chi đoàn")
        parser.add_argument("--term", required=True, help='Nhiệm kỳ, ví dụ "2022 – 2024" hoặc 2022-2024')
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--out", required=True, help="Tệp kết quả")
        parser.add_argument("--issued", action="store_true", help="Ghi bản đã ban hành mới nhất, đúng như đã lưu")

    def handle(self, *args: Any, branch: str, term: str, out: str, issued: bool, **options: Any) -> None:
        fmt = options["format"]
        branches = Organisation.objects.filter(kind=OrganisationKind.BRANCH)
        found = branches.filter(pk=int(branch)).first() if branch.isdigit() else branches.filter(slug=branch).first()
        if found is None:
            raise CommandError(f"Không có chi đoàn “{branch}”.")
        term_obj = term_selectors.term_by_slug(branch=found, slug=term)
        if term_obj is None:
            raise CommandError(f"Chi đoàn “{found.name}” không có nhiệm kỳ “{term}”.")
        if issued:
            document = selectors.latest_issued_report(branch=found, term=term_obj)
            if document is None:
                raise CommandError("Báo cáo của nhiệm kỳ này chưa được ban hành.")
            stored = getattr(document, fmt)
            content = stored.encode() if isinstance(stored, str) else bytes(stored)
        else:
            content = self_review_file(report_data(term_obj), fmt)
        Path(out).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {out} ({len(content):,} byte)."))
