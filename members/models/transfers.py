"""Transfers between branches (chuyển sinh hoạt Đoàn): recorded by the sending branch, decided by the receiving one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models.members import Member
from members.models.organisations import Organisation


class TransferState(models.TextChoices):
    PENDING = "pending", _("Chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REFUSED = "refused", _("Bị từ chối")


class Transfer(models.Model):
    """One member's move from `from_branch` to `to_branch` (inside the installation) or to `to_text` (outside).

    Inside the installation the member stays in the sending branch, active, until the
    receiving branch accepts; outside it the transfer is complete when recorded (state
    accepted on the day it was requested) and the member's status change says so.
    """

    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="transfers")
    from_branch = models.ForeignKey(
        Organisation, verbose_name=_("chi đoàn chuyển đi"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_branch = models.ForeignKey(
        Organisation,
        verbose_name=_("chi đoàn tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    to_text = models.CharField(_("nơi chuyển đến (ngoài hệ thống)"), max_length=255, blank=True)
    requested_on = models.DateField(_("ngày chuyển"))
    assessment = models.TextField(_("nhận xét của chi đoàn"))
    dues_paid_until = models.DateField(_("đã đóng đoàn phí đến"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=TransferState.choices, default=TransferState.PENDING
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_reason = models.CharField(_("lý do từ chối"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển sinh hoạt Đoàn")
        verbose_name_plural = _("chuyển sinh hoạt Đoàn")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["to_branch", "state"], name="transfer_to_state"),
            models.Index(fields=["member", "state", "decided_on"], name="transfer_member_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(state="pending"), name="transfer_one_pending_per_member"
            ),
            models.CheckConstraint(
                condition=Q(to_branch__isnull=False) | ~Q(to_text=""), name="transfer_has_destination"
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_reason=""), name="transfer_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.destination} ({self.requested_on:%d/%m/%Y})"

    @property
    def destination(self) -> str:
        return self.to_branch.name if self.to_branch_id and self.to_branch else self.to_text

    @property
    def inside(self) -> bool:
        return self.to_branch_id is not None
