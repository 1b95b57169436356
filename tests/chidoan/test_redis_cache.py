"""The Redis cache backend (chidoan.lib.redis_cache): Django's, with one client per connection pool.

Runs against Redis (`TEST_REDIS_URL`, by default db 10), skipped without it, failed without it on CI.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.core.cache import caches

from chidoan.lib.redis_cache import RedisCache
from tests.chidoan.test_figures_cache import REDIS_URL, redis_answers


@pytest.fixture
def redis_cache(settings):
    if not redis_answers(REDIS_URL):
        if os.environ.get("CI"):
            pytest.fail(f"Redis does not answer at {REDIS_URL}: .ci/run starts it")
        pytest.skip(f"Redis does not answer at {REDIS_URL} (TEST_REDIS_URL)")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {"BACKEND": "chidoan.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    }
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    yield cache
    client = cache._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_every_call_goes_through_one_client_of_the_pool(redis_cache):
    """Django's own backend makes a new redis-py client on every call (half the cost of a read)."""
    first = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is first
    assert redis_cache._cache.get_client("a key") is first


def test_the_cache_reads_what_was_written_and_forgets_what_was_deleted(redis_cache):
    redis_cache.set("ho-so", {"tên": "Lâm Văn An"}, 60)
    redis_cache.set_many({"a": 1, "b": (2, "ba")}, 60)
    assert redis_cache.get("ho-so") == {"tên": "Lâm Văn An"}
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": (2, "ba")}
    assert redis_cache.add("a", 9) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None
    assert redis_cache.add("n", 1) is True
    assert redis_cache.incr("n") == 2


def test_two_servers_read_from_the_replica_and_write_to_the_first(settings):
    """With a replica (LOCATION "primary,replica") a read may go to either pool; each pool has its own client."""
    backend = RedisCache(f"{REDIS_URL},{REDIS_URL}", {})
    client = backend._cache
    writer = client.get_client(write=True)
    readers = {id(client.get_client()) for _ in range(20)}
    assert readers == {id(client._clients[id(client._pools[1])])}
    assert writer is client._clients[id(client._pools[0])]
    assert writer is not client._clients[id(client._pools[1])]
