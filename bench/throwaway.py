"""The throwaway database of a benchmark (bench/scale.py, officer_overview.py, page_growth.py), never DATABASE_URL's own.

Like pytest-django it creates a test database next to the one DATABASE_URL names (PostgreSQL:
``bench_<name>_<pid>``, not pytest's test_<name>, which other people's test runs may be using;
SQLite: ``<name>.sqlite3`` in a temporary directory), migrates it and loads the demo; it is
destroyed at the end, even after an error, unless ``keep`` (PostgreSQL: it is left for a later run
with ``reuse``, e.g. to run two checkouts of the code in turn against the same data, or to read
its query plans with psql). Call after django.setup().
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


@contextmanager
def throwaway_database(name: str, *, keep: bool = False, reuse: str = "") -> Iterator[bool]:
    """A fresh database named after `name` with the demo loaded, for the length of the `with`.

    Yields True if the database is fresh (to be filled), False if `reuse` named one kept by an
    earlier run (PostgreSQL only; never DATABASE_URL's own database).
    """
    if reuse:
        if connection.vendor != "postgresql" or not reuse.startswith("bench_"):
            raise SystemExit("--reuse: a bench_* database kept by an earlier run on PostgreSQL")
        connection.close()
        connection.settings_dict["NAME"] = reuse
        print(f"Database: {connection.vendor} {reuse} (kept by an earlier run, reused)")
        setup_test_environment()
        try:
            yield False
        finally:
            teardown_test_environment()
        return
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix=f"chidoan-{name}-")
        test_settings["NAME"] = str(Path(tmpdir) / f"{name}.sqlite3")
    else:
        test_settings["NAME"] = f"bench_{name}_{os.getpid()}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']} (throwaway)")
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield True
    finally:
        if keep and connection.vendor == "postgresql":
            print(f"Database kept: {connection.settings_dict['NAME']} (drop it when done)")
            connection.close()
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


def analyze() -> None:
    """After a bulk load, the planner's statistics as autovacuum would soon gather them (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
