"""Start-up configuration: a bad or missing variable stops the site with a message naming it.

Each case imports the settings in a fresh interpreter with a modified environment,
as a process manager would start the site.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup(); print('started')"

# Variables the settings read; each test starts from none of them, so the
# developer's or the CI's own environment cannot change the outcome.
SETTINGS_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SILENCED_SYSTEM_CHECKS",
    "LOG_LEVEL",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "PROXY_COUNT",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "UPLOAD_MAX_MB",
    "TASKS_BACKEND",
    "IMPORT_MAX_ROWS",
    "IMPORT_MAX_MB",
    "IMPORT_STALE_MINUTES",
    "BALLOTS_PER_SHEET",
    "CACHE_URL",
    "CACHE_KEY_PREFIX",
    "CACHE_TIMEOUT",
    "DASHBOARD_CACHE",
    # tests/conftest.py sets this for Playwright; a deployed site never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "chidoan.settings"
    env.update(variables)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def production(**overrides: str) -> dict[str, str]:
    variables = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "sqlite:////tmp/chidoan-settings-test.sqlite3",
    }
    variables.update(overrides)
    return {k: v for k, v in variables.items() if v is not None}


def test_the_site_starts_with_no_variables_for_local_development():
    result = run(["-c", SETUP])
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_the_site_starts_with_the_production_variables():
    result = run(["-c", SETUP], **production())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        (production(SECRET_KEY=None), "SECRET_KEY"),
        (production(SECRET_KEY=""), "SECRET_KEY"),
        (production(ALLOWED_HOSTS=None), "ALLOWED_HOSTS"),
        (production(ALLOWED_HOSTS=" , "), "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "nonsense://somewhere/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user@host:notaport/db"}, "DATABASE_URL"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE"),
        ({"CONN_MAX_AGE": "forever"}, "CONN_MAX_AGE"),
        ({"LANGUAGE_CODE": "fr"}, "LANGUAGE_CODE"),
        ({"AXES_FAILURE_LIMIT": "five"}, "AXES_FAILURE_LIMIT"),
        ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT"),
        ({"AXES_COOLOFF_MINUTES": "0"}, "AXES_COOLOFF_MINUTES"),
        ({"PROXY_COUNT": "-1"}, "PROXY_COUNT"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS"),
        ({"DATA_UPLOAD_MAX_MEMORY_SIZE": "2.5MB"}, "DATA_UPLOAD_MAX_MEMORY_SIZE"),
        ({"UPLOAD_MAX_MB": "0"}, "UPLOAD_MAX_MB"),
        ({"BALLOTS_PER_SHEET": "4"}, "BALLOTS_PER_SHEET"),
        ({"CACHE_URL": "memcached://127.0.0.1"}, "CACHE_URL"),
        ({"DASHBOARD_CACHE": "sometimes"}, "DASHBOARD_CACHE"),
    ],
    ids=[
        "bad-debug",
        "missing-secret-key",
        "empty-secret-key",
        "missing-allowed-hosts",
        "blank-allowed-hosts",
        "unknown-database-scheme",
        "malformed-database-url",
        "unknown-time-zone",
        "bad-conn-max-age",
        "unsupported-language",
        "bad-failure-limit",
        "zero-failure-limit",
        "zero-cool-off",
        "negative-proxy-count",
        "bad-email-port",
        "bad-email-tls",
        "bad-form-limit",
        "zero-upload-limit",
        "ballots-per-sheet-neither-one-nor-two",
        "unknown-cache-scheme",
        "bad-dashboard-cache",
    ],
)
def test_it_stops_start_up_naming_the_bad_variable(variables, named):
    result = run(["-c", SETUP], **variables)
    assert result.returncode != 0
    assert "started" not in result.stdout
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert named in last_line


def test_a_missing_secret_key_is_allowed_while_debugging():
    result = run(["-c", SETUP], DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_the_deploy_check_reports_no_issues_with_the_production_variables():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_complains_when_debugging():
    """The guard above can fail: the same check with DEBUG on reports the insecure settings."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production(DEBUG="true"))
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


def test_an_empty_debug_means_the_default_not_false():
    """`DEBUG=` left empty in an env file keeps the development default instead of demanding production keys."""
    result = run(["-c", SETUP + "\nfrom django.conf import settings; print('DEBUG', settings.DEBUG)"], DEBUG="")
    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


SIGNED_IN_PAGE = """
import django; django.setup()
from django.conf import settings
from django.core.management import call_command
# Static file names unhashed: collectstatic would take a minute and changes no header of a page.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# The tables straight from the models (the migrations are the suite's and tests/migrations' concern, and
# running all of them here took most of this test's time), as pytest-django's --no-migrations makes them.
from django.apps import apps
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
from django.contrib.auth.models import User
from django.test import Client
user = User.objects.create_user("bithu", password="x")
client = Client(HTTP_HOST="example.org", HTTP_X_FORWARDED_PROTO="https")
client.force_login(user)
response = client.get("/")
print("STATUS", response.status_code)
for name, value in response.items():
    print(f"{name}: {value}")
"""


def test_a_signed_in_page_under_the_production_variables_sends_the_security_headers():
    """The headers of a signed-in page behind the TLS proxy (X-Forwarded-Proto), as the closing note lists them."""
    result = run(["-c", SIGNED_IN_PAGE], **production(DATABASE_URL="sqlite://:memory:"))
    assert result.returncode == 0, result.stderr
    headers = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert "STATUS 200" in result.stdout
    assert headers["Cache-Control"] == "private, no-store"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_env_example_documents_every_variable_the_settings_read():
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', (BASE_DIR / "chidoan/settings.py").read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.MULTILINE))
    assert {"AXES_FAILURE_LIMIT", "EMAIL_HOST", "UPLOAD_MAX_MB"} <= read
    assert read - documented == set()
    assert read - set(SETTINGS_VARIABLES) == set(), "a variable the tests above do not clear from the environment"


def test_the_cache_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; c = s.CACHES['default']; "
        "print('|'.join(map(str, [c['BACKEND'], c.get('LOCATION'), c['KEY_PREFIX'], c['TIMEOUT'], s.DASHBOARD_CACHE, "
        "s.SESSION_ENGINE.rsplit('.', 1)[-1]])))"
    )
    default = run(["-c", code]).stdout.strip()
    # Local memory is one process's own: sessions from the database, else a sign-out would not reach every worker.
    assert default == "django.core.cache.backends.locmem.LocMemCache||chidoan|3600|auto|db"
    redis = run(["-c", code], CACHE_URL="redis://127.0.0.1:6379/3", CACHE_KEY_PREFIX="tinh", CACHE_TIMEOUT="60")
    assert redis.stdout.strip() == "chidoan.lib.redis_cache.RedisCache|redis://127.0.0.1:6379/3|tinh|60|auto|cached_db"
