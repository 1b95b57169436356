"""Sending an issued document up: the branch (or any organisation) sends it to its parent, which acknowledges or returns it.

One row per sending. A returned sending stays as it was decided, with its comment, and the
document may be sent again (a new row); an acknowledged one is final. Each row's steps are
kept by django-simple-history, so who sent, acknowledged or returned it, and when, is never
lost. The document itself never changes: a correction is a new issue, sent on its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation
from reports.models.documents import IssuedDocument


class SubmissionStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi, chờ cấp trên nhận")
    ACKNOWLEDGED = "acknowledged", _("Cấp trên đã nhận")
    RETURNED = "returned", _("Cấp trên trả lại")


class Submission(models.Model):
    """One sending of an issued document to the organisation above its issuer."""

    document = models.ForeignKey(
        IssuedDocument, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="submissions"
    )
    # Where it went when it was sent: the sender may later move under another parent.
    sent_to = models.ForeignKey(
        Organisation, verbose_name=_("gửi tới"), on_delete=models.PROTECT, related_name="submissions_received"
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.SENT
    )
    decided_at = models.DateTimeField(_("cấp trên xử lý lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản gửi lên cấp trên")
        verbose_name_plural = _("văn bản gửi lên cấp trên")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # Sent again only once returned: never two sendings of a document waiting or acknowledged.
            models.UniqueConstraint(
                fields=["document"],
                condition=~Q(status="returned"),
                name="submission_one_open_per_document",
            ),
            models.CheckConstraint(
                condition=Q(status="sent", decided_at__isnull=True) | Q(~Q(status="sent"), decided_at__isnull=False),
                name="submission_decided_when_not_waiting",
            ),
        ]
        indexes = [models.Index(fields=["sent_to", "-sent_at"], name="submission_received_idx")]

    def __str__(self) -> str:
        return f"{self.document} → {self.sent_to}: {self.get_status_display()}"

    @property
    def is_waiting(self) -> bool:
        return self.status == SubmissionStatus.SENT

    @property
    def is_returned(self) -> bool:
        return self.status == SubmissionStatus.RETURNED
