"""The term's move from the congress app to terms keeps every row of a real database.

A database as the old code (commit 3c26a66) left it after `load_demo`, an issued self-review
report, a target edited, the whole congress day with its handover, permissions on the moved
models and an admin log entry (data/old_demo.json, made once by make_fixture.py) is loaded
into a throwaway database at the old schema, then `manage.py migrate` runs as a deployment
would. Every table is read with SQL before and after and compared cell by cell; the current
code then serves the migrated data; and the migrations are walked back and forward again.

The throwaway database is never the suite's test database (which holds the demo for the
other tests): a temporary SQLite file, or on PostgreSQL (DATABASE_URL set) a database
migtest_<random> on the same server, created and dropped here. Each step runs in its own
process (tests/migrations/steps.py, manage.py) with DATABASE_URL pointing at it.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest

from tests.migrations.steps import MOVED

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("data") / "old_demo.json"
BRANCH_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
OLD_COMMIT = "3c26a66"
# The migrations of the move, in the order `migrate` applies them.
MOVE_MIGRATIONS = [
    ("terms", "0001_initial"),
    ("reports", "0002_term_links_to_terms"),
    ("congress", "0004_term_models_move_to_terms"),
    ("congress", "0005_draft_target_shares_planned_fields"),
    ("terms", "0002_tables_of_terms"),
]
RENAMED = {f"congress_{name}": f"terms_{name}" for name in MOVED}
# Apps installed after the fixture's commit: `migrate` creates their tables (with their migrations,
# content types and permissions) beside the move. The checks here are about the move, so every
# snapshot leaves them out; the apps' own tests cover them (django-axes: tests/test_throttle.py).
LATER_APPS = ("axes", "django_tasks_database")

# Migrations made after the move: the walk applies them too, as a deployment would, so their
# tables, content types and permissions appear after it and stay when terms is walked back.
# Everything else must be as the move left it. A later migration that adds a model goes here.
LATER_MIGRATIONS = {
    ("members", "0003_account_event"),
    ("members", "0004_import_job"),
    ("members", "0005_transfer"),
    ("members", "0006_election_round_settings"),
    ("members", "0007_organisation_search_key"),
    ("congress", "0006_more_rounds"),
    ("congress", "0007_delegates"),
    ("members", "0008_organisation_closing_and_grants"),
    ("terms", "0003_seat_appointment"),
    ("reports", "0003_statistics"),
    ("reports", "0004_submissions"),
    ("members", "0009_status_member_latest_index"),
}
LATER_MODELS = {
    ("members", "accountevent"),
    ("members", "importjob"),
    ("members", "transfer"),
    ("members", "historicaltransfer"),
    ("members", "officergrantevent"),
    ("members", "organisationslug"),
    ("reports", "statisticsreport"),
    ("reports", "submission"),
    ("reports", "historicalsubmission"),
}
LATER_TABLES = {f"{app}_{model}" for app, model in LATER_MODELS}
# Columns a later migration adds to a table that was there before (a new field on an existing model).
_ROUND_SETTINGS = {"single_seat_max_candidates", "max_rounds", "runoff"}
_CLOSING = {"closed_on", "closed_kind", "merged_into_id", "closing_decision"}
_APPOINTMENT = {"decision_number", "decision_on"}
_DELEGATES = {"delegates_count", "alternates_count"}  # congress 0007
_ORGANISATION_LATER = _ROUND_SETTINGS | {"search_key"} | _CLOSING  # members 0007 and 0008
LATER_COLUMNS = {
    "members_organisation": _ORGANISATION_LATER,
    "members_historicalorganisation": _ORGANISATION_LATER,
    "terms_committeeseat": _APPOINTMENT,
    "terms_historicalcommitteeseat": _APPOINTMENT,
    "congress_congress": _DELEGATES,
    "congress_historicalcongress": _DELEGATES,
}


# The walk is set up once per module (a minute): pytest-xdist keeps the module on one worker
# (`--dist loadgroup`, the Makefile).
pytestmark = pytest.mark.xdist_group("migration-walk")


def new_name(table: str) -> str:
    return RENAMED.get(table, table)


@pytest.fixture(scope="module")
def fixture_data() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def throwaway_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path_factory.mktemp('migtest') / 'db.sqlite3'}"
        return
    params = dj_database_url.parse(url)
    if params["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(f"a throwaway database is only made on SQLite and PostgreSQL, not {params['ENGINE']}")
    import psycopg2

    name = f"migtest_{secrets.token_hex(6)}"
    server = psycopg2.connect(
        dbname=params["NAME"],
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
    )
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@dataclass
class Walk:
    """What each stage of the walk found: JSON written by a step, or why the stage failed."""

    found: dict[str, Any] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, stage: str) -> Any:
        if stage in self.failed:
            pytest.fail(f"stage {stage!r} failed:\n{self.failed[stage]}")
        if stage not in self.found:
            earlier = "\n".join(f"{name}: {why}" for name, why in self.failed.items())
            pytest.fail(f"stage {stage!r} did not run, as an earlier stage failed:\n{earlier}")
        return self.found[stage]


@pytest.fixture(scope="module")
def walk(throwaway_url: str, tmp_path_factory: pytest.TempPathFactory) -> Walk:
    """Old database -> migrate -> site -> migrate back (terms zero) -> migrate again, each step in a process."""
    out = tmp_path_factory.mktemp("migtest-out")
    env = {**os.environ, "DATABASE_URL": throwaway_url, "DJANGO_SETTINGS_MODULE": "chidoan.settings"}
    env["ALLOWED_HOSTS"] = "testserver"  # the site step's test client
    result = Walk()
    steps = [
        ("prepared", ["-m", "tests.migrations.steps", "prepare", "{out}", str(FIXTURE)]),
        ("before", ["-m", "tests.migrations.steps", "snapshot", "{out}"]),
        ("migrate", ["manage.py", "migrate", "--noinput"]),
        ("after", ["-m", "tests.migrations.steps", "snapshot", "{out}"]),
        ("site", ["-m", "tests.migrations.steps", "site", "{out}", BRANCH_SLUG]),
        ("migrate_back", ["manage.py", "migrate", "terms", "zero", "--noinput"]),
        ("back", ["-m", "tests.migrations.steps", "snapshot", "{out}"]),
        ("migrate_again", ["manage.py", "migrate", "--noinput"]),
        ("again", ["-m", "tests.migrations.steps", "snapshot", "{out}"]),
    ]
    for stage, args in steps:
        target = out / f"{stage}.json"
        started = time.monotonic()
        process = subprocess.run(
            [sys.executable, *(a.replace("{out}", str(target)) for a in args)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        result.seconds[stage] = time.monotonic() - started
        if process.returncode != 0:
            result.failed[stage] = f"exit {process.returncode}\n{process.stdout[-3000:]}\n{process.stderr[-8000:]}"
            break
        found = json.loads(target.read_text(encoding="utf-8")) if target.exists() else process.stdout
        result.found[stage] = without_later_apps(found) if isinstance(found, dict) and "tables" in found else found
    print("migration walk:", ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.seconds.items()))
    return result


def without_later_apps(snapshot: dict[str, Any]) -> dict[str, Any]:
    tables = snapshot["tables"]
    later_types = {r["id"] for r in tables["django_content_type"]["rows"] if r["app_label"] in LATER_APPS}
    kept = {}
    for name, table in tables.items():
        if name.startswith(tuple(f"{app}_" for app in LATER_APPS)):
            continue
        rows = table["rows"]
        if name == "django_migrations":
            rows = [r for r in rows if r["app"] not in LATER_APPS]
        elif name == "django_content_type":
            rows = [r for r in rows if r["app_label"] not in LATER_APPS]
        elif name == "auth_permission":
            rows = [r for r in rows if r["content_type_id"] not in later_types]
        kept[name] = {**table, "rows": rows}
    return {**snapshot, "tables": kept}


def without_later(tables: dict[str, Any], *, walked_back: bool = False) -> dict[str, Any]:
    """A snapshot's tables without what the migrations made after the move added (LATER_*).

    `walked_back`: the snapshot after `migrate terms zero`, which also unapplies the later migrations
    of an app that depends on terms (congress 0007 adds columns to congress's own tables), so some
    LATER_COLUMNS may already be gone."""
    later_types = {
        row["id"] for row in tables["django_content_type"]["rows"] if (row["app_label"], row["model"]) in LATER_MODELS
    }
    kept = {}
    for name, table in tables.items():
        if name in LATER_TABLES:
            continue
        rows = table["rows"]
        if name == "django_migrations":
            rows = [r for r in rows if (r["app"], r["name"]) not in LATER_MIGRATIONS]
        elif name == "django_content_type":
            rows = [r for r in rows if r["id"] not in later_types]
        elif name == "auth_permission":
            rows = [r for r in rows if r["content_type_id"] not in later_types]
        columns = table["columns"]
        if name in LATER_COLUMNS:
            later = LATER_COLUMNS[name]
            if not walked_back:
                assert later <= set(columns), f"LATER_COLUMNS names a column no migration adds to {name}"
            columns = [c for c in columns if c not in later]
            rows = [{k: v for k, v in r.items() if k not in later} for r in rows]
            table = {**table, "foreign_keys": [fk for fk in table["foreign_keys"] if fk[0] not in later]}
            rows.sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
        kept[name] = {**table, "columns": columns, "rows": rows}
    return kept


def _rows_by_id(table: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    return {row["id"]: row for row in table["rows"]}


def _renamed_foreign_keys(table: dict[str, Any]) -> list[list[str]]:
    return sorted([column, new_name(ref_table), ref_column] for column, ref_table, ref_column in table["foreign_keys"])


# The old database, as loaded ---------------------------------------------------------


def test_the_old_database_is_loaded_as_the_old_code_left_it(walk, fixture_data):
    assert fixture_data["old_commit"].startswith(OLD_COMMIT)
    ours = {
        (app, name)
        for app, name in fixture_data["applied_migrations"]
        if app in ("members", "terms", "congress", "reports")
    }
    assert ours == {
        ("members", "0001_initial"),
        ("members", "0002_account_state"),
        ("congress", "0001_initial"),
        ("congress", "0002_congress_day"),
        ("congress", "0003_verbose_names_of_target_links"),
        ("reports", "0001_initial"),
    }, "the fixture is not at the schema before the move"
    # Every table of the old database, django_migrations included, has its rows: nothing left out.
    assert walk["prepared"]["counts"] == fixture_data["tables"]
    before = walk["before"]["tables"]
    assert set(RENAMED) <= set(before)
    assert not {t for t in before if t.startswith("terms_")}
    issued = _rows_by_id(before["reports_issueddocument"])
    assert {doc["pk"] for doc in fixture_data["issued"]} == set(issued)
    for doc in fixture_data["issued"]:
        row = issued[doc["pk"]]
        assert row["pdf"]["sha256"] == doc["pdf_bytes_sha256"] == doc["pdf_sha256"] == row["pdf_sha256"]
        assert row["docx"]["sha256"] == doc["docx_bytes_sha256"] == doc["docx_sha256"] == row["docx_sha256"]


# Forward: every row kept -------------------------------------------------------------


def test_migrating_keeps_every_row_of_every_table(walk):
    assert set(LATER_TABLES) <= set(walk["after"]["tables"]), "LATER_TABLES names a table no migration makes"
    before, after = walk["before"]["tables"], without_later(walk["after"]["tables"])
    assert {new_name(t) for t in before} == set(after), "a table appeared or went missing"
    for table, old in before.items():
        if table in ("django_migrations", "django_content_type"):
            continue  # below: they change, as they should
        new = after[new_name(table)]
        assert new["columns"] == old["columns"], table
        assert len(new["rows"]) == len(old["rows"]), table
        assert new["rows"] == old["rows"], f"{table}: rows changed"


def test_migrating_records_exactly_the_moves_migrations(walk):
    def applied(snapshot: dict[str, Any]) -> set[tuple[str, str]]:
        return {(r["app"], r["name"]) for r in snapshot["tables"]["django_migrations"]["rows"]}

    before_rows = walk["before"]["tables"]["django_migrations"]["rows"]
    after_rows = walk["after"]["tables"]["django_migrations"]["rows"]
    assert all(row in after_rows for row in before_rows)
    assert applied(walk["after"]) - applied(walk["before"]) == set(MOVE_MIGRATIONS) | LATER_MIGRATIONS


def test_the_moved_models_content_types_keep_their_ids_under_the_terms_app(walk):
    before = _rows_by_id(walk["before"]["tables"]["django_content_type"])
    after = _rows_by_id(without_later(walk["after"]["tables"])["django_content_type"])
    assert set(before) == set(after)
    moved_ids = {pk for pk, row in before.items() if row["app_label"] == "congress" and row["model"] in MOVED}
    assert len(moved_ids) == len(MOVED)
    for pk, row in before.items():
        expected = {**row, "app_label": "terms"} if pk in moved_ids else row
        assert after[pk] == expected
    # The current code finds them by model (no second row made for terms.*): the permissions and the
    # admin log, which point at these ids, keep working.
    site = walk["site"]
    assert {before[pk]["model"]: pk for pk in moved_ids} == site["content_types"]
    assert site["permissions"] == {
        "terms.view_term": True,  # through a group
        "terms.change_target": True,  # given to the login itself
        "congress.view_term": False,
        "congress.change_target": False,
    }
    assert site["admin_log"] == {"model": "terms.Term", "pk": 1}


def test_foreign_keys_and_unique_columns_follow_the_renamed_tables(walk):
    before, after = walk["before"]["tables"], walk["after"]["tables"]
    for table, old in before.items():
        new = after[new_name(table)]
        later = LATER_COLUMNS.get(new_name(table), set())
        assert [fk for fk in new["foreign_keys"] if fk[0] not in later] == _renamed_foreign_keys(old), table
        assert new["unique"] == old["unique"], table
    assert not [(table, fk) for table, t in after.items() for fk in t["foreign_keys"] if fk[1] in RENAMED], (
        "a foreign key still points at an old congress_* table"
    )
    assert walk["site"]["constraint_error"] is None


def test_issued_documents_keep_their_bytes_and_checksums(walk, fixture_data):
    site = walk["site"]
    issued = {doc["pk"]: doc for doc in site["issued"]}
    assert set(issued) == {doc["pk"] for doc in fixture_data["issued"]}
    for old in fixture_data["issued"]:
        new = issued[old["pk"]]
        for fmt, content in (("pdf", "pdf_bytes"), ("docx", "docx_bytes"), ("html", "html_text")):
            assert new[f"{fmt}_sha256"] == old[f"{fmt}_sha256"] == new[f"{content}_sha256"], fmt
            page = site["pages"][f"issued_{old['pk']}_{fmt}"]
            assert page == {"status": 200, "sha256": old[f"{fmt}_sha256"]}, f"download of {fmt}"


# Forward: the current code serves the migrated data ---------------------------------


def test_the_migrated_terms_are_read_through_the_terms_app(walk, fixture_data):
    site = walk["site"]
    old_terms = [t for t in fixture_data["models"]["congress.term"] if t["branch_id"] == _branch(fixture_data)["id"]]
    assert [t["id"] for t in site["terms"]] == [t["id"] for t in sorted(old_terms, key=lambda t: t["starts_on"])]
    old_seats = fixture_data["models"]["congress.committeeseat"]
    keys = ("id", "member_id", "role", "started_on", "ended_on")
    for term in site["terms"]:
        expected = [{k: s[k] for k in keys} for s in old_seats if s["term_id"] == term["id"]]
        assert [{k: s[k] for k in keys} for s in term["seats"]] == sorted(expected, key=lambda s: s["id"])
        assert term["history"] >= 1
    assert [t["label"] for t in site["terms"]] == ["2022 – 2024", "2024 – 2027"]
    assert len(site["terms"][1]["seats"]) == 5  # elected at the congress, before the move
    assert site["congress"] == {"closes_term": site["terms"][0]["id"], "opens_term": site["terms"][1]["id"]}


def test_the_migrated_site_shows_the_demo_branch(walk, fixture_data):
    pages = walk["site"]["pages"]
    branch = _branch(fixture_data)["name"]
    old_term, new_term = walk["site"]["terms"]
    assert pages["self_review"]["status"] == 200
    assert branch in pages["self_review"]["text"]
    assert pages["committee"]["status"] == 200
    for seat in old_term["seats"]:
        assert seat["name"] in pages["committee"]["text"]
    assert pages["congress_minutes"]["status"] == 200
    for seat in new_term["seats"]:
        assert seat["name"] in pages["congress_minutes"]["text"]


def test_new_rows_in_the_moved_tables_get_fresh_ids(walk, fixture_data):
    made = walk["site"]["new_rows"]
    for name in ("term", "committeeseat", "assignment", "resolution", "target", "progressentry"):
        assert "error" not in made[name], f"{name}: {made[name].get('error')}"
        old_ids = [r["id"] for r in fixture_data["models"][f"congress.{name}"]]
        old_history = [r["history_id"] for r in fixture_data["models"][f"congress.historical{name}"]]
        assert made[name]["id"] > max(old_ids), name
        assert made[name]["history_id"] > max(old_history), f"historical{name}"


@pytest.mark.postgres
def test_on_postgresql_each_moved_tables_key_still_draws_from_its_sequence(walk):
    if walk["after"]["vendor"] != "postgresql":
        pytest.skip("sequences are a PostgreSQL matter; on SQLite the new ids are checked above.")
    sequences = walk["site"]["sequences"]
    assert set(sequences) == {f"terms_{name}" for name in MOVED}
    for table, found in sequences.items():
        assert found["sequence"], f"{table}: its key has no sequence"
        assert found["last_value"] >= found["max"], f"{table}: the next id would collide ({found})"


# Backward and forward again ----------------------------------------------------------


def test_migrating_back_gives_back_the_old_tables_row_for_row(walk):
    before, back = walk["before"]["tables"], without_later(walk["back"]["tables"], walked_back=True)
    assert set(back) == set(before)
    for table, old in before.items():
        assert back[table] == old, f"{table} differs after migrating back"


def test_migrating_forward_again_gives_the_same_database(walk):
    after, again = walk["after"]["tables"], walk["again"]["tables"]
    assert set(again) == set(after)
    for table, first in after.items():
        if table == "django_migrations":  # applied again: new ids and times
            names = {(r["app"], r["name"]) for r in first["rows"]}
            assert {(r["app"], r["name"]) for r in again[table]["rows"]} == names
            continue
        assert again[table] == first, f"{table} differs after migrating back and forward again"


def _branch(fixture_data: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in fixture_data["models"]["members.organisation"] if o["slug"] == BRANCH_SLUG)
