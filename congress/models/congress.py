"""The branch congress (Đại hội Chi đoàn) that closes one term and opens the next."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation
from terms.models.term import Term


class CongressStatus(models.TextChoices):
    PLANNED = "planned", _("Đang chuẩn bị")
    IN_SESSION = "in_session", _("Đang diễn ra")
    CLOSED = "closed", _("Đã bế mạc")


class Congress(models.Model):
    closes_term = models.OneToOneField(
        Term, verbose_name=_("nhiệm kỳ kết thúc"), on_delete=models.PROTECT, related_name="closing_congress"
    )
    # The next term as planned; the handover creates it as a Term.
    new_term_number = models.PositiveSmallIntegerField(_("khóa mới"), null=True, blank=True)
    new_term_starts_on = models.DateField(_("nhiệm kỳ mới bắt đầu"))
    new_term_ends_on = models.DateField(_("nhiệm kỳ mới kết thúc"))
    opens_term = models.OneToOneField(
        Term,
        verbose_name=_("nhiệm kỳ mới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opening_congress",
    )
    held_on = models.DateField(_("ngày họp"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CongressStatus.choices, default=CongressStatus.PLANNED
    )
    # The new resolution as voted; the handover copies it, with its adopted targets, under the new term.
    resolution_title = models.CharField(_("tên nghị quyết"), max_length=255, blank=True)
    resolution_adopted_on = models.DateField(_("ngày thông qua nghị quyết"), null=True, blank=True)
    # Delegates to the upper level's congress this congress elects (0: none), each set by its own ballot.
    delegates_count = models.PositiveSmallIntegerField(
        _("số đại biểu chính thức dự Đại hội cấp trên"), default=0, help_text=_("0 nếu không bầu.")
    )
    alternates_count = models.PositiveSmallIntegerField(
        _("số đại biểu dự khuyết dự Đại hội cấp trên"), default=0, help_text=_("0 nếu không bầu.")
    )
    handed_over_at = models.DateTimeField(_("đã xác nhận kết quả lúc"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Đại hội Chi đoàn")
        verbose_name_plural = _("Đại hội Chi đoàn")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_term_ends_on__gt=models.F("new_term_starts_on")),
                name="congress_new_term_dates_in_order",
                violation_error_message=_("Nhiệm kỳ mới phải kết thúc sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Đại hội')} {self.closes_term.branch.name} {_('nhiệm kỳ')} {self.new_term_label}"

    @property
    def branch(self) -> Organisation:
        return self.closes_term.branch

    @property
    def new_term_label(self) -> str:
        return f"{self.new_term_starts_on.year} – {self.new_term_ends_on.year}"

    @property
    def new_term_slug(self) -> str:
        return f"{self.new_term_starts_on.year}-{self.new_term_ends_on.year}"

    @property
    def is_closed(self) -> bool:
        return self.status == CongressStatus.CLOSED

    @property
    def in_session(self) -> bool:
        return self.status == CongressStatus.IN_SESSION
