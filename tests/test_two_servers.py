"""Two app servers that share nothing but the database and the cache serve one site.

Two gunicorn instances on two ports, DEBUG off, against the one PostgreSQL test database and
one Redis: a sign-in on one is a session on the other, a form opened on one and saved over on
the other is refused as stale, and a document issued on one is downloaded from the other, as
stored. PostgreSQL only: SQLite is one file on one machine, not a database servers share.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from members.demo import BRANCH_SLUG
from reports.models import IssuedDocument

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/10")

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="two servers share a PostgreSQL database; DATABASE_URL is not PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """One person's cookies, sent to whichever server is asked (as behind a load balancer)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {
            "Host": f"127.0.0.1:{port}",
            "X-Forwarded-Proto": "https",  # as the TLS proxy in front says
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{port}"
            headers["Referer"] = f"https://127.0.0.1:{port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        content = response.read()
        connection.close()
        return response.status, response.getheader("Location") or "", content

    def get(self, port: int, path: str) -> tuple[int, str, bytes]:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, form: dict[str, str]) -> tuple[int, str, bytes]:
        return self.request(port, "POST", path, form)


def wait_until_serving(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn on {port} stopped:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn on {port} did not start:\n{log.read_text()}")


@pytest.fixture
def servers(roles, tmp_path) -> Iterator[tuple[int, int]]:
    """Two gunicorns, one worker each, on the test database, sharing the secret key and the Redis cache."""
    settings = connection.settings_dict
    database = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"two-servers-{secrets.token_hex(6)}",
        "WARM_UP": "false",
        "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    # The servers check passwords with the site's hashers, not the tests' fast one.
    for user in (roles.secretary, roles.deputy):
        user.password = PBKDF2PasswordHasher().encode("demo12345", PBKDF2PasswordHasher().salt())
        user.save(update_fields=["password"])
    env["STATIC_ROOT"] = str(tmp_path / "static")  # whitenoise's manifest, as a deployment has it
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    ports, processes = [free_port(), free_port()], []
    try:
        for port in ports:
            log = tmp_path / f"gunicorn-{port}.log"
            command = [str(GUNICORN), "chidoan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
            )
            processes.append(process)
            wait_until_serving(port, process, log)
        yield ports[0], ports[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def sign_in(browser: Browser, port: int, username: str) -> None:
    browser.get(port, reverse("login"))
    status, _, _ = browser.post(port, reverse("login"), {"username": username, "password": "demo12345"})
    assert status == 302, "the sign-in was refused"


def test_a_session_a_stale_edit_and_an_issued_document_work_across_two_servers(servers):
    first, second = servers
    dashboard = reverse("dashboard", kwargs={"slug": BRANCH_SLUG})
    secretary = Browser()
    sign_in(secretary, first, "bithu")

    # The session made on the first server opens the dashboard on the second.
    status, _, page = secretary.get(second, dashboard)
    assert status == 200 and "Tổng quan" in page.decode()

    # A form opened on the first server, the same rating saved meanwhile on the second: refused on the first.
    ratings = reverse("members:branch_ratings", kwargs={"slug": BRANCH_SLUG})
    _, _, form_page = secretary.get(first, ratings + "?year=2024")
    opened_version = re.search(r'name="version" value="(\d+)"', form_page.decode())
    assert opened_version is not None
    deputy = Browser()
    sign_in(deputy, second, "phobithu")
    saved = {"year": "2024", "level": "good", "rank_note": "", "version": opened_version.group(1)}
    status, _, _ = deputy.post(second, ratings, saved)
    assert status == 302
    status, _, refused = secretary.post(first, ratings, {**saved, "level": "excellent"})
    assert status == 200 and "vừa được người khác thay đổi" in refused.decode()

    # A report issued on the first server is served, as stored, by the second.
    issue = reverse("reports:self_review_issue", kwargs={"slug": BRANCH_SLUG, "term": "2022-2024"})
    status, _, _ = secretary.post(first, issue, {"issued_on": "2024-08-20"})
    assert status == 302
    issued = IssuedDocument.objects.get(report__term__branch__slug=BRANCH_SLUG, report__term__starts_on__year=2022)
    download = reverse("reports:issued_download", kwargs={"slug": BRANCH_SLUG, "pk": issued.pk, "fmt": "pdf"})
    status, _, pdf = secretary.get(second, download)
    assert status == 200 and pdf == bytes(issued.pdf)
