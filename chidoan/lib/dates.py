"""The date of today, in the site's time zone (Asia/Ho_Chi_Minh)."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()
