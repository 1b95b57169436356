"""The committee (Ban Chấp hành) of a term: a member takes a seat, leaves it, or changes role.

A change is never an overwrite: leaving ends the seat with its date and reason, and a
role change ends one seat and opens another the same day, so the committee on any day
is computed from the seats. The charter rules of docs/domain.md are checked here (the
database's constraints are the second line); a refusal saves nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chidoan.lib.locking import lock_versions, save_if_unchanged
from members.models import Member
from terms import rules, selectors
from terms.models import CommitteeRole, CommitteeSeat, SeatEndKind, SeatStartKind, Term


def _lock_term(term_id: int) -> None:
    """Seat changes of one term one after the other: the rules below count the seats held."""
    Term.objects.select_for_update().filter(pk=term_id).first()


def _check_seat(
    *, term: Term, member: Member, role: str, started_on: datetime.date, ignore: CommitteeSeat | None = None
) -> None:
    branch = term.branch
    if member.branch_id != branch.pk:
        raise ValidationError({"member": _("Đồng chí này không thuộc chi đoàn.")})
    if not term.starts_on <= started_on <= term.ends_on:
        raise ValidationError(
            {"started_on": _("Ngày bắt đầu phải nằm trong nhiệm kỳ %(term)s.") % {"term": term.label}}
        )
    if not selectors.is_active_member(member, started_on):
        raise ValidationError({"member": _("Đồng chí này không sinh hoạt tại chi đoàn vào ngày đó.")})
    # The new seat is open from `started_on`, so it clashes with every seat still held
    # after that day, including one entered earlier that starts later in the term.
    held = selectors.seats_held_after(term=term, day=started_on)
    if ignore is not None:
        held = held.exclude(pk=ignore.pk)
    if held.filter(member=member).exists():
        raise ValidationError({"member": _("Đồng chí này đang giữ một chức danh trong Ban Chấp hành.")})
    if role == CommitteeRole.SECRETARY and held.filter(role=CommitteeRole.SECRETARY).exists():
        raise ValidationError({"role": _("Ban Chấp hành chỉ có một Bí thư.")})
    if role == CommitteeRole.DEPUTY and held.filter(role=CommitteeRole.DEPUTY).exists():
        raise ValidationError({"role": _("Ban Chấp hành có nhiều nhất một Phó Bí thư.")})
    members_now = selectors.active_member_count(branch, started_on)
    if rules.is_small_branch(active_members=members_now, threshold=branch.small_branch_threshold):
        if role == CommitteeRole.MEMBER:
            raise ValidationError(
                {
                    "role": _(
                        "Chi đoàn dưới %(n)s đoàn viên chỉ có Bí thư và Phó Bí thư, không có Ủy viên Ban Chấp hành."
                    )
                    % {"n": branch.small_branch_threshold}
                }
            )
    elif (
        rules.largest_committee_from(held.values_list("started_on", "ended_on"), started_on)
        >= branch.committee_max_size
    ):
        raise ValidationError({"role": _("Ban Chấp hành đã đủ %(n)s đồng chí.") % {"n": branch.committee_max_size}})


@transaction.atomic
def seat_add(
    *,
    term: Term,
    member: Member,
    role: str,
    started_on: datetime.date,
    start_kind: str = SeatStartKind.ADDED,
    position: int | None = None,
    decision_number: str = "",
    decision_on: datetime.date | None = None,
) -> CommitteeSeat:
    """Add a member to the committee (elected at congress, added during the term, or appointed by the upper level)."""
    decision_number = decision_number.strip()
    if start_kind == SeatStartKind.APPOINTED:
        errors = {}
        if not decision_number:
            errors["decision_number"] = _("Cần ghi số quyết định chỉ định của cấp trên.")
        if decision_on is None:
            errors["decision_on"] = _("Cần ghi ngày của quyết định chỉ định.")
        elif decision_on > started_on:
            errors["decision_on"] = _("Ngày quyết định không thể sau ngày bắt đầu.")
        if errors:
            raise ValidationError(errors)
    else:
        decision_number, decision_on = "", None
    _lock_term(term.pk)
    _check_seat(term=term, member=member, role=role, started_on=started_on)
    if position is None:
        position = selectors.next_position(term.seats.all())
    seat = CommitteeSeat(
        term=term,
        member=member,
        role=role,
        started_on=started_on,
        start_kind=start_kind,
        position=position,
        decision_number=decision_number,
        decision_on=decision_on,
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def seat_end(
    *,
    seat: CommitteeSeat,
    on: datetime.date,
    end_kind: str,
    reason: str = "",
    expected_version: int | None = None,
) -> CommitteeSeat:
    """A member leaves the committee on `on`, with the reason (e.g. "nghỉ việc").

    `expected_version` is the version the user's form was opened on; without it (a step of
    another service) the seat is taken as it stands now.
    """
    if expected_version is not None:
        # A seat changes only by ending: one that changed meanwhile is refused as such, before its rules.
        lock_versions(CommitteeSeat.objects.all(), {seat.pk: expected_version})
    seat = CommitteeSeat.objects.select_for_update().select_related("term").get(pk=seat.pk)
    if seat.ended_on is not None:
        raise ValidationError(
            _("Đồng chí này đã thôi giữ chức danh từ %(date)s.") % {"date": f"{seat.ended_on:%d/%m/%Y}"}
        )
    if on < seat.started_on:
        raise ValidationError(
            {"on": _("Ngày thôi không thể trước ngày bắt đầu (%(date)s).") % {"date": f"{seat.started_on:%d/%m/%Y}"}}
        )
    if on > seat.term.ends_on and end_kind != SeatEndKind.TERM_ENDED:
        raise ValidationError({"on": _("Ngày thôi phải nằm trong nhiệm kỳ.")})
    if end_kind in (SeatEndKind.LEFT, SeatEndKind.REMOVED) and not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do thôi tham gia Ban Chấp hành (ví dụ: nghỉ việc).")})
    seat.ended_on = on
    seat.end_kind = end_kind
    seat.end_reason = reason.strip()
    seat.full_clean()
    save_if_unchanged(seat, expected_version=seat.version)
    return seat


@transaction.atomic
def seat_change_role(
    *, seat: CommitteeSeat, role: str, on: datetime.date, expected_version: int | None = None
) -> CommitteeSeat:
    """A role change ends the old seat and starts a new one the same day; history keeps both."""
    if seat.role == role:
        raise ValidationError({"role": _("Đồng chí này đã giữ chức danh đó.")})
    seat_end(
        seat=seat,
        on=on,
        end_kind=SeatEndKind.ROLE_CHANGE,
        reason=_("Thay đổi chức danh"),
        expected_version=expected_version,
    )
    seat.refresh_from_db()
    _lock_term(seat.term_id)
    _check_seat(term=seat.term, member=seat.member, role=role, started_on=on, ignore=seat)
    new = CommitteeSeat(
        term=seat.term,
        member=seat.member,
        role=role,
        started_on=on,
        start_kind=SeatStartKind.ROLE_CHANGE,
        position=seat.position,
    )
    new.full_clean()
    new.save()
    return new
