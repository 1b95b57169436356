"""Writes on the self-review report before it is issued: start it (drafted from the data), edit it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged
from chidoan.lib.text import nfc
from reports.models import SelfReviewReport
from reports.self_review.build import draft_narrative
from reports.self_review.wording import NARRATIVE_SECTIONS
from terms.models import Term

EDITABLE_FIELDS = {key for key, _heading in NARRATIVE_SECTIONS} | {"include_targets_table", "recipients"}


@transaction.atomic
def report_ensure(*, term: Term) -> SelfReviewReport:
    """The term's report, created on first use with a narrative drafted from the data."""
    existing = SelfReviewReport.objects.filter(term=term).first()
    if existing is not None:
        return existing
    report = SelfReviewReport(term=term, **draft_narrative(term))
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone opened the same report at the same moment: theirs is the report.
        return SelfReviewReport.objects.get(term=term)
    return report


def _clean_text(value: str) -> str:
    """One paragraph per line, NFC, no trailing spaces, no empty lines between paragraphs."""
    lines = [" ".join(line.split()) for line in nfc(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def report_update(*, report: SelfReviewReport, expected_version: int, **changes: Any) -> SelfReviewReport:
    """Save the Secretary's edits; refuses when someone else saved the report in between."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Không sửa được các mục: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        if name == "include_targets_table":
            setattr(report, name, bool(value))
        else:
            setattr(report, name, _clean_text(value))
    report.full_clean()
    save_if_unchanged(report, expected_version=expected_version)
    return report
