"""An import as the editor sees it: upload (a job, checked in the background), confirm (saved in the background)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import ImportJob, ImportState, Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STALE_ERROR = (
    "Việc xử lý tệp bị dừng giữa chừng (máy xử lý đã ngừng chạy). Không có thay đổi nào được lưu; hãy tải tệp lên lại."
)


def job_start(*, branch: Organisation, by: User | None, file_name: str, data: bytes) -> ImportJob:
    """Keep the file and queue its check; the job page shows the progress and then the preview."""
    from members.imports.tasks import import_check

    job = ImportJob.objects.create(
        branch=branch,
        created_by=by,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        content=data,
        state=ImportState.CHECKING,
    )
    result = import_check.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_confirm(*, job: ImportJob) -> ImportJob:
    """The editor confirmed the preview: queue the save (the file is checked again inside its transaction)."""
    from members.imports.tasks import import_save

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.state != ImportState.CHECKED:
            raise ValidationError(_("Lần nhập này không còn chờ xác nhận."))
        if locked.result.get("refused"):
            raise ValidationError(_("Tệp còn dòng bị từ chối; hãy sửa các dòng đó rồi tải tệp lên lại."))
        if not (locked.result.get("new") or locked.result.get("updated")):
            raise ValidationError(_("Tệp không có gì mới để lưu."))
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportState.SAVING, progress_done=0, progress_total=0, updated_at=timezone.now()
        )
    result = import_save.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_mark_stale(job: ImportJob) -> ImportJob:
    """A running job whose worker stopped: marked failed. Its save ran in one transaction, so nothing is half-saved."""
    if job.is_stale(timezone.now()):
        ImportJob.objects.filter(pk=job.pk, state=job.state).update(state=ImportState.FAILED, error=_(STALE_ERROR))
        job.refresh_from_db()
    return job
