"""Progress of a target: a dated reading of where it stands, with a reason when it is behind schedule."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terms import rules
from terms.models import ProgressEntry, Target, TargetKind


def _reading_errors(target: Target, recorded_on: datetime.date, value: Decimal | None, rating: str) -> dict[str, str]:
    """What is impossible about a reading of `target`, by field."""
    errors: dict[str, str] = {}
    if recorded_on < target.resolution.term.starts_on:
        errors["recorded_on"] = _("Ngày ghi nhận phải từ ngày bắt đầu nhiệm kỳ.")
    if target.kind == TargetKind.RATING:
        if not rating:
            errors["rating"] = _("Cần chọn xếp loại đạt được.")
    elif value is None:
        errors["value"] = _("Cần ghi kết quả đạt được.")
    elif value < 0:
        errors["value"] = _("Kết quả không thể âm.")
    elif target.kind == TargetKind.PERCENT and value > 100:
        errors["value"] = _("Tỷ lệ không thể vượt quá 100%.")
    elif target.kind == TargetKind.BOOLEAN and value not in (0, 1):
        errors["value"] = _("Chỉ tiêu có/không chỉ nhận 1 (đạt) hoặc 0 (chưa).")
    return errors


@transaction.atomic
def progress_record(
    *,
    target: Target,
    recorded_on: datetime.date,
    value: Decimal | None = None,
    rating: str = "",
    evidence: str = "",
    reason_behind: str = "",
    by: User | None = None,
) -> ProgressEntry:
    """Record where a target stands (the total so far); a reason is required when it is behind schedule."""
    errors = _reading_errors(target, recorded_on, value, rating)
    if errors:
        raise ValidationError(errors)
    # A rating target reads a rating, the others a number: the other one is dropped.
    if target.kind == TargetKind.RATING:
        value = None
    else:
        rating = ""
    entry = ProgressEntry(
        target=target,
        recorded_on=recorded_on,
        value=value,
        rating=rating,
        evidence=evidence.strip(),
        reason_behind=reason_behind.strip(),
        recorded_by=by,
    )
    if rules.is_behind(target, entry, term=target.resolution.term) and not entry.reason_behind:
        raise ValidationError({"reason_behind": _("Chỉ tiêu đang chậm so với tiến độ nhiệm kỳ: cần ghi lý do.")})
    entry.full_clean()
    entry.save()
    return entry
