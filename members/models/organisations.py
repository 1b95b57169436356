"""Organisations: the Union's tree of branches and the levels above them, and the officers of a level."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chidoan.lib import text
from chidoan.lib.search import SearchQuerySet
from members.models.choices import BranchType, ClosingKind, ElectionBase, OrganisationKind, Runoff, TieBreak


class OrganisationQuerySet(SearchQuerySet):
    def branches(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.BRANCH)

    def open(self) -> OrganisationQuerySet:
        """Organisations not closed (merged or dissolved)."""
        return self.filter(closed_on__isnull=True)

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
    # The name's accent-free key (chidoan.lib.search); on PostgreSQL a pg_trgm GIN index serves
    # its LIKE '%word%' (migration 0007), so an officer's search over thousands of branches stays flat.
    search_key = models.CharField(max_length=400, editable=False, default="")

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
    single_seat_max_candidates = models.PositiveSmallIntegerField(
        _("số ứng cử viên tối đa khi bầu 1 người"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_rounds = models.PositiveSmallIntegerField(
        _("số lần bỏ phiếu tối đa cho một cuộc bầu"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Sau lần cuối, vị trí còn trống để cấp trên chỉ định hoặc bầu bổ sung."),
    )
    runoff = models.CharField(
        _("bỏ phiếu lần sau khi chưa đủ số lượng"), max_length=20, choices=Runoff.choices, default=Runoff.ALL
    )
    dues_without_salary = models.PositiveIntegerField(_("đoàn phí không có lương (đ/tháng)"), default=2000)
    dues_with_salary = models.PositiveIntegerField(_("đoàn phí có lương (đ/tháng)"), default=5000)

    # Closing (merged or dissolved): the row stays, with its members, terms and documents.
    closed_on = models.DateField(_("ngày ngừng hoạt động"), null=True, blank=True)
    closed_kind = models.CharField(_("hình thức"), max_length=20, choices=ClosingKind.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    closing_decision = models.CharField(
        _("quyết định"), max_length=255, blank=True, help_text=_("Ví dụ: Quyết định số 12-QĐ/ĐK ngày 01/03/2025")
    )

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
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def term_length_months(self) -> int:
        """Default term length: 1 year for schools and residential areas, 2.5 years otherwise."""
        return 12 if self.branch_type == BranchType.SCHOOL else 30

    def clean(self) -> None:
        super().clean()
        parent = self.parent
        if parent is None:
            return
        if parent.kind == OrganisationKind.BRANCH:
            raise ValidationError({"parent": _("Chi đoàn là cấp cơ sở, không có tổ chức trực thuộc.")})
        if self.pk and (parent.pk == self.pk or parent.path.startswith(self.path)):
            raise ValidationError({"parent": _("Không thể đặt một tổ chức dưới chính nó hoặc tổ chức trực thuộc nó.")})

    def ancestors(self) -> OrganisationQuerySet:
        prefixes = []
        parts = [p for p in self.path.split("/") if p]
        for i in range(1, len(parts)):
            prefixes.append("/".join(parts[:i]) + "/")
        return Organisation.objects.filter(path__in=prefixes).order_by("path")

    def normalise(self) -> None:
        """The names in NFC and the stored search key, as save() writes them (bulk inserts call it too)."""
        self.name = text.nfc(self.name)
        self.short_name = text.nfc(self.short_name)
        self.search_key = text.search_key(self.name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise()
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "search_key"}
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent is not None else "") + f"{self.pk:06d}/"
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


class OrganisationSlug(models.Model):
    """A slug an organisation had before: its old addresses redirect to the new one (chidoan.web.middleware)."""

    slug = models.SlugField(_("mã đường dẫn cũ"), max_length=100, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="old_slugs")
    retired_at = models.DateTimeField(_("thôi dùng lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("mã đường dẫn cũ")
        verbose_name_plural = _("mã đường dẫn cũ")
        ordering = ["-retired_at", "-id"]

    def __str__(self) -> str:
        return f"{self.slug} → {self.organisation.slug}"
