"""Summons and attendance: who is called to the congress, who came, and the opening of the day.

The list of the summoned is what the quorum is counted on, so it is fixed once the first vote is taken.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from congress.models import (
    Attendance,
    AttendanceStatus,
    BallotRound,
    BodyMember,
    Candidate,
    Congress,
    CongressBody,
    CongressStatus,
    ResolutionVote,
)
from congress.services import guards
from congress.services.preparation import ensure_programme
from members.models import Member


@transaction.atomic
def congress_summon(*, congress: Congress) -> int:
    """Summon every member active on the congress date who is not summoned yet; returns how many were added."""
    congress = guards.lock(congress)
    guards.require_open(congress)
    ensure_programme(congress)
    new_ids = (
        Member.objects.filter(branch=congress.branch)
        .active_on(congress.held_on)
        .exclude(pk__in=congress.attendances.values("member_id"))
        .in_name_order()
        .values_list("pk", flat=True)
    )
    rows = [_new_attendance(congress, member_id) for member_id in new_ids]
    # One INSERT for the rows and one for their history (a few batches on SQLite, which
    # caps the parameters of a statement): the count of queries does not follow the branch.
    bulk_create_with_history(rows, Attendance)
    return len(rows)


def _new_attendance(congress: Congress, member_id: int) -> Attendance:
    """An unsaved summons, checked field by field without a query per row: the congress is the
    locked one, the member comes from the branch's own list, and those already summoned are
    left out of that list, which keeps `attendance_once` true."""
    attendance = Attendance(congress=congress, member_id=member_id)
    attendance.full_clean(exclude=["congress", "member"], validate_unique=False, validate_constraints=False)
    return attendance


@transaction.atomic
def summons_add(*, congress: Congress, member: Member) -> Attendance:
    congress = guards.lock(congress)
    guards.require_open(congress)
    if member.branch_id != congress.branch.pk:
        guards.refuse(_("Đồng chí này không thuộc chi đoàn."), "member")
    if congress.attendances.filter(member=member).exists():
        guards.refuse(_("Đồng chí này đã có trong danh sách triệu tập."), "member")
    _require_no_vote_yet(congress)
    return guards.save_new(Attendance(congress=congress, member=member))


@transaction.atomic
def summons_remove(*, attendance: Attendance) -> None:
    congress = guards.lock(attendance.congress)
    guards.require_open(congress)
    _require_no_vote_yet(congress)
    if BodyMember.objects.filter(body__congress=congress, member_id=attendance.member_id).exists():
        guards.refuse(_("Đồng chí này đang ở trong Đoàn Chủ tịch, Thư ký hoặc Ban Kiểm phiếu."))
    if Candidate.objects.filter(election__congress=congress, member_id=attendance.member_id).exists():
        guards.refuse(_("Đồng chí này đang có tên trong danh sách bầu cử."))
    attendance.delete()


def _require_no_vote_yet(congress: Congress) -> None:
    """The list of who may vote is fixed once the first vote is taken: the quorum is counted on it."""
    voted = (
        CongressBody.objects.filter(congress=congress, votes_for__isnull=False).exists()
        or BallotRound.objects.filter(election__congress=congress).exists()
        or ResolutionVote.objects.filter(congress=congress).exists()
    )
    if voted:
        guards.refuse(_("Đại hội đã biểu quyết hoặc bỏ phiếu: danh sách triệu tập không còn thay đổi được."))


@transaction.atomic
def congress_open(*, congress: Congress) -> Congress:
    """Khai mạc: the day begins; votes can be taken once the quorum is there."""
    congress = guards.lock(congress)
    guards.require_open(congress)
    if congress.status == CongressStatus.IN_SESSION:
        guards.refuse(_("Đại hội đã khai mạc."))
    if not congress.attendances.exists():
        guards.refuse(_("Chưa có danh sách đại biểu triệu tập."))
    ensure_programme(congress)
    congress.status = CongressStatus.IN_SESSION
    guards.save_as_read(congress)
    return congress


@transaction.atomic
def attendance_set(*, attendance: Attendance, status: str, reason: str = "") -> Attendance:
    """Check one summoned member in, or record their absence with its reason (the desk's last word wins)."""
    congress = guards.lock(attendance.congress)
    guards.require_open(congress)
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if status not in AttendanceStatus.values:
        guards.refuse(_("Tình trạng điểm danh không hợp lệ."), "status")
    reason = reason.strip()
    if status == AttendanceStatus.ABSENT and not reason:
        guards.refuse(_("Cần ghi lý do vắng mặt."), "reason")
    # Someone may leave after a vote: each vote keeps the number present when it was taken,
    # and the next one is refused if the quorum is gone.
    attendance.status = status
    attendance.absence_reason = reason if status == AttendanceStatus.ABSENT else ""
    guards.save_as_read(attendance)
    return attendance
