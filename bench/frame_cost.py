"""What each piece common to every signed-in page costs on a cached dashboard request, in process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB CACHE_URL=redis://127.0.0.1:6379/9 DASHBOARD_CACHE=on \\
        .venv/bin/python bench/frame_cost.py [--rounds 15] [--requests 20]

DB must hold the demo (``manage.py migrate && manage.py load_demo``) and ``manage.py collectstatic``
must have run (the manifest); nothing is written to the database but the session of the demo
Secretary. DEBUG is off, as in production.

Each request of the dashboard goes through the whole middleware chain (Django's test client) with a
probe between every two middleware and around every ``process_view``: a middleware's own time is what
it spends before and after the next probe (its ``__call__``, ``process_request``, ``process_response``),
the view's is what is left inside the innermost probe after the ``process_view`` hooks. The session
read and the login read happen lazily, in the first ``process_view`` that reads ``request.user``
(PasswordChangeRequired), so they are also timed apart: the session read (``SessionStore.load``: a
cache read) and the login read (``auth.get_user``: the user query); likewise each context processor
(called on the request the view saw) and the page frame (``base.html`` rendered with an empty content
block). The rounds run the pieces in an order that rotates every round; the figure is the median per
request, and the share is against the median whole request measured in the same rounds.

``--ab`` also times the chain with one middleware left out at a time (not the session or the
authentication middleware: the page needs a user), interleaved: a middleware's cost is then the
median over the rounds of (full chain - chain without it). Much noisier on a loaded machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.in_process import production_like  # noqa: E402

production_like("frame-cost")

BRANCH_SLUG = "so-lao-dong-thuong-binh-va-xa-hoi"
PATH = f"/chi-doan/{BRANCH_SLUG}/tong-quan/"
# The page cannot be served without these (no user): timed apart instead.
KEPT = {
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
}


class Probe:
    """Notes the time a request passes it on the way in and on the way out (``request._probes``)."""

    index = 0

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        marks = request.__dict__.setdefault("_probes", {})
        marks[("in", self.index)] = time.perf_counter()
        response = self.get_response(request)
        marks[("out", self.index)] = time.perf_counter()
        return response


def probe_class(index: int) -> str:
    """The dotted path of a Probe subclass with this index (importable by load_middleware)."""
    name = f"Probe{index}"
    if name not in globals():
        globals()[name] = type(name, (Probe,), {"index": index})
    return f"{__name__}.{name}"


def per_request_ms(action: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        action()
    return (time.perf_counter() - start) / count * 1000


def spread(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0], ordered[0], ordered[0]
    q = statistics.quantiles(ordered, n=4)
    return q[0], statistics.median(ordered), q[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--repeat", dest="rounds", type=int, default=argparse.SUPPRESS, help="the same as --rounds")
    parser.add_argument("--requests", type=int, default=20, help="requests per piece per round")
    parser.add_argument("--user", default="bithu")
    parser.add_argument("--ab", action="store_true", help="also the chain with one middleware left out at a time")
    args = parser.parse_args()
    sys.modules.setdefault(__name__, sys.modules[__name__])

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user
    from django.contrib.auth.models import User
    from django.template import engines
    from django.test import Client, override_settings
    from django.utils.module_loading import import_string

    user = User.objects.get(username=args.user)
    full = list(settings.MIDDLEWARE)

    def client_for(middleware: list[str]) -> Client:
        client = Client()
        with override_settings(MIDDLEWARE=middleware):
            client.handler.load_middleware()
        return client

    probed_chain: list[str] = []
    for index, name in enumerate(full):
        probed_chain += [probe_class(index), name]
    probed_chain.append(probe_class(len(full)))
    probed = client_for(probed_chain)
    # Each process_view hook timed on its own (they run inside the innermost probe, before the view).
    view_hooks: dict[str, list[float]] = {}

    def timed_hook(hook: Callable[..., Any]) -> Callable[..., Any]:
        label = type(hook.__self__).__name__  # type: ignore[attr-defined]

        def run(request: Any, *rest: Any) -> Any:
            start = time.perf_counter()
            try:
                return hook(request, *rest)
            finally:
                request.__dict__.setdefault("_hooks", {})[label] = time.perf_counter() - start

        view_hooks[label] = []
        return run

    probed.handler._view_middleware = [timed_hook(hook) for hook in probed.handler._view_middleware]

    variants: dict[str, Client] = {"full chain": client_for(full)}
    if args.ab:
        for name in full:
            if name not in KEPT:
                variants[name] = client_for([m for m in full if m != name])
    base = variants["full chain"]
    base.force_login(user)
    for client in [*variants.values(), probed]:
        client.cookies = base.cookies
        for _ in range(3):  # warm: templates, the figures cache, the connection
            response = client.get(PATH)
            assert response.status_code == 200, (response.status_code, response.get("Location"))

    # The pieces timed apart, on the request the view saw (its branch access included).
    seen = base.get(PATH)
    request = seen.wsgi_request
    session_key = base.cookies[settings.SESSION_COOKIE_NAME].value
    engine = import_string(settings.SESSION_ENGINE)
    processors = {path: import_string(path) for path in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]}
    frame = engines["django"].from_string('{% extends "base.html" %}')

    def load_session() -> None:
        engine.SessionStore(session_key).load()

    def load_user() -> None:
        request.session = engine.SessionStore(session_key)
        if hasattr(request, "_cached_user"):
            del request._cached_user
        assert get_user(request).is_authenticated

    def render_frame() -> None:
        frame.render({}, request)

    apart: dict[str, Callable[[], None]] = {
        "apart: session read (SessionStore.load, a cache read)": load_session,
        "apart: session read + login (auth.get_user, the user query)": load_user,
        "apart: base.html, empty content, with the context processors": render_frame,
    }
    from django.shortcuts import render
    from django.urls import resolve
    from django.utils.translation import get_language

    from chidoan.lib import figures_cache
    from chidoan.lib.access import branch_access_by_slug
    from chidoan.lib.dates import today as local_today

    access = request.branch_access
    today = local_today()
    part = f"dashboard:{access.role}:{get_language()}:{access.term.pk if access.term else 0}:{today.isoformat()}"
    body = figures_cache.cached(access.branch.pk, part, lambda: "")
    assert body, "the dashboard's content is not in the cache (DASHBOARD_CACHE=on and a shared CACHE_URL?)"
    match = resolve(PATH)
    apart["apart: the view function called again on that request (signed in)"] = lambda: match.func(
        request, *match.args, **match.kwargs
    )
    apart["apart: access check (branch_access_by_slug, one query)"] = lambda: branch_access_by_slug(user, BRANCH_SLUG)
    apart["apart: cached content read (figures_cache.cached, one cache read)"] = lambda: figures_cache.cached(
        access.branch.pk, part, lambda: ""
    )
    apart["apart: dashboard.html rendered with the cached content"] = lambda: render(
        request, "dashboard/dashboard.html", {"access": access, "term": access.term, "body": body}
    )
    for path, processor in processors.items():
        apart[f"apart: context processor {path.rsplit('.', 1)[-1]}"] = lambda p=processor: dict(p(request))  # type: ignore[misc]

    layer_names = [name.rsplit(".", 1)[-1] for name in full]
    layers: dict[str, list[float]] = {name: [] for name in layer_names}
    view_left: list[float] = []
    probed_whole: list[float] = []

    def probed_request() -> None:
        response = probed.get(PATH)
        marks = response.wsgi_request._probes
        hooks = response.wsgi_request.__dict__.get("_hooks", {})
        n = len(full)
        for index, name in enumerate(layer_names):
            own = (marks[("in", index + 1)] - marks[("in", index)]) + (
                marks[("out", index)] - marks[("out", index + 1)]
            )
            layers[name].append(own * 1000)
        inner = marks[("out", n)] - marks[("in", n)]
        for label, seconds in hooks.items():
            view_hooks[label].append(seconds * 1000)
        view_left.append((inner - sum(hooks.values())) * 1000)
        probed_whole.append((marks[("out", 0)] - marks[("in", 0)]) * 1000)

    names = ["probed chain", *variants, *apart]
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(args.rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            if name == "probed chain":
                samples[name].append(per_request_ms(probed_request, args.requests))
            elif name in variants:
                client = variants[name]
                samples[name].append(per_request_ms(lambda c=client: c.get(PATH), args.requests))
            else:
                samples[name].append(per_request_ms(apart[name], args.requests))

    whole = statistics.median(samples["full chain"])
    print(
        f"\n{PATH} as {args.user}, DEBUG off, {settings.SESSION_ENGINE}, cache "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, {args.rounds} rounds x {args.requests} requests,"
        f" load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"\n{'piece (ms a request; p25..p75)':<66} {'median':>7} {'p25..p75':>13} {'share':>6}")

    def row(label: str, values: list[float]) -> None:
        low, mid, high = spread(values)
        print(f"{label:<66} {mid:7.3f} {f'{low:.2f}..{high:.2f}':>13} {mid / whole:6.3f}")

    row("whole request, full chain (test client, no probes)", samples["full chain"])
    row("whole request with the probes, the client's own work included", samples["probed chain"])
    row("inside the handler: outermost probe in to out", probed_whole)
    for name in layer_names:
        row(f"middleware {name} (own __call__ / request / response)", layers[name])
    for label, values in view_hooks.items():
        row(f"process_view {label}", values)
    row("view: resolve, access check, cached content, render with the frame", view_left)
    for name in apart:
        row(name, samples[name])
    if args.ab:
        print("\nleft out one at a time, interleaved (full chain - chain without it):")
        for name in list(variants)[1:]:
            row(
                f"  without {name.rsplit('.', 1)[-1]}",
                [f - v for f, v in zip(samples["full chain"], samples[name], strict=True)],
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
