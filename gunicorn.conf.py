"""gunicorn's settings for chidoan, read by gunicorn from the working directory.

    .venv/bin/gunicorn chidoan.wsgi --bind 127.0.0.1:8000 --workers 3

Each worker, once started, renders a one-line PDF before it takes a request
(`reports.render.page.warm_up`), so that the first report a user asks for costs
what every later one does. `WARM_UP=false` turns it off.
"""

from __future__ import annotations

import os
from typing import Any

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))


def post_worker_init(worker: Any) -> None:
    if os.environ.get("WARM_UP", "true").strip().lower() in {"0", "false", "no", "off"}:
        return
    from reports.render.page import warm_up

    size = warm_up()
    worker.log.info("chidoan: warm-up PDF rendered (%d bytes)", size)
