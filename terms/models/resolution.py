"""The congress resolution of a term, its targets and their dated progress."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, RatingLevel
from terms.models.planned import PlannedTarget, TargetKind
from terms.models.term import Term


class Resolution(models.Model):
    term = models.OneToOneField(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.CASCADE, related_name="resolution")
    title = models.CharField(_("tên"), max_length=255, blank=True)
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nghị quyết Đại hội")
        verbose_name_plural = _("nghị quyết Đại hội")

    def __str__(self) -> str:
        return self.title or f"{_('Nghị quyết Đại hội')} {self.term.label}"


class Outcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    ACHIEVED = "achieved", _("Đạt")
    EXCEEDED = "exceeded", _("Vượt")
    NOT_ACHIEVED = "not_achieved", _("Chưa đạt")


# Best first, to compare a rating with the one planned.
RATING_RANK: dict[str, int] = {
    RatingLevel.EXCELLENT: 4,
    RatingLevel.GOOD: 3,
    RatingLevel.COMPLETED: 2,
    RatingLevel.NOT_COMPLETED: 1,
}


def compare_reading(
    *, kind: str, planned_value: Decimal | None, planned_rating: str, value: Decimal | None, rating: str
) -> int:
    """Pure: a reading against the target planned, 1 above, 0 met, -1 below (Target.outcome_on's rule).

    Also read from plain values (chidoan.web.overview counts the targets reached without models).
    """
    got: Decimal | int
    want: Decimal | int
    if kind == TargetKind.RATING:
        got, want = RATING_RANK.get(rating, 0), RATING_RANK[planned_rating]
    elif kind == TargetKind.BOOLEAN:
        return 0 if (value or 0) > 0 else -1
    else:
        got, want = value or Decimal(0), planned_value or Decimal(0)
    return (got > want) - (got < want)


class Target(PlannedTarget):
    """Chỉ tiêu: a measurable goal of the resolution."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("nghị quyết"), on_delete=models.CASCADE, related_name="targets"
    )
    responsible = models.ForeignKey(
        Member,
        verbose_name=_("ủy viên phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_targets",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["resolution", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=TargetKind.RATING, planned_rating__gt="")
                | (~Q(kind=TargetKind.RATING) & Q(planned_value__isnull=False)),
                name="target_has_planned_value",
                violation_error_message=_("Cần ghi chỉ tiêu đề ra."),
            ),
        ]

    def latest_entry(self, on: datetime.date | None = None) -> ProgressEntry | None:
        """The latest reading (on or before `on` when given).

        Uses prefetched `progress_entries` when present, so lists stay at a fixed query count.
        """
        entries = [e for e in self.progress_entries.all() if on is None or e.recorded_on <= on]
        return max(entries, key=lambda e: (e.recorded_on, e.id)) if entries else None

    def outcome_on(self, on: datetime.date) -> str:
        """Đạt / Vượt / Chưa đạt once reached or once the term is over; otherwise in progress."""
        entry = self.latest_entry(on)
        term_over = on > self.resolution.term.ends_on
        if entry is None:
            return Outcome.NOT_ACHIEVED if term_over else Outcome.IN_PROGRESS
        comparison = self._compare(entry)
        if comparison > 0:
            return Outcome.EXCEEDED
        if comparison == 0:
            return Outcome.ACHIEVED
        return Outcome.NOT_ACHIEVED if term_over else Outcome.IN_PROGRESS

    def reached_on(self) -> datetime.date | None:
        """The day a reading first met the planned value (from prefetched entries when present)."""
        for entry in sorted(self.progress_entries.all(), key=lambda e: (e.recorded_on, e.id)):
            if self._compare(entry) >= 0:
                return entry.recorded_on
        return None

    def _compare(self, entry: ProgressEntry) -> int:
        return compare_reading(
            kind=self.kind,
            planned_value=self.planned_value,
            planned_rating=self.planned_rating,
            value=entry.value,
            rating=entry.rating,
        )

    def progress_percent(self) -> int:
        """For the progress bar: 0–100."""
        entry = self.latest_entry()
        if entry is None:
            return 0
        if self.kind == TargetKind.RATING:
            return 100 if self._compare(entry) >= 0 else 50
        if self.kind == TargetKind.BOOLEAN:
            return 100 if (entry.value or 0) > 0 else 0
        if not self.planned_value:
            return 100
        return max(0, min(100, int((entry.value or 0) * 100 / self.planned_value)))

    def reading_text(self, entry: ProgressEntry) -> str:
        """A reading as a reader says it: "2 đoàn viên", "85,5%", a rating, done / not done."""
        if self.kind == TargetKind.RATING:
            return str(RatingLevel(entry.rating).label) if entry.rating else "—"
        if entry.value is None:
            return "—"
        if self.kind == TargetKind.BOOLEAN:
            return str(_("Đã thực hiện") if entry.value > 0 else _("Chưa thực hiện"))
        return self.amount_text(entry.value)

    def reason_behind(self) -> str:
        entry = self.latest_entry()
        return entry.reason_behind if entry else ""


class ProgressEntry(models.Model):
    """A dated reading of a target: the value reached so far (cumulative), with evidence."""

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="progress_entries"
    )
    recorded_on = models.DateField(_("ngày ghi nhận"))
    value = models.DecimalField(_("kết quả đạt được"), max_digits=12, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("xếp loại đạt được"), max_length=20, choices=RatingLevel.choices, blank=True)
    evidence = models.TextField(_("minh chứng"), blank=True)
    reason_behind = models.TextField(_("lý do chưa đạt"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiến độ chỉ tiêu")
        verbose_name_plural = _("tiến độ chỉ tiêu")
        ordering = ["target", "recorded_on", "id"]
        indexes = [models.Index(fields=["target", "recorded_on"], name="progress_target_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(rating=""),
                name="progress_has_value",
                violation_error_message=_("Cần ghi kết quả đạt được."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.value if self.value is not None else self.get_rating_display()}"
