"""The background task that issues a statistics report (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from reports.models import StatisticsReport, StatisticsState

logger = logging.getLogger(__name__)


@task()
def statistics_run(report_id: int) -> str:
    """Compute and issue the report; a failure is recorded on it, in Vietnamese, and nothing is issued."""
    from reports.services.statistics import statistics_issue

    report = StatisticsReport.objects.select_related("organisation", "requested_by").get(pk=report_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            statistics_issue(report=report)
        except Exception as exc:
            logger.exception("statistics report %s failed", report_id)
            StatisticsReport.objects.filter(pk=report_id).update(
                state=StatisticsState.FAILED,
                error=_("Đã xảy ra lỗi khi tính số liệu (%(error)s). Chưa có văn bản nào được ban hành; hãy thử lại.")
                % {"error": type(exc).__name__},
                updated_at=timezone.now(),
            )
            raise
    return StatisticsState.DONE
