"""Requests a second the site serves: a bare Django view, the login page, the dashboard, the members list.

    .venv/bin/python bench/throughput.py [--seconds 5] [--rounds 3] [--connections 16]

Creates a throwaway PostgreSQL database (``--database``, dropped first and at the end) with the
demo, starts two gunicorn servers of 2 workers each with the production settings (DEBUG=false,
CONN_MAX_AGE=60): the product, and bench/bare_site.py (one view answering "ok", no middleware,
no database), then loads one server at a time with ``--connections`` client threads for
``--seconds`` each: bare, login page (anonymous), dashboard and members list (the demo
Secretary, signed in), in a rotating order each round (A B C D, B C D A ...). It prints each
target's requests a second (median of the rounds), its latency p50 / p99, and its share of the
bare view's rate measured in the same round.

The load comes from ``wrk`` when it is on the PATH (``--threads`` threads, default 2, holding
``--connections`` connections, ``--latency``; the signed-in cookies sent as a ``Cookie`` header;
p50 / p99 are the median over the rounds of wrk's own percentiles, and a round that had a non-2xx
answer or a socket error says so), else from ``--connections`` Python client threads (``--python``
forces them), which share the same two cores as the servers, so their absolute rates are lower
than wrk's; the shares are the figure. Before and after each signed-in load the page is requested
once more and must answer 200 (not a redirect to the sign-in page).
Only loopback addresses are used; every loop is bounded by time and count.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from bench.outage import (  # noqa: E402
    Browser,
    drop_database,
    free_port,
    recreate_database,
    run,
    site_env,
    wait_for,
)

BRANCH_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
MAX_REQUESTS_PER_THREAD = 100_000  # a bound besides the time


def answers(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        return connection.getresponse().status < 500
    except OSError:
        return False


def load(port: int, path: str, cookies: dict[str, str], *, connections: int, seconds: float) -> tuple[int, list[float]]:
    """`connections` threads GET `path` as fast as it answers for `seconds`: (requests answered 200, latencies)."""
    done: list[int] = []
    latencies: list[float] = []
    lock = threading.Lock()
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    def worker() -> None:
        browser = Browser(port)
        browser.cookies = dict(cookies)
        mine, count = [], 0
        while time.monotonic() < deadline and count < MAX_REQUESTS_PER_THREAD:
            start = time.perf_counter()
            try:
                status, _location, _body = browser.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                failures.append(type(error).__name__)
                continue
            mine.append(time.perf_counter() - start)
            if status != 200:
                failures.append(f"HTTP {status}")
            else:
                count += 1
        with lock:
            done.append(count)
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    if failures:
        print(f"  {path}: {len(failures)} failed ({sorted(set(failures))[:3]})")
    return sum(done), latencies


# wrk prints these at the end of a run (done()); the latencies are in microseconds.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("WRK requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d\\n",
    summary.requests, summary.duration, summary.errors.status, errors,
    latency:percentile(50), latency:percentile(99)))
end
"""
WRK_LINE = re.compile(r"WRK requests=(\d+) duration_us=(\d+) non2xx=(\d+) errors=(\d+) p50_us=(\d+) p99_us=(\d+)")


def load_wrk(
    wrk: str,
    script: Path,
    port: int,
    path: str,
    cookies: dict[str, str],
    *,
    connections: int,
    threads: int,
    seconds: float,
) -> tuple[float, float, float]:
    """wrk GETs `path` over `connections` connections for `seconds`: (requests a second, p50 ms, p99 ms)."""
    command = [wrk, "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{seconds:g}s"]
    command += ["--latency", "--timeout", "10s", "-s", str(script), "-H", "Host: 127.0.0.1"]
    if cookies:
        command += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    done = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    found = WRK_LINE.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    requests, duration_us, non2xx, errors, p50_us, p99_us = (int(group) for group in found.groups())
    if non2xx or errors:
        print(f"  {path}: {non2xx} answers not 2xx, {errors} socket errors")
    ok = requests - non2xx
    return ok / (duration_us / 1e6), p50_us / 1000, p99_us / 1000


