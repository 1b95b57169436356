"""Transfers between branches: the sending branch records one, the receiving branch accepts or refuses it.

Inside the installation the member stays in the sending branch, active, until the receiving
branch accepts; then, in one transaction, the member row moves (`member.branch`), so their
whole history, ratings and admission date go with them, and the move is recorded as two
dated status changes: transferred out of the sending branch and in to the receiving one.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged, stale_error
from members import rules
from members.models import Member, Organisation, StatusChangeKind, Transfer, TransferState
from members.services.status import member_change_status

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def transfer_record(
    *,
    member: Member,
    requested_on: datetime.date,
    assessment: str,
    dues_paid_until: datetime.date | None,
    to_branch: Organisation | None = None,
    to_text: str = "",
    by: User | None = None,
) -> Transfer:
    """The sending branch's record of a transfer: pending inside the installation, done at once outside it."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    to_text = to_text.strip()
    if (to_branch is None) == (not to_text):
        raise ValidationError({"to_branch": _("Chọn chi đoàn tiếp nhận hoặc ghi nơi chuyển đến ngoài hệ thống.")})
    if to_branch is not None:
        if not to_branch.is_branch:
            raise ValidationError({"to_branch": _("Nơi tiếp nhận phải là một chi đoàn.")})
        if to_branch.pk == member.branch_id:
            raise ValidationError({"to_branch": _("Không thể chuyển sinh hoạt về chính chi đoàn của đoàn viên.")})
    if Transfer.objects.filter(member=member, state=TransferState.PENDING).exists():
        raise ValidationError(_("Đoàn viên này đang chờ chi đoàn khác tiếp nhận."))
    last = member.status_changes.order_by("-on", "-id").first()
    # The rules of a transfer out (active member, date, assessment, dues) hold for both kinds.
    rules.check_status_change(
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=requested_on,
        last_kind=last.kind if last else None,
        last_on=last.on if last else None,
        date_of_birth=member.date_of_birth,
        assessment=assessment,
        dues_paid_until=dues_paid_until,
    )
    if dues_paid_until is None:  # check_status_change refused it already; this tells the type checker
        raise ValidationError({"dues_paid_until": _("Chuyển sinh hoạt cần ghi đã đóng đoàn phí đến ngày nào.")})
    transfer = Transfer(
        member=member,
        from_branch=member.branch,
        to_branch=to_branch,
        to_text=to_text,
        requested_on=requested_on,
        assessment=assessment.strip(),
        dues_paid_until=dues_paid_until,
        recorded_by=by,
    )
    if to_branch is None:
        member_change_status(
            member=member,
            kind=StatusChangeKind.TRANSFERRED_OUT,
            on=requested_on,
            assessment=assessment,
            dues_paid_until=dues_paid_until,
            destination=to_text,
            by=by,
        )
        transfer.state = TransferState.ACCEPTED
        transfer.decided_on = requested_on
    transfer.full_clean()
    transfer.save()
    return transfer


def _locked_pending(*, transfer: Transfer, branch: Organisation, expected_version: int) -> Transfer:
    """The transfer, locked, if `branch` receives it and it is still as the deciding page showed it."""
    locked = Transfer.objects.select_for_update().select_related("member", "from_branch").get(pk=transfer.pk)
    if locked.to_branch_id != branch.pk:
        raise ValidationError(_("Chỉ chi đoàn tiếp nhận mới quyết định được việc chuyển sinh hoạt này."))
    if locked.version != expected_version or locked.state != TransferState.PENDING:
        raise stale_error()
    return locked


@transaction.atomic
def transfer_accept(
    *, transfer: Transfer, branch: Organisation, expected_version: int, on: datetime.date, by: User | None = None
) -> Transfer:
    """Tiếp nhận: the member leaves the sending branch and becomes active in `branch` on `on`."""
    transfer = _locked_pending(transfer=transfer, branch=branch, expected_version=expected_version)
    if on < transfer.requested_on:
        raise ValidationError({"on": _("Ngày tiếp nhận không thể trước ngày chuyển đi.")})
    member = transfer.member
    member_change_status(
        member=member,
        kind=StatusChangeKind.TRANSFERRED_OUT,
        on=on,
        assessment=transfer.assessment,
        dues_paid_until=transfer.dues_paid_until,
        destination=branch.name,
        by=by,
    )
    member.branch = branch
    # A new version: an edit page opened in the sending branch can no longer save over the move.
    save_if_unchanged(member, expected_version=member.version, update_fields=["branch", "updated_at"])
    member_change_status(
        member=member, kind=StatusChangeKind.TRANSFERRED_IN, on=on, destination=transfer.from_branch.name, by=by
    )
    transfer.state = TransferState.ACCEPTED
    transfer.decided_on = on
    transfer.decided_by = by
    transfer.full_clean()
    save_if_unchanged(transfer, expected_version=expected_version)
    return transfer


@transaction.atomic
def transfer_refuse(
    *,
    transfer: Transfer,
    branch: Organisation,
    expected_version: int,
    reason: str,
    on: datetime.date,
    by: User | None = None,
) -> Transfer:
    """Từ chối: the member stays in the sending branch, which sees the refusal and its reason."""
    transfer = _locked_pending(transfer=transfer, branch=branch, expected_version=expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do từ chối.")})
    transfer.state = TransferState.REFUSED
    transfer.refusal_reason = reason.strip()
    transfer.decided_on = on
    transfer.decided_by = by
    transfer.full_clean()
    save_if_unchanged(transfer, expected_version=expected_version)
    return transfer
