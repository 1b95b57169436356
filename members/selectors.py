"""Reads of members that span models: the member list with its filters, statuses, transfers.

The dashboard's counts by status and age band are in members.figures; the yearly ratings in
members.rating_selectors.

Committee seats live in the terms app, a layer above; the member list is
given them by its caller (`Access.seats`, a lazy QuerySet of the current
term's seats), so this module imports nothing of terms.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from chidoan.lib import figures_cache
from chidoan.lib.text import search_key
from members import rules
from members.models import (
    STATUS_AFTER,
    Member,
    MemberQuerySet,
    MemberRating,
    MemberStatus,
    MemberStatusChange,
    Organisation,
    Transfer,
    TransferState,
)


def seats_held_on(seats: QuerySet[Any], on: datetime.date) -> QuerySet[Any]:
    """The seats of `seats` (committee seats of one term) held on `on`."""
    return seats.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def near_age_condition(on: datetime.date) -> Q:
    """Members who pass their age limit (30, or 35 with a leadership role) within a year of `on`, or already have."""
    horizon = rules.near_age_horizon(on)
    condition = Q()
    for exemption in (False, True):
        # Over the limit means aged limit + 1; that birthday falls on or before the horizon.
        limit = rules.age_limit(leadership_exemption=exemption)
        condition |= Q(leadership_exemption=exemption, date_of_birth__lte=rules.years_before(horizon, limit + 1))
    return condition


@dataclass(frozen=True)
class MemberFilters:
    query: str = ""
    status: str = MemberStatus.ACTIVE  # "" for every status
    committee: bool = False
    near_age: bool = False


def filtered_members(
    *, branch: Organisation, on: datetime.date, seats: QuerySet[Any] | None, filters: MemberFilters
) -> MemberQuerySet:
    """The branch's members that `filters` leave, in Vietnamese name order, with no per-row annotation.

    The status filter is each member's latest change on `on`, one probe of the covering index a
    member of the branch (MemberQuerySet.in_status_on): a page in name order probes about its own
    rows, a count the branch's members, never the installation's changes (an anti-join over them
    cost about 40 ms at 5,000 members whatever the branch). The committee filter is one subquery.
    """
    members = Member.objects.filter(branch=branch).in_name_order()
    if filters.query:
        members = members.search(filters.query)
    if filters.status:
        members = members.in_status_on(on, filters.status)
    if filters.committee:
        held = seats_held_on(seats, on) if seats is not None else None
        members = members.filter(pk__in=held.values("member_id")) if held is not None else members.none()
    if filters.near_age:
        members = members.filter(near_age_condition(on))
    return members


def with_list_columns(members: MemberQuerySet, *, on: datetime.date, seats: QuerySet[Any] | None) -> MemberQuerySet:
    """Annotate each of `members` with its status (`last_change_kind`) and committee role on `on`."""
    members = members.with_status_on(on)
    if seats is not None:
        role = seats_held_on(seats, on).filter(member=OuterRef("pk")).order_by("started_on").values("role_label")[:1]
        members = members.annotate(committee_role=Subquery(role))
    return members


def member_list(
    *, branch: Organisation, on: datetime.date, seats: QuerySet[Any] | None, filters: MemberFilters
) -> MemberQuerySet:
    """The branch's members in Vietnamese name order, each annotated with status and committee role on `on`.

    `seats` are the committee seats of the current term with their `role_label` (None: no term).
    A fixed number of queries whatever the number of members: status and role
    are subqueries, not per-row lookups. For every row at once (the export); a page: member_list_page.
    """
    return with_list_columns(filtered_members(branch=branch, on=on, seats=seats, filters=filters), on=on, seats=seats)


class _CountedPaginator(Paginator):
    """A Paginator told its count (member_list_count) instead of counting its object list."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def member_list_count(
    *, branch: Organisation, on: datetime.date, seats: QuerySet[Any] | None, filters: MemberFilters
) -> int:
    """How many members `filters` leave: from the branch's figures cache (chidoan.lib.figures_cache) when it is on.

    The count is the one part of a page of the list that grows with the branch: it asks every
    member's latest status change (the status filter, one index probe a member of the branch), a
    few ms at 5,000 members where the page's rows take a fraction of a millisecond. The cache is
    never stale: every write to the members, their status changes or the term's seats bumps the
    branch's token, and the date and the filters are in the key. With the cache off (local
    memory, the default of one process), it is counted every time.
    """
    ids = filtered_members(branch=branch, on=on, seats=seats, filters=filters).values_list("pk", flat=True)
    query = hashlib.sha256(filters.query.encode()).hexdigest()[:16] if filters.query else ""
    part = (
        f"members-list-count:{on.isoformat()}:{filters.status}:{int(filters.committee)}:"
        f"{int(filters.near_age)}:{int(seats is not None)}:{query}"
    )
    return figures_cache.cached(branch.pk, part, ids.count)


