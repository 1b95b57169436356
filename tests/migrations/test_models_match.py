"""Every model change has its migration: the suite's databases are made from the models, deployments migrate."""

from __future__ import annotations

import pytest
from django.core.management import call_command


def test_no_model_change_is_without_its_migration(db, settings, capsys):
    settings.MIGRATION_MODULES = {}  # the project's own migrations (pytest-django's --no-migrations hides them)
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=1)
    except SystemExit as exit:
        pytest.fail(f"models changed without a migration (makemigrations --check):\n{capsys.readouterr().out}")
        raise AssertionError from exit
