"""PostgreSQL restarted under a write load: the site answers 503 meanwhile, recovers by itself, loses nothing.

    .venv/bin/python bench/outage.py [--threads 4] [--before 4] [--after 8] [--private-cluster]

Creates a fresh PostgreSQL database (`--database`, default chidoan_outage, dropped first),
migrates it and loads the demo, collects the static files, and starts the site under
gunicorn with the production settings (DEBUG=false, CONN_MAX_AGE=60) on a free port.
`--threads` signed-in Secretaries then add members (POST to the members' "Thêm" page, each
with a marker in its notes) as fast as the site answers; after `--before` seconds
PostgreSQL is restarted (`pg_ctlcluster --skip-systemctl-redirect <version> main restart`,
or `--restart-command`), and the load goes on for `--after` seconds once it is back.

It prints the outage (how long PostgreSQL refused connections, how long the site answered
failures), the requests, the failed ones and their statuses, the writes answered as saved
and how many of them are in the database, and exits 1 on any violation:

* a failed request that is not a 503 (a 500, a dropped connection, a form error);
* a write answered as saved that is not in the database;
* a failed write that was saved nevertheless;
* no saved write after the restart (the site did not recover by itself).

The restart stops every connection to that PostgreSQL: CI runs this after the test suite.
On a machine where others use the same PostgreSQL, `--private-cluster` runs a throwaway
cluster of its own (initdb, as the postgres user, on a free port) and restarts that one.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from bench.outage_verdict import BRANCH, Attempt, judge, report  # noqa: E402

USERNAME, PASSWORD = "bithu", "demo12345"


# The site under load ----------------------------------------------------------------------------------------


class Browser:
    """One signed-in visitor: cookies kept by hand (the production cookies are Secure; this is plain HTTP)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.headers.get("Location", ""), content

    def sign_in(self) -> None:
        self.request("GET", "/tai-khoan/login/")
        status, location, _ = self.request(
            "POST",
            "/tai-khoan/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in failed: HTTP {status} {location}")

    def admit(self, marker: str) -> tuple[int, str]:
        status, location, _ = self.request(
            "POST",
            f"/chi-doan/{BRANCH}/doan-vien/them/",
            {
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
                "entry": "admission",
                "family_name": "Thử",
                "middle_name": "Tải",
                "given_name": "Lưu",
                "date_of_birth": "2003-04-05",
                "gender": "female",
                "admitted_on": "2024-03-26",
                "notes": marker,
            },
        )
        return status, location


def writer(browser: Browser, number: int, run: str, stop: threading.Event, attempts: list[Attempt]) -> None:
    index = 0
    while not stop.is_set():
        index += 1
        marker = f"{run}-{number}-{index}"
        started = time.monotonic()
        try:
            status, location = browser.admit(marker)
            attempts.append(Attempt(marker, started, time.monotonic(), status, location))
        except (OSError, http.client.HTTPException) as error:
            attempts.append(Attempt(marker, started, time.monotonic(), None, error=type(error).__name__))
            time.sleep(0.05)


def probe(url: str, stop: threading.Event, downs: list[tuple[float, float]]) -> None:
    """Records the intervals in which PostgreSQL refused a new connection."""
    import psycopg2

    down_since: float | None = None
    while not stop.is_set():
        try:
            psycopg2.connect(url, connect_timeout=1).close()
            if down_since is not None:
                downs.append((down_since, time.monotonic()))
                down_since = None
        except psycopg2.OperationalError:
            if down_since is None:
                down_since = time.monotonic()
        time.sleep(0.05)
    if down_since is not None:
        downs.append((down_since, time.monotonic()))


# Setting up: database, cluster, site ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


def pg_accepts(url: str) -> bool:
    import psycopg2

    try:
        psycopg2.connect(url, connect_timeout=1).close()
        return True
    except psycopg2.OperationalError:
        return False