def member_list_page(
    *,
    branch: Organisation,
    on: datetime.date,
    seats: QuerySet[Any] | None,
    filters: MemberFilters,
    number: Any,
    per_page: int,
) -> Page:
    """One page of member_list: counted (member_list_count) and paged on the bare filtered ids, then only its rows annotated.

    A page in the second half is read backwards from the end (the reverse order, a small OFFSET,
    the ids turned round), so the last page sorts no more than the first: the order is total
    (name key, then id), so its reverse gives the same rows in the same order.
    """
    ids = filtered_members(branch=branch, on=on, seats=seats, filters=filters).values_list("pk", flat=True)
    count = member_list_count(branch=branch, on=on, seats=seats, filters=filters)
    page = _CountedPaginator(ids, per_page, count=count).get_page(number)
    bottom, top = page.start_index() - 1, page.end_index()
    if count == 0:
        shown: list[int] = []
    elif bottom > count - top:
        shown = list(ids.reverse()[count - top : count - bottom])[::-1]
    else:
        shown = list(ids[bottom:top])
    rows = {m.pk: m for m in with_list_columns(Member.objects.filter(pk__in=shown), on=on, seats=seats)}
    page.object_list = [rows[pk] for pk in shown]
    return page


def status_of(member: Member) -> str | None:
    """The status from the `last_change_kind` annotation of `with_status_on`."""
    kind = getattr(member, "last_change_kind", None)
    return STATUS_AFTER[kind] if kind else None


def member_status_on(member: Member, on: datetime.date) -> str | None:
    """One member's status on `on` (one query); None before their first record."""
    last = member.status_changes.filter(on__lte=on).order_by("-on", "-id").first()
    return STATUS_AFTER[last.kind] if last else None


def members_of_branch_on(*, branch: Organisation, on: datetime.date) -> MemberQuerySet:
    """The members who belonged to `branch` on `on`, wherever they are now.

    An accepted transfer inside the installation moves the member row to the receiving
    branch; until its day the member still counts in the branch they left: a member's
    branch on `on` is the sending branch of their first transfer accepted after `on`,
    else their branch today. Two subqueries built once (no lookup per member): the members
    moved since `on`, and the first move since `on` of those who left `branch`.
    """
    moved_after = Transfer.objects.filter(state=TransferState.ACCEPTED, to_branch__isnull=False, decided_on__gt=on)
    earlier_move = moved_after.filter(member=OuterRef("member")).filter(
        Q(decided_on__lt=OuterRef("decided_on")) | Q(decided_on=OuterRef("decided_on"), pk__lt=OuterRef("pk"))
    )
    first_moves_from_here = moved_after.filter(from_branch=branch).filter(~Exists(earlier_move))
    return Member.objects.filter(
        (Q(branch=branch) & ~Q(pk__in=moved_after.values("member_id")))
        | Q(pk__in=first_moves_from_here.values("member_id"))
    )


def latest_changes_on(on: datetime.date) -> QuerySet[MemberStatusChange]:
    """Each member's latest status change on or before `on` (at most one a member).

    "No later change": an anti-join that PostgreSQL builds once (a hash anti-join), where the
    `with_status_on` annotation runs a subquery for every member; counting and filtering by
    status read this, a page of rows the annotation.
    """
    later = MemberStatusChange.objects.filter(member=OuterRef("member"), on__lte=on).filter(
        Q(on__gt=OuterRef("on")) | Q(on=OuterRef("on"), pk__gt=OuterRef("pk"))
    )
    return MemberStatusChange.objects.filter(on__lte=on).filter(~Exists(later))


