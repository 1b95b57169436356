"""The settings of a bench that serves pages in its own process as production does: DEBUG off, a test host.

Imported after the checkout is on sys.path and before Django is set up (bench/profile_pages.py,
bench/frame_cost.py); each setting the environment already holds is kept.
"""

from __future__ import annotations

import os


def production_like(name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidoan.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", f"{name}-bench-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
