"""The charter's arithmetic for a term, with no database: term length, committee size, being on schedule.

The services (terms.services) read what these rules need and refuse with the message;
the rules only answer yes or no, or compute a number, so that they can be tested alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from terms.models.planned import TargetKind
from terms.models.resolution import RATING_RANK

Span = tuple[datetime.date, datetime.date | None]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`months` after `day`, on the same day of the month or the month's last day (31/08 + 6 -> 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def term_length_bounds(*, starts_on: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """The earliest and latest end of a term of `months`: the upper level may change it by half a term at most."""
    return add_months(starts_on, months - months // 2), add_months(starts_on, months + months // 2)


def is_small_branch(*, active_members: int, threshold: int) -> bool:
    """A branch under `threshold` members has a Secretary and a Deputy only, no other committee members."""
    return active_members < threshold


def largest_committee_from(spans: Iterable[Span], day: datetime.date) -> int:
    """The most seats of `spans` (start, end or None) held together on any day from `day` on.

    The count only rises on a day a seat starts, so those days (and `day`) are the only ones to look at.
    """
    spans = list(spans)
    days = {day} | {start for start, _end in spans if start > day}
    return max(sum(1 for start, end in spans if start <= d and (end is None or end > d)) for d in days)


def expected_share(*, starts_on: datetime.date, ends_on: datetime.date, on: datetime.date) -> Decimal:
    """The share of the term elapsed on `on`, 0–1: what "on schedule" means for a target."""
    total = (ends_on - starts_on).days
    done = min(max((on - starts_on).days, 0), total)
    return Decimal(done) / Decimal(total)


def is_behind(
    *,
    kind: str,
    planned_value: Decimal | None,
    planned_rating: str,
    value: Decimal | None,
    rating: str,
    on: datetime.date,
    term_starts_on: datetime.date,
    term_ends_on: datetime.date,
) -> bool:
    """Whether a reading on `on` is behind schedule (then the charter asks for the reason).

    A rating is behind below the planned rating; a yes/no target only once the term is over
    and it is still not done; a number or a share below the planned value times the share of
    the term elapsed.
    """
    if kind == TargetKind.RATING:
        return RATING_RANK.get(rating, 0) < RATING_RANK[planned_rating]
    if kind == TargetKind.BOOLEAN:
        return on >= term_ends_on and (value or 0) < 1
    share = expected_share(starts_on=term_starts_on, ends_on=term_ends_on, on=on)
    return (value or 0) < (planned_value or 0) * share


def area_name(text: str) -> str:
    """An area of work as stored and matched: white space folded ("  Công tác  tổ chức " -> "Công tác tổ chức")."""
    return " ".join(text.split())
