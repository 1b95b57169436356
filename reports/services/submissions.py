"""Sending an issued document up to the parent organisation, and the parent's answer: acknowledged or returned.

The document is never touched: a sending is a row of its own (reports.models.submissions).
A document waiting or acknowledged is not sent again; a returned one may be, and a
correction (a new issue with a new number) is sent like any document.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chidoan.lib.text import nfc
from reports.models import IssuedDocument, Submission, SubmissionStatus


def _when(moment: datetime.datetime | None) -> str:
    """ "14:05 03/12/2026", in the site's time zone."""
    return date_format(timezone.localtime(moment), "H:i d/m/Y") if moment is not None else ""


@transaction.atomic
def submission_send(*, document: IssuedDocument, by: User | None) -> Submission:
    """Send `document` to its issuer's parent; refuses while an earlier sending waits or was acknowledged."""
    # Lock the document so that two clicks on "send" give one sending, not two.
    document = (
        IssuedDocument.objects.select_for_update(of=("self",))
        .select_related("organisation__parent")
        .get(pk=document.pk)
    )
    issuer = document.organisation
    parent = issuer.parent
    if issuer.is_closed:
        raise ValidationError(_("%(name)s đã ngừng hoạt động: không gửi văn bản được.") % {"name": issuer.name})
    if parent is None:
        raise ValidationError(_("%(name)s không có cấp trên để gửi văn bản.") % {"name": issuer.name})
    if parent.is_closed:
        raise ValidationError(
            _("Cấp trên (%(name)s) đã ngừng hoạt động: hãy nhờ cấp trên chuyển chi đoàn về tổ chức mới.")
            % {"name": parent.name}
        )
    earlier = document.submissions.exclude(status=SubmissionStatus.RETURNED).order_by("-sent_at").first()
    if earlier is not None and earlier.status == SubmissionStatus.SENT:
        raise ValidationError(
            _("Văn bản %(number)s đã gửi lúc %(when)s và đang chờ cấp trên nhận.")
            % {"number": document.number_text, "when": _when(earlier.sent_at)}
        )
    if earlier is not None:
        raise ValidationError(
            _(
                "Cấp trên đã nhận văn bản %(number)s lúc %(when)s: không gửi lại. "
                "Muốn sửa, hãy ban hành bản đính chính (số mới) rồi gửi bản đó."
            )
            % {"number": document.number_text, "when": _when(earlier.decided_at)}
        )
    submission = Submission(document=document, sent_to=parent, sent_at=timezone.now(), sent_by=by)
    submission.full_clean()
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as error:  # the constraint, should a sending slip past the lock
        raise ValidationError(_("Văn bản này vừa được gửi.")) from error
    return submission


def _decide(*, submission: Submission, by: User | None, status: str, comment: str) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != SubmissionStatus.SENT:
        raise ValidationError(
            _("Văn bản này đã được xử lý (%(status)s) lúc %(when)s.")
            % {"status": submission.get_status_display().lower(), "when": _when(submission.decided_at)}
        )
    submission.status = status
    submission.decided_at = timezone.now()
    submission.decided_by = by
    submission.comment = " ".join(nfc(comment or "").split())
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def submission_acknowledge(*, submission: Submission, by: User | None, comment: str = "") -> Submission:
    """The parent has received the document (a comment is optional)."""
    return _decide(submission=submission, by=by, status=SubmissionStatus.ACKNOWLEDGED, comment=comment)


@transaction.atomic
def submission_return(*, submission: Submission, by: User | None, comment: str) -> Submission:
    """The parent sends the document back; the comment (what to correct) is required."""
    if not " ".join((comment or "").split()):
        raise ValidationError({"comment": _("Khi trả lại, hãy ghi rõ lý do để chi đoàn biết cần sửa gì.")})
    return _decide(submission=submission, by=by, status=SubmissionStatus.RETURNED, comment=comment)
