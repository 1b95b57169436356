"""Organisations (the Union's tree), members, their dated status history and ratings."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chidoan.lib import text
from chidoan.lib.search import SearchQuerySet


class OrganisationKind(models.TextChoices):
    BRANCH = "branch", _("Chi đoàn")
    GRASSROOTS = "grassroots", _("Đoàn cơ sở")
    INTER_BRANCH = "inter_branch", _("Liên chi đoàn")
    BLOC = "bloc", _("Đoàn Khối")
    PROVINCE = "province", _("Tỉnh đoàn / Thành đoàn")


class BranchType(models.TextChoices):
    """What the branch is attached to; decides its default term length."""

    AGENCY = "agency", _("Cơ quan, doanh nghiệp, trường đại học")
    SCHOOL = "school", _("Trường học, khu dân cư")


class ElectionBase(models.TextChoices):
    VALID = "valid", _("Số phiếu hợp lệ")
    RETURNED = "returned", _("Số phiếu thu về")


class TieBreak(models.TextChoices):
    SECOND_ROUND = "second_round", _("Bầu vòng hai")
    OLDER = "older", _("Người lớn tuổi hơn")


class OrganisationQuerySet(models.QuerySet):
    def branches(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.BRANCH)

    def descendants_of(self, organisation: Organisation, *, include_self: bool = True) -> OrganisationQuerySet:
        qs = self.filter(path__startswith=organisation.path)
        return qs if include_self else qs.exclude(pk=organisation.pk)


class Organisation(models.Model):
    """A node of the Union's tree: a branch (chi đoàn) or a level above it.

    `path` is a materialised path ("0001/0007/") so that "every branch below this
    organisation" is one indexed prefix query, whatever the depth of the tree.
    The fields marked (setting) in docs/domain.md live here, per organisation.
    """

    kind = models.CharField(_("cấp"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.BRANCH)
    name = models.CharField(
        _("tên"), max_length=255, help_text=_("Ví dụ: Chi đoàn Sở Lao động – Thương binh và Xã hội")
    )
    short_name = models.CharField(
        _("tên dùng trong câu"),
        max_length=255,
        help_text=_("Tên đơn vị sau chữ “Chi đoàn”, ví dụ: Sở Lao động – Thương binh và Xã hội"),
    )
    slug = models.SlugField(_("mã đường dẫn"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("cấp trên"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    # Document header (Hướng dẫn 29-HD/TWĐTN-VP).
    upper_level_line = models.CharField(
        _("dòng cấp trên trong tiêu đề văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: ĐOÀN KHỐI CÁC CƠ QUAN TỈNH"),
    )
    issuing_body_line = models.CharField(
        _("dòng cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: BCH CHI ĐOÀN SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"),
    )
    place_name = models.CharField(_("địa danh ghi ngày tháng"), max_length=100, blank=True)
    document_symbol = models.CharField(_("ký hiệu văn bản"), max_length=20, default="CĐ")

    # Settings that differ between provinces (docs/domain.md, "(setting)").
    branch_type = models.CharField(
        _("loại hình chi đoàn"), max_length=20, choices=BranchType.choices, default=BranchType.AGENCY
    )
    committee_max_size = models.PositiveSmallIntegerField(
        _("số Ủy viên BCH tối đa"), default=7, validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    small_branch_threshold = models.PositiveSmallIntegerField(
        _("chi đoàn dưới số đoàn viên này chỉ bầu Bí thư, Phó Bí thư"), default=9
    )
    candidate_surplus_percent = models.PositiveSmallIntegerField(
        _("số dư ứng cử viên tối đa (%)"), default=30, validators=[MaxValueValidator(100)]
    )
    election_base = models.CharField(
        _("cơ sở tính trúng cử"), max_length=20, choices=ElectionBase.choices, default=ElectionBase.VALID
    )
    tie_break = models.CharField(
        _("khi bằng phiếu ở ghế cuối"), max_length=20, choices=TieBreak.choices, default=TieBreak.SECOND_ROUND
    )
    dues_without_salary = models.PositiveIntegerField(_("đoàn phí không có lương (đ/tháng)"), default=2000)
    dues_with_salary = models.PositiveIntegerField(_("đoàn phí có lương (đ/tháng)"), default=5000)

    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức Đoàn")
        verbose_name_plural = _("tổ chức Đoàn")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_branch(self) -> bool:
        return self.kind == OrganisationKind.BRANCH

    @property
    def term_length_months(self) -> int:
        """Default term length: 1 year for schools and residential areas, 2.5 years otherwise."""
        return 12 if self.branch_type == BranchType.SCHOOL else 30

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.kind == OrganisationKind.BRANCH:
            raise ValidationError({"parent": _("Chi đoàn là cấp cơ sở, không có tổ chức trực thuộc.")})
        if self.pk and (self.parent_id == self.pk or self.parent.path.startswith(self.path)):
            raise ValidationError({"parent": _("Không thể đặt một tổ chức dưới chính nó hoặc tổ chức trực thuộc nó.")})

    def ancestors(self) -> OrganisationQuerySet:
        prefixes = []
        parts = [p for p in self.path.split("/") if p]
        for i in range(1, len(parts)):
            prefixes.append("/".join(parts[:i]) + "/")
        return Organisation.objects.filter(path__in=prefixes).order_by("path")

    def save(self, *args, **kwargs) -> None:
        self.name = text.nfc(self.name)
        self.short_name = text.nfc(self.short_name)
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "") + f"{self.pk:06d}/"
        if self.path != expected:
            old = self.path
            self.path = expected
            Organisation.objects.filter(pk=self.pk).update(path=expected)
            if old:
                # Moving a node moves its whole subtree.
                for child in Organisation.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Organisation.objects.filter(pk=child.pk).update(path=expected + child.path[len(old) :])


class OrganisationOfficer(models.Model):
    """A login granted on an organisation: sees every branch below it; changes them only as editor."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_grants")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="officers")
    can_edit = models.BooleanField(_("được sửa dữ liệu"), default=False)
    title = models.CharField(_("chức danh"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ cấp trên")
        verbose_name_plural = _("cán bộ cấp trên")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="officer_unique_grant")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt")
    CAME_OF_AGE = "came_of_age", _("Đã trưởng thành Đoàn")
    LEFT = "left", _("Đã rời chi đoàn")
    REMOVED = "removed", _("Đã xóa tên")


class StatusChangeKind(models.TextChoices):
    ADMITTED = "admitted", _("Kết nạp")
    TRANSFERRED_IN = "transferred_in", _("Chuyển đến")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển sinh hoạt đi")
    CAME_OF_AGE = "came_of_age", _("Trưởng thành Đoàn")
    LEFT = "left", _("Rời chi đoàn")
    REMOVED = "removed", _("Xóa tên")


STATUS_AFTER = {
    StatusChangeKind.ADMITTED: MemberStatus.ACTIVE,
    StatusChangeKind.TRANSFERRED_IN: MemberStatus.ACTIVE,
    StatusChangeKind.TRANSFERRED_OUT: MemberStatus.TRANSFERRED,
    StatusChangeKind.CAME_OF_AGE: MemberStatus.CAME_OF_AGE,
    StatusChangeKind.LEFT: MemberStatus.LEFT,
    StatusChangeKind.REMOVED: MemberStatus.REMOVED,
}

# Union rules on age (docs/domain.md).
MAX_AGE = 30
MAX_AGE_LEADERSHIP = 35


def age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class MemberQuerySet(SearchQuerySet):
    def with_status_on(self, on: datetime.date) -> MemberQuerySet:
        """Annotate `status_on` from the latest status change on or before `on`.

        One correlated subquery, backed by the (member, on) index, so it holds for
        100,000 members as for 15.
        """
        latest = (
            MemberStatusChange.objects.filter(member=OuterRef("pk"), on__lte=on)
            .order_by("-on", "-id")
            .values("kind")[:1]
        )
        return self.annotate(last_change_kind=Subquery(latest))

    def active_on(self, on: datetime.date) -> MemberQuerySet:
        active_kinds = [k for k, s in STATUS_AFTER.items() if s == MemberStatus.ACTIVE]
        return self.with_status_on(on).filter(last_change_kind__in=active_kinds)

    def in_name_order(self) -> MemberQuerySet:
        return self.order_by("name_sort_key", "pk")

    def born_before(self, on: datetime.date, *, years: int) -> MemberQuerySet:
        """Members whose `years`-th birthday is on or before `on`."""
        try:
            limit = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            limit = on.replace(year=on.year - years, day=28)
        return self.filter(date_of_birth__lte=limit)


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
        return age_on(self.date_of_birth, on)

    @property
    def age_limit(self) -> int:
        return MAX_AGE_LEADERSHIP if self.leadership_exemption else MAX_AGE

    def is_over_age_on(self, on: datetime.date) -> bool:
        """Flag for the coming-of-age rule: past the age limit and not yet recorded as came of age.

        Reads `status_changes` through the prefetch cache when a list prefetched it.
        """
        if self.age_on(on) <= self.age_limit:
            return False
        return not any(
            change.kind == StatusChangeKind.CAME_OF_AGE and change.on <= on for change in self.status_changes.all()
        )

    def save(self, *args, **kwargs) -> None:
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
        indexes = [models.Index(fields=["member", "on"], name="status_member_on")]
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


class RatingLevel(models.TextChoices):
    """Hướng dẫn 25-HD/TWĐTN-BTC (2023)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# A member rated "xuất sắc" took part in at least this share of activities.
EXCELLENT_MIN_PARTICIPATION = Decimal("90")


class MemberRating(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1931), MaxValueValidator(2200)])
    level = models.CharField(_("xếp loại"), max_length=20, choices=RatingLevel.choices)
    participation_percent = models.DecimalField(
        _("tỷ lệ tham gia sinh hoạt (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại đoàn viên")
        verbose_name_plural = _("xếp loại đoàn viên")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="member_rating_once_a_year")]

    def __str__(self) -> str:
        return f"{self.member} – {self.year}: {self.get_level_display()}"


class BranchRating(models.Model):
    branch = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1931), MaxValueValidator(2200)])
    level = models.CharField(_("xếp loại"), max_length=20, choices=RatingLevel.choices)
    rank_note = models.CharField(_("ghi chú (thứ hạng...)"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại chi đoàn")
        verbose_name_plural = _("xếp loại chi đoàn")
        ordering = ["branch", "year"]
        constraints = [models.UniqueConstraint(fields=["branch", "year"], name="branch_rating_once_a_year")]

    def __str__(self) -> str:
        return f"{self.branch} – {self.year}: {self.get_level_display()}"


class AccountState(models.Model):
    """What the product knows about a login beyond Django's user: a one-time password still to be changed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state")
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("cấp lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trạng thái tài khoản")
        verbose_name_plural = _("trạng thái tài khoản")

    def __str__(self) -> str:
        return str(self.user)
