"""Accent-free search, the same on SQLite and PostgreSQL: every word of the query in a stored search key.

The key is `chidoan.lib.text.search_key` of the searched text (lower case, no accents,
đ -> d), stored beside the text when it is saved, so the database compares plain
ASCII whatever its collation and the query needs no function on the column.
"""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q

from chidoan.lib.text import search_key


def text_matches(query: str, text: str) -> bool:
    """The same rule in Python, for a short list whose rows store no key: every word of `query` is in `text`."""
    key = search_key(text)
    return all(word in key for word in search_key(query).split())


def search_condition(query: str, *, field: str = "search_key") -> Q:
    """Every accent-free word of `query` is in `field` (a stored search key, or a path to one)."""
    condition = Q()
    for word in search_key(query).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition


class SearchQuerySet(models.QuerySet):
    """A QuerySet with `.search(query)`; `search_field` names the stored key (through a join if need be)."""

    search_field = "search_key"

    def search(self, query: str, *, field: str | None = None) -> Self:
        return self.filter(search_condition(query, field=field or self.search_field))
