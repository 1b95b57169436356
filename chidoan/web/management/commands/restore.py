"""Restore a backup made by `manage.py backup`: the database's data and the media files are replaced.

    python manage.py restore backups/chidoan-20261202-150000.tar.gz
    python manage.py restore FILE --database-url postgres://postgres@127.0.0.1:5432/chidoan_check --noinput

--database-url restores into another database than the site's (a fresh one, to check a
backup without touching the site). PostgreSQL: create that database first (createdb).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chidoan.lib import figures_cache
from chidoan.web import backups


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu: thay toàn bộ dữ liệu của cơ sở dữ liệu và các tệp media."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp sao lưu (.tar.gz) do lệnh backup tạo")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu trong settings")
        parser.add_argument("--database-url", help="Khôi phục vào cơ sở dữ liệu này thay vì của trang")
        parser.add_argument("--media-root", help="Thư mục media đích (mặc định MEDIA_ROOT)")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, file: str, database: str, database_url: str | None, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        try:
            target = (
                backups.Database.from_url(database_url) if database_url else backups.Database.from_settings(database)
            )
            manifest = backups.read_manifest(path)
            if options["interactive"]:
                answer = input(
                    f"Khôi phục bản sao lưu ngày {manifest['created']} sẽ THAY toàn bộ dữ liệu của “{target.name}”. "
                    "Gõ 'yes' để tiếp tục: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Đã huỷ: không thay đổi gì.")
            media_root = Path(options["media_root"] or settings.MEDIA_ROOT)
            backups.restore(archive_path=path, database=target, media_root=media_root)
            if not database_url:
                figures_cache.invalidate_all()  # the site's data were replaced under its cached figures
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {path} vào “{target.name}” ({manifest['media_files']} tệp media). "
                "Chạy `python manage.py migrate` nếu mã nguồn mới hơn bản sao lưu."
            )
        )
