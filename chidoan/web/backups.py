"""Backup and restore of the whole site: the database and the media folder, in one .tar.gz file.

The archive holds `manifest.json` (what it is, from which engine, when), the database
(`database.dump`, made by `pg_dump -Fc`, for PostgreSQL; `database.sqlite3`, a consistent
copy made by SQLite's online backup API, for SQLite) and `media/` when a file lives in
MEDIA_ROOT. Restore is the reverse: `pg_restore --clean --if-exists --single-transaction`
(all or nothing) or SQLite's backup API into the database file, then the media files.
Issued documents (their HTML, PDF and DOCX bytes) are rows of the database, so they come
back byte for byte with it.

Used by `manage.py backup` and `manage.py restore` (chidoan/web/management/commands/).
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Database:
    """The database to back up or restore into: Django's settings of one alias, or a DATABASE_URL."""

    engine: str  # "postgresql" or "sqlite"
    config: dict[str, Any]

    @classmethod
    def from_settings(cls, alias: str = "default") -> Database:
        return cls.from_config(dict(settings.DATABASES[alias]))

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls.from_config(dict(dj_database_url.parse(url)))

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Database:
        engine = str(config["ENGINE"])
        if "postgresql" in engine:
            return cls("postgresql", config)
        if "sqlite3" in engine:
            return cls("sqlite", config)
        raise BackupError(f"Không sao lưu được cơ sở dữ liệu loại {engine}: chỉ PostgreSQL và SQLite.")

    @property
    def name(self) -> str:
        return str(self.config["NAME"])

    def pg_args(self) -> list[str]:
        args = []
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if self.config.get(key):
                args += [flag, str(self.config[key])]
        return [*args, "--dbname", self.name]

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.config.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.config["PASSWORD"])
        return env


def _run(command: list[str], database: Database) -> None:
    try:
        done = subprocess.run(command, env=database.pg_env(), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (gói postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} dừng với mã {done.returncode}: {done.stderr.strip()}")


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def default_path(directory: Path) -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return directory / f"chidoan-{stamp}.tar.gz"


def backup(*, database: Database, out: Path, media_root: Path) -> dict[str, Any]:
    """Write the archive to `out`; returns its manifest."""
    out.parent.mkdir(parents=True, exist_ok=True)
    media = _media_files(media_root)
    with tempfile.TemporaryDirectory(prefix="chidoan-backup-") as work:
        work_dir = Path(work)
        if database.engine == "postgresql":
            dump = work_dir / PG_DUMP
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                    *database.pg_args(),
                ],
                database,
            )
        else:
            dump = work_dir / SQLITE_COPY
            source = sqlite3.connect(database.name)
            target = sqlite3.connect(dump)
            try:
                source.backup(target)  # a consistent copy even while the site writes
            finally:
                target.close()
                source.close()
        manifest = {
            "format": FORMAT,
            "engine": database.engine,
            "database": Path(database.name).name,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "media_files": len(media),
        }
        (work_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work_dir / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for path in media:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(out)  # never a half-written archive under the final name
    logger.info("Backup written to %s (%s, %d media files)", out, database.engine, len(media))
    return manifest


def read_manifest(archive_path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read().decode("utf-8"))
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{archive_path} không phải một bản sao lưu của chidoan ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu định dạng {manifest.get('format')!r}, phiên bản này đọc định dạng {FORMAT}.")
    return manifest


def restore(*, archive_path: Path, database: Database, media_root: Path) -> dict[str, Any]:
    """Replace the database's data (and the media files) with the archive's; returns its manifest."""
    manifest = read_manifest(archive_path)
    if manifest["engine"] != database.engine:
        raise BackupError(
            f"Bản sao lưu của {manifest['engine']} không khôi phục được vào {database.engine}: "
            "dùng dumpdata/loaddata để chuyển giữa hai loại."
        )
    connections.close_all()
    with tempfile.TemporaryDirectory(prefix="chidoan-restore-") as work:
        work_dir = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work_dir, filter="data")
        if database.engine == "postgresql":
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    *database.pg_args(),
                    str(work_dir / PG_DUMP),
                ],
                database,
            )
        else:
            Path(database.name).parent.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(work_dir / SQLITE_COPY)
            target = sqlite3.connect(database.name)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        media = work_dir / MEDIA
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    logger.info("Restored %s into %s", archive_path, database.name)
    return manifest
