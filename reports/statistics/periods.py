"""The periods of the Union's statistics: a quarter, a half-year, a year, or given dates.

Branches report quarterly, districts and provinces half-yearly and yearly; a period is
always a closed range of days, its first and last day both inside it.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    DATES = "dates", _("Từ ngày đến ngày")


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    year: int
    number: int = 0  # the quarter (1–4) or the half (1–2); 0 for a year or given dates

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if number not in ROMAN:
            raise ValueError(number)
        first_month = 3 * (number - 1) + 1
        return cls(
            PeriodKind.QUARTER, datetime.date(year, first_month, 1), _last_day(year, first_month + 2), year, number
        )

    @classmethod
    def half(cls, year: int, number: int) -> Period:
        if number not in (1, 2):
            raise ValueError(number)
        first_month = 1 if number == 1 else 7
        return cls(PeriodKind.HALF, datetime.date(year, first_month, 1), _last_day(year, first_month + 5), year, number)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31), year)

    @classmethod
    def dates(cls, starts_on: datetime.date, ends_on: datetime.date) -> Period:
        if ends_on < starts_on:
            raise ValueError((starts_on, ends_on))
        return cls(PeriodKind.DATES, starts_on, ends_on, ends_on.year)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Period:
        return cls(
            str(data["kind"]),
            datetime.date.fromisoformat(str(data["starts_on"])),
            datetime.date.fromisoformat(str(data["ends_on"])),
            int(str(data["year"])),
            int(str(data.get("number", 0))),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "year": self.year,
            "number": self.number,
        }

    @property
    def label(self) -> str:
        """As a document's title says it: "quý I năm 2025", "6 tháng đầu năm 2025"."""
        if self.kind == PeriodKind.QUARTER:
            return f"quý {ROMAN[self.number]} năm {self.year}"
        if self.kind == PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == PeriodKind.YEAR:
            return f"năm {self.year}"
        return f"từ ngày {self.starts_on:%d/%m/%Y} đến ngày {self.ends_on:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"quy-{self.number}-{self.year}"
        if self.kind == PeriodKind.HALF:
            return f"6-thang-{'dau' if self.number == 1 else 'cuoi'}-{self.year}"
        if self.kind == PeriodKind.YEAR:
            return f"nam-{self.year}"
        return f"{self.starts_on:%Y%m%d}-{self.ends_on:%Y%m%d}"
