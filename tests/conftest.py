"""Shared fixtures: the demo branch, loaded once per test database, and one login per role."""

from __future__ import annotations

import io
import os
import sqlite3
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

# Playwright's sync API runs an event loop in the test thread; Django must let the ORM run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

OUTSIDER = "ngoai"  # a member of another branch, with a login

# In CI the properties draw the same examples on every run (a failure there is reproduced by running it
# again, and no run is slower than the last by chance), each test keeping its own number of examples.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo_with_outsider() -> None:
    """The demo, plus a login for a member of the other demo branch (not under the Secretary's branch)."""
    from members.models import Member

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    member = Member.objects.get(family_name="Phan", given_name="Diễm")
    if member.user_id is None:
        user = get_user_model().objects.create_user(OUTSIDER, password="demo12345")
        member.user = user
        member.save(update_fields=["user"])


class DemoSnapshot:
    """Every table as the demo left it, taken once per test database, put back after a flush.

    Loading the demo takes seconds (its services, the report's rendering); putting the copy back takes
    milliseconds: SQLite's backup API (the whole database, in memory), or on PostgreSQL each table's
    rows by COPY, into tables emptied by DELETE (the foreign keys are checked at the commit).
    Another database: the demo is loaded again.
    """

    def __init__(self) -> None:
        self.sqlite: sqlite3.Connection | None = None
        self.tables: dict[str, str] = {}

    def take(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:")
            connection.connection.backup(self.sqlite)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in connection.introspection.django_table_names(only_existing=True):
                    rows = io.StringIO()
                    cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} TO STDOUT", rows)
                    self.tables[table] = rows.getvalue()

    def restore(self) -> None:
        """The demo again, committed, in a database a transactional test flushed (or changed)."""
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection, transaction

        if self.sqlite is not None:
            connection.ensure_connection()
            self.sqlite.backup(connection.connection)
        elif self.tables:
            quote = connection.ops.quote_name
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for table in self.tables:  # DELETE, not TRUNCATE: see _flush_by_delete
                    cursor.execute(f"DELETE FROM {quote(table)}")
                for table, rows in self.tables.items():
                    if rows:
                        cursor.cursor.copy_expert(f"COPY {quote(table)} FROM STDIN", io.StringIO(rows))
        else:
            load_demo_with_outsider()
            return
        ContentType.objects.clear_cache()  # the flush made new content types; the copy has the old ones


demo_snapshot = DemoSnapshot()


