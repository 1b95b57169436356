"""The charter's arithmetic for a term, with no database: term length, committee size, being on schedule.

The services (terms.services) read what these rules need and refuse with the message;
the rules only answer yes or no, or compute a number, so that they can be tested alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from terms.models.planned import TargetKind
from terms.models.resolution import RATING_RANK

if TYPE_CHECKING:
    from terms.models import ProgressEntry, Target, Term

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


def is_behind(target: Target, entry: ProgressEntry, *, term: Term) -> bool:
    """Whether `entry` (a reading of `target`, not yet saved perhaps) is behind schedule in `term`.

    Then the charter asks for the reason. A rating is behind below the planned rating; a
    yes/no target only once the term is over and it is still not done; a number or a share
    below the planned value times the share of the term elapsed. Reads only the objects given.
    """
    if target.kind == TargetKind.RATING:
        return RATING_RANK.get(entry.rating, 0) < RATING_RANK[target.planned_rating]
    if target.kind == TargetKind.BOOLEAN:
        return entry.recorded_on >= term.ends_on and (entry.value or 0) < 1
    share = expected_share(starts_on=term.starts_on, ends_on=term.ends_on, on=entry.recorded_on)
    return (entry.value or 0) < (target.planned_value or 0) * share


def area_name(text: str) -> str:
    """An area of work as stored and matched: white space folded ("  Công tác  tổ chức " -> "Công tác tổ chức")."""
    return " ".join(text.split())
