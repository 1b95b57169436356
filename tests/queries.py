"""One way to guard against N+1 queries: measure the same page at two sizes, the counts must be equal.

    def test_the_list_costs_the_same_for_more_members(client, roles, assert_constant_queries):
        def build(n):               # make the data bigger: n more rows of what the page lists
            make_members(n)
            return url("list")      # what to measure: a URL (GET by `client`) or a callable
        assert_constant_queries(build, client=client, sizes=(5, 15))

`build(n)` is called for each size in turn (adding rows on top of the previous ones is fine:
the counts are compared between sizes); a URL is fetched once before measuring, so that a
first request's session write is not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(target: str | Callable[[], Any], *, client: Any = None) -> int:
    """The number of queries one GET of the URL (or one call of the callable) runs."""
    if isinstance(target, str):
        assert client is not None, "a URL needs the test client"
        warm = client.get(target)
        assert warm.status_code == 200, f"{target} answered {warm.status_code}"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target)
        assert response.status_code == 200, f"{target} answered {response.status_code}"
    else:
        with CaptureQueriesContext(connection) as captured:
            target()
    return len(captured)


def assert_constant_queries(
    build: Callable[[int], str | Callable[[], Any]], *, client: Any = None, sizes: Sequence[int] = (3, 9)
) -> list[int]:
    """Build the data at each size, measure, and require the same number of queries at every size."""
    counts = []
    for size in sizes:
        target = build(size)
        counts.append(count_queries(target, client=client))
    assert len(set(counts)) == 1, f"queries grow with the data: {dict(zip(sizes, counts, strict=True))}"
    return counts
