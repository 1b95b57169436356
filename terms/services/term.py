"""Writes on terms, the committee, the resolution and its targets.

The charter rules of docs/domain.md are checked here (and, where the database
can, by constraints as a second line). A refused change raises ValidationError
with a Vietnamese message and saves nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from chidoan.lib.locking import StaleEditError, save_if_unchanged
from members.models import Member, Organisation, OrganisationKind
from terms.models import (
    Assignment,
    CommitteeRole,
    CommitteeSeat,
    ProgressEntry,
    Resolution,
    SeatEndKind,
    SeatStartKind,
    Target,
    TargetKind,
    Term,
)
from terms.models.resolution import RATING_RANK


def _add_months(d: datetime.date, months: int) -> datetime.date:
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def term_length_bounds(branch: Organisation, starts_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The upper level may lengthen or shorten a term by at most half a term."""
    months = branch.term_length_months
    return _add_months(starts_on, months - months // 2), _add_months(starts_on, months + months // 2)


@transaction.atomic
def term_create(
    *, branch: Organisation, starts_on: datetime.date, ends_on: datetime.date, number: int | None = None
) -> Term:
    if branch.kind != OrganisationKind.BRANCH:
        raise ValidationError({"branch": _("Chỉ chi đoàn mới có nhiệm kỳ Ban Chấp hành.")})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")})
    shortest, longest = term_length_bounds(branch, starts_on)
    if not (shortest <= ends_on <= longest):
        raise ValidationError(
            {
                "ends_on": _(
                    "Nhiệm kỳ của chi đoàn loại này là %(months)s tháng, cấp trên chỉ được kéo dài hoặc rút ngắn "
                    "tối đa nửa nhiệm kỳ: ngày kết thúc phải từ %(shortest)s đến %(longest)s."
                )
                % {
                    "months": branch.term_length_months,
                    "shortest": f"{shortest:%d/%m/%Y}",
                    "longest": f"{longest:%d/%m/%Y}",
                }
            }
        )
    overlapping = Term.objects.filter(branch=branch, starts_on__lt=ends_on, ends_on__gt=starts_on)
    if overlapping.exists():
        raise ValidationError({"starts_on": _("Nhiệm kỳ này trùng thời gian với một nhiệm kỳ khác của chi đoàn.")})
    term = Term(branch=branch, starts_on=starts_on, ends_on=ends_on, number=number)
    term.full_clean()
    term.save()
    return term


def active_member_count(branch: Organisation, on: datetime.date) -> int:
    return Member.objects.filter(branch=branch).active_on(on).count()


def _largest_committee_from(seats: QuerySet[CommitteeSeat], day: datetime.date) -> int:
    """The most of `seats` held together on any day from `day` on (the count only rises when a seat starts)."""
    spans = list(seats.values_list("started_on", "ended_on"))
    days = {day} | {start for start, _end in spans if start > day}
    return max(sum(1 for start, end in spans if start <= d and (end is None or end > d)) for d in days)


def _check_seat(
    *, term: Term, member: Member, role: str, started_on: datetime.date, ignore: CommitteeSeat | None = None
) -> None:
    branch = term.branch
    if member.branch_id != branch.pk:
        raise ValidationError({"member": _("Đồng chí này không thuộc chi đoàn.")})
    if not (term.starts_on <= started_on <= term.ends_on):
        raise ValidationError(
            {"started_on": _("Ngày bắt đầu phải nằm trong nhiệm kỳ %(term)s.") % {"term": term.label}}
        )
    if not Member.objects.filter(pk=member.pk).active_on(started_on).exists():
        raise ValidationError({"member": _("Đồng chí này không sinh hoạt tại chi đoàn vào ngày đó.")})
    # The new seat is open from `started_on`, so it clashes with every seat still held
    # after that day, including one entered earlier that starts later in the term.
    # A seat ending on `started_on` frees its place for the successor.
    held = CommitteeSeat.objects.filter(term=term).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
    if ignore is not None:
        held = held.exclude(pk=ignore.pk)
    if held.filter(member=member).exists():
        raise ValidationError({"member": _("Đồng chí này đang giữ một chức danh trong Ban Chấp hành.")})
    if role == CommitteeRole.SECRETARY and held.filter(role=CommitteeRole.SECRETARY).exists():
        raise ValidationError({"role": _("Ban Chấp hành chỉ có một Bí thư.")})
    if role == CommitteeRole.DEPUTY and held.filter(role=CommitteeRole.DEPUTY).exists():
        raise ValidationError({"role": _("Ban Chấp hành có nhiều nhất một Phó Bí thư.")})
    members_now = active_member_count(branch, started_on)
    if members_now < branch.small_branch_threshold:
        if role == CommitteeRole.MEMBER:
            raise ValidationError(
                {
                    "role": _(
                        "Chi đoàn dưới %(n)s đoàn viên chỉ có Bí thư và Phó Bí thư, không có Ủy viên Ban Chấp hành."
                    )
                    % {"n": branch.small_branch_threshold}
                }
            )
    elif _largest_committee_from(held, started_on) >= branch.committee_max_size:
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
) -> CommitteeSeat:
    """Add a member to the committee (elected at congress, or added during the term)."""
    Term.objects.select_for_update().filter(pk=term.pk).first()  # serialise seat changes per term
    _check_seat(term=term, member=member, role=role, started_on=started_on)
    if position is None:
        position = (term.seats.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    seat = CommitteeSeat(
        term=term, member=member, role=role, started_on=started_on, start_kind=start_kind, position=position
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def seat_end(*, seat: CommitteeSeat, on: datetime.date, end_kind: str, reason: str = "") -> CommitteeSeat:
    """A member leaves the committee on `on`, with the reason (e.g. "nghỉ việc")."""
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
    seat.version += 1
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def seat_change_role(*, seat: CommitteeSeat, role: str, on: datetime.date) -> CommitteeSeat:
    """A role change ends the old seat and starts a new one the same day; history keeps both."""
    if seat.role == role:
        raise ValidationError({"role": _("Đồng chí này đã giữ chức danh đó.")})
    seat_end(seat=seat, on=on, end_kind=SeatEndKind.ROLE_CHANGE, reason=_("Thay đổi chức danh"))
    seat.refresh_from_db()
    Term.objects.select_for_update().filter(pk=seat.term_id).first()
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


@transaction.atomic
def assignment_set(*, term: Term, member: Member, area: str) -> Assignment:
    if not term.seats.filter(member=member).exists():
        raise ValidationError({"member": _("Chỉ phân công cho Ủy viên Ban Chấp hành của nhiệm kỳ.")})
    area = " ".join(area.split())
    assignment = Assignment.objects.select_for_update().filter(term=term, area=area).first()
    if assignment is None:
        assignment = Assignment(term=term, member=member, area=area)
    elif assignment.member_id == member.pk:
        return assignment
    else:
        assignment.member = member
        assignment.version += 1
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def resolution_ensure(*, term: Term, title: str = "", adopted_on: datetime.date | None = None) -> Resolution:
    resolution, _created = Resolution.objects.get_or_create(
        term=term, defaults={"title": title, "adopted_on": adopted_on or term.starts_on}
    )
    return resolution


def _check_responsible(term: Term, responsible: Member | None) -> None:
    if responsible is not None and not term.seats.filter(member=responsible).exists():
        raise ValidationError({"responsible": _("Người phụ trách phải là Ủy viên Ban Chấp hành của nhiệm kỳ.")})


TARGET_FIELDS = {"name", "area", "kind", "planned_value", "planned_rating", "unit", "responsible", "position"}


@transaction.atomic
def target_create(*, resolution: Resolution, **fields: Any) -> Target:
    unknown = set(fields) - TARGET_FIELDS
    if unknown:
        raise TypeError(f"unknown target fields: {sorted(unknown)}")
    _check_responsible(resolution.term, fields.get("responsible"))
    if "position" not in fields:
        fields["position"] = (
            resolution.targets.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
    target = Target(resolution=resolution, **fields)
    target.clean_planned()
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_update(*, target: Target, expected_version: int, **fields: Any) -> Target:
    unknown = set(fields) - TARGET_FIELDS
    if unknown:
        raise TypeError(f"unknown target fields: {sorted(unknown)}")
    _check_responsible(target.resolution.term, fields.get("responsible"))
    for name, value in fields.items():
        setattr(target, name, value)
    target.clean_planned()
    target.full_clean()
    save_if_unchanged(target, expected_version=expected_version)
    return target


@transaction.atomic
def target_delete(*, target: Target, expected_version: int) -> None:
    """Delete a target that has no progress; refused when it has or when it changed meanwhile."""
    locked = Target.objects.select_for_update().filter(pk=target.pk).first()
    if locked is None:
        return
    if locked.version != expected_version:
        raise StaleEditError(_("Chỉ tiêu vừa được người khác thay đổi. Hãy xem lại trước khi xóa."), code="stale")
    if ProgressEntry.objects.filter(target=locked).exists():
        raise ValidationError(
            _("Không thể xóa chỉ tiêu đã có số liệu tiến độ: tiến độ là minh chứng của nhiệm kỳ."),
            code="has_progress",
        )
    locked.delete()


def expected_share(term: Term, on: datetime.date) -> Decimal:
    """The share of the term elapsed on `on`, 0–1: what "on schedule" means for a target."""
    total = (term.ends_on - term.starts_on).days
    done = min(max((on - term.starts_on).days, 0), total)
    return Decimal(done) / Decimal(total)


@transaction.atomic
def progress_record(
    *,
    target: Target,
    recorded_on: datetime.date,
    value: Decimal | None = None,
    rating: str = "",
    evidence: str = "",
    reason_behind: str = "",
    by: AbstractBaseUser | None = None,
) -> ProgressEntry:
    """Record where a target stands; a reason is required when it is behind schedule."""
    term = target.resolution.term
    errors: dict[str, str] = {}
    if not (term.starts_on <= recorded_on):
        errors["recorded_on"] = _("Ngày ghi nhận phải từ ngày bắt đầu nhiệm kỳ.")
    if target.kind == TargetKind.RATING:
        if not rating:
            errors["rating"] = _("Cần chọn xếp loại đạt được.")
        value = None
    else:
        if value is None:
            errors["value"] = _("Cần ghi kết quả đạt được.")
        elif value < 0:
            errors["value"] = _("Kết quả không thể âm.")
        elif target.kind == TargetKind.PERCENT and value > 100:
            errors["value"] = _("Tỷ lệ không thể vượt quá 100%.")
        elif target.kind == TargetKind.BOOLEAN and value not in (0, 1):
            errors["value"] = _("Chỉ tiêu có/không chỉ nhận 1 (đạt) hoặc 0 (chưa).")
        rating = ""
    if errors:
        raise ValidationError(errors)
    entry = ProgressEntry(
        target=target,
        recorded_on=recorded_on,
        value=value,
        rating=rating,
        evidence=evidence.strip(),
        reason_behind=reason_behind.strip(),
        recorded_by=by,
    )
    if is_behind(target, entry) and not entry.reason_behind:
        raise ValidationError({"reason_behind": _("Chỉ tiêu đang chậm so với tiến độ nhiệm kỳ: cần ghi lý do.")})
    entry.full_clean()
    entry.save()
    return entry


def is_behind(target: Target, entry: ProgressEntry) -> bool:
    term = target.resolution.term
    if target.kind == TargetKind.RATING:
        return RATING_RANK.get(entry.rating, 0) < RATING_RANK[target.planned_rating]
    if target.kind == TargetKind.BOOLEAN:
        return entry.recorded_on >= term.ends_on and (entry.value or 0) < 1
    expected = target.planned_value * expected_share(term, entry.recorded_on)
    return (entry.value or 0) < expected
