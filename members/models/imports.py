"""An import of a members file: the uploaded file, where its background task is, and what it found or saved."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.organisations import Organisation


class ImportState(models.TextChoices):
    CHECKING = "checking", _("Đang kiểm tra")
    CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
    SAVING = "saving", _("Đang lưu")
    DONE = "done", _("Đã lưu")
    FAILED = "failed", _("Không thành công")


class ImportJob(models.Model):
    """One uploaded file, checked (a preview) and then, once confirmed, saved; both steps run as tasks.

    The file itself is kept in the database, so that a worker on another machine can read it.
    `result` holds the preview: counts, refused rows and ignored columns (members.imports.checking).
    """

    branch = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    state = models.CharField(max_length=20, choices=ImportState.choices, default=ImportState.CHECKING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lần nhập tệp đoàn viên")
        verbose_name_plural = _("các lần nhập tệp đoàn viên")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_running(self) -> bool:
        return self.state in (ImportState.CHECKING, ImportState.SAVING)

    @property
    def percent(self) -> int:
        if self.state in (ImportState.CHECKED, ImportState.DONE):
            return 100
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0

    def is_stale(self, now: datetime.datetime) -> bool:
        """Running, but silent for longer than a task ever is: its worker was stopped."""
        limit = datetime.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
        return self.is_running and now - self.updated_at > limit
