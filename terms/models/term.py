"""A branch's term and its executive committee (Ban Chấp hành)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation


class TermQuerySet(models.QuerySet):
    def current_for(self, branch: Organisation, on: datetime.date) -> Term | None:
        """The term in force on `on`: the latest one that has started.

        A term whose end date has passed stays current until the congress opens
        the next one, as the outgoing committee stays in office until then.
        """
        return self.filter(branch=branch, starts_on__lte=on).order_by("-starts_on").first()


class Term(models.Model):
    branch = models.ForeignKey(Organisation, verbose_name=_("chi đoàn"), on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("khóa"), null=True, blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["branch", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "starts_on"], name="term_unique_start"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.branch} – {_('nhiệm kỳ')} {self.label}"

    @property
    def label(self) -> str:
        """As the Union writes it: "2022 – 2024"."""
        return f"{self.starts_on.year} – {self.ends_on.year}"

    @property
    def slug(self) -> str:
        return f"{self.starts_on.year}-{self.ends_on.year}"

    def covers(self, on: datetime.date) -> bool:
        return self.starts_on <= on <= self.ends_on


class CommitteeRole(models.TextChoices):
    """The committee's roles, in their order (the Secretary first): the one place for their names."""

    SECRETARY = "secretary", _("Bí thư")
    DEPUTY = "deputy", _("Phó Bí thư")
    MEMBER = "member", _("Ủy viên")


ROLE_ORDER = {role: rank for rank, role in enumerate(CommitteeRole)}


class SeatStartKind(models.TextChoices):
    ELECTED = "elected", _("Bầu tại Đại hội")
    ADDED = "added", _("Bổ sung trong nhiệm kỳ")
    APPOINTED = "appointed", _("Cấp trên chỉ định")
    ROLE_CHANGE = "role_change", _("Thay đổi chức danh")


class SeatEndKind(models.TextChoices):
    TERM_ENDED = "term_ended", _("Hết nhiệm kỳ")
    LEFT = "left", _("Thôi tham gia Ban Chấp hành")
    ROLE_CHANGE = "role_change", _("Thay đổi chức danh")
    REMOVED = "removed", _("Miễn nhiệm, bãi nhiệm")


class CommitteeSeatQuerySet(models.QuerySet):
    def held_on(self, on: datetime.date) -> CommitteeSeatQuerySet:
        return self.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))

    def open(self) -> CommitteeSeatQuerySet:
        return self.filter(ended_on__isnull=True)

    def with_role_label(self) -> CommitteeSeatQuerySet:
        """Each seat's role name as `role_label`, for pages of lower apps that show it (the member list)."""
        return self.annotate(
            role_label=models.Case(
                *[models.When(role=role, then=models.Value(str(role.label))) for role in CommitteeRole],
                output_field=models.CharField(),
            )
        )

    def in_role_order(self) -> CommitteeSeatQuerySet:
        return self.annotate(
            role_rank=models.Case(
                *[models.When(role=role, then=models.Value(rank)) for role, rank in ROLE_ORDER.items()],
                output_field=models.IntegerField(),
            )
        ).order_by("role_rank", "started_on", "id")


class CommitteeSeat(models.Model):
    """A member's place on the committee, with how it began and how it ended.

    Changes are new rows: a role change ends one seat and starts another, so
    the committee on any date is computed, never overwritten.
    """

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="committee_seats"
    )
    role = models.CharField(_("chức danh"), max_length=20, choices=CommitteeRole.choices)
    # Order in which the congress listed the elected committee (the report lists them so).
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    started_on = models.DateField(_("ngày bắt đầu"))
    start_kind = models.CharField(_("hình thức"), max_length=20, choices=SeatStartKind.choices)
    # An appointment by the upper level (chỉ định) names its decision.
    decision_number = models.CharField(
        _("số quyết định chỉ định"), max_length=50, blank=True, help_text=_("Ví dụ: 15-QĐ/ĐK")
    )
    decision_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    ended_on = models.DateField(_("ngày thôi"), null=True, blank=True)
    end_kind = models.CharField(_("hình thức thôi"), max_length=20, choices=SeatEndKind.choices, blank=True)
    end_reason = models.CharField(_("lý do thôi"), max_length=255, blank=True, help_text=_("Ví dụ: nghỉ việc"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = CommitteeSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("ghế Ban Chấp hành")
        verbose_name_plural = _("Ban Chấp hành")
        ordering = ["term", "position", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(role=CommitteeRole.SECRETARY, ended_on__isnull=True),
                name="seat_one_open_secretary",
                violation_error_message=_("Nhiệm kỳ này đã có Bí thư."),
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(role=CommitteeRole.DEPUTY, ended_on__isnull=True),
                name="seat_one_open_deputy",
                violation_error_message=_("Nhiệm kỳ này đã có Phó Bí thư."),
            ),
            models.UniqueConstraint(
                fields=["term", "member"],
                condition=Q(ended_on__isnull=True),
                name="seat_one_role_per_person",
                violation_error_message=_("Đồng chí này đang giữ một chức danh trong Ban Chấp hành."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="seat_ends_after_start",
                violation_error_message=_("Ngày thôi phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=~Q(start_kind="appointed") | (~Q(decision_number="") & Q(decision_on__isnull=False)),
                name="seat_appointment_has_decision",
                violation_error_message=_("Cần ghi số và ngày của quyết định chỉ định."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_kind=""),
                name="seat_end_has_kind",
                violation_error_message=_("Cần ghi hình thức thôi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_role_display()}"

    def held_on(self, on: datetime.date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)

    @property
    def is_added(self) -> bool:
        """Bổ sung: the seat began during the term, not at the congress that elected the committee."""
        return self.start_kind == SeatStartKind.ADDED


class Assignment(models.Model):
    """Phân công phụ trách: which committee member looks after which area of work."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, verbose_name=_("ủy viên phụ trách"), on_delete=models.PROTECT, related_name="+")
    area = models.CharField(_("mảng công tác"), max_length=255)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân công phụ trách")
        verbose_name_plural = _("phân công phụ trách")
        ordering = ["term", "area"]
        constraints = [models.UniqueConstraint(fields=["term", "area"], name="assignment_unique_area")]

    def __str__(self) -> str:
        return f"{self.area}: {self.member}"
