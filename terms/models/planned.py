"""What a target plans: the fields and rule shared by a resolution's target and a congress's draft target."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from chidoan.lib.numbers import vn_number
from members.models import RatingLevel


class TargetKind(models.TextChoices):
    NUMBER = "number", _("Số lượng")
    PERCENT = "percent", _("Tỷ lệ %")
    BOOLEAN = "boolean", _("Có / không")
    RATING = "rating", _("Xếp loại")


# What a service may set on a planned target (the rest is set by the service itself).
PLANNED_FIELDS = frozenset({"position", "name", "area", "kind", "planned_value", "planned_rating", "unit"})


class PlannedTarget(models.Model):
    """Chỉ tiêu as planned: its name, area, kind and the value (or rating) it aims at."""

    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Written to read inside a sentence: "có 01 chỉ tiêu <name> chưa đạt".
    name = models.CharField(
        _("nội dung chỉ tiêu"),
        max_length=500,
        help_text=_("Viết thường, đọc được trong câu, ví dụ: kết nạp đoàn viên mới"),
    )
    area = models.CharField(_("mảng công tác"), max_length=255, blank=True)
    kind = models.CharField(_("loại chỉ tiêu"), max_length=20, choices=TargetKind.choices, default=TargetKind.NUMBER)
    planned_value = models.DecimalField(_("chỉ tiêu đề ra"), max_digits=12, decimal_places=2, null=True, blank=True)
    planned_rating = models.CharField(_("xếp loại đề ra"), max_length=20, choices=RatingLevel.choices, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=50, blank=True, help_text=_("Ví dụ: đoàn viên, %, buổi"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def clean_planned(self) -> None:
        """Check the planned value against the kind, and drop what the kind does not use.

        A rating target plans a rating and no number; the others plan a number and no rating;
        a yes/no target plans to do it once (1), so it needs no number typed. Raises
        ValidationError on the field at fault.
        """
        if self.kind == TargetKind.RATING:
            if not self.planned_rating:
                raise ValidationError({"planned_rating": _("Chỉ tiêu xếp loại cần ghi mức xếp loại đề ra.")})
            self.planned_value = None
            return
        value = self.planned_value
        if value is None and self.kind != TargetKind.BOOLEAN:
            raise ValidationError({"planned_value": _("Cần ghi chỉ tiêu đề ra.")})
        if value is not None and value < 0:
            raise ValidationError({"planned_value": _("Chỉ tiêu đề ra không thể âm.")})
        if value is not None and self.kind == TargetKind.PERCENT and value > 100:
            raise ValidationError({"planned_value": _("Tỷ lệ không thể vượt quá 100%.")})
        if self.kind == TargetKind.BOOLEAN:
            self.planned_value = Decimal(1)
        self.planned_rating = ""

    @property
    def planned_text(self) -> str:
        """The planned value as read on a page: "15 đoàn viên", "100%", "Xuất sắc", "Có"."""
        if self.kind == TargetKind.RATING:
            return self.get_planned_rating_display()
        if self.kind == TargetKind.BOOLEAN:
            return str(_("Có"))
        return self.amount_text(self.planned_value)

    def amount_text(self, value: Decimal | None) -> str:
        """A number of this target (planned or reached) as read on a page: "15 đoàn viên", "85,5%"."""
        number = vn_number(value)
        if self.kind == TargetKind.PERCENT:
            return f"{number}%"
        return f"{number} {self.unit}".strip()
