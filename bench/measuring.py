"""Measuring pages for bench/scale.py: queries and median times of a GET, one POST, a query plan; the table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client


@dataclass
class Measure:
    queries: int | None = None
    ms: float | None = None
    status: int | None = None
    note: str = ""


class QueryCounter:
    """Counts the SQL statements run on the connection (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> QueryCounter:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)


def _error(error: Exception) -> Measure:
    """A page that fails (other people change the code while this runs) is reported, not fatal."""
    return Measure(note=f"error: {type(error).__name__}: {str(error)[:90]}")


def measure_get(client: Client, url: str, repeat: int) -> Measure:
    try:
        return _measure_get(client, url, repeat)
    except Exception as error:
        return _error(error)


def _measure_get(client: Client, url: str, repeat: int) -> Measure:
    with QueryCounter() as counter:
        response = client.get(url)  # warm-up; its queries are the ones counted
    if response.status_code != 200:
        return Measure(counter.count, None, response.status_code, f"HTTP {response.status_code}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return Measure(counter.count, statistics.median(times) * 1000, 200)


def measure_post_once(client: Client, url: str, data: dict | None = None) -> Measure:
    try:
        with QueryCounter() as counter:
            start = time.perf_counter()
            response = client.post(url, data or {})
            elapsed = time.perf_counter() - start
    except Exception as error:
        return _error(error)
    note = "" if response.status_code == 302 else f"HTTP {response.status_code}, not saved"
    return Measure(counter.count, elapsed * 1000, response.status_code, note)


def median_ms(action: Callable, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def explain(qs, *, full: bool = False) -> str:
    """EXPLAIN ANALYZE of a queryset, run as SQL so that nothing of the plan is lost."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    if full:
        return "\n".join(lines)
    # The scans of the main tables (not the per-row status and role subqueries), and the total.
    main = ("on members_member ", "on members_organisation ", "Execution Time")
    keep = [ln.strip() for ln in lines if any(m in ln for m in main)]
    return "\n".join("     " + ln[:170] for ln in keep[:6])


def fmt_num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(rows: list[tuple[str, Measure, Measure]]) -> None:
    header = f"{'page':<42} {'q small':>8} {'q big':>8} {'ms small':>10} {'ms big':>10} {'big/small':>10}"
    print(header)
    print("-" * len(header))
    for label, s, b in rows:
        ratio = b.ms / s.ms if s.ms and b.ms else None
        flags = []
        if s.queries is not None and b.queries is not None and b.queries > s.queries + 2:
            flags.append("QUERIES GROW")
        if ratio is not None and ratio > 5:
            flags.append("RATIO > 5")
        note = "; ".join(n for n in (s.note, b.note, *flags) if n)
        print(
            f"{label:<42} {fmt_num(s.queries):>8} {fmt_num(b.queries):>8} {fmt_num(s.ms, 1):>10} "
            f"{fmt_num(b.ms, 1):>10} {fmt_num(ratio, 1):>10}  {note}"
        )
