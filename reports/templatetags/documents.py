"""Filters for the documents' templates only (templates/reports/congress): the interface writes counts as numbers."""

from __future__ import annotations

from django import template

from chidoan.lib.text import bind_last_words, two_digits

register = template.Library()


@register.filter(name="two_digits")
def two_digits_filter(n: int) -> str:
    """A count as the Union's documents write it: "05 đồng chí" ("0" for none, never "00")."""
    return two_digits(int(n))


@register.filter(name="bind_last_words")
def bind_last_words_filter(line: str) -> str:
    """A header line whose last word never wraps alone (the last two words bound by U+00A0)."""
    return bind_last_words(str(line))
