"""`{% frame_url 'name' %}` and `{% frame_static 'path' %}`: base.html's links and files, once per process (chidoan.web.frame)."""

from __future__ import annotations

from django import template

from chidoan.web.frame import frame_reverse
from chidoan.web.frame import frame_static as _frame_static

register = template.Library()


@register.simple_tag
def frame_url(name: str) -> str:
    """The address of a URL name without arguments, as `{% url name %}` gives it."""
    return frame_reverse(name)


@register.simple_tag
def frame_static(path: str) -> str:
    """The address of a static file, as `{% static path %}` gives it."""
    return _frame_static(path)
