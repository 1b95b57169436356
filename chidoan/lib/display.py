"""A stored value as a reader understands it: the name of a choice, "Có"/"Không", 2,5, 20/08/2024.

One rule for every page that shows a field's value outside its form: the history pages
(chidoan.lib.history) and the refusal of a stale save (chidoan.lib.locking).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from chidoan.lib.numbers import vn_number


def value_text(field: models.Field, value: Any, *, empty: str = "") -> str:
    """`value` of `field`; None and "" give `empty`. A related object shows as its str()."""
    if value is None or value == "":
        return empty
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, Decimal | float):
        return vn_number(value)
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d/%m/%Y %H:%M}"
        )
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)
