"""A periodic statistics report (báo cáo số liệu) asked for by an officer: its period, its background task, its result.

The figures are computed and the documents rendered by a task (reports.statistics.tasks), which may
take long for a province; the issued result is an IssuedDocument (numbered, frozen, the PDF) and the
XLSX workbook kept here beside it, with its checksum.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from reports.models.documents import IssuedDocument


class StatisticsState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang tính số liệu")
    DONE = "done", _("Đã ban hành")
    FAILED = "failed", _("Không thành công")


class StatisticsReport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="statistics_reports")
    period_kind = models.CharField(_("loại kỳ báo cáo"), max_length=10)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    period_year = models.PositiveSmallIntegerField(_("năm"))
    period_number = models.PositiveSmallIntegerField(_("quý / 6 tháng"), default=0)
    issued_on = models.DateField(_("ngày ban hành"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=20, choices=StatisticsState.choices, default=StatisticsState.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    issued = models.OneToOneField(
        IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="statistics_report"
    )
    xlsx = models.BinaryField(blank=True, default=b"")
    xlsx_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo số liệu")
        verbose_name_plural = _("báo cáo số liệu")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y} ({self.get_state_display()})"

    @property
    def is_running(self) -> bool:
        return self.state in (StatisticsState.QUEUED, StatisticsState.RUNNING)

    @property
    def percent(self) -> int:
        if self.state == StatisticsState.DONE:
            return 100
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0
