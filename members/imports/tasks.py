"""The background tasks of an import (django-tasks; run by `manage.py db_worker`).

Each task reads its job, does its step and records the outcome on the job, in Vietnamese.
The save runs in one transaction that also marks the job done: a worker stopped
mid-save leaves the database as it was and the job running, until the job page
sees it silent and marks it failed (members.imports.jobs.job_mark_stale).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from members.imports.checking import check_table
from members.imports.reading import ImportFileError, read_table
from members.imports.saving import change_reason, plan_save
from members.models import ImportJob, ImportState

logger = logging.getLogger(__name__)


class ChangedSinceCheck(Exception):
    pass


def _progress(job_id: int) -> Any:
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress_done=done, progress_total=total, updated_at=timezone.now())

    return report


def _fail(job_id: int, message: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(state=ImportState.FAILED, error=message, updated_at=timezone.now())


def _unexpected(job_id: int, exc: BaseException) -> None:
    logger.exception("import job %s failed", job_id)
    _fail(
        job_id,
        _(
            "Đã xảy ra lỗi khi xử lý tệp (%(error)s). Không có thay đổi nào được lưu; hãy thử lại hoặc báo quản trị viên."
        )
        % {"error": type(exc).__name__},
    )


@task()
def import_check(job_id: int) -> str:
    """Read and check the file; the preview goes into the job."""
    job = ImportJob.objects.select_related("branch").get(pk=job_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            table = read_table(bytes(job.content), file_name=job.file_name)
            ImportJob.objects.filter(pk=job_id).update(progress_total=len(table.rows), updated_at=timezone.now())
            plan = check_table(branch=job.branch, table=table, progress=_progress(job_id))
        except ImportFileError as exc:
            _fail(job_id, str(exc))
            return ImportState.FAILED
        except Exception as exc:
            _unexpected(job_id, exc)
            raise
    ImportJob.objects.filter(pk=job_id).update(
        state=ImportState.CHECKED, result=plan.summary(), updated_at=timezone.now()
    )
    return ImportState.CHECKED


@task()
def import_save(job_id: int) -> str:
    """Check the file again and save it, every row or none."""
    job = ImportJob.objects.select_related("branch", "created_by").get(pk=job_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            with transaction.atomic():
                table = read_table(bytes(job.content), file_name=job.file_name)
                plan = check_table(branch=job.branch, table=table, lock=True)
                if plan.refused_rows:
                    raise ChangedSinceCheck
                plan_save(plan=plan, by=job.created_by, reason=change_reason(job.file_name, job.file_sha256))
                # The file is not needed any more: its name and SHA-256 stay, on the job and in history.
                ImportJob.objects.filter(pk=job_id).update(
                    state=ImportState.DONE, result=plan.summary(), content=b"", updated_at=timezone.now()
                )
        except (ChangedSinceCheck, ImportFileError):
            _fail(
                job_id,
                _(
                    "Dữ liệu của chi đoàn đã thay đổi từ lúc kiểm tra, nên tệp không còn hợp lệ. Không có thay đổi nào được lưu; hãy tải tệp lên lại để kiểm tra."
                ),
            )
            return ImportState.FAILED
        except Exception as exc:
            _unexpected(job_id, exc)
            raise
    return ImportState.DONE
