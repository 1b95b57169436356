"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` makes a new `redis.Redis` around the pool on every cache
call; redis-py 5 and 6 build the client's table of response callbacks each time, which costs about
twice a GET on the loopback itself (0.1 ms; a signed-in page reads the cache twice: the session and
its content). The client holds no state of its own between commands (the connections are the
pool's), and redis-py's clients are safe to share between threads, so each pool's client is made
once. Everything else (the pools, the serializer, the options, read replicas) is Django's.

    CACHE_URL=redis://127.0.0.1:6379/0  ->  BACKEND chidoan.lib.redis_cache.RedisCache
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own members, not in django-stubs; the pool is kept in self._pools for the backend's life.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
