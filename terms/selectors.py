"""Reads of a term that span models: the committee of a term, its changes, the targets, and what the services check.

Each selector does its own select_related / prefetch_related so that a page
stays at a fixed number of queries whatever the number of seats, targets or
progress entries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from members import figures as member_figures
from members.models import Member, MemberStatus, MemberStatusChange, Organisation, kinds_leading_to
from terms.models import (
    Assignment,
    CommitteeRole,
    CommitteeSeat,
    ProgressEntry,
    SeatEndKind,
    SeatStartKind,
    Target,
    Term,
)

# What the services read before they write --------------------------------------------------------------


def active_member_count(branch: Organisation, on: datetime.date) -> int:
    """The members of `branch` active on `on` (counted where they were that day): the size that sets the committee's rules."""
    return member_figures.active_count(branch=branch, on=on)


def is_active_member(member: Member, on: datetime.date) -> bool:
    return Member.objects.filter(pk=member.pk).active_on(on).exists()


def term_overlaps(*, branch: Organisation, starts_on: datetime.date, ends_on: datetime.date) -> bool:
    """Whether another term of `branch` shares a day with starts_on – ends_on."""
    return Term.objects.filter(branch=branch, starts_on__lt=ends_on, ends_on__gt=starts_on).exists()


def seats_held_after(*, term: Term, day: datetime.date) -> QuerySet[CommitteeSeat]:
    """The term's seats still held after `day`: a seat ending on `day` frees its place that day."""
    return CommitteeSeat.objects.filter(term=term).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def sat_on_committee(*, term: Term, member: Member) -> bool:
    """Whether `member` held a seat of the term at any time (who may be assigned an area or a target)."""
    return term.seats.filter(member=member).exists()


def next_position(rows: QuerySet) -> int:
    """The position after the last of `rows` (seats or targets): a new row goes at the end of the list."""
    return (rows.order_by("-position").values_list("position", flat=True).first() or 0) + 1


def target_has_progress(target: Target) -> bool:
    return ProgressEntry.objects.filter(target=target).exists()


# What the pages read ---------------------------------------------------------------------------------------


def terms_of_branch(*, branch: Organisation) -> list[Term]:
    """The branch's terms, newest first (for the term switcher)."""
    return list(Term.objects.filter(branch=branch).order_by("-starts_on"))


def _slug_years(slug: str) -> tuple[int, int] | None:
    """(2022, 2024) from "2022-2024" or "2022 – 2024"; None for anything else, a year 0 or 10000 included."""
    parts = [p for p in slug.replace("–", "-").replace(" ", "").split("-") if p]
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) == 4 for p in parts):
        return None
    first, last = int(parts[0]), int(parts[1])
    if not (datetime.MINYEAR <= first <= last <= datetime.MAXYEAR):
        return None
    return first, last


def term_by_slug(*, branch: Organisation, slug: str) -> Term | None:
    """The branch's term named by `slug` ("2022-2024", as Term.slug writes it), or None (the view answers 404)."""
    years = _slug_years(slug)
    if years is None:
        return None
    return (
        Term.objects.select_related("branch")
        .filter(branch=branch, starts_on__year=years[0], ends_on__year=years[1])
        .order_by("-starts_on")
        .first()
    )


def reference_date(*, term: Term, today: datetime.date) -> datetime.date:
    """The day the committee is shown for: today, or the last day of a term that is over."""
    return min(max(today, term.starts_on), term.ends_on)


def committee_seats(*, term: Term) -> QuerySet[CommitteeSeat]:
    """Every seat of the term, Secretary first, with the member in the same query."""
    return CommitteeSeat.objects.filter(term=term).select_related("member").in_role_order()


@dataclass
class CommitteeChange:
    """One line of the committee's history: someone added, someone leaving, a role change."""

    on: datetime.date
    member: Member
    kind: str  # "added", "left", "role_change", "term_ended"
    role: str = ""
    old_role: str = ""
    end_kind: str = ""
    reason: str = ""
    seats: list[CommitteeSeat] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return str(CommitteeRole(self.role).label) if self.role else ""

    @property
    def old_role_label(self) -> str:
        return str(CommitteeRole(self.old_role).label) if self.old_role else ""

    @property
    def end_kind_label(self) -> str:
        return str(SeatEndKind(self.end_kind).label) if self.end_kind else ""


def committee_changes(*, seats: list[CommitteeSeat]) -> list[CommitteeChange]:
    """The changes of a term's committee, in date order, built from its seats (no query).

    A role change is stored as one seat ending and another starting the same day;
    it is shown as one change.
    """
    changes: list[CommitteeChange] = []
    started_by_change = {
        (seat.member_id, seat.started_on): seat for seat in seats if seat.start_kind == SeatStartKind.ROLE_CHANGE
    }
    for seat in seats:
        if seat.start_kind == SeatStartKind.ADDED:
            changes.append(
                CommitteeChange(on=seat.started_on, member=seat.member, kind="added", role=seat.role, seats=[seat])
            )
        if seat.ended_on is None:
            continue
        if seat.end_kind == SeatEndKind.ROLE_CHANGE:
            successor = started_by_change.get((seat.member_id, seat.ended_on))
            changes.append(
                CommitteeChange(
                    on=seat.ended_on,
                    member=seat.member,
                    kind="role_change",
                    role=successor.role if successor else "",
                    old_role=seat.role,
                    seats=[seat, successor] if successor else [seat],
                )
            )
        else:
            changes.append(
                CommitteeChange(
                    on=seat.ended_on,
                    member=seat.member,
                    kind="term_ended" if seat.end_kind == SeatEndKind.TERM_ENDED else "left",
                    old_role=seat.role,
                    end_kind=seat.end_kind,
                    reason=seat.end_reason,
                    seats=[seat],
                )
            )
    changes.sort(key=lambda change: (change.on, change.member.name_sort_key))
    return changes


