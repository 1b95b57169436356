"""The import through the real queue: `manage.py db_worker` (django-tasks-db) in another process.

The worker needs the test database from outside this process. On PostgreSQL it is
the test database itself (transaction=True commits what the test writes); on SQLite
the in-memory test database is copied to a file for the worker and copied back after.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from members.imports.jobs import job_confirm, job_start
from members.models import ImportJob, ImportState, Member
from tests.members.import_files import person, xlsx

ROOT = Path(__file__).resolve().parents[2]
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class Worker:
    def __init__(self, tmp_path: Path) -> None:
        self.file = tmp_path / "worker.sqlite3"

    def _database_url(self) -> str:
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
            return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        return f"sqlite:///{self.file}"

    def run(self) -> subprocess.CompletedProcess[str]:
        """Run every queued task, then stop (--batch)."""
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:
                connection.connection.backup(copy)
        env = {**os.environ, "DATABASE_URL": self._database_url(), "DEBUG": "true"}
        env.pop("TASKS_BACKEND", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.file) as copy:
                copy.backup(connection.connection)
        return result


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_checks_then_saves_an_import(roles, demo_branch, settings, tmp_path):
    settings.TASKS = DB_BACKEND
    worker = Worker(tmp_path)
    job = job_start(
        branch=demo_branch, by=roles.secretary, file_name="hang-doi.xlsx", data=xlsx([person(1), person(2)])
    )
    assert job.state == ImportState.CHECKING and job.task_id  # queued, not run: no worker yet

    ran = worker.run()
    assert ran.returncode == 0, ran.stderr
    job.refresh_from_db()
    assert job.state == ImportState.CHECKED, (job.error, ran.stderr)
    assert (job.result["new"], job.progress_done, job.progress_total) == (2, 2, 2)
    assert not Member.objects.filter(given_name="Nhập001").exists()

    job_confirm(job=job)
    ran = worker.run()
    assert ran.returncode == 0, ran.stderr
    job.refresh_from_db()
    assert job.state == ImportState.DONE, (job.error, ran.stderr)
    saved = Member.objects.get(given_name="Nhập001", branch=demo_branch)
    assert saved.history.get().history_change_reason.startswith("Tệp hang-doi.xlsx · SHA-256 ")


@pytest.mark.django_db(transaction=True)
def test_a_task_that_fails_in_the_worker_says_why_and_saves_nothing(roles, demo_branch, settings, tmp_path):
    settings.TASKS = DB_BACKEND
    job = job_start(branch=demo_branch, by=roles.secretary, file_name="hong.xlsx", data=b"PK\x03\x04 broken")
    ran = Worker(tmp_path).run()
    assert ran.returncode == 0, ran.stderr
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert job.error == "Không đọc được tệp: đây không phải là bảng tính XLSX."
    assert ImportJob.objects.filter(pk=job.pk, state=ImportState.FAILED).exists()
