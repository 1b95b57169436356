"""Backup and restore (manage.py backup / restore): what comes back is what was there.

On PostgreSQL the round trip is the real one: the demo with an issued report is dumped
(pg_dump -Fc), restored into a fresh database (pg_restore), and the report's HTML and PDF
text, rendered from each database by the product, and every issued document's bytes and
SHA-256 are compared. On SQLite the copy made by the backup API is checked the same way
at the level of rows and files.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from chidoan.web import backups

ROOT = Path(__file__).resolve().parent.parent


def make_sqlite(path: Path, rows: list[tuple[int, bytes]]) -> None:
    db = sqlite3.connect(path)
    db.execute("create table doc (id integer primary key, body blob)")
    db.executemany("insert into doc values (?, ?)", rows)
    db.commit()
    db.close()


def sqlite_rows(path: Path) -> list[tuple[int, bytes]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("select id, body from doc order by id").fetchall()
    finally:
        db.close()


def test_a_sqlite_backup_restores_every_row_and_media_file_into_a_fresh_database(tmp_path):
    rows = [(1, b"%PDF-1.7 \x00\xff"), (2, "Báo cáo kiểm điểm".encode())]
    make_sqlite(tmp_path / "site.sqlite3", rows)
    media = tmp_path / "media"
    (media / "anh").mkdir(parents=True)
    (media / "anh" / "chan-dung.jpg").write_bytes(b"\xff\xd8 jpeg")
    archive = tmp_path / "out" / "backup.tar.gz"

    manifest = backups.backup(
        database=backups.Database.from_url(f"sqlite:///{tmp_path / 'site.sqlite3'}"), out=archive, media_root=media
    )
    assert manifest["engine"] == "sqlite" and manifest["media_files"] == 1
    with tarfile.open(archive) as opened:
        assert sorted(opened.getnames()) == ["database.sqlite3", "manifest.json", "media/anh/chan-dung.jpg"]

    fresh, fresh_media = tmp_path / "fresh" / "site.sqlite3", tmp_path / "fresh-media"
    backups.restore(
        archive_path=archive, database=backups.Database.from_url(f"sqlite:///{fresh}"), media_root=fresh_media
    )
    assert sqlite_rows(fresh) == rows
    assert (fresh_media / "anh" / "chan-dung.jpg").read_bytes() == b"\xff\xd8 jpeg"


def test_a_sqlite_restore_replaces_what_the_database_had(tmp_path):
    make_sqlite(tmp_path / "a.sqlite3", [(1, b"backed up")])
    archive = tmp_path / "a.tar.gz"
    backups.backup(
        database=backups.Database.from_url(f"sqlite:///{tmp_path / 'a.sqlite3'}"),
        out=archive,
        media_root=tmp_path / "none",
    )
    make_sqlite(tmp_path / "b.sqlite3", [(1, b"later"), (2, b"later too")])
    backups.restore(
        archive_path=archive,
        database=backups.Database.from_url(f"sqlite:///{tmp_path / 'b.sqlite3'}"),
        media_root=tmp_path / "m",
    )
    assert sqlite_rows(tmp_path / "b.sqlite3") == [(1, b"backed up")]


def test_restore_refuses_what_is_not_a_backup_and_a_backup_of_the_other_engine(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="không phải một bản sao lưu"):
        call_command("restore", str(junk), interactive=False, database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    make_sqlite(tmp_path / "a.sqlite3", [(1, b"x")])
    archive = tmp_path / "a.tar.gz"
    backups.backup(
        database=backups.Database.from_url(f"sqlite:///{tmp_path / 'a.sqlite3'}"),
        out=archive,
        media_root=tmp_path / "none",
    )
    with pytest.raises(CommandError, match="không khôi phục được vào postgresql"):
        call_command("restore", str(archive), interactive=False, database_url="postgres://nobody@127.0.0.1:1/none")


def test_restore_asks_before_replacing_the_data(tmp_path, monkeypatch):
    make_sqlite(tmp_path / "a.sqlite3", [(1, b"kept")])
    archive = tmp_path / "a.tar.gz"
    backups.backup(
        database=backups.Database.from_url(f"sqlite:///{tmp_path / 'a.sqlite3'}"),
        out=archive,
        media_root=tmp_path / "none",
    )
    make_sqlite(tmp_path / "b.sqlite3", [(7, b"current")])
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Đã huỷ"):
        call_command("restore", str(archive), database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}")
    assert sqlite_rows(tmp_path / "b.sqlite3") == [(7, b"current")]


# The PostgreSQL round trip ------------------------------------------------------------------------------

FINGERPRINT = """
import hashlib, io, json
from pypdf import PdfReader
from members.demo import BRANCH_SLUG
from members.models import Organisation
from reports.models import IssuedDocument
from reports.render.self_review import self_review_file
from reports.self_review.build import report_data
from terms import selectors
branch = Organisation.objects.get(slug=BRANCH_SLUG)
data = report_data(selectors.term_by_slug(branch=branch, slug="2022-2024"))
pdf = self_review_file(data, "pdf")
sha = lambda b: hashlib.sha256(b).hexdigest()
print(json.dumps({
    "html": self_review_file(data, "html").decode(),
    "pdf_text": [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages],
    "issued": [
        {"pk": d.pk, "number": d.number, "title": d.title,
         "pdf": sha(bytes(d.pdf)), "docx": sha(bytes(d.docx)), "html": sha(d.html.encode()),
         "stored": [d.pdf_sha256, d.docx_sha256, d.html_sha256]}
        for d in IssuedDocument.objects.order_by("pk")
    ],
}))
"""


def database_url(config: dict, name: str) -> str:
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


def fingerprint(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "chidoan.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FINGERPRINT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restored_into_a_fresh_database_gives_the_same_report_and_documents(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump / pg_restore need PostgreSQL: run with DATABASE_URL=postgres://…")
    import psycopg2

    from reports import services as report_services
    from reports.models import IssuedDocument, SelfReviewReport
    from tests.conftest import load_demo_with_outsider

    load_demo_with_outsider()  # committed (a transactional test), so pg_dump sees it
    report = SelfReviewReport.objects.get(term__branch__slug="so-lao-dong-thuong-binh-va-xa-hoi")
    report_services.report_issue(report=report, by=None, on=datetime.date(2024, 8, 20))
    assert IssuedDocument.objects.count() >= 1

    archive = tmp_path / "chidoan.tar.gz"
    call_command("backup", out=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert backups.read_manifest(archive)["engine"] == "postgresql"

    config = connection.settings_dict
    fresh = f"{config['NAME']}_restored"
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config.get("PASSWORD") or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
            cursor.execute(f'CREATE DATABASE "{fresh}"')
        call_command(
            "restore",
            str(archive),
            database_url=database_url(config, fresh),
            media_root=str(tmp_path / "media"),
            interactive=False,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        original = fingerprint(database_url(config, config["NAME"]))
        restored = fingerprint(database_url(config, fresh))
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()

    assert original["issued"], "the issued report is in the backup"
    assert restored["html"] == original["html"]
    assert restored["pdf_text"] == original["pdf_text"]
    assert restored["issued"] == original["issued"]
    for document in restored["issued"]:
        assert [document["pdf"], document["docx"], document["html"]] == document["stored"]


def test_the_backups_folder_is_not_committed():
    assert "/backups/" in (ROOT / ".gitignore").read_text().splitlines()
    assert settings.BASE_DIR == ROOT