class PrivateCluster:
    """A throwaway PostgreSQL cluster on a free port, run as the postgres user (initdb refuses root)."""

    def __init__(self) -> None:
        bin_dir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.pg_ctl, self.initdb = str(bin_dir / "pg_ctl"), str(bin_dir / "initdb")
        self.dir = Path(tempfile.mkdtemp(prefix="chidoan-outage-pg-"))
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.data = self.dir / "data"
        self.options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"

    @property
    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def restart_command(self) -> list[str]:
        # -l: the new postmaster writes to the log, not to our pipes (which would never reach end of file).
        log = str(self.dir / "log")
        return [
            *self.as_postgres,
            self.pg_ctl,
            "-D",
            str(self.data),
            "-l",
            log,
            "-m",
            "fast",
            "-w",
            "-o",
            self.options,
            "restart",
        ]

    def start(self) -> None:
        run([*self.as_postgres, self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres"], quiet=True)
        log = self.dir / "log"
        run(
            [*self.as_postgres, self.pg_ctl, "-D", str(self.data), "-l", str(log), "-w", "-o", self.options, "start"],
            quiet=True,
        )

    def stop(self) -> None:
        subprocess.run(
            [*self.as_postgres, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def run(command: list[str], *, env: dict | None = None, quiet: bool = False) -> None:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    if not quiet and done.stdout.strip():
        print(done.stdout.strip().splitlines()[-1])


def recreate_database(admin_url: str, name: str) -> str:
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(admin_url: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def site_env(database_url: str, static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "outage-bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def found_markers(database_url: str, run_id: str) -> set[str]:
    import psycopg2

    wait_for(lambda: pg_accepts(database_url), 60, "PostgreSQL")
    connection = psycopg2.connect(database_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM members_member WHERE notes LIKE %s", [f"{run_id}-%"])
        markers = {row[0] for row in cursor.fetchall()}
    connection.close()
    return markers


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # runs the clean-up (server, database, cluster)


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=4, help="signed-in writers (default 4)")
    parser.add_argument("--before", type=float, default=4, help="seconds of load before the restart (default 4)")
    parser.add_argument("--after", type=float, default=8, help="seconds of load once PostgreSQL is back (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument(
        "--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres", help="where to create the database"
    )
    parser.add_argument(
        "--database", default="chidoan_outage", help="the throwaway database (dropped first and at the end)"
    )
    parser.add_argument(
        "--restart-command", help="default: pg_ctlcluster --skip-systemctl-redirect <version> main restart"
    )
    parser.add_argument("--private-cluster", action="store_true", help="run and restart a throwaway cluster of its own")
    args = parser.parse_args()

    cluster = PrivateCluster() if args.private_cluster else None
    work = Path(tempfile.mkdtemp(prefix="chidoan-outage-"))
    server: subprocess.Popen | None = None
    admin_url = args.admin_url
    try:
        if cluster is not None:
            cluster.start()
            admin_url = cluster.admin_url
            restart = cluster.restart_command()
        elif args.restart_command:
            restart = shlex.split(args.restart_command)
        else:
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            restart = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]

        database_url = recreate_database(admin_url, args.database)
        env = site_env(database_url, str(work / "static"))
        print(f"database {args.database}: migrate, load_demo, collectstatic ...", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, quiet=True)
        run([PYTHON, "manage.py", "load_demo"], env=env, quiet=True)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=env, quiet=True)

        port = free_port()
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        server = subprocess.Popen(
            [
                gunicorn,
                "chidoan.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: _answers(port), 60, "gunicorn")

        run_id = f"outage{int(time.time())}"
        stop, probe_stop = threading.Event(), threading.Event()
        attempts: list[Attempt] = []
        downs: list[tuple[float, float]] = []
        prober = threading.Thread(target=probe, args=(database_url, probe_stop, downs), daemon=True)
        browsers = [Browser(port) for _ in range(args.threads)]
        for browser in browsers:  # signed in before the load starts, so that the restart meets only writes
            browser.sign_in()
        writers = [
            threading.Thread(target=writer, args=(browser, n, run_id, stop, attempts), daemon=True)
            for n, browser in enumerate(browsers, 1)
        ]
        prober.start()
        for thread in writers:
            thread.start()
        time.sleep(args.before)
        print(f"restarting PostgreSQL: {shlex.join(restart)}", flush=True)
        restarted_at = time.monotonic()
        with open(work / "restart.log", "w") as restart_log:
            # No pipes: a postmaster started by the restart keeps its inherited output open for good.
            code = subprocess.call(restart, stdin=subprocess.DEVNULL, stdout=restart_log, stderr=subprocess.STDOUT)
        restart_seconds = time.monotonic() - restarted_at
        if code != 0:
            raise RuntimeError(f"the restart failed ({code}): {(work / 'restart.log').read_text()}")
        wait_for(lambda: pg_accepts(database_url), 60, "PostgreSQL after the restart")
        back_at = time.monotonic()
        time.sleep(args.after)
        stop.set()
        for thread in writers:
            thread.join(timeout=60)
        probe_stop.set()
        prober.join(timeout=10)

        verdict = judge(attempts, found_markers(database_url, run_id), restarted_at=restarted_at, back_at=back_at)
        db_outage = sum(end - start for start, end in downs)
        print(report(verdict, db_outage=db_outage, restart_seconds=restart_seconds))
        log = (work / "gunicorn.log").read_text(errors="replace")
        tracebacks, second = log.count("Traceback"), log.count("AttributeError")
        print(f"tracebacks in the site's log           {tracebacks} (at most one a failed request: {verdict.failed})")
        print(f"  AttributeError ('_session_cache')    {second} (must be 0)")
        if second:
            verdict.violations.append("the log shows the AttributeError ('_session_cache') after a failure")
        if tracebacks > verdict.failed:
            verdict.violations.append(f"{tracebacks} tracebacks in the log for {verdict.failed} failed requests")
        return 1 if verdict.violations else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        try:
            drop_database(admin_url, args.database)
        except Exception as error:  # the verdict is already printed; say why the cleanup failed
            print(f"could not drop {args.database}: {error}", file=sys.stderr)
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/tai-khoan/login/", headers={"Host": "127.0.0.1"})
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
