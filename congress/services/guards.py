"""What every step of the day does first and last: the congress locked and still open, in session,
quorate; a refusal as a Vietnamese ValidationError (on a field when it names one), raised before
anything is saved; a row checked (full_clean) before it is saved, a versioned one through
chidoan.lib.locking. The steps call them as `guards.lock(...)`, `guards.refuse(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from chidoan.lib.locking import save_if_unchanged
from congress.models import Congress, CongressStatus
from congress.rules import Quorum
from congress.selectors import quorum_of

NewRow = TypeVar("NewRow", bound=models.Model)


def refuse(message: str, field: str | None = None) -> NoReturn:
    raise ValidationError({field: message} if field else message)


def lock(congress: Congress) -> Congress:
    """The congress row, locked until the end of the transaction: the day's writes go one at a time."""
    return Congress.objects.select_for_update().select_related("closes_term__branch").get(pk=congress.pk)


def require_open(congress: Congress) -> None:
    if congress.status == CongressStatus.CLOSED:
        refuse(_("Đại hội đã bế mạc và đã xác nhận kết quả: không thể thay đổi."))


def require_session(congress: Congress) -> None:
    require_open(congress)
    if congress.status != CongressStatus.IN_SESSION:
        refuse(_("Đại hội chưa khai mạc."))


def require_quorum(congress: Congress) -> Quorum:
    quorum = quorum_of(congress)
    if not quorum.reached:
        refuse(
            _(
                "Chưa đủ số đại biểu: có mặt %(present)s/%(summoned)s, cần ít nhất %(needed)s (hai phần ba) "
                "trước khi biểu quyết hay bỏ phiếu."
            )
            % {
                "present": quorum.present,
                "summoned": quorum.summoned,
                "needed": quorum.needed,
            }
        )
    return quorum


def save_new(row: NewRow) -> NewRow:
    """Check a new row, then insert it (full_clean before save, for every step)."""
    row.full_clean()
    row.save()
    return row


def save_as_read(obj: models.Model) -> None:
    """Check a row this step has just read (under the congress's lock), then save it over the
    version it read: the one locking path (chidoan.lib.locking), never a hand-written `version += 1`."""
    obj.full_clean()
    save_if_unchanged(obj, expected_version=obj.serializable_value("version"))


def check_fields(fields: Mapping[str, Any], allowed: set[str], what: str) -> None:
    """A programming error, not a user's: a keyword the step does not take."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


def check_hands(*, votes_for: int, votes_against: int, votes_abstain: int, voters: int) -> None:
    """A show of hands adds up: no negative count, no more hands than people present."""
    if min(votes_for, votes_against, votes_abstain) < 0:
        refuse(_("Số biểu quyết không thể âm."))
    if votes_for + votes_against + votes_abstain > voters:
        refuse(
            _("Tổng số biểu quyết (%(total)s) nhiều hơn số đại biểu có mặt (%(voters)s).")
            % {"total": votes_for + votes_against + votes_abstain, "voters": voters}
        )
