"""Two saves at the same instant: each in its own thread (so its own database connection), released
together by a barrier, and what each got back: a response, a value, or the exception it raised."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connections

# How many times each race is run: a race that is lost 6 times in 10 is seen in almost every run.
TRIALS = 10

STALE = "vừa được người khác thay đổi"

only_on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a real race needs PostgreSQL's row locks; SQLite serialises every write (set DATABASE_URL)",
)


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def race(*calls: Callable[[], Any], timeout: float = 60) -> list[Outcome]:
    """Run `calls` together, each in a thread with its own connection, and return what each gave."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _call in calls]

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            outcomes[index].value = call()
        except BaseException as exc:  # whatever it was, the test shows it
            outcomes[index].error = exc
        finally:
            connections.close_all()  # the thread's own connection, or the test database cannot be flushed

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a save is still waiting: a deadlock?"
    return outcomes


def responses(outcomes: list[Outcome]) -> list[Any]:
    """The responses of a race of POSTs; a request that crashed (a 500) fails the test with its traceback."""
    for outcome in outcomes:
        if outcome.error is not None:
            raise AssertionError(f"a save crashed instead of being refused: {outcome.error!r}") from outcome.error
    return [outcome.value for outcome in outcomes]


def one_saved_one_refused(outcomes: list[Outcome]) -> Any:
    """The refused response: one redirect after the save, one page saying why, never a 500."""
    got = responses(outcomes)
    codes = sorted(response.status_code for response in got)
    assert codes == [200, 302], f"expected one save and one refusal, got {codes}"
    return next(r for r in got if r.status_code == 200)
