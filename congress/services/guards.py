"""What every step of the day checks first: the congress locked and still open, in session, quorate.

A refusal is a Vietnamese ValidationError (on a field when it names one), raised before anything is saved.
"""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chidoan.lib.text import two_digits
from congress.models import Congress, CongressStatus
from congress.rules import Quorum
from congress.selectors import quorum_of


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
                "present": two_digits(quorum.present),
                "summoned": two_digits(quorum.summoned),
                "needed": two_digits(quorum.needed),
            }
        )
    return quorum


def check_hands(*, votes_for: int, votes_against: int, votes_abstain: int, voters: int) -> None:
    """A show of hands adds up: no negative count, no more hands than people present."""
    if min(votes_for, votes_against, votes_abstain) < 0:
        refuse(_("Số biểu quyết không thể âm."))
    if votes_for + votes_against + votes_abstain > voters:
        refuse(
            _("Tổng số biểu quyết (%(total)s) nhiều hơn số đại biểu có mặt (%(voters)s).")
            % {"total": votes_for + votes_against + votes_abstain, "voters": voters}
        )
