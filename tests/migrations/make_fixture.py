"""Make data/old_demo.json: a database as the code BEFORE the term's move (commit 3c26a66) left it.

Not a test, and not run by the tests: it was run once, and its output is committed, so
that the migration test needs neither the old code nor git at test time. To make it
again, from a checkout of the old commit and with the project's virtualenv:

    git worktree add --detach /tmp/old-code 3c26a66
    cd /tmp/old-code && rm -f /tmp/old.sqlite3
    DATABASE_URL=sqlite:////tmp/old.sqlite3 /path/to/repo/.venv/bin/python \\
        /path/to/repo/tests/migrations/make_fixture.py /path/to/repo/tests/migrations/data/old_demo.json

It runs the old `migrate` and `load_demo`, then, through the old services, what a branch
does with its data: a self-review report issued (IssuedDocument with its PDF, DOCX and
HTML), a target edited, the whole congress day and its handover (a second term with its
committee, resolution and targets, the congress's links to both terms), a permission on a
moved model given to a group and to a login, and an admin log entry about the term.

The output lists, per model (old app label), every row with every concrete column,
keyed by the column's attname; dates, times, decimals and bytes are written as text
(ISO 8601, str, base64) that the field's own to_python reads back on any database.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any


def _encode(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()  # full microseconds, unlike DjangoJSONEncoder
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _branch_life() -> None:
    """What a branch does after load_demo, through the old code's own services."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from congress import services as congress_services
    from congress.models import Congress, Target, Term
    from members.demo import BRANCH_SLUG
    from reports import services as report_services
    from reports.models import SelfReviewReport
    from tests.congress.test_day_helpers import run_whole_day  # the old code's walk through the day

    users = {u.username: u for u in get_user_model().objects.all()}
    term = Term.objects.get(branch__slug=BRANCH_SLUG, starts_on__year=2022)

    report = SelfReviewReport.objects.get(term=term)
    report_services.report_issue(report=report, by=users["bithu"], on=datetime.date(2024, 8, 16))

    target = Target.objects.filter(resolution__term=term).order_by("position", "pk").first()
    assert target is not None
    congress_services.target_update(target=target, expected_version=target.version, area=target.area + " (đã sửa)")

    congress = run_whole_day(Congress.objects.get(closes_term=term))
    congress_services.congress_handover(congress=congress)

    moved = ContentType.objects.get(app_label="congress", model="term")
    group = Group.objects.create(name="Xem nhiệm kỳ (dữ liệu mẫu)")
    group.permissions.add(Permission.objects.get(content_type=moved, codename="view_term"))
    users["captren"].groups.add(group)
    users["captren"].user_permissions.add(Permission.objects.get(codename="change_target"))
    LogEntry.objects.create(
        user=users["admin"],
        content_type=moved,
        object_id=str(term.pk),
        object_repr=str(term)[:200],
        action_flag=CHANGE,
        change_message="Sửa ngày kết thúc (dữ liệu mẫu)",
    )


def _dump() -> dict[str, Any]:
    from django.apps import apps
    from django.db import connection

    models: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = model._meta.concrete_fields
        models[model._meta.label_lower] = [
            {f.attname: _encode(f.value_from_object(obj)) for f in fields} for obj in model._base_manager.order_by("pk")
        ]

    with connection.cursor() as cursor:
        tables = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            tables[table] = cursor.fetchone()[0]
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        applied = [list(row) for row in cursor.fetchall()]

    from reports.models import IssuedDocument

    issued = [
        {
            "pk": doc.pk,
            "kind": doc.kind,
            "number": doc.number,
            "pdf_sha256": doc.pdf_sha256,
            "docx_sha256": doc.docx_sha256,
            "html_sha256": doc.html_sha256,
            "pdf_bytes_sha256": hashlib.sha256(bytes(doc.pdf)).hexdigest(),
            "docx_bytes_sha256": hashlib.sha256(bytes(doc.docx)).hexdigest(),
            "html_text_sha256": hashlib.sha256(doc.html.encode()).hexdigest(),
        }
        for doc in IssuedDocument.objects.order_by("pk")
    ]
    return {"tables": tables, "applied_migrations": applied, "issued": issued, "models": models}


def main(out: str) -> None:
    sys.path[0] = os.getcwd()  # the old code's checkout, not this file's folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    import subprocess

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    if connection.introspection.table_names():
        raise SystemExit("The database is not empty: give DATABASE_URL a fresh one.")
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with transaction.atomic():
        _branch_life()

    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    data = {"made_by": "tests/migrations/make_fixture.py", "old_commit": commit, **_dump()}
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=0, sort_keys=True)
        handle.write("\n")
    counts = {label: len(rows) for label, rows in data["models"].items() if rows}
    print(f"{sum(counts.values())} rows of {len(counts)} models, {len(data['issued'])} issued documents -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
