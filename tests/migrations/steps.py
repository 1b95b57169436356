"""The steps of the migration test, each run in its own process against a throwaway database.

Run as `python -m tests.migrations.steps STEP OUT [FIXTURE]` from the repository's root, with
DATABASE_URL naming the throwaway database (never the test suite's). Each step writes what
it found as JSON to OUT; the test (test_term_move.py) compares and asserts.

- prepare: migrate to the nodes the fixture was made at (the schema before the term's move),
  with the migration executor only (no post_migrate: the content types and permissions are
  the old database's own, from the fixture), then insert the fixture's rows through the
  historical models of that migration state, and set the sequences as the old database had them.
- snapshot: every table's columns, rows, foreign keys and unique column sets, read with SQL.
- site: with the current code on the migrated database, what a user and the admin would see;
  everything it writes is rolled back.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

# Tables of the term's models: congress_<model> before the move, terms_<model> after.
MOVED_MODELS = ["term", "committeeseat", "assignment", "resolution", "target", "progressentry"]
MOVED = MOVED_MODELS + [f"historical{name}" for name in MOVED_MODELS]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    import django

    django.setup()


def _write(out: str, data: Any) -> None:
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


# prepare -------------------------------------------------------------------------------


def prepare(out: str, fixture_path: str) -> None:
    _setup()
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    fixture = json.loads(Path(fixture_path).read_text(encoding="utf-8"))
    applied = {tuple(pair) for pair in fixture["applied_migrations"]}
    leaves: dict[str, str] = {}
    for app, name in sorted(applied):
        leaves[app] = max(leaves.get(app, name), name)
    targets = sorted(leaves.items())

    if connection.introspection.table_names():
        raise SystemExit("prepare needs an empty database")
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    now_applied = set(executor.loader.applied_migrations)
    if now_applied != applied:
        raise SystemExit(f"applied {sorted(now_applied ^ applied)} differently from the old database")

    state_apps = executor.loader.project_state(targets).apps
    models = {
        m._meta.label_lower: m
        for m in state_apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    if set(models) != set(fixture["models"]):
        raise SystemExit(
            f"fixture and migration state differ: only in state {sorted(set(models) - set(fixture['models']))},"
            f" only in fixture {sorted(set(fixture['models']) - set(models))}"
        )

    with transaction.atomic():
        for label, rows in fixture["models"].items():
            model = models[label]
            if model._base_manager.exists():
                raise SystemExit(f"{label} has rows before the fixture is loaded")
            fields = model._meta.concrete_fields
            for row in rows:
                obj = model(**{f.attname: f.to_python(row[f.attname]) for f in fields})
                # raw: the values as stored, auto_now and the like are not applied again.
                obj.save_base(raw=True, force_insert=True)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                cursor.execute(sql)

    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    _write(out, {"counts": counts, "targets": targets})


# snapshot ------------------------------------------------------------------------------


def _value(value: Any) -> Any:
    """A cell as JSON, the same on every read of the same database (bytes as their SHA-256)."""
    if isinstance(value, (bytes, memoryview, bytearray)):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "length": len(data)}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def snapshot(out: str) -> None:
    _setup()
    from django.db import connection

    introspection = connection.introspection
    tables: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            columns = [c.name for c in introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            names = [d[0] for d in cursor.description]
            rows = [{n: _value(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
            rows.sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
            constraints = introspection.get_constraints(cursor, table).values()
            tables[table] = {
                "columns": sorted(columns),
                "rows": rows,
                "foreign_keys": sorted(
                    [c["columns"][0], *c["foreign_key"]] for c in constraints if c.get("foreign_key")
                ),
                "unique": sorted(sorted(c["columns"]) for c in constraints if c.get("unique")),
            }
    _write(out, {"vendor": connection.vendor, "tables": tables})


# site ----------------------------------------------------------------------------------


def _clone(obj: Any, **changes: Any) -> Any:
    """A new row like `obj` (so no required field is missed), saved through the ORM."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def _new_rows() -> dict[str, Any]:
    """New rows in each moved table: each must get a fresh id (on PostgreSQL, from its sequence)."""
    from django.db import IntegrityError, transaction

    from terms.models import Assignment, CommitteeSeat, ProgressEntry, Resolution, Target, Term

    results: dict[str, Any] = {}
    made: dict[str, Any] = {}
    steps = [
        (
            "term",
            lambda: _clone(
                Term.objects.order_by("pk").first(),
                starts_on=datetime.date(2040, 1, 1),
                ends_on=datetime.date(2042, 12, 31),
            ),
        ),
        ("committeeseat", lambda: _clone(CommitteeSeat.objects.order_by("pk").first(), term=made["term"])),
        ("assignment", lambda: _clone(Assignment.objects.order_by("pk").first(), term=made["term"])),
        ("resolution", lambda: _clone(Resolution.objects.order_by("pk").first(), term=made["term"])),
        ("target", lambda: _clone(Target.objects.order_by("pk").first(), resolution=made["resolution"])),
        ("progressentry", lambda: _clone(ProgressEntry.objects.order_by("pk").first(), target=made["target"])),
    ]
    for name, make in steps:
        try:
            with transaction.atomic():
                obj = make()
        except (IntegrityError, KeyError) as error:
            results[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        made[name] = obj
        history = obj.history.order_by("-history_id").first()
        results[name] = {"id": obj.pk, "history_id": history.history_id if history else None}
    return results


def _pages(branch_slug: str) -> dict[str, Any]:
    """What the Secretary sees, through the current URLs and views."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from congress.models import Congress
    from reports.models import IssuedDocument
    from terms.models import Term

    client = Client()
    client.force_login(get_user_model().objects.get(username="bithu"))
    old_term = Term.objects.get(branch__slug=branch_slug, starts_on__year=2022)
    pages: dict[str, Any] = {}

    def get(name: str, url: str) -> bytes:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[name] = {"status": response.status_code, "sha256": hashlib.sha256(body).hexdigest()}
        return body

    report = get("self_review", reverse("reports:self_review", kwargs={"slug": branch_slug, "term": old_term.slug}))
    pages["self_review"]["text"] = report.decode()
    committee = get(
        "committee", reverse("terms:committee", kwargs={"slug": branch_slug}) + f"?nhiem-ky={old_term.slug}"
    )
    pages["committee"]["text"] = committee.decode()
    congress = Congress.objects.get(closes_term=old_term)
    minutes = get(
        "congress_minutes", reverse("reports:congress_minutes", kwargs={"slug": branch_slug, "pk": congress.pk})
    )
    pages["congress_minutes"]["text"] = minutes.decode()
    for doc in IssuedDocument.objects.order_by("pk"):
        for fmt in ("pdf", "docx", "html"):
            get(
                f"issued_{doc.pk}_{fmt}",
                reverse("reports:issued_download", kwargs={"slug": branch_slug, "pk": doc.pk, "fmt": fmt}),
            )
    return pages


def _sequences() -> dict[str, Any]:
    """On PostgreSQL: the sequence behind each moved table's key, and how far it is."""
    from django.db import connection

    found: dict[str, Any] = {}
    if connection.vendor != "postgresql":
        return found
    with connection.cursor() as cursor:
        for model in MOVED:
            table = f"terms_{model}"
            column = "history_id" if model.startswith("historical") else "id"
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
            largest = cursor.fetchone()[0]
            last = None
            if sequence:
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                value, called = cursor.fetchone()
                last = value if called else value - 1
            found[table] = {"sequence": sequence, "max": largest, "last_value": last}
    return found


def site(out: str, branch_slug: str) -> None:
    _setup()
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import IntegrityError, connection, transaction

    from congress.models import Congress
    from reports.models import IssuedDocument
    from terms.models import Term

    call_command("check", fail_level="ERROR")
    call_command("migrate", check_unapplied=True, verbosity=0)  # exits 1 if a migration is left

    found: dict[str, Any] = {}
    with transaction.atomic():
        try:
            connection.check_constraints()  # SQLite: PRAGMA foreign_key_check; PostgreSQL: constraints made immediate
            found["constraint_error"] = None
        except IntegrityError as error:
            found["constraint_error"] = str(error)
        terms = Term.objects.filter(branch__slug=branch_slug).order_by("starts_on")
        found["terms"] = [
            {
                "id": term.pk,
                "label": term.label,
                "seats": [
                    {
                        "id": seat.pk,
                        "member_id": seat.member_id,
                        "name": seat.member.full_name,
                        "role": seat.role,
                        "started_on": seat.started_on.isoformat(),
                        "ended_on": seat.ended_on.isoformat() if seat.ended_on else None,
                    }
                    for seat in term.seats.select_related("member").order_by("pk")
                ],
                "targets": list(term.resolution.targets.order_by("position", "pk").values_list("name", flat=True)),
                "history": term.history.count(),
            }
            for term in terms
        ]
        congress = Congress.objects.select_related("closes_term", "opens_term").get(
            closes_term__branch__slug=branch_slug
        )
        found["congress"] = {"closes_term": congress.closes_term.pk, "opens_term": congress.opens_term_id}
        found["issued"] = [
            {
                "pk": doc.pk,
                "term": doc.term.pk,
                "pdf_sha256": doc.pdf_sha256,
                "pdf_bytes_sha256": hashlib.sha256(bytes(doc.pdf)).hexdigest(),
                "docx_sha256": doc.docx_sha256,
                "docx_bytes_sha256": hashlib.sha256(bytes(doc.docx)).hexdigest(),
                "html_sha256": doc.html_sha256,
                "html_text_sha256": hashlib.sha256(doc.html.encode()).hexdigest(),
            }
            for doc in IssuedDocument.objects.select_related("term").order_by("pk")
        ]
        found["content_types"] = {
            name: ContentType.objects.get_for_model(apps.get_model("terms", name)).pk for name in MOVED
        }
        upper = get_user_model().objects.get(username="captren")
        found["permissions"] = {
            perm: upper.has_perm(perm)
            for perm in ("terms.view_term", "terms.change_target", "congress.view_term", "congress.change_target")
        }
        entry = LogEntry.objects.get(content_type__model="term")
        edited = entry.get_edited_object()
        found["admin_log"] = {"model": edited._meta.label, "pk": edited.pk}
        found["pages"] = _pages(branch_slug)
        found["sequences"] = _sequences()
        found["new_rows"] = _new_rows()
        transaction.set_rollback(True)
    _write(out, found)


STEPS = {"prepare": prepare, "snapshot": snapshot, "site": site}

if __name__ == "__main__":
    STEPS[sys.argv[1]](*sys.argv[2:])
