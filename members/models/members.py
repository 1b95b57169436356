"""Members of a branch and their dated status history; the current status is derived from it."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chidoan.lib import text
from chidoan.lib.search import SearchQuerySet
from members import rules
from members.models.choices import STATUS_AFTER, Gender, MemberStatus, StatusChangeKind, kinds_leading_to
from members.models.organisations import Organisation


class MemberQuerySet(SearchQuerySet):
    def with_status_on(self, on: datetime.date) -> MemberQuerySet:
        """Annotate `last_change_kind`: the kind of the latest status change on or before `on`.

        One correlated subquery, backed by the (member, on) index, so it holds for
        100,000 members as for 15.
        """
        return self.annotate(last_change_kind=latest_change_kind(on))

    def in_status_on(self, on: datetime.date, status: str) -> MemberQuerySet:
        """The members whose status on `on` is `status` (their latest change on or before `on` leads to it).

        Filtered, not annotated: the same correlated subquery as `with_status_on`, which PostgreSQL
        answers by one probe of the covering index status_member_latest per member of the queryset
        (so a branch's count costs its own members, not the installation's status changes).
        """
        return self.alias(status_kind_on=latest_change_kind(on)).filter(status_kind_on__in=kinds_leading_to(status))

    def active_on(self, on: datetime.date) -> MemberQuerySet:
        return self.with_status_on(on).filter(last_change_kind__in=kinds_leading_to(MemberStatus.ACTIVE))

    def in_name_order(self) -> MemberQuerySet:
        return self.order_by("name_sort_key", "pk")

    def born_before(self, on: datetime.date, *, years: int) -> MemberQuerySet:
        """Members whose `years`-th birthday is on or before `on`."""
        return self.filter(date_of_birth__lte=rules.years_before(on, years))


def latest_change_kind(on: datetime.date) -> Subquery:
    """The kind of the member's (OuterRef "pk") latest status change on or before `on`: the latest day, then the
    highest pk (the order of the covering index status_member_latest); NULL before their first record."""
    latest = (
        MemberStatusChange.objects.filter(member=OuterRef("pk"), on__lte=on).order_by("-on", "-id").values("kind")[:1]
    )
    return Subquery(latest)


# A member's record: everything but the status, which changes only through dated records.
MEMBER_DETAIL_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "address",
    "workplace",
    "admitted_on",
    "card_number",
    "is_party_member",
    "party_admitted_on",
    "has_salary",
    "leadership_exemption",
    "notes",
)
# What a member may change themself.
CONTACT_FIELDS = ("phone", "email", "address", "workplace")


class Member(models.Model):
    branch = models.ForeignKey(
        Organisation, verbose_name=_("chi đoàn"), on_delete=models.PROTECT, related_name="members"
    )
    family_name = models.CharField(_("họ"), max_length=50)
    middle_name = models.CharField(_("tên đệm"), max_length=100, blank=True)
    given_name = models.CharField(_("tên"), max_length=50)
    date_of_birth = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    workplace = models.CharField(_("nơi công tác / học tập"), max_length=255, blank=True)
    admitted_on = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    card_number = models.CharField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    party_admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    has_salary = models.BooleanField(_("có lương"), default=True, help_text=_("Quyết định mức đoàn phí."))
    leadership_exemption = models.BooleanField(
        _("tham gia cấp ủy / chuyên trách Đoàn"),
        default=False,
        help_text=_("Được sinh hoạt Đoàn đến 35 tuổi."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản đăng nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    name_sort_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    search_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["name_sort_key", "pk"]
        indexes = [models.Index(fields=["branch", "name_sort_key"], name="member_branch_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_admitted_on__isnull=True) | Q(is_party_member=True),
                name="member_party_date_needs_party",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return text.full_name(self.family_name, self.middle_name, self.given_name)

    def age_on(self, on: datetime.date) -> int:
        return rules.age_on(self.date_of_birth, on)

    @property
    def age_limit(self) -> int:
        return rules.age_limit(leadership_exemption=self.leadership_exemption)

    def is_over_age_on(self, on: datetime.date) -> bool:
        """Flag for the coming-of-age rule: past the age limit and not yet recorded as came of age.

        Reads `status_changes` through the prefetch cache when a list prefetched it.
        """
        if self.age_on(on) <= self.age_limit:
            return False
        return not any(
            change.kind == StatusChangeKind.CAME_OF_AGE and change.on <= on for change in self.status_changes.all()
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.family_name = text.nfc(self.family_name.strip())
        self.middle_name = text.nfc(" ".join(self.middle_name.split()))
        self.given_name = text.nfc(self.given_name.strip())
        self.name_sort_key = text.name_sort_key(self.family_name, self.middle_name, self.given_name)
        self.search_key = text.search_key(self.full_name)
        super().save(*args, **kwargs)


class MemberStatusChange(models.Model):
    """A dated change of a member's status; the current status is derived from these."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_changes")
    kind = models.CharField(_("loại"), max_length=20, choices=StatusChangeKind.choices)
    on = models.DateField(_("ngày"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True, help_text=_("Ví dụ: nghỉ việc"))
    assessment = models.TextField(_("nhận xét khi chuyển sinh hoạt"), blank=True)
    dues_paid_until = models.DateField(_("đã đóng đoàn phí đến"), null=True, blank=True)
    destination = models.CharField(_("nơi chuyển đến / chuyển từ"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thay đổi tình trạng đoàn viên")
        verbose_name_plural = _("lịch sử tình trạng đoàn viên")
        ordering = ["member", "on", "id"]
        indexes = [
            models.Index(fields=["member", "on"], name="status_member_on"),
            # Each member's latest change, read in this order with its kind (members.figures.figures_by_branch).
            models.Index(fields=["member", "-on", "-id"], include=["kind"], name="status_member_latest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=StatusChangeKind.TRANSFERRED_OUT)
                | (Q(dues_paid_until__isnull=False) & ~Q(assessment="")),
                name="status_transfer_out_needs_assessment_and_dues",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_kind_display()} ({self.on:%d/%m/%Y})"

    @property
    def status_after(self) -> str:
        return STATUS_AFTER[self.kind]