def committee_members(*, term: Term) -> QuerySet[Member]:
    """Members who sat on the committee at any time in the term: who may be responsible for a target."""
    return Member.objects.filter(committee_seats__term=term).distinct().in_name_order()


def assignments_of_term(*, term: Term) -> QuerySet[Assignment]:
    return Assignment.objects.filter(term=term).select_related("member").order_by("area", "id")


def _readings() -> Prefetch:
    """A target's progress entries in date order, each with who recorded it (their member, if any)."""
    return Prefetch(
        "progress_entries",
        queryset=ProgressEntry.objects.select_related("recorded_by__member").order_by("recorded_on", "id"),
    )


def targets_of_term(*, term: Term) -> QuerySet[Target]:
    """The targets of the term's resolution, each with its responsible member and all its progress entries.

    `Target.latest_entry`, `outcome_on` and `progress_percent` read the prefetched
    entries and `resolution.term`, so listing them costs no query per target; nor does
    reading who recorded each entry (the targets' export lists them).
    """
    return (
        Target.objects.filter(resolution__term=term)
        .select_related("resolution__term", "responsible")
        .prefetch_related(_readings())
        .order_by("position", "id")
    )


def target_of_branch(*, branch: Organisation, pk: int) -> Target | None:
    """One target, only if it belongs to a term of `branch`."""
    return (
        Target.objects.filter(resolution__term__branch=branch, pk=pk)
        .select_related("resolution__term", "responsible")
        .prefetch_related(_readings())
        .first()
    )


def seat_of_branch(*, branch: Organisation, pk: int) -> CommitteeSeat | None:
    """One seat, only if it belongs to a term of `branch`."""
    return CommitteeSeat.objects.filter(term__branch=branch, pk=pk).select_related("term", "member").first()


def member_seats_in_term(*, seat: CommitteeSeat) -> list[CommitteeSeat]:
    """The chain of seats of the same member in the same term (a role change makes a new seat)."""
    return list(
        CommitteeSeat.objects.filter(term_id=seat.term_id, member_id=seat.member_id).order_by("started_on", "id")
    )


# Assignments and targets of people who left ------------------------------------------------------------


@dataclass(frozen=True)
class Departure:
    """Why someone responsible for an area no longer looks after it: they left the branch or the committee."""

    on: datetime.date
    left_branch: bool  # False: still a member, no longer on the committee


def departures(*, term: Term, members: list[Member], on: datetime.date) -> dict[int, Departure]:
    """For each of `members` who has left by `on` (the branch, or the committee of `term`), since when.

    Leaving the branch is the latest status change up to `on` being one after which a member is
    not active (transferred, came of age, left, removed); leaving the committee is holding no seat
    of the term on `on` (or at the term's end when it is over). Two queries whatever the count.
    """
    ids = {m.pk for m in members}
    if not ids:
        return {}
    result: dict[int, Departure] = {}
    latest = (
        MemberStatusChange.objects.filter(member_id__in=ids, on__lte=on)
        .order_by("member_id", "-on", "-id")
        .values_list("member_id", "kind", "on")
    )
    seen: set[int] = set()
    for member_id, kind, changed_on in latest:
        if member_id in seen:
            continue
        seen.add(member_id)
        if kind not in kinds_leading_to(MemberStatus.ACTIVE):
            result[member_id] = Departure(on=changed_on, left_branch=True)
    seated_on = min(on, term.ends_on)
    still_seated: set[int] = set()
    last_ended: dict[int, datetime.date] = {}
    for seat in CommitteeSeat.objects.filter(term=term, member_id__in=ids - set(result)):
        if seat.held_on(seated_on):
            still_seated.add(seat.member_id)
        elif seat.ended_on is not None and seat.ended_on < seated_on:
            last_ended[seat.member_id] = max(seat.ended_on, last_ended.get(seat.member_id, seat.ended_on))
    for member_id, ended_on in last_ended.items():
        if member_id not in still_seated:
            result[member_id] = Departure(on=ended_on, left_branch=False)
    return result


def assignments_with_departures(*, term: Term, on: datetime.date) -> list[tuple[Assignment, Departure | None]]:
    """The term's assignments, each with the departure of its member if they left (see `departures`)."""
    rows = list(assignments_of_term(term=term))
    gone = departures(term=term, members=[row.member for row in rows], on=on)
    return [(row, gone.get(row.member_id)) for row in rows]