def check_signed_in(port: int, path: str, cookies: dict[str, str]) -> None:
    """The page answers 200 to these cookies (wrk would count a redirect to the sign-in page as served)."""
    browser = Browser(port)
    browser.cookies = dict(cookies)
    status, location, _body = browser.request("GET", path)
    if status != 200:
        raise RuntimeError(f"{path}: HTTP {status} {location} for the signed-in cookies")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="chidoan_throughput")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per target and round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--repeat", dest="rounds", type=int, default=argparse.SUPPRESS, help="the same as --rounds")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--python", action="store_true", help="load with Python client threads even if wrk is here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="chidoan-throughput-"))
    wrk = None if args.python else shutil.which("wrk")
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    servers: list[subprocess.Popen] = []
    try:
        database_url = recreate_database(args.admin_url, args.database)
        env = site_env(database_url, str(work / "static")) | {"WARM_UP": "false"}
        print(f"database {args.database}: migrate, load_demo, collectstatic ...", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, quiet=True)
        run([PYTHON, "manage.py", "load_demo"], env=env, quiet=True)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=env, quiet=True)
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        ports = {"product": free_port(), "bare": free_port()}
        for name, app in (("product", "chidoan.wsgi"), ("bare", "bench.bare_site:application")):
            command = [gunicorn, app, "--bind", f"127.0.0.1:{ports[name]}", "--workers", str(args.workers)]
            log = open(work / f"{name}.log", "w")  # noqa: SIM115
            servers.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        wait_for(lambda: answers(ports["bare"], "/"), 60, "the bare site")
        wait_for(lambda: answers(ports["product"], "/tai-khoan/login/"), 60, "the product")

        secretary = Browser(ports["product"])
        secretary.sign_in()
        signed_in = dict(secretary.cookies)
        targets = {
            "bare Django view": (ports["bare"], "/", {}),
            "login page (anonymous)": (ports["product"], "/tai-khoan/login/", {}),
            "dashboard (signed in)": (ports["product"], f"/chi-doan/{BRANCH_SLUG}/tong-quan/", signed_in),
            "members list (signed in)": (ports["product"], f"/chi-doan/{BRANCH_SLUG}/doan-vien/", signed_in),
        }
        for port, path, cookies in targets.values():  # warm every worker
            load(port, path, cookies, connections=args.workers * 2, seconds=1)
        rates: dict[str, list[float]] = {name: [] for name in targets}
        shares: dict[str, list[float]] = {name: [] for name in targets}
        latencies: dict[str, list[float]] = {name: [] for name in targets}
        p50s: dict[str, list[float]] = {name: [] for name in targets}  # wrk's, one a round
        p99s: dict[str, list[float]] = {name: [] for name in targets}
        names = list(targets)
        for round_ in range(args.rounds):
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            measured = {}
            for name in order:
                port, path, cookies = targets[name]
                if cookies:
                    check_signed_in(port, path, cookies)
                if wrk:
                    rate, p50, p99 = load_wrk(
                        wrk,
                        script,
                        port,
                        path,
                        cookies,
                        connections=args.connections,
                        threads=args.threads,
                        seconds=args.seconds,
                    )
                    measured[name] = rate
                    p50s[name].append(p50)
                    p99s[name].append(p99)
                else:
                    count, seen = load(port, path, cookies, connections=args.connections, seconds=args.seconds)
                    measured[name] = count / args.seconds
                    latencies[name].extend(seen)
                if cookies:
                    check_signed_in(port, path, cookies)
            for name in names:
                rates[name].append(measured[name])
                shares[name].append(measured[name] / measured[names[0]] if measured[names[0]] else float("nan"))
            print(f"round {round_ + 1}: " + ", ".join(f"{n} {measured[n]:.0f}/s" for n in names), flush=True)
        client = f"wrk -t {min(args.threads, args.connections)} --latency" if wrk else "Python client threads"
        print(
            f"\n{args.connections} connections ({client}), {args.workers} gunicorn workers per server, DEBUG off, "
            f"PostgreSQL; median of {args.rounds} interleaved rounds of {args.seconds:g} s"
        )
        header = f"{'target':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'share of bare':>14}"
        print(header)
        print("-" * len(header))
        for name in names:
            if wrk:
                p50, p99 = statistics.median(p50s[name]), statistics.median(p99s[name])
            else:
                p50, p99 = percentile(latencies[name], 0.5), percentile(latencies[name], 0.99)
            print(
                f"{name:<28} {statistics.median(rates[name]):>8.0f} {p50:>8.1f} {p99:>8.1f} "
                f"{statistics.median(shares[name]):>14.3f}"
            )
        return 0
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(args.admin_url, args.database)
        if os.environ.get("KEEP_LOGS"):
            print(f"logs in {work}")


if __name__ == "__main__":
    sys.exit(main())
