"""A per-branch cache of computed figures (the dashboard's), never stale: every write they come from bumps a token.

A figure is stored with the branch's token (and the installation's) it was computed under, and
read together with the current tokens in one round trip; an entry whose tokens are not the
current ones is never served, so a bump makes every earlier entry of that branch stale at once,
whatever date or term it was for:

    chidoan:figures:<branch>:<part>  ->  (<global token>, <branch token>, value)

`invalidate_branches(ids)` bumps at once and again when the transaction commits: the first bump
stops this process from reading what it is changing, the second throws away what another
request may have computed from the old rows between the first bump and the commit. What calls
it: the model signals of `chidoan.web.invalidation` (every save and delete through the services,
the admin, the shell) and, for bulk writes, which send no signal, the services themselves.

The cache is Django's default cache (`CACHE_URL`). Local memory is one process's own: an
invalidation in one gunicorn worker, or in the task worker that runs an import, would not reach
the others, so with local memory the figures are computed every time unless `DASHBOARD_CACHE`
says `on` (one process only: the tests, a single `runserver`). See `enabled()`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

_GLOBAL = "figures:all"
_MISSING = object()


def enabled() -> bool:
    """Whether figures are cached: `DASHBOARD_CACHE` on/off, or `auto`: only with a cache shared between processes."""
    mode = getattr(settings, "DASHBOARD_CACHE", "auto")
    if mode == "auto":
        backend = str(settings.CACHES["default"]["BACKEND"])
        return not backend.endswith(("LocMemCache", "DummyCache"))
    return bool(mode == "on")


def _branch_key(branch_id: int) -> str:
    return f"figures:branch:{branch_id}"


def _token(key: str, tokens: dict[str, str]) -> str:
    token = tokens.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)  # only if no other process made one meanwhile
        token = cache.get(key) or uuid.uuid4().hex
    return token


def cached(branch_id: int, part: str, compute: Callable[[], T]) -> T:
    """`compute()` for this branch and `part` (which names everything else it depends on), from the cache if there."""
    if not enabled():
        return compute()
    key = f"figures:{branch_id}:{part}"
    found = cache.get_many([_GLOBAL, _branch_key(branch_id), key])  # one round trip: the tokens and the entry
    tokens = (_token(_GLOBAL, found), _token(_branch_key(branch_id), found))
    entry = found.get(key, _MISSING)
    if isinstance(entry, tuple) and len(entry) == 3 and entry[:2] == tokens:
        return cast(T, entry[2])
    value = compute()
    cache.set(key, (*tokens, value))  # for CACHE_TIMEOUT seconds at most; stale as soon as a token moves
    return value


def cached_many(
    branch_ids: Iterable[int], part: str, compute_missing: Callable[[list[int]], dict[int, T]]
) -> dict[int, T]:
    """Per branch of `branch_ids`: its value for `part`, from the cache, the missing ones from one `compute_missing`.

    One round trip reads the global token, every branch's token and every entry (1,000 branches:
    2,001 keys); `compute_missing(ids)` is called once, for the branches without a current entry
    only, and its answers are stored in one more. A branch `compute_missing` leaves out of its
    answer is stored as left out (None) and left out of this answer too. A branch seen for the
    first time gets its token here, all in one `set_many` before the computing (not `add` one by
    one, which would be 1,000 round trips): overwriting a token another process set meanwhile
    only makes that process's entry stale, and what is computed after the token is set has
    seen every write whose bump came before.
    """
    ids = list(dict.fromkeys(branch_ids))
    if not enabled():
        return compute_missing(ids)
    if not ids:
        return {}
    keys = {i: f"figures:{i}:{part}" for i in ids}
    found = cache.get_many([_GLOBAL, *(_branch_key(i) for i in ids), *keys.values()])
    everything = _token(_GLOBAL, found)
    new_tokens = {_branch_key(i): uuid.uuid4().hex for i in ids if _branch_key(i) not in found}
    if new_tokens:
        cache.set_many(new_tokens, timeout=None)
    result: dict[int, T] = {}
    missing: list[int] = []
    tokens: dict[int, tuple[str, str]] = {}
    for i in ids:
        tokens[i] = (everything, found.get(_branch_key(i)) or new_tokens[_branch_key(i)])
        entry = found.get(keys[i], _MISSING)
        if isinstance(entry, tuple) and len(entry) == 3 and entry[:2] == tokens[i]:
            if entry[2] is not None:
                result[i] = cast(T, entry[2])
        else:
            missing.append(i)
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[i]: (*tokens[i], computed.get(i)) for i in missing})  # CACHE_TIMEOUT at most
        result.update((i, computed[i]) for i in missing if i in computed)
    return result


def _bump(keys: list[str]) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


def invalidate_branches(branch_ids: Iterable[int | None]) -> None:
    """The figures of these branches are stale: now, and again once the transaction commits."""
    keys = sorted({_branch_key(i) for i in branch_ids if i is not None})
    if not keys or not enabled():
        return
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def invalidate_all() -> None:
    """Every branch's figures are stale (a restore, a write whose branch cannot be told)."""
    if not enabled():
        return
    _bump([_GLOBAL])
    transaction.on_commit(lambda: _bump([_GLOBAL]))
