"""The verdict of bench/outage.py: what the write load was told against what the database holds.

Pure (no database, no site), so that tests/test_bench_outage.py checks the judging itself.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

BRANCH = "so-lao-dong-thuong-binh-va-xa-hoi"  # members.demo.BRANCH_SLUG
SAVED = re.compile(rf"^/chi-doan/{BRANCH}/doan-vien/\d+/$")


@dataclass(frozen=True)
class Attempt:
    """One POST of the load: its marker, when it ran, and what came back (status None: no answer at all)."""

    marker: str
    started: float
    ended: float
    status: int | None
    location: str = ""
    error: str = ""

    @property
    def answered_saved(self) -> bool:
        return self.status == 302 and bool(SAVED.match(urllib.parse.urlsplit(self.location).path))


@dataclass
class Verdict:
    requests: int = 0
    failed: int = 0
    failed_statuses: Counter = field(default_factory=Counter)
    answered_saved: int = 0
    answered_saved_found: int = 0
    failed_but_saved: int = 0
    server_errors: int = 0
    site_outage_seconds: float = 0.0
    saved_after_restart: int = 0
    violations: list[str] = field(default_factory=list)


def judge(attempts: list[Attempt], found: set[str], *, restarted_at: float, back_at: float) -> Verdict:
    """What the load saw against what the database holds; `found` is the markers saved in the database."""
    verdict = Verdict(requests=len(attempts))
    failures = [a for a in attempts if not a.answered_saved]
    verdict.failed = len(failures)
    verdict.failed_statuses = Counter("no answer" if a.status is None else a.status for a in failures)
    verdict.server_errors = sum(1 for a in attempts if a.status is not None and a.status >= 500 and a.status != 503)
    saved = [a for a in attempts if a.answered_saved]
    verdict.answered_saved = len(saved)
    verdict.answered_saved_found = sum(1 for a in saved if a.marker in found)
    verdict.failed_but_saved = sum(1 for a in failures if a.marker in found)
    verdict.saved_after_restart = sum(1 for a in saved if a.started >= back_at)
    if failures:
        verdict.site_outage_seconds = max(a.ended for a in failures) - min(a.started for a in failures)

    for attempt in failures:
        if attempt.status != 503:
            what = "no answer" if attempt.status is None else f"HTTP {attempt.status}"
            verdict.violations.append(f"{attempt.marker}: failed with {what}, not 503 {attempt.error}".rstrip())
    for attempt in saved:
        if attempt.marker not in found:
            verdict.violations.append(f"{attempt.marker}: answered as saved but not in the database")
    for attempt in failures:
        if attempt.marker in found:
            verdict.violations.append(f"{attempt.marker}: failed ({attempt.status}) but saved nevertheless")
    if verdict.saved_after_restart == 0:
        verdict.violations.append("no write was saved after PostgreSQL came back: the site did not recover")
    if not any(a.started < restarted_at for a in saved):
        verdict.violations.append("no write was saved before the restart: the load never ran")
    return verdict


def report(verdict: Verdict, *, db_outage: float, restart_seconds: float) -> str:
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(verdict.failed_statuses.items(), key=str)) or "none"
    lines = [
        f"PostgreSQL refused connections for   {db_outage:.2f} s (restart command took {restart_seconds:.2f} s)",
        f"site answered failures during        {verdict.site_outage_seconds:.2f} s",
        f"requests (member admissions)         {verdict.requests}",
        f"failed requests                      {verdict.failed} ({statuses})",
        f"writes answered as saved             {verdict.answered_saved}",
        f"  of them found in the database      {verdict.answered_saved_found}",
        f"  saved after PostgreSQL came back   {verdict.saved_after_restart}",
        f"failed writes saved nevertheless     {verdict.failed_but_saved} (must be 0)",
        f"HTTP 500 and other server errors     {verdict.server_errors} (must be 0)",
    ]
    if verdict.violations:
        lines.append(f"VIOLATIONS ({len(verdict.violations)}):")
        lines.extend(f"  {v}" for v in verdict.violations[:50])
    else:
        lines.append("no violation")
    return "\n".join(lines)
