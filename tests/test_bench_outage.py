"""bench/outage.py (PostgreSQL restarted under a write load): it starts, and its verdict is right.

The bench itself restarts PostgreSQL, so CI runs it after the test suite (.ci/run); these
tests check what it would conclude from what the load saw and what the database holds.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAVED_AT = "/chi-doan/so-lao-dong-thuong-binh-va-xa-hoi/doan-vien/{}/"


@pytest.fixture(scope="module")
def outage():
    spec = importlib.util.spec_from_file_location("bench_outage", ROOT / "bench" / "outage.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_outage"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def attempts(outage, *rows):
    """(marker, start, status) rows; a 302 goes to the new member's page."""
    return [
        outage.Attempt(marker, start, start + 0.1, status, SAVED_AT.format(i) if status == 302 else "")
        for i, (marker, start, status) in enumerate(rows, 1)
    ]


def test_a_clean_outage_has_no_violation_and_its_figures_add_up(outage):
    seen = attempts(outage, ("a", 1, 302), ("b", 5, 503), ("c", 6, 503), ("d", 9, 302), ("e", 10, 302))
    verdict = outage.judge(seen, {"a", "d", "e"}, restarted_at=4, back_at=8)
    assert verdict.violations == []
    assert (verdict.requests, verdict.failed, verdict.answered_saved, verdict.answered_saved_found) == (5, 2, 3, 3)
    assert verdict.failed_statuses == {503: 2}
    assert verdict.saved_after_restart == 2
    assert verdict.site_outage_seconds == pytest.approx(1.1)
    assert "no violation" in outage.report(verdict, db_outage=1.0, restart_seconds=1.2)


def test_a_500_a_dropped_connection_and_a_form_error_are_violations(outage):
    seen = attempts(outage, ("a", 1, 302), ("b", 5, 500), ("c", 5, None), ("d", 5, 200), ("e", 9, 302))
    verdict = outage.judge(seen, {"a", "e"}, restarted_at=4, back_at=8)
    assert verdict.server_errors == 1
    assert len(verdict.violations) == 3
    assert "VIOLATIONS (3)" in outage.report(verdict, db_outage=1.0, restart_seconds=1.2)


def test_a_lost_write_and_a_failed_write_that_was_saved_are_violations(outage):
    seen = attempts(outage, ("a", 1, 302), ("b", 5, 503), ("c", 9, 302))
    verdict = outage.judge(seen, {"b", "c"}, restarted_at=4, back_at=8)
    assert verdict.failed_but_saved == 1
    assert verdict.answered_saved_found == 1
    assert any("not in the database" in v for v in verdict.violations)
    assert any("saved nevertheless" in v for v in verdict.violations)


def test_a_site_that_does_not_recover_is_a_violation(outage):
    seen = attempts(outage, ("a", 1, 302), ("b", 5, 503), ("c", 9, 503))
    verdict = outage.judge(seen, {"a"}, restarted_at=4, back_at=8)
    assert any("did not recover" in v for v in verdict.violations)


def test_a_redirect_to_the_sign_in_page_is_not_a_saved_write(outage):
    signed_out = outage.Attempt("a", 1, 2, 302, "/tai-khoan/login/?next=/chi-doan/x/")
    assert not signed_out.answered_saved


def test_the_outage_bench_starts_and_explains_its_options():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "outage.py"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--private-cluster" in result.stdout
    assert "--threads" in result.stdout


def test_ci_runs_the_outage_bench_after_the_postgresql_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bench/outage.py" in ci
    assert ci.index("bench/outage.py") > ci.index('DATABASE_URL="postgres://')
