"""Yearly ratings (xếp loại) of members and of branches."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models.choices import RatingLevel
from members.models.members import Member
from members.models.organisations import Organisation


class MemberRating(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1931), MaxValueValidator(2200)])
    level = models.CharField(_("xếp loại"), max_length=20, choices=RatingLevel.choices)
    participation_percent = models.DecimalField(
        _("tỷ lệ tham gia sinh hoạt (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại đoàn viên")
        verbose_name_plural = _("xếp loại đoàn viên")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="member_rating_once_a_year")]

    def __str__(self) -> str:
        return f"{self.member} – {self.year}: {self.get_level_display()}"


class BranchRating(models.Model):
    branch = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1931), MaxValueValidator(2200)])
    level = models.CharField(_("xếp loại"), max_length=20, choices=RatingLevel.choices)
    rank_note = models.CharField(_("ghi chú (thứ hạng...)"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại chi đoàn")
        verbose_name_plural = _("xếp loại chi đoàn")
        ordering = ["branch", "year"]
        constraints = [models.UniqueConstraint(fields=["branch", "year"], name="branch_rating_once_a_year")]

    def __str__(self) -> str:
        return f"{self.branch} – {self.year}: {self.get_level_display()}"
