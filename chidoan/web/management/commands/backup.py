"""Back up the site: the database (pg_dump -Fc, or SQLite's backup API) and the media folder, in one file.

    python manage.py backup                      # backups/chidoan-YYYYmmdd-HHMMSS.tar.gz
    python manage.py backup --out /srv/backups/chidoan.tar.gz

The format and what restore does with it: chidoan/web/backups.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chidoan.web import backups


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (PostgreSQL: pg_dump; SQLite: bản sao nhất quán) và thư mục media vào một tệp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", help="Tệp sao lưu (mặc định backups/chidoan-<ngày giờ>.tar.gz)")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu trong settings")

    def handle(self, *args: Any, out: str | None, database: str, **options: Any) -> None:
        path = Path(out) if out else backups.default_path(Path(settings.BASE_DIR) / "backups")
        try:
            manifest = backups.backup(
                database=backups.Database.from_settings(database), out=path, media_root=Path(settings.MEDIA_ROOT)
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {manifest['engine']} “{manifest['database']}” và {manifest['media_files']} tệp media "
                f"vào {path} ({path.stat().st_size:,} byte)."
            )
        )
