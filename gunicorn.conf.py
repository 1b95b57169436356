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
# Threads per worker (the gthread worker): while one request waits on PostgreSQL or Redis another
# runs, and a client's connection is kept alive between its requests. GUNICORN_THREADS=1 is the
# sync worker (one request at a time, a new connection for each).
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
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