def _flush_by_delete() -> None:
    """On PostgreSQL, a transactional test's tables are emptied by DELETE, not TRUNCATE, after it.

    TRUNCATE gives every table and index a new file, which costs more than deleting the demo's few
    thousand rows: the setup and teardown of five browser tests took 4.6 - 5.3 s with TRUNCATE and
    1.9 - 2.0 s with DELETE (the flush after each, and the demo put back before each). Django
    makes PostgreSQL's foreign keys DEFERRABLE INITIALLY DEFERRED and flushes in one transaction, so
    the order of the DELETEs does not matter. A flush that resets the sequences still truncates.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


_flush_by_delete()


def _load_demo_quickly(blocker) -> None:
    """The demo, committed (outside any test's transaction), its logins hashed the fast way."""
    from django.conf import settings

    hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    try:
        with blocker.unblock():
            load_demo_with_outsider()
    finally:
        settings.PASSWORD_HASHERS = hashers


def _what_the_migrations_add_to_the_tables() -> None:
    """The migrations' work that the models do not declare, done on the test database made from the models.

    The suite's databases are made from the models (`--no-migrations` in pyproject.toml: migrating took each
    worker 7 – 9 s, most of it Django rebuilding migration states). What the migrations are checked by:
    tests/migrations/test_term_move.py migrates from zero to today on SQLite and on PostgreSQL, and
    tests/migrations/test_models_match.py finds no model change without its migration. The one thing a
    migration adds that the models cannot say is PostgreSQL's trigram index on the organisations' search keys
    (members 0007), added here by that migration's own function."""
    from importlib import import_module

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    migration = import_module("members.migrations.0007_organisation_search_key")
    with connection.schema_editor() as editor:
        migration.create_trigram_index(None, editor)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo branch once and keep a copy; each test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        _what_the_migrations_add_to_the_tables()
    _load_demo_quickly(django_db_blocker)
    with django_db_blocker.unblock():
        demo_snapshot.take()


def _empties_the_database(item: pytest.Item) -> bool:
    """Whether pytest-django runs the test as a TransactionTestCase, which flushes every table after it."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


# The longest tests (seconds to a minute each, from `pytest --durations`), put first of all.
LONGEST_FIRST = (
    "tests/browser/test_congress_day.py",
    "tests/browser/test_term_walks.py",
    "tests/migrations/test_term_move.py",
    "tests/browser/test_accessibility.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first, then the other browser and transactional tests, then the rest.

    pytest-django runs the transactional tests (the browser tests among them) after the others, so
    with pytest-xdist they came last, in one block, to whichever worker asked then: one worker ran
    every browser test while the other had finished. xdist hands out the first quarter of the
    collection one test at a time to each worker in turn, so what comes first is shared evenly and the
    short tests fill in at the end. A test that follows one that emptied the database gets the demo
    back (the teardown below), so the order changes no result.
    """

    def weight(item: pytest.Item) -> int:
        if item.nodeid.split("::")[0] in LONGEST_FIRST:
            return 0
        if item.get_closest_marker("browser") is not None or _empties_the_database(item):
            return 1
        return 2

    items.sort(key=weight)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a test that emptied the database, put the demo back (its copy) before a test that expects it.

    pytest-django runs the transactional tests after the others, but pytest then groups the tests of
    a session-parametrised fixture (playwright's browser) together, so on one worker a test that reads
    the demo can follow one that flushed it. Its teardown (the flush) is done once this yields.
    """
    yield
    if nextitem is not None and _empties_the_database(item) and not _empties_the_database(nextitem):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            demo_snapshot.restore()


@dataclass
class Roles:
    secretary: object
    deputy: object
    committee: object
    member: object
    officer: object
    outsider: object
    admin: object


# The login of each role (the Roles' fields) in the demo.
ROLE_USERNAMES = {
    "secretary": "bithu",
    "deputy": "phobithu",
    "committee": "uyvien",
    "member": "doanvien",
    "officer": "captren",
    "outsider": OUTSIDER,
    "admin": "admin",
}


@pytest.fixture
def roles(db) -> Roles:
    users = {u.username: u for u in get_user_model().objects.all()}
    if "bithu" not in users:  # a transactional test flushed the demo: load it again
        load_demo_with_outsider()
        users = {u.username: u for u in get_user_model().objects.all()}
    return Roles(**{role: users[username] for role, username in ROLE_USERNAMES.items()})


@pytest.fixture
def demo_branch(db):
    from members.demo import BRANCH_SLUG
    from members.models import Organisation

    found = Organisation.objects.filter(slug=BRANCH_SLUG).first()
    if found is None:
        # A transactional test emptied the database before this one on the same worker (pytest groups
        # the tests of a session-parametrised fixture, such as playwright's browser, together, after
        # pytest-django's own ordering): load the demo again, inside this test's transaction.
        load_demo_with_outsider()
        found = Organisation.objects.get(slug=BRANCH_SLUG)
    return found


@pytest.fixture
def demo_term(demo_branch):
    return demo_branch.terms.get(starts_on__year=2022)


# Browser tests -------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium.")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo_live(transactional_db, live_server):
    """A live server with the demo loaded (transactional tests start from an empty database)."""
    demo_snapshot.restore()
    return live_server


@pytest.fixture
def assert_constant_queries():
    """tests/queries.py: measure a page at two sizes (N and 3N rows); the query count must not change."""
    from tests.queries import assert_constant_queries as check

    return check
