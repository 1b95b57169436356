"""gunicorn's settings for chidoan, read by gunicorn from the working directory.

    .venv/bin/gunicorn chidoan.wsgi --bind 127.0.0.1:8000 --workers 3

Each worker, once started, renders a one-line PDF before it takes a request
(`reports.render.page.warm_up`), so that the first report a user asks for costs
what every later one does: in each of its threads, as WeasyPrint's font
configuration is one per thread. `WARM_UP=false` turns it off.
"""

from __future__ import annotations

import os
import threading
from typing import Any

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# The sync worker by default (one request at a time per worker). GUNICORN_THREADS=N (N > 1) gives
# the gthread worker with N threads: while one request waits on PostgreSQL or Redis another runs,
# and a client's connection is kept alive. On this project's 2-core bench machine, quiet, the sync
# worker served the signed-in pages a little more (558 - 574 against 521 - 536 req/s) with a lower
# p99 (36 against 54 - 70 ms); under a load average of 10 - 19 the threads served more (README,
# Benchmarks). With threads, each holds its own database connection and font configuration.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"


def post_worker_init(worker: Any) -> None:
    if os.environ.get("WARM_UP", "true").strip().lower() in {"0", "false", "no", "off"}:
        return
    from reports.render.page import warm_up

    pool = getattr(worker, "tpool", None)  # the gthread worker's threads, which serve the requests
    if pool is None:
        size = warm_up()
        worker.log.info("chidoan: warm-up PDF rendered (%d bytes)", size)
        return
    count = worker.cfg.threads
    # Each task waits for the others, so the `count` tasks run on `count` different threads of the pool.
    together = threading.Barrier(count, timeout=120)

    def in_one_thread() -> int:
        together.wait()
        return warm_up()

    sizes = [task.result(timeout=300) for task in [pool.submit(in_one_thread) for _ in range(count)]]
    worker.log.info("chidoan: warm-up PDF rendered in %d threads (%d bytes)", len(sizes), sizes[0])
