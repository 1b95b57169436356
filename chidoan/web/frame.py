"""The page frame's addresses (its links, its static files), worked out once per process instead of on every page.

`reverse()` and `{% static %}` (the manifest's hashed names) cost a tenth of a millisecond or so
each, and every page of a branch asks for about fifteen of them that are the same on every
request: the header's links, the branch's tabs, the stylesheets and scripts. They are kept here
in process memory, keyed by everything they are computed from, so a kept address is never a
stale one:

- an address by its URL name and arguments (a branch's slug, a member's pk: a renamed branch
  gets new keys) and the URLconf, the script prefix (`SCRIPT_NAME`) and the language in force;
- a static file by its path and `STATIC_URL`; the manifest itself is read once per process by
  Django's storage anyway.

Only addresses are kept, each under its own arguments (the reader's own record under their
member's pk), in one process's memory; at most 4,096 of them and 256 files, the least used
dropped first. A change of the settings they come from (the tests' `override_settings`) empties
both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _reversed(urlconf: Any, prefix: str, language: str | None, name: str, kwargs: tuple[tuple[str, Any], ...]) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(kwargs))


@lru_cache(maxsize=256)
def _static(static_url: str | None, path: str) -> str:
    return static(path)


def frame_reverse(name: str, **kwargs: Any) -> str:
    """`reverse(name, kwargs=kwargs)`, computed once per process for each URLconf, script prefix and language."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(urlconf, get_script_prefix(), get_language(), name, tuple(sorted(kwargs.items())))


def frame_static(path: str) -> str:
    """`{% static path %}`, computed once per process for each `STATIC_URL`."""
    return _static(settings.STATIC_URL, path)


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL", "STORAGES", "INSTALLED_APPS", "LANGUAGES"}:
        _reversed.cache_clear()
        _static.cache_clear()