def branch_member(*, branch: Organisation, pk: int) -> Member | None:
    """The member `pk` if they belong to `branch`, with their login."""
    return Member.objects.filter(branch=branch, pk=pk).select_related("user").first()


def branch_members(*, branch: Organisation, pks: list[int]) -> list[Member]:
    """The members of `branch` among `pks`, in name order (the others are left out)."""
    return list(Member.objects.filter(branch=branch, pk__in=pks).in_name_order()) if pks else []


def member_detail(*, branch: Organisation, pk: int, on: datetime.date) -> Member:
    """One member of `branch` with their status history, ratings and committee seats; Member.DoesNotExist otherwise.

    The seats (of the terms app) come through the reverse relation, in the page's order (latest first).
    """
    return (
        Member.objects.filter(branch=branch)
        .with_status_on(on)
        .select_related("user", "user__account_state")
        .prefetch_related(
            "status_changes",  # read twice: the coming-of-age flag and the page's list
            Prefetch("ratings", queryset=MemberRating.objects.order_by("-year")),
            "committee_seats__term",  # each seat shows its term
        )
        .get(pk=pk)
    )


def member_delete_blockers(member: Member) -> list[str]:
    """Why a member cannot be deleted: deleting would erase part of the branch's history."""
    reasons = []
    if member.status_changes.count() > 1:
        reasons.append(_("đã có thay đổi tình trạng sau khi vào chi đoàn"))
    if member.committee_seats.exists():
        reasons.append(_("đã từng giữ chức danh trong Ban Chấp hành"))
    if member.responsible_targets.exists():
        reasons.append(_("đang phụ trách chỉ tiêu của nghị quyết"))
    if member.ratings.exists():
        reasons.append(_("đã có xếp loại hằng năm"))
    return reasons


def member_ids_found(*, branch: Organisation, query: str) -> set[int]:
    """The members of `branch` whose name matches `query` (accent-free, every word; one query)."""
    return set(Member.objects.filter(branch=branch).search(query).values_list("pk", flat=True))


def suggested_username(member: Member) -> str:
    """ "Phạm Thị Thu Trang" -> "trangpham", then "trangpham2"… until it is free."""
    base = "".join((search_key(member.given_name) + search_key(member.family_name)).split()) or "doanvien"
    taken = set(get_user_model().objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def pending_transfer_member_ids(*, branch: Organisation) -> set[int]:
    """The members of `branch` waiting for another branch to accept them (chờ tiếp nhận)."""
    return set(
        Transfer.objects.filter(from_branch=branch, state=TransferState.PENDING).values_list("member_id", flat=True)
    )


def transfers_to_accept(*, branch: Organisation) -> QuerySet[Transfer]:
    """Transfers waiting for `branch` to decide, with the member (only the transferred members' own rows)."""
    return (
        Transfer.objects.filter(to_branch=branch, state=TransferState.PENDING)
        .select_related("member", "from_branch")
        .order_by("requested_on", "id")
    )


def transfers_sent(*, branch: Organisation) -> QuerySet[Transfer]:
    """Every transfer `branch` recorded, latest first: pending, refused (with the reason) and accepted."""
    return Transfer.objects.filter(from_branch=branch).select_related("member", "to_branch")


def transfer_sent_outside(*, branch: Organisation, pk: int) -> Transfer | None:
    """The transfer `pk` that `branch` recorded to a place outside the installation, with its member."""
    return Transfer.objects.filter(from_branch=branch, pk=pk, to_branch__isnull=True).select_related("member").first()


def incoming_transfer(*, branch: Organisation, pk: int) -> Transfer | None:
    """The pending or decided transfer `pk` if `branch` receives it."""
    return Transfer.objects.filter(to_branch=branch, pk=pk).select_related("member", "from_branch").first()


def transfer_destinations(*, branch: Organisation) -> QuerySet[Organisation]:
    """The installation's branches a member of `branch` can be transferred to."""
    return Organisation.objects.branches().exclude(pk=branch.pk).order_by("name")
